package ui

import (
	"context"
	"errors"
	"maps"
	"strings"

	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/journal"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/query"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// The fake backend's writes: the same in-memory objects the explorer
// reads, changed in place, each write counted. (A fake, not wfsim, because
// the UI tests run without a network; the updater itself is tested
// against wfsim over HTTP in edit and cli.) The journal is the real one,
// in a temporary directory.

func (b *fakeBackend) Writer(name string) (edit.Writer, error) { return b.objects, nil }

func (b *fakeBackend) Journal(name string) (edit.Journal, error) {
	if b.journalDir == "" {
		return nil, errors.New("no journal directory")
	}
	return journal.Open(b.journalDir, name), nil
}

func (b *fakeBackend) SetWriteMode(name string, m edit.Mode) (store.Profile, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for i, p := range b.profiles {
		if p.Name == name {
			b.profiles[i].Writes = string(m)
			return b.profiles[i], nil
		}
	}
	return store.Profile{}, errors.New("no such profile")
}

func (f *fakeObjects) find(objCode, id string) workfront.Object {
	for _, o := range f.objects[strings.ToUpper(objCode)] {
		if o.ID() == id {
			return o
		}
	}
	return nil
}

// change writes an object copy-on-write: Search hands out the stored maps,
// and a row on screen must never change under the UI's goroutine.
func (f *fakeObjects) change(objCode, id string, updates map[string]any) workfront.Object {
	list := f.objects[strings.ToUpper(objCode)]
	for i, o := range list {
		if o.ID() == id {
			changed := maps.Clone(o)
			maps.Copy(changed, updates)
			list[i] = changed
			return changed
		}
	}
	return nil
}

func (f *fakeObjects) Update(ctx context.Context, objCode, id string, updates map[string]any, fields []string) (workfront.Object, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.writes++
	if f.writeErr != nil {
		return nil, f.writeErr
	}
	o := f.change(objCode, id, updates)
	if o == nil {
		return nil, msg.New("No %s with ID %s.", objCode, id)
	}
	return workfront.Object{"ID": id, "objCode": o.ObjCode(), "name": o.Name(), "status": o["status"], "percentComplete": o["percentComplete"]}, nil
}

func (f *fakeObjects) UpdateMany(ctx context.Context, objCode string, updates []map[string]any, atomic bool) ([]workfront.Object, error) {
	var out []workfront.Object
	for _, u := range updates {
		id, _ := u["ID"].(string)
		o, err := f.Update(ctx, objCode, id, u, nil)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

// value reads one field under the lock, as the sender writes from its own goroutine.
func (f *fakeObjects) value(objCode, id, field string) any {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.find(objCode, id)[field]
}

// touch changes an object behind the app's back, as a colleague would.
func (f *fakeObjects) touch(objCode, id, field string, value any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.change(objCode, id, map[string]any{field: value})
}

func (f *fakeObjects) writeCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.writes
}

func (b *fakeBackend) Queries() *query.Store { return b.queries }

// fakeSavedFilters are the fake instance's saved filters on projects.
var fakeSavedFilters = []workfront.SavedFilter{
	{ID: "f1", Name: "Planned projects", ObjCode: "PROJ", Public: true, Owner: "Ada",
		Filters: []workfront.Filter{{Key: "status", Value: "PLN"}, {Key: "status_Mod", Value: "eq"}}},
	{ID: "f2", Name: "Broken one", ObjCode: "PROJ", Problem: "The filter's definition is in a form wfconnect cannot read."},
}

func (f *fakeObjects) SavedFilters(ctx context.Context, objCode string) ([]workfront.SavedFilter, error) {
	if strings.EqualFold(objCode, "PROJ") {
		return fakeSavedFilters, nil
	}
	return nil, nil
}

// NamedQuery's myWork is, in the fake, the tasks less than 30% done
// (four of the six), in the fake's order.
func (f *fakeObjects) NamedQuery(ctx context.Context, objCode, name string, fields []string, first, limit int) ([]workfront.Object, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if name != "myWork" {
		return nil, &workfront.APIError{Status: 404, Class: "com.attask.common.NotFoundException", Message: "Unknown named query " + name}
	}
	var out []workfront.Object
	for _, o := range f.objects[strings.ToUpper(objCode)] {
		if pct, _ := o["percentComplete"].(float64); pct < 30 {
			out = append(out, o)
		}
	}
	return out[min(first, len(out)):min(len(out), first+limit)], nil
}

// The big instance's saved filters and named queries are the small one's.
func (f *fakeProjects) SavedFilters(ctx context.Context, objCode string) ([]workfront.SavedFilter, error) {
	return f.others.SavedFilters(ctx, objCode)
}

func (f *fakeProjects) NamedQuery(ctx context.Context, objCode, name string, fields []string, first, limit int) ([]workfront.Object, error) {
	return f.others.NamedQuery(ctx, objCode, name, fields, first, limit)
}
