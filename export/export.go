// Package export owns wfconnect's exports: any search of any object type,
// every row once, to CSV, JSON, NDJSON or an Excel workbook, for the CLI's
// export command and the desktop app's Export… dialog alike. It counts the
// rows (the first pages are asked for meanwhile), fetches pages of 2000
// with an ID tiebreak, several at once, and writes them in order as they
// come, so memory stays flat however many rows there are. A 429 from
// Workfront lowers the number of requests at once for the rest of the run.
// The data may change while it pages: rows that paging returns twice are
// written once, Workfront counts again as the last page is asked for, and
// when that count differs from the rows written, an export ordered by ID
// fetches the rows after the last ID and counts once more; a difference
// that remains is Result.Warning, with the number of rows. ToFile writes
// beside the target and renames only a complete file into place. It
// imports no Fyne.
package export

import (
	"context"
	"errors"
	"hash/maphash"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/workfront"
)

// Source is what an export reads from; *workfront.Client satisfies it.
type Source interface {
	Count(ctx context.Context, objCode string, filters []workfront.Filter) (int, error)
	Search(ctx context.Context, s workfront.Search) ([]workfront.Object, error)
}

const (
	// DefaultConcurrency is how many pages are fetched at once by default.
	DefaultConcurrency = 4
	// MaxConcurrency bounds it: Workfront named 10 concurrent requests as
	// its limit until 2024.
	MaxConcurrency = 10
)

// Job says what to export and how.
type Job struct {
	ObjCode string
	Filters []workfront.Filter
	// Fields are the columns after ID, which always comes first: plain
	// fields, references' fields (owner:name), custom fields (DE:Budget).
	Fields []string
	Sorts  []workfront.Sort // optional; ID breaks ties
	Format Format
	// Concurrency is how many pages are fetched at once: 1 to 10, 0 for
	// DefaultConcurrency. A 429 lowers it for the rest of the run.
	Concurrency int
	// PageSize is the rows per request: 0 for 2000, Workfront's maximum.
	PageSize int
	// BOM starts a CSV with a UTF-8 byte order mark, which Excel needs to
	// read UTF-8 (Chinese, accents) when a file is double-clicked;
	// LibreOffice and most tools skip it. ToFile sets it for CSV files.
	BOM bool
	// SheetName names the workbook's sheet; default: the object type.
	SheetName string
	// OnProgress, when set, is called after the count and after each page
	// is written, on the goroutine that runs the export (never the UI's:
	// a UI hands it to its own goroutine).
	OnProgress func(Progress)
}

// Progress is how far an export has come.
type Progress struct {
	Done        int           // rows written
	Total       int           // rows Workfront counted (at least Done)
	Elapsed     time.Duration // since the export began
	PerSecond   float64       // rows written per second so far
	Left        time.Duration // at that rate; -1 while unknown
	Concurrency int           // pages fetched at once now
}

// Fraction is Done of Total, between 0 and 1.
func (p Progress) Fraction() float64 {
	if p.Total <= 0 {
		return 0
	}
	return min(1, float64(p.Done)/float64(p.Total))
}

// Run exports job from src to w. On an error the output is incomplete
// (ToFile then leaves no file); a Result with a Warning is a complete run
// over data that changed meanwhile.
func Run(ctx context.Context, src Source, job Job, w io.Writer) (Result, error) {
	if err := job.check(); err != nil {
		return Result{}, err
	}
	rw, err := newRowWriter(job, w)
	if err != nil {
		return Result{}, err
	}
	e := &engine{src: src, job: job, rw: rw, start: time.Now()}
	res, err := e.run(ctx)
	if err != nil {
		rw.abort()
	}
	return res, err
}

func (j *Job) check() error {
	if j.Format == "" {
		j.Format = CSV
	}
	if _, err := ParseFormat(string(j.Format)); err != nil {
		return err
	}
	switch {
	case j.Concurrency == 0:
		j.Concurrency = DefaultConcurrency
	case j.Concurrency < 1 || j.Concurrency > MaxConcurrency:
		return msg.New("Fetch between 1 and 10 pages at once (asked for %d).", j.Concurrency)
	}
	if j.PageSize <= 0 || j.PageSize > workfront.MaxLimit {
		j.PageSize = workfront.MaxLimit
	}
	for _, f := range j.Fields {
		if strings.TrimSpace(f) == "*" {
			return msg.New("An export needs its columns named: list the fields instead of *.")
		}
	}
	return nil
}

type engine struct {
	src   Source
	job   Job
	rw    rowWriter
	start time.Time
	res   Result

	// dedup: the last ID written, for exports ordered by ID; else the
	// hashes of every ID written (8 bytes a row).
	counted    bool // the first count came
	countAsked bool
	countErr   error
	endAsked   bool // the count at the end
	endDone    bool
	endCount   int
	endErr     error
	endPlanned int // the pages planned when it was asked for
	byID       int // +1 ascending by ID, -1 descending, 0 another order
	lastID     string
	seen       map[uint64]struct{}
	seed       maphash.Seed

	mu        sync.Mutex
	cond      *sync.Cond
	limit     int // pages fetched at once now
	inFlight  int
	next      int // the next page to fetch
	planned   int // pages to fetch (grows while the last one comes full)
	written   int // pages written
	pages     map[int]page
	stopped   bool
	requests  int
	throttled int
}

type page struct {
	rows []workfront.Object
	err  error
}

func (e *engine) run(ctx context.Context) (Result, error) {
	ctx = workfront.WithRetryNotify(ctx, e.onRetry)
	e.cond = sync.NewCond(&e.mu)
	e.limit = e.job.Concurrency
	e.pages = map[int]page{}
	e.byID = idOrder(e.job.Sorts)
	if e.byID == 0 {
		e.seen = map[uint64]struct{}{}
		e.seed = maphash.MakeSeed()
	}
	// While the first count runs, the pages it leaves room for are asked
	// for already: page 0 and on need no count.
	e.planned = e.job.Concurrency - 1
	if err := e.rw.begin(); err != nil {
		return e.result(), writeError(err)
	}

	// The workers' own context ends their requests once the pages are
	// written or the export failed.
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for range e.job.Concurrency {
		wg.Go(func() { e.worker(wctx) })
	}
	stop := context.AfterFunc(wctx, func() {
		e.mu.Lock()
		e.stopped = true
		e.cond.Broadcast()
		e.mu.Unlock()
	})
	err := e.writePages(ctx)
	if err == nil {
		err = e.awaitEndCount(ctx)
	}
	stop()
	e.mu.Lock()
	e.stopped = true
	e.cond.Broadcast()
	e.mu.Unlock()
	cancel()
	wg.Wait()
	if err == nil && e.res.CountedEnd != e.res.Rows && e.byID == 1 {
		// Rows added after the last ID: fetch them, then count again.
		if err = e.lastPass(ctx); err == nil {
			e.res.CountedEnd, err = e.count(ctx)
		}
	}
	if err != nil {
		return e.result(), e.why(ctx, err)
	}
	if err := e.rw.end(); err != nil {
		return e.result(), writeError(err)
	}
	e.progress()
	return e.result(), nil
}

// awaitEndCount waits for the count at the end, which a worker asks for
// as soon as the last page has been asked for; when more pages followed
// (a full last page), it counts again.
func (e *engine) awaitEndCount(ctx context.Context) error {
	e.mu.Lock()
	for !e.endDone && !e.stopped {
		e.cond.Wait()
	}
	done, err, n, fresh := e.endDone, e.endErr, e.endCount, e.endPlanned == e.planned
	e.mu.Unlock()
	switch {
	case !done:
		return context.Canceled
	case err != nil:
		return err
	case !fresh:
		n, err = e.count(ctx)
	}
	e.res.CountedEnd = n
	return err
}

// why says why an export ended early.
func (e *engine) why(ctx context.Context, err error) error {
	var we *writeErr
	canceled := ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded))
	switch {
	case errors.As(err, &we):
		return err
	case canceled && !e.counted:
		return msg.New("The export was canceled before the first row.").WithKind(ErrCanceled).Because(err)
	case canceled:
		return msg.New("The export was canceled after %d of %d rows.", e.res.Rows, max(e.res.Counted, e.res.Rows)).WithKind(ErrCanceled).Because(err)
	case !e.counted:
		return msg.New("The export stopped before the first row: %v", err).Because(err)
	}
	return msg.New("The export stopped after %d of %d rows: %v", e.res.Rows, max(e.res.Counted, e.res.Rows), err).Because(err)
}

func (e *engine) result() Result {
	e.mu.Lock()
	defer e.mu.Unlock()
	r := e.res
	r.Requests, r.Throttled, r.Concurrency = e.requests, e.throttled, e.limit
	r.Elapsed = time.Since(e.start)
	if x, ok := e.rw.(*xlsxWriter); ok {
		r.CutCells, r.CutColumn, r.CutRow = x.cut, x.cutColumn, x.cutRow
	}
	return r
}

func (e *engine) count(ctx context.Context) (int, error) {
	e.mu.Lock()
	e.requests++
	e.mu.Unlock()
	return e.src.Count(ctx, e.job.ObjCode, e.job.Filters)
}

// onRetry lowers the concurrency for the rest of the run on a 429.
func (e *engine) onRetry(r workfront.Retry) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.requests++
	if r.Status == 429 {
		e.throttled++
		e.limit = max(1, e.limit-1)
	}
}

// worker runs the requests: the first count, the pages (while there are
// pages to fetch, a slot among the requests at once, and room in the
// window ahead of the writer), and the count at the end once the last page
// has been asked for.
func (e *engine) worker(ctx context.Context) {
	window := 2 * e.job.Concurrency
	for {
		e.mu.Lock()
		job := none
		for !e.stopped && job == none {
			switch {
			case e.inFlight >= e.limit:
			case !e.countAsked:
				job = firstCount
			case e.next < e.planned && e.next < e.written+window:
				job = nextPage
			case e.counted && e.next >= e.planned && !e.endAsked:
				job = endCount
			}
			if job == none {
				e.cond.Wait()
			}
		}
		if e.stopped {
			e.mu.Unlock()
			return
		}
		e.inFlight++
		e.requests++
		k, planned := e.next, e.planned
		switch job {
		case firstCount:
			e.countAsked = true
		case nextPage:
			e.next++
		case endCount:
			e.endAsked = true
		}
		e.mu.Unlock()

		var rows []workfront.Object
		var n int
		var err error
		switch job {
		case nextPage:
			rows, err = e.src.Search(ctx, e.search(k))
		default:
			n, err = e.src.Count(ctx, e.job.ObjCode, e.job.Filters)
		}

		e.mu.Lock()
		e.inFlight--
		switch job {
		case firstCount:
			e.countErr = err
			if err == nil {
				e.res.Counted, e.counted = n, true
				e.planned = max(1, (n+e.job.PageSize-1)/e.job.PageSize)
			}
		case nextPage:
			e.pages[k] = page{rows, err}
		case endCount:
			e.endCount, e.endErr, e.endPlanned, e.endDone = n, err, planned, true
		}
		e.cond.Broadcast()
		e.mu.Unlock()
	}
}

type jobKind int

const (
	none jobKind = iota
	firstCount
	nextPage
	endCount
)

func (e *engine) search(k int) workfront.Search {
	return workfront.Search{ObjCode: e.job.ObjCode, Fields: e.job.Fields, Filters: e.job.Filters,
		Sorts: e.job.Sorts, First: k * e.job.PageSize, Limit: e.job.PageSize}
}

// writePages writes the pages in order as they arrive.
func (e *engine) writePages(ctx context.Context) error {
	e.mu.Lock()
	for !e.counted && e.countErr == nil && !e.stopped {
		e.cond.Wait()
	}
	err := e.countErr
	e.mu.Unlock()
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	e.progress()
	for k := 0; ; k++ {
		e.mu.Lock()
		p, ok := e.pages[k]
		for !ok && !e.stopped {
			e.cond.Wait()
			p, ok = e.pages[k]
		}
		delete(e.pages, k)
		e.mu.Unlock()
		if !ok {
			return ctx.Err()
		}
		if p.err != nil {
			return p.err
		}
		if err := e.write(p.rows); err != nil {
			return err
		}
		e.mu.Lock()
		e.written = k + 1
		last := k >= e.planned-1
		// A full last page: the data grew. Ordered by ID, the last pass
		// fetches what follows; ordered otherwise, read on.
		more := last && len(p.rows) == e.job.PageSize && e.byID != 1
		if more {
			e.planned++
		}
		for j := range e.pages { // pages asked for before the count said there were fewer
			if j >= e.planned {
				delete(e.pages, j)
			}
		}
		e.cond.Broadcast()
		e.mu.Unlock()
		e.progress()
		if last && !more {
			return nil
		}
	}
}

// lastPass fetches rows after the last ID written, which data added
// during an ID-ordered export puts beyond the pages read.
func (e *engine) lastPass(ctx context.Context) error {
	if e.byID != 1 || e.lastID == "" {
		return nil
	}
	for _, f := range e.job.Filters {
		if f.Key == "ID" || f.Key == "ID_Mod" {
			return nil // the person's own ID filter; ours would clash with it
		}
	}
	for {
		s := workfront.Search{ObjCode: e.job.ObjCode, Fields: e.job.Fields, Limit: e.job.PageSize,
			Filters: append(e.job.Filters[:len(e.job.Filters):len(e.job.Filters)], workfront.Filter{Key: "ID", Value: e.lastID}, workfront.Filter{Key: "ID_Mod", Value: "gt"}),
			Sorts:   []workfront.Sort{{Field: "ID"}}}
		e.mu.Lock()
		e.requests++
		e.mu.Unlock()
		rows, err := e.src.Search(ctx, s)
		if err != nil {
			return err
		}
		before := e.res.Rows
		if err := e.write(rows); err != nil {
			return err
		}
		e.res.LatePass += e.res.Rows - before
		e.progress()
		if len(rows) < e.job.PageSize {
			return nil
		}
	}
}

// write writes a page's rows, each ID once.
func (e *engine) write(rows []workfront.Object) error {
	for _, o := range rows {
		if e.repeated(o.ID()) {
			e.res.Repeated++
			continue
		}
		if err := e.rw.row(o); err != nil {
			return writeError(err)
		}
		e.res.Rows++
	}
	return nil
}

// repeated reports an ID already written, and remembers it.
func (e *engine) repeated(id string) bool {
	if id == "" {
		return false
	}
	switch e.byID {
	case 1, -1:
		if e.lastID != "" && strings.Compare(id, e.lastID)*e.byID <= 0 {
			return true
		}
		e.lastID = id
		return false
	}
	h := maphash.String(e.seed, id)
	if _, ok := e.seen[h]; ok {
		return true
	}
	e.seen[h] = struct{}{}
	return false
}

func idOrder(sorts []workfront.Sort) int {
	if len(sorts) == 0 {
		return 1
	}
	if sorts[0].Field == "ID" {
		if sorts[0].Desc {
			return -1
		}
		return 1
	}
	return 0
}

func (e *engine) progress() {
	if e.job.OnProgress == nil {
		return
	}
	e.mu.Lock()
	p := Progress{Done: e.res.Rows, Total: max(e.res.Counted, e.res.Rows), Elapsed: time.Since(e.start), Left: -1, Concurrency: e.limit}
	e.mu.Unlock()
	if s := p.Elapsed.Seconds(); s > 0 && p.Done > 0 {
		p.PerSecond = float64(p.Done) / s
		p.Left = time.Duration(float64(p.Total-p.Done) / p.PerSecond * float64(time.Second))
	}
	e.job.OnProgress(p)
}

// writeErr is a failure to write the output (the disk, the pipe), told
// apart from a failure to read Workfront.
type writeErr struct{ err error }

func (w *writeErr) Error() string { return w.err.Error() }
func (w *writeErr) Unwrap() error { return w.err }

func writeError(err error) error {
	if err == nil {
		return nil
	}
	var we *writeErr
	if errors.As(err, &we) {
		return err
	}
	return &writeErr{err}
}
