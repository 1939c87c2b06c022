// Package usage owns field usage: for each field of a type, how many of
// its objects have a value, counted by Workfront (one count request per
// field, a few at once), never by downloading the objects.
package usage

import (
	"cmp"
	"context"
	"slices"
	"sync"

	"github.com/wfconnect/wfconnect/workfront"
)

// Counter is what usage asks of Workfront: a count of a type's objects.
type Counter interface {
	Count(ctx context.Context, objCode string, filters []workfront.Filter) (int, error)
}

// Field is one field's usage.
type Field struct {
	Name   string  `json:"field"`
	Label  string  `json:"label"`
	Custom bool    `json:"custom"`
	Set    int     `json:"withValue"`
	Total  int     `json:"total"`
	Share  float64 `json:"share"` // Set / Total, 0 when there are no objects
	Error  string  `json:"error,omitempty"`
}

// MaxInFlight is how many counts go at once: the export's cap, which
// keeps Workfront's 429s away.
const MaxInFlight = 4

// Count counts, for each field, the objects of the type that have a value
// (field_Mod=notnull), beside the type's total, at most MaxInFlight at
// once; progress hears each count done. A field whose count fails keeps
// its error and the rest go on; the order is never-used first, then by
// share, then by label.
func Count(ctx context.Context, c Counter, objCode string, fields []workfront.FieldMeta, progress func(done, total int)) ([]Field, error) {
	out := make([]Field, len(fields))
	slots := make(chan struct{}, MaxInFlight)
	var mu sync.Mutex
	done, total := 0, 0
	var totalErr error
	var wg sync.WaitGroup
	// The type's total is one more count among the fields', under the
	// same cap: no wave waits for it.
	count := func(filters []workfront.Filter, record func(n int, err error)) {
		wg.Go(func() {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			defer func() { <-slots }()
			n, err := c.Count(ctx, objCode, filters)
			mu.Lock()
			defer mu.Unlock()
			record(n, err)
		})
	}
	count(nil, func(n int, err error) { total, totalErr = n, err })
	for i, f := range fields {
		out[i] = Field{Name: f.Name, Label: f.Label, Custom: f.Custom}
		count([]workfront.Filter{{Key: f.Name, Value: ""}, {Key: f.Name + "_Mod", Value: "notnull"}}, func(n int, err error) {
			out[i].Set = n
			if err != nil {
				out[i].Error = err.Error()
			}
			done++
			if progress != nil {
				progress(done, len(fields))
			}
		})
	}
	wg.Wait()
	if err := cmp.Or(ctx.Err(), totalErr); err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Total = total
		if total > 0 {
			out[i].Share = float64(out[i].Set) / float64(total)
		}
	}
	slices.SortStableFunc(out, func(a, b Field) int { return cmp.Compare(a.Share, b.Share) })
	return out, nil
}

// Countable are the fields of a type whose usage can be counted: plain
// values, not lists; custom only if asked.
func Countable(meta workfront.TypeMeta, customOnly bool) []workfront.FieldMeta {
	var out []workfront.FieldMeta
	for _, f := range meta.Fields {
		if (customOnly && !f.Custom) || f.Name == "ID" || f.Name == "objCode" || len(f.Type) > 2 && f.Type[len(f.Type)-2:] == "[]" {
			continue
		}
		out = append(out, f)
	}
	return out
}
