package wfsim

import (
	"slices"
	"strconv"
	"strings"
)

// Workfront's API versions differ: a version adds object types and fields
// (its release notes list them), and an older one answers them as unknown.
// The simulator's versions differ in the few below: made up, not
// Workfront's history, but listed in one table so that a test can name
// them. The rows are the newest version's; an older version serves a view
// of them without what it lacks.

// VersionChange is an object type, or a field of one, that an API version
// added: the versions before Since lack it.
type VersionChange struct {
	Since   string // the first version that has it: "v21.0"
	ObjCode string // "TEAMOB"
	Field   string // "title"; "" when the whole type came then
}

var versionChanges = []VersionChange{
	{Since: "v21.0", ObjCode: "TEAMOB"},
	{Since: "v21.0", ObjCode: "USER", Field: "title"},
	{Since: "v21.0", ObjCode: "TASK", Field: "workRequired"},
	{Since: "v22.0", ObjCode: "PROJ", Field: "referenceNumber"},
}

// VersionChanges returns the types and fields each API version added, in
// the order of the versions.
func VersionChanges() []VersionChange { return slices.Clone(versionChanges) }

// versionNumber reads "v21.0" as 21.0; the -internal paths (and anything
// else that is no number) get the newest.
func versionNumber(version string) float64 {
	n, err := strconv.ParseFloat(strings.TrimPrefix(version, "v"), 64)
	if err != nil || !strings.HasPrefix(version, "v") {
		return 1e9
	}
	return n
}

// lacks are the types and fields (objCode → name) a version does not have.
type lacks struct {
	types  map[string]bool
	fields map[string]map[string]bool
}

func lacksAt(version string) (lacks, bool) {
	l := lacks{types: map[string]bool{}, fields: map[string]map[string]bool{}}
	differs := false
	for _, c := range versionChanges {
		if versionNumber(c.Since) <= versionNumber(version) {
			continue
		}
		differs = true
		if c.Field == "" {
			l.types[c.ObjCode] = true
			continue
		}
		if l.fields[c.ObjCode] == nil {
			l.fields[c.ObjCode] = map[string]bool{}
		}
		l.fields[c.ObjCode][c.Field] = true
	}
	return l, differs
}

// at is the world as an API version serves it: itself when the version
// lacks nothing, else a view that shares its rows and written values.
func (w *world) at(version string) *world {
	l, differs := lacksAt(version)
	if !differs {
		return w
	}
	key := apiModel(version)
	w.viewsMu.Lock()
	defer w.viewsMu.Unlock()
	if v := w.views[key]; v != nil {
		return v
	}
	v := &world{d: w.d, byCode: map[string]*objType{}, byPath: map[string]*objType{}, formFields: w.formFields}
	for _, t := range w.types {
		if !l.types[t.code] {
			v.add(t.without(l))
		}
	}
	if w.views == nil {
		w.views = map[string]*world{}
	}
	w.views[key] = v
	return v
}

// without is a copy of t without what l lacks: the fields, the
// references through them and the links to the types it lacks.
func (t *objType) without(l lacks) *objType {
	v := &objType{code: t.code, name: t.name, label: t.label, paths: t.paths, n: t.n, byID: t.byID, base: t}
	gone := l.fields[t.code]
	for _, f := range t.fields {
		if !gone[f.name] {
			v.field(f)
		}
	}
	for _, r := range t.refs {
		if !gone[r.idField] && !gone[r.name] && !l.types[r.objCode] {
			v.ref(r.name, r.label, r.objCode, r.idField)
		}
	}
	for _, c := range t.cols {
		if !gone[c.name] && !l.types[c.objCode] {
			v.col(c.name, c.label, c.objCode, c.rows)
		}
	}
	return v
}

// root is the type whose sort cache a view shares: a write clears it.
func (t *objType) root() *objType {
	if t.base != nil {
		return t.base
	}
	return t
}

// worldAt is the world as the request's API version serves it.
func (s *Sim) worldAt(version string) *world { return s.world().at(version) }
