package edit

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/wfconnect/wfconnect/journal"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/workfront"
)

// Row is one object's wanted change: typed values by field name.
type Row struct {
	Line int // the input file's line, 0 when there is no file
	ID   string
	Set  map[string]any
	// Refused is why the row cannot be sent (a value the metadata
	// refuses); such a row is not read, only reported.
	Refused error
}

// Status is what a dry run found for a row, or what sending it did.
type Status string

const (
	WillChange Status = "change"
	Unchanged  Status = "unchanged"
	NotFound   Status = "not found"
	Refused    Status = "refused"
	Changed    Status = "changed"
	Failed     Status = "failed"
	NotSent    Status = "not sent"
	Unknown    Status = "unknown"
	Conflict   Status = "conflict"
)

// Planned is a row with what Workfront holds now.
type Planned struct {
	Row
	Status  Status
	Before  map[string]any                 // the Set fields' current values
	Changes map[string]journal.FieldChange // only the fields that differ
	Why     string                         // in English (files, journal): why refused, not found, failed
	Err     error                          // the same, for showing in the person's language
	Name    string                         // the object's name, for people
}

// Plan is a dry run: every row with its status, in input order.
type Plan struct {
	ObjCode string
	Rows    []Planned
}

// Count is how many rows have a status.
func (p Plan) Count(s Status) int {
	n := 0
	for _, r := range p.Rows {
		if r.Status == s {
			n++
		}
	}
	return n
}

// Reader reads objects; *workfront.Client is one.
type Reader interface {
	Search(ctx context.Context, s workfront.Search) ([]workfront.Object, error)
}

// readChunk is how many objects one read asks for by ID: 100 IDs keep the
// request well under Workfront's URL cap once the client posts it.
const readChunk = 100

// Prepare reads the current values of every row's fields and says what
// sending would do. Rows refused already (Why set by the caller) stay so.
func Prepare(ctx context.Context, r Reader, objCode string, rows []Row) (Plan, error) {
	plan := Plan{ObjCode: objCode, Rows: make([]Planned, len(rows))}
	for i, row := range rows {
		plan.Rows[i] = Planned{Row: row}
		if row.Refused != nil {
			plan.Rows[i].setWhy(Refused, row.Refused)
		}
	}
	for start := 0; start < len(rows); start += readChunk {
		chunk := plan.Rows[start:min(start+readChunk, len(rows))]
		current, err := readCurrent(ctx, r, objCode, chunk)
		if err != nil {
			return plan, err
		}
		for i := range chunk {
			judge(&chunk[i], current[chunk[i].ID])
		}
	}
	return plan, nil
}

// readCurrent reads the chunk's objects, with the fields they change.
func readCurrent(ctx context.Context, r Reader, objCode string, chunk []Planned) (map[string]workfront.Object, error) {
	fields := map[string]bool{"name": true, "lastUpdateDate": true}
	var filters []workfront.Filter
	for _, p := range chunk {
		for f := range p.Set {
			fields[f] = true
		}
		filters = append(filters, workfront.Filter{Key: "ID", Value: p.ID})
	}
	filters = append(filters, workfront.Filter{Key: "ID_Mod", Value: "in"})
	objs, err := r.Search(ctx, workfront.Search{ObjCode: objCode, Fields: slices.Sorted(maps.Keys(fields)), Filters: filters, Limit: len(chunk)})
	if err != nil {
		return nil, fmt.Errorf("reading the current values: %w", err)
	}
	out := make(map[string]workfront.Object, len(objs))
	for _, o := range objs {
		out[o.ID()] = o
	}
	return out, nil
}

// judge sets a row's status from the object as Workfront holds it.
func judge(p *Planned, o workfront.Object) {
	if p.Status == Refused {
		return
	}
	if o == nil {
		p.setWhy(NotFound, msg.New("No object with this ID."))
		return
	}
	p.Name = o.Name()
	p.Before, p.Changes = map[string]any{}, map[string]journal.FieldChange{}
	for f, after := range p.Set {
		before, _ := o.Value(f)
		p.Before[f] = before
		if !Same(before, after) {
			p.Changes[f] = journal.FieldChange{Before: before, After: after}
		}
	}
	p.Status = Unchanged
	if len(p.Changes) > 0 {
		p.Status = WillChange
	}
}

// Moved lists the fields whose value in now differs from what the plan
// showed: someone changed them since.
func (p Planned) Moved(now workfront.Object) []string {
	var out []string
	for f, shown := range p.Before {
		v, _ := now.Value(f)
		if !Same(shown, v) {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return out
}

// Updates is the row's `updates` object: its ID and the fields that change.
func (p Planned) Updates() map[string]any {
	u := map[string]any{"ID": p.ID}
	for f, c := range p.Changes {
		u[f] = c.After
	}
	return u
}

// setWhy gives the row a status and its reason.
func (p *Planned) setWhy(s Status, err error) {
	p.Status, p.Err, p.Why = s, err, ""
	if err != nil {
		p.Why = err.Error()
	}
}
