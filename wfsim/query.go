package wfsim

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The generic search/count/get path: any object type, any field, reference
// (ref:field, up to four levels), collection and custom field ("DE:…").
// Project searches that only use what the typed fast path knows still take
// that path (api.go); everything else comes here.

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
	filters []gfilter
	sorts   []gsort
	first   int
	limit   int
	fields  *ftree
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

// parseQuery reads search parameters against an object type.
func parseQuery(t *objType, version string, params []param) (gquery, *apiError) {
	q := gquery{limit: 100, fields: &ftree{}}
	fail := func(e apiError) (gquery, *apiError) { return q, &e }
	mods := map[string]string{}
	byField := map[string][]string{}
	var order []string
	for _, p := range params {
		switch {
		case p.key == "$$FIRST" || p.key == "$$LIMIT":
			if e := readPaging(p, &q.first, &q.limit); e != nil {
				return q, e
			}
		case p.key == "fields":
			for _, f := range strings.Split(p.value, ",") {
				if f = strings.TrimSpace(f); f != "" {
					segs := splitPath(f)
					if len(segs) > maxDepth+1 {
						return fail(unknownField(version, f, t))
					}
					q.fields.add(segs)
				}
			}
		case strings.HasSuffix(p.key, "_Mod"):
			field := strings.TrimSuffix(p.key, "_Mod")
			mods[field] = p.value
			if (p.value == "isnull" || p.value == "notnull") && !slices.Contains(order, field) {
				// isnull and notnull need no value: "assignedToID_Mod=isnull".
				order = append(order, field)
			}
		case strings.HasSuffix(p.key, "_Sort"):
			field := strings.TrimSuffix(p.key, "_Sort")
			dir := strings.ToLower(p.value)
			if dir != "asc" && dir != "desc" {
				return fail(badParam(p.key + " must be asc or desc"))
			}
			get, def, ok := t.resolve(field)
			if !ok {
				return fail(unknownField(version, field, t))
			}
			if def.kind == kStrings {
				return fail(listField(version, field, t))
			}
			q.sorts = append(q.sorts, gsort{field, get, def.kind, dir == "desc"})
		case p.key == "method" || p.key == "sessionID" || strings.HasPrefix(p.key, "$$") || strings.HasPrefix(p.key, "OR:"):
			// OR groups are not simulated; they are ignored rather than misread.
		default:
			if !slices.Contains(order, p.key) {
				order = append(order, p.key)
			}
			byField[p.key] = append(byField[p.key], p.value)
		}
	}
	for _, field := range order {
		get, def, ok := t.resolve(field)
		if !ok {
			return fail(unknownField(version, field, t))
		}
		if def.kind == kStrings {
			return fail(listField(version, field, t))
		}
		mod := mods[field]
		if mod == "" {
			mod = "eq"
		}
		if !allMods[mod] {
			return fail(badParam("Unknown modifier " + field + "_Mod=" + mod))
		}
		values := byField[field]
		if mod == "in" || mod == "notin" || mod == "between" {
			var split []string
			for _, v := range values {
				split = append(split, strings.Split(v, ",")...)
			}
			values = split
		}
		if mod == "between" && len(values) != 2 {
			return fail(badParam(field + "_Mod=between needs two values"))
		}
		f := gfilter{get: get, kind: def.kind, mod: mod, values: values}
		if mod != "isnull" && mod != "notnull" && !strings.Contains(mod, "contains") && !strings.Contains(mod, "like") {
			for _, v := range values {
				switch def.kind {
				case kInt, kDouble:
					n, err := strconv.ParseFloat(v, 64)
					if err != nil {
						return fail(badParam(fmt.Sprintf("%s is not a number for %s", v, field)))
					}
					f.nums = append(f.nums, n)
				case kDate:
					d, ok := parseDate(v)
					if !ok {
						return fail(badParam(fmt.Sprintf("%s is not a date for %s", v, field)))
					}
					f.times = append(f.times, d)
				}
			}
		}
		q.filters = append(q.filters, f)
	}
	if err := checkTree(t, version, q.fields, ""); err != nil {
		return q, err
	}
	return q, nil
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
