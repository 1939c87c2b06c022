package ui

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/workfront"
)

// bulkUpdate changes many objects: every row of a file, or every object a
// search finds given one value. A dry run always comes first; then the
// sending, with progress and Cancel, and a results file beside the input.
type bulkUpdate struct {
	deps    editorDeps
	meta    workfront.TypeMeta
	objCode string
	// Dialog is the open dry run (and then the sending), for tests.
	Dialog *bulkDialog
}

// bulkSource is where a bulk update's rows came from.
type bulkSource struct {
	rows    edit.FileRows // Input and Columns empty for a query
	path    string        // the input file; "" for a query
	results string        // where the results go; "" for none
}

// StartFromFile reads a CSV or XLSX file and shows its dry run.
func (b *bulkUpdate) StartFromFile(path string) {
	b.prepare(func(context.Context, edit.Writer) (bulkSource, error) {
		fr, err := edit.RowsFromFile(b.meta, path)
		return bulkSource{rows: fr, path: path, results: edit.ResultsPath(path)}, err
	})
}

// RetryFailed reads a results file back and shows the dry run of its
// failed and unsent rows.
func (b *bulkUpdate) RetryFailed(results, input string) {
	b.prepare(func(context.Context, edit.Writer) (bulkSource, error) {
		columns, rows, err := edit.ReadRetry(results)
		if err != nil {
			return bulkSource{}, err
		}
		fr, err := edit.RowsOf(b.meta, results, columns, rows)
		return bulkSource{rows: fr, path: input, results: edit.ResultsPath(results)}, err
	})
}

// StartFromQuery gives every object the filters find the values of set,
// refusing more than max objects after counting them.
func (b *bulkUpdate) StartFromQuery(filters []workfront.Filter, set map[string]any, max int) {
	b.prepare(func(ctx context.Context, w edit.Writer) (bulkSource, error) {
		finder, ok := w.(edit.Finder)
		if !ok {
			return bulkSource{}, fmt.Errorf("the connection cannot count objects")
		}
		rows, err := edit.RowsFromQuery(ctx, finder, b.objCode, filters, set, max)
		return bulkSource{rows: edit.FileRows{Rows: rows}}, err
	})
}

// preparedBulk is a bulk update read against Workfront.
type preparedBulk struct {
	src    bulkSource
	plan   edit.Plan
	writer edit.Writer
}

func (b *bulkUpdate) prepare(read func(context.Context, edit.Writer) (bulkSource, error)) {
	name, ctx := b.deps.Profile.Name, b.deps.Context
	b.deps.Toast(lang.L("Reading what Workfront holds now…"))
	backgroundOn(b.deps.Do, func() (preparedBulk, error) {
		w, err := b.deps.Backend.Writer(name)
		if err != nil {
			return preparedBulk{}, err
		}
		src, err := read(ctx, w)
		if err != nil {
			return preparedBulk{}, err
		}
		plan, err := edit.Prepare(ctx, w, b.objCode, src.rows.Rows)
		return preparedBulk{src: src, plan: plan, writer: w}, err
	}, func(p preparedBulk, err error) {
		if err != nil {
			showErrorIn(b.deps.Window, err)
			return
		}
		b.Dialog = newBulkDialog(b, p)
	})
}

// send sends the plan, telling progress as it goes; cancel stops it
// between batches.
func (b *bulkUpdate) send(p preparedBulk, atomic bool, progress func(edit.Progress), done func(edit.Plan, error)) (cancel func()) {
	ctx, stop := context.WithCancel(b.deps.Context)
	name := b.deps.Profile.Name
	plan := p.plan
	var once sync.Once
	backgroundOn(b.deps.Do, func() (edit.Plan, error) {
		defer once.Do(stop)
		j, err := b.deps.Backend.Journal(name)
		if err != nil {
			return plan, err
		}
		_, err = edit.Send(ctx, p.writer, j, &plan, edit.SendOptions{Atomic: atomic,
			Progress: func(pr edit.Progress) { b.deps.Do(func() { progress(pr) }) }})
		if p.src.results != "" {
			columns := p.src.rows.Columns
			if columns == nil && len(plan.Rows) > 0 {
				columns = slices.Sorted(maps.Keys(plan.Rows[0].Set))
			}
			if werr := edit.WriteResults(p.src.results, columns, edit.ResultRows(plan, p.src.rows.Input)); werr != nil && err == nil {
				err = werr
			}
		}
		return plan, err
	}, done)
	return func() { once.Do(stop) }
}

// sendProgressText is a send's progress in words: how many, how fast, how long.
func sendProgressText(p edit.Progress) string {
	if p.Done == 0 || p.Elapsed <= 0 {
		return fmt.Sprintf(lang.L("Sent %d of %d…"), p.Done, p.Total)
	}
	rate := float64(p.Done) / p.Elapsed.Seconds()
	left := time.Duration(float64(p.Total-p.Done) / rate * float64(time.Second)).Round(time.Second)
	return fmt.Sprintf(lang.L("Sent %d of %d · %.0f a second · about %s left"), p.Done, p.Total, rate, left)
}
