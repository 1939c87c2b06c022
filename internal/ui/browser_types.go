package ui

import (
	"context"
	"sort"
	"strings"

	"github.com/wfconnect/wfconnect/workfront"
)

// Explore's object types: the list from the instance's metadata, the common ones first, the picker that narrows as people type, and a type's metadata.

// loadTypes reads the instance's object types (cached on disk) off the UI
// goroutine and hands them to done in the pickers' order; a view closed
// meanwhile gets nothing.
func loadTypes(deps viewDeps, ctx context.Context, profile string, fail func(error), done func([]workfront.ObjectType)) {
	backgroundOn(deps.Do, func() ([]workfront.ObjectType, error) {
		return deps.Backend.ObjectTypes(ctx, profile, false)
	}, func(types []workfront.ObjectType, err error) {
		switch {
		case ctx.Err() != nil:
		case err != nil:
			fail(err)
		default:
			done(orderTypes(types))
		}
	})
}

// loadMeta reads one type's metadata (cached on disk) off the UI goroutine;
// done gets it only while current says the view still shows that type.
func loadMeta(deps viewDeps, ctx context.Context, profile, objCode string, current func() bool, fail func(error), done func(workfront.TypeMeta)) {
	backgroundOn(deps.Do, func() (workfront.TypeMeta, error) {
		return deps.Backend.TypeMetadata(ctx, profile, objCode, false)
	}, func(meta workfront.TypeMeta, err error) {
		switch {
		case ctx.Err() != nil || !current():
		case err != nil:
			fail(err)
		default:
			done(meta)
		}
	})
}

// orderTypes puts the common types first, then the rest by label.
func orderTypes(types []workfront.ObjectType) []workfront.ObjectType {
	rank := map[string]int{}
	for i, c := range commonObjCodes {
		rank[c] = i + 1
	}
	out := append([]workfront.ObjectType(nil), types...)
	natural := workfront.NaturalOrder()
	sort.SliceStable(out, func(i, j int) bool {
		ri, rj := rank[out[i].ObjCode], rank[out[j].ObjCode]
		switch {
		case ri > 0 && rj > 0:
			return ri < rj
		case ri > 0 || rj > 0:
			return ri > 0
		}
		return natural(out[i].Label, out[j].Label) < 0
	})
	return out
}

func typeOption(t workfront.ObjectType) string { return t.Label + " (" + t.ObjCode + ")" }

// typeOptions are the picker's entries whose label or objCode holds text.
func typeOptions(types []workfront.ObjectType, text string) []string {
	text = strings.ToLower(strings.TrimSpace(text))
	var out []string
	for _, t := range types {
		o := typeOption(t)
		if text == "" || strings.Contains(strings.ToLower(o), text) {
			out = append(out, o)
		}
	}
	return out
}

// onTypeTyped narrows the picker as people type, and switches type when
// the text is one of the entries.
func (v *BrowserView) onTypeTyped(text string) {
	for _, t := range v.types {
		if text == typeOption(t) {
			if t.ObjCode != v.objCode {
				// A type chosen here starts a new trail; links extend it.
				v.history, v.scope, v.scopeName = nil, nil, ""
				v.Back.Disable()
				v.SetType(t.ObjCode)
			}
			return
		}
	}
	v.TypePicker.SetOptions(typeOptions(v.types, text))
}

// SetType shows objects of one type: its metadata first (cached), then the
// first page with the columns chosen for it before, or sensible ones.
func (v *BrowserView) SetType(objCode string) {
	v.objCode = strings.ToUpper(objCode)
	v.syncPicker()
	v.renderTrail()
	v.clearRows()
	v.sortBy, v.first, v.total = workfront.Sort{Field: "name"}, 0, -1
	v.restore = nil // a new place: nothing of an earlier Back to bring back
	v.loadType()
}

// loadType reads the shown type's metadata, then shows its columns and
// the page. then, if given, runs between the two (Back puts its filter
// rows back, which need the type's fields).
func (v *BrowserView) loadType(then ...func()) {
	obj := v.objCode
	loadMeta(v.deps, v.ctx, v.profile.Name, obj, func() bool { return obj == v.objCode }, v.showProblem, func(meta workfront.TypeMeta) {
		v.meta = meta
		v.columns = v.savedColumns()
		for _, f := range then {
			f()
		}
		v.applyOpening()
		v.showColumns()
		v.Reload()
	})
}

// syncPicker shows the type on show in the type picker.
func (v *BrowserView) syncPicker() {
	for _, t := range v.types {
		if t.ObjCode == v.objCode && v.TypePicker.Text != typeOption(t) {
			setTextQuietly(&v.TypePicker.Entry, typeOption(t))
		}
	}
}
