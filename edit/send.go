package edit

import (
	"context"
	"errors"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/wfconnect/wfconnect/export"
	"github.com/wfconnect/wfconnect/journal"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/workfront"
)

// Writer reads and writes objects; *workfront.Client is one.
type Writer interface {
	Reader
	Update(ctx context.Context, objCode, id string, updates map[string]any, fields []string) (workfront.Object, error)
	UpdateMany(ctx context.Context, objCode string, updates []map[string]any, atomic bool) ([]workfront.Object, error)
}

// Recorder is the journal: a change is recorded before it is sent and
// settled after; *journal.Journal is one.
type Recorder interface {
	Record(changes ...journal.Change) error
	Settle(outcome, errText string, ids ...string) error
}

// Journal is a connection's journal as the app reads and writes it;
// *journal.Journal is one.
type Journal interface {
	Recorder
	List(limit int) ([]journal.Change, error)
	Get(id string) (journal.Change, error)
}

// BatchSize is Workfront's most objects in one update.
const BatchSize = 100

// SendOptions say how to send a plan.
type SendOptions struct {
	// Atomic asks Workfront for all or nothing: one request, so at most
	// BatchSize objects, and no per-row detail when it fails.
	Atomic bool
	// Concurrency is how many requests are in flight: 0 is the export's
	// default; never more than the export's maximum.
	Concurrency int
	// Force sends rows whose values moved since the dry run.
	Force bool
	// Progress hears after each request; it must not block.
	Progress func(Progress)
	// RevertOf marks the journal's changes as reverting that change.
	RevertOf string
}

// Progress is how far a send is.
type Progress struct {
	Done, Total int // rows
	Elapsed     time.Duration
}

// Sent is a row after sending: Workfront's new state of the object, and
// the journal's change ID.
type Sent struct {
	Now      workfront.Object
	ChangeID string
}

// ErrAtomicTooLarge refuses an all-or-nothing update Workfront cannot make.
var ErrAtomicTooLarge = errors.New("too many rows for all or nothing")

// Send writes every row that changes, in batches, recording each in the
// journal before it goes. Rows keep their status: changed, failed,
// conflict (moved since the dry run), unknown (sent, never confirmed) or
// not sent (cancelled first). It returns an error only when nothing more
// could be sent (the journal refused, or the context ended).
func Send(ctx context.Context, w Writer, j Recorder, plan *Plan, opts SendOptions) ([]Sent, error) {
	todo := plan.indexes(WillChange)
	if opts.Atomic && len(todo) > BatchSize {
		return nil, msg.New("All or nothing holds for one request of at most %d objects, and this update changes %d. Send it row by row, or split it.", BatchSize, len(todo)).WithKind(ErrAtomicTooLarge)
	}
	s := &sender{w: w, j: j, plan: plan, opts: opts, sent: make([]Sent, len(plan.Rows)), start: time.Now(), total: len(todo)}
	for _, i := range todo {
		plan.Rows[i].Status = NotSent
	}
	batches := make(chan []int)
	var wg sync.WaitGroup
	for range s.concurrency() {
		wg.Go(func() {
			for b := range batches {
				s.batch(ctx, b)
			}
		})
	}
	for start := 0; start < len(todo) && s.err() == nil && ctx.Err() == nil; start += BatchSize {
		select {
		case batches <- todo[start:min(start+BatchSize, len(todo))]:
		case <-ctx.Done():
		}
	}
	close(batches)
	wg.Wait()
	if err := s.err(); err != nil {
		return s.sent, err
	}
	return s.sent, ctx.Err()
}

func (p *Plan) indexes(s Status) []int {
	var out []int
	for i, r := range p.Rows {
		if r.Status == s {
			out = append(out, i)
		}
	}
	return out
}

// sender is one Send: rows of the plan are changed by one batch each.
type sender struct {
	w     Writer
	j     Recorder
	plan  *Plan
	opts  SendOptions
	start time.Time
	total int

	mu       sync.Mutex
	done     int
	sent     []Sent // by row; guarded by mu
	firstErr error  // guarded by mu
}

func (s *sender) concurrency() int {
	switch n := s.opts.Concurrency; {
	case n <= 0:
		return export.DefaultConcurrency
	case n > export.MaxConcurrency:
		return export.MaxConcurrency
	default:
		return n
	}
}

func (s *sender) err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.firstErr
}

func (s *sender) fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.firstErr == nil {
		s.firstErr = err
	}
}

// batch sends one request's rows: checked again, journaled, sent, settled.
func (s *sender) batch(ctx context.Context, rows []int) {
	if ctx.Err() != nil || s.err() != nil {
		return
	}
	rows, err := s.recheck(ctx, rows)
	if err != nil {
		s.fail(err)
		return
	}
	if len(rows) == 0 {
		return
	}
	ids, err := s.record(rows)
	if err != nil {
		s.fail(err)
		return
	}
	objs, err := s.send(ctx, rows)
	switch {
	case err == nil:
		s.settle(rows, ids, Changed, nil, objs)
	case s.opts.Atomic || !refusedInBatch(err) || ctx.Err() != nil || len(rows) == 1:
		s.settle(rows, ids, outcomeOf(err, ctx), err, nil)
	default:
		// Workfront refused an object of the batch, and the others may or
		// may not have been applied: each row alone tells. Rows already
		// applied are sent again with the same values, which changes
		// nothing more.
		for k, i := range rows {
			objs, err := s.send(ctx, []int{i})
			status := Changed
			if err != nil {
				status = outcomeOf(err, ctx)
			}
			s.settle([]int{i}, ids[k:k+1], status, err, objs)
		}
	}
}

// outcomeOf is a failed request's status: unknown when Workfront may have
// applied it (a 5xx, an answer cut off), failed when it refused it.
func outcomeOf(err error, ctx context.Context) Status {
	var apiErr *workfront.APIError
	if errors.As(err, &apiErr) && apiErr.Status >= 400 && apiErr.Status < 500 {
		return Failed
	}
	if errors.Is(err, workfront.ErrOutcomeUnknown) || ctx.Err() != nil {
		return Unknown
	}
	return Failed
}

// refusedInBatch says Workfront refused an object of a batch (a 4xx): the
// batch's rows are worth sending one by one to learn which.
func refusedInBatch(err error) bool {
	var apiErr *workfront.APIError
	return errors.As(err, &apiErr) && apiErr.Status >= 400 && apiErr.Status < 500 && apiErr.Status != 429
}

// send is one request: a single object by its own address, several by
// Workfront's bulk update.
func (s *sender) send(ctx context.Context, rows []int) ([]workfront.Object, error) {
	if len(rows) == 1 && !s.opts.Atomic {
		p := s.plan.Rows[rows[0]]
		u := p.Updates()
		delete(u, "ID")
		// The fields it changes, so that Workfront's answer shows them
		// (its default fields may not hold them).
		fields := append(slices.Sorted(maps.Keys(u)), "name", "lastUpdateDate")
		o, err := s.w.Update(ctx, s.plan.ObjCode, p.ID, u, fields)
		return []workfront.Object{o}, err
	}
	updates := make([]map[string]any, len(rows))
	for k, i := range rows {
		updates[k] = s.plan.Rows[i].Updates()
	}
	return s.w.UpdateMany(ctx, s.plan.ObjCode, updates, s.opts.Atomic)
}
