package wfsim

import (
	"fmt"
	"strings"
	"time"
)

// The search/count/get parameters, for any object type: fields= (plain
// fields, references and collections to four levels, DE: fields), filters
// on any field, ref:field or DE: field with Workfront's modifiers
// (query_filter.go), OR:n: groups (query_or.go), sorts (query_sort.go),
// $$TODAY/$$NOW/$$USER wildcards (wildcards.go), $$FIRST and $$LIMIT.

// allMods are the filter modifiers the generic path understands.
var allMods = map[string]bool{"eq": true, "ne": true, "cieq": true, "cine": true, "contains": true, "cicontains": true,
	"notcontains": true, "cinotcontains": true, "like": true, "cilike": true, "in": true, "notin": true, "gt": true,
	"gte": true, "lt": true, "lte": true, "between": true, "isnull": true, "notnull": true}

// maxDepth is how many colons a field path may hold: Workfront allows four levels.
const maxDepth = 4

// splitPath splits "project:owner:name" at its colons, keeping "DE:Budget
// Code" together.
func splitPath(p string) []string {
	raw := strings.Split(p, ":")
	var out []string
	for i := 0; i < len(raw); i++ {
		if raw[i] == "DE" && i+1 < len(raw) {
			out = append(out, "DE:"+raw[i+1])
			i++
			continue
		}
		out = append(out, raw[i])
	}
	return out
}

// unknownField is Workfront's answer to a field an object type does not have.
func unknownField(version, field string, t *objType) apiError {
	return badParam(fmt.Sprintf("APIModel %s does not support field %s (%s)", apiModel(version), field, t.name))
}

// apiModel turns "v21.0" into "V21_0"; the -internal paths get the newest.
func apiModel(version string) string {
	if !strings.HasPrefix(version, "v") {
		return "V22_0"
	}
	major, minor, _ := strings.Cut(version[1:], ".")
	if minor == "" {
		minor = "0"
	}
	return "V" + major + "_" + minor
}

// resolve turns a filter or sort path ("status", "project:name",
// "DE:Budget Code", "project:owner:emailAddr") into a getter.
func (t *objType) resolve(path string) (func(int) any, *fieldDef, bool) {
	segs := splitPath(path)
	if len(segs) == 0 || len(segs) > maxDepth+1 {
		return nil, nil, false
	}
	type hop struct {
		from *objType
		id   *fieldDef
		to   *objType
	}
	var hops []hop
	cur := t
	for _, s := range segs[:len(segs)-1] {
		r := cur.refByName[s]
		if r == nil {
			return nil, nil, false
		}
		to := cur.w.byCode[r.objCode]
		hops = append(hops, hop{cur, cur.byName[r.idField], to})
		cur = to
	}
	f := cur.byName[segs[len(segs)-1]]
	if f == nil && cur.w != nil {
		f = cur.w.formFields[cur.code][segs[len(segs)-1]]
	}
	if f == nil {
		return nil, nil, false
	}
	if len(hops) == 0 {
		return f.get, f, true
	}
	return func(i int) any {
		for _, h := range hops {
			id, ok := h.id.get(i).(string)
			if !ok {
				return nil
			}
			j, ok := h.to.byID[id]
			if !ok {
				return nil
			}
			i = int(j)
		}
		return f.get(i)
	}, f, true
}

type gfilter struct {
	pred   func(int) bool // an EXISTS filter's (query_exists.go), instead of the rest
	get    func(int) any
	kind   fieldKind
	mod    string
	values []string
	nums   []float64
	times  []time.Time
}

type gsort struct {
	path string
	get  func(int) any
	kind fieldKind
	desc bool
	ci   bool // ciasc, cidesc: strings compared lower-cased only
}

// ftree is the fields= request as a tree: "owner:name,owner:title" is
// owner → {name, title}.
type ftree struct {
	order []string
	sub   map[string]*ftree
}

func (f *ftree) add(segs []string) {
	if f.sub == nil {
		f.sub = map[string]*ftree{}
	}
	k := segs[0]
	child, seen := f.sub[k]
	if !seen {
		f.order = append(f.order, k)
	}
	if len(segs) > 1 {
		if child == nil {
			child = &ftree{}
			f.sub[k] = child
		}
		child.add(segs[1:])
	} else if !seen {
		f.sub[k] = nil
	}
}

type gquery struct {
	filters []gfilter   // the plain filters, all of which a row must match
	or      [][]gfilter // the OR:n: groups (query_or.go)
	sorts   []gsort
	first   int
	limit   int
	fields  *ftree
}

// qctx is what a query reads besides its parameters.
type qctx struct {
	version string    // "v21.0", "internal", …: the APIModel errors name
	userID  string    // what $$USER and $$USER.ID stand for
	now     time.Time // what $$TODAY and $$NOW count from
}

var dateInputs = []string{DateLayout, "2006-01-02T15:04:05.000-0700", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02"}

func parseDate(v string) (time.Time, bool) {
	for _, l := range dateInputs {
		if t, err := time.Parse(l, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// qbuilder collects a query's parameters before they are checked.
type qbuilder struct {
	t       *objType
	c       qctx
	q       gquery
	groups  []*fgroup // the plain group first, then OR:n: groups as they come
	orNames []string  // "OR:1", …: the names of groups[1:]
	exists  []*existsGroup
	sorts   []sortKey
}

// parseQuery reads search, count and get parameters against an object
// type. Every parameter is understood or refused: none is skipped.
func parseQuery(t *objType, c qctx, params []param) (gquery, *apiError) {
	b := &qbuilder{t: t, c: c, q: gquery{limit: 100, fields: &ftree{}}, groups: []*fgroup{{}}}
	for _, p := range params {
		if e := b.read(p); e != nil {
			return b.q, e
		}
	}
	for k, g := range b.groups {
		filters, e := g.build(t, c)
		if e != nil {
			return b.q, e
		}
		if k == 0 {
			b.q.filters = filters
		} else {
			b.q.or = append(b.q.or, filters)
		}
	}
	for _, g := range b.exists {
		f, e := g.build(t, c)
		if e != nil {
			return b.q, e
		}
		b.q.filters = append(b.q.filters, f)
	}
	sorts, e := buildSorts(t, c.version, b.sorts)
	if e != nil {
		return b.q, e
	}
	b.q.sorts = sorts
	if e := checkTree(t, c.version, b.q.fields, ""); e != nil {
		return b.q, e
	}
	return b.q, nil
}

// read takes one parameter.
func (b *qbuilder) read(p param) *apiError {
	switch {
	case p.key == "$$FIRST" || p.key == "$$LIMIT":
		return readPaging(p, &b.q.first, &b.q.limit)
	case p.key == "fields":
		return addFields(b.q.fields, p.value, b.c.version, b.t)
	case p.key == "method" || p.key == "sessionID":
		// The transport's (POST with method=GET, a sessionID parameter).
	case p.key == "map" && !strings.EqualFold(p.value, "true"):
	case p.key == "map" || p.key == "filters" || strings.HasPrefix(p.key, "$$"):
		e := unsupported(p.key + "=" + p.value)
		return &e
	case strings.HasPrefix(p.key, "OR:"):
		return b.readOr(p)
	case strings.HasPrefix(p.key, "EXISTS:"):
		return b.readExists(p)
	case strings.HasSuffix(p.key, "_Sort"):
		return b.readSort(p)
	default:
		b.groups[0].add(p.key, p.value)
	}
	return nil
}

// addFields adds a fields= value to the tree.
func addFields(tr *ftree, value, version string, t *objType) *apiError {
	for _, f := range strings.Split(value, ",") {
		if f = strings.TrimSpace(f); f != "" {
			segs := splitPath(f)
			if len(segs) > maxDepth+1 {
				e := unknownField(version, f, t)
				return &e
			}
			tr.add(segs)
		}
	}
	return nil
}

// unsupported is the answer to a documented read the simulator does not
// simulate: an error, never a silently different answer.
func unsupported(what string) apiError {
	return badParam("The Workfront simulator does not support " + what)
}

// checkTree refuses a fields= request naming a field the type lacks.
func checkTree(t *objType, version string, tr *ftree, prefix string) *apiError {
	if tr == nil {
		return nil
	}
	for _, k := range tr.order {
		sub := tr.sub[k]
		switch {
		case k == "*" || k == "parameterValues" || k == "objCode":
			if sub != nil {
				e := unknownField(version, prefix+k+":"+sub.order[0], t)
				return &e
			}
		case strings.HasPrefix(k, "DE:"):
			// A custom field the object lacks is left out, as Workfront does.
		case t.byName[k] != nil:
			if sub != nil {
				e := unknownField(version, prefix+k+":"+sub.order[0], t)
				return &e
			}
		case t.refByName[k] != nil:
			if e := checkTree(t.w.byCode[t.refByName[k].objCode], version, sub, prefix+k+":"); e != nil {
				return e
			}
		case t.colByName[k] != nil:
			if e := checkTree(t.w.byCode[t.colByName[k].objCode], version, sub, prefix+k+":"); e != nil {
				return e
			}
		default:
			e := unknownField(version, prefix+k, t)
			return &e
		}
	}
	return nil
}
