package wfsim

import (
	"fmt"
	"math"
	"net/http"
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

func valueString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		return x.Format(DateLayout)
	}
	return ""
}

func asFloat(v any) float64 {
	switch x := v.(type) {
	case int:
		return float64(x)
	case float64:
		return x
	}
	return math.NaN()
}

// cmpTo compares a value with the filter's k-th value.
func (f *gfilter) cmpTo(got any, k int) int {
	switch f.kind {
	case kInt, kDouble:
		a, b := asFloat(got), f.nums[k]
		switch {
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	case kDate:
		return got.(time.Time).Compare(f.times[k])
	case kBool:
		return strings.Compare(strings.ToLower(valueString(got)), strings.ToLower(f.values[k]))
	}
	return strings.Compare(got.(string), f.values[k])
}

func (f *gfilter) match(i int) bool {
	got := f.get(i)
	switch f.mod {
	case "isnull":
		return got == nil
	case "notnull":
		return got != nil
	}
	if got == nil {
		return f.mod == "ne" || f.mod == "cine" || f.mod == "notin" || f.mod == "notcontains" || f.mod == "cinotcontains"
	}
	v := f.values[0]
	s := valueString(got)
	switch f.mod {
	case "eq":
		return f.cmpTo(got, 0) == 0
	case "ne":
		return f.cmpTo(got, 0) != 0
	case "cieq":
		return strings.EqualFold(s, v)
	case "cine":
		return !strings.EqualFold(s, v)
	case "contains":
		return strings.Contains(s, v)
	case "notcontains":
		return !strings.Contains(s, v)
	case "cicontains":
		return strings.Contains(strings.ToLower(s), strings.ToLower(v))
	case "cinotcontains":
		return !strings.Contains(strings.ToLower(s), strings.ToLower(v))
	case "like":
		return strings.Contains(s, likeToContains(v))
	case "cilike":
		return strings.Contains(strings.ToLower(s), strings.ToLower(likeToContains(v)))
	case "in", "notin":
		in := false
		for k := range f.values {
			if f.cmpTo(got, k) == 0 {
				in = true
				break
			}
		}
		return in == (f.mod == "in")
	case "gt":
		return f.cmpTo(got, 0) > 0
	case "gte":
		return f.cmpTo(got, 0) >= 0
	case "lt":
		return f.cmpTo(got, 0) < 0
	case "lte":
		return f.cmpTo(got, 0) <= 0
	case "between":
		return f.cmpTo(got, 0) >= 0 && f.cmpTo(got, 1) <= 0
	}
	return false
}

// compareValues orders values of one field: null first, strings without
// regard to case.
func compareValues(a, b any) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	switch x := a.(type) {
	case string:
		y := b.(string)
		if c := strings.Compare(strings.ToLower(x), strings.ToLower(y)); c != 0 {
			return c
		}
		return strings.Compare(x, y)
	case time.Time:
		return x.Compare(b.(time.Time))
	case bool:
		y := b.(bool)
		switch {
		case x == y:
			return 0
		case !x:
			return -1
		}
		return 1
	}
	fa, fb := asFloat(a), asFloat(b)
	switch {
	case fa < fb:
		return -1
	case fa > fb:
		return 1
	}
	return 0
}

// rows returns the matching rows in order. Rows are stored in ID order and
// sorted stably, so ID is always the last tiebreak.
func (q *gquery) rows(t *objType) []int32 {
	order := t.order(q.sorts)
	out := make([]int32, 0, min(t.n, 1024))
	for _, i := range order {
		ok := true
		for k := range q.filters {
			if !q.filters[k].match(int(i)) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, i)
		}
	}
	return out
}

// sortCol is one sort key's values for every row, typed for a quick sort.
type sortCol struct {
	kind  fieldKind
	null  []bool
	lower []string // strings, lower-cased
	raw   []string
	num   []float64
	tm    []time.Time
	desc  bool
}

func newSortCol(t *objType, s gsort) *sortCol {
	c := &sortCol{kind: s.kind, desc: s.desc, null: make([]bool, t.n)}
	switch s.kind {
	case kString, kBool:
		c.lower, c.raw = make([]string, t.n), make([]string, t.n)
	case kInt, kDouble:
		c.num = make([]float64, t.n)
	case kDate:
		c.tm = make([]time.Time, t.n)
	}
	for i := range t.n {
		v := s.get(i)
		if v == nil {
			c.null[i] = true
			continue
		}
		switch s.kind {
		case kString, kBool:
			c.raw[i] = valueString(v)
			c.lower[i] = strings.ToLower(c.raw[i])
		case kInt, kDouble:
			c.num[i] = asFloat(v)
		case kDate:
			c.tm[i] = v.(time.Time)
		}
	}
	return c
}

func (c *sortCol) cmp(x, y int32) int {
	r := 0
	switch {
	case c.null[x] && c.null[y]:
	case c.null[x]:
		r = -1
	case c.null[y]:
		r = 1
	case c.lower != nil:
		if r = strings.Compare(c.lower[x], c.lower[y]); r == 0 {
			r = strings.Compare(c.raw[x], c.raw[y])
		}
	case c.num != nil:
		switch {
		case c.num[x] < c.num[y]:
			r = -1
		case c.num[x] > c.num[y]:
			r = 1
		}
	case c.tm != nil:
		r = c.tm[x].Compare(c.tm[y])
	}
	if c.desc {
		return -r
	}
	return r
}

// order is every row in the sort keys' order, cached per sort spec.
func (t *objType) order(sorts []gsort) []int32 {
	spec := ""
	for _, s := range sorts {
		spec += fmt.Sprintf("%s %v|", s.path, s.desc)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if o, ok := t.sorted[spec]; ok {
		return o
	}
	o := make([]int32, t.n)
	for i := range o {
		o[i] = int32(i)
	}
	if len(sorts) > 0 {
		cols := make([]*sortCol, len(sorts))
		for k, s := range sorts {
			cols[k] = newSortCol(t, s)
		}
		slices.SortStableFunc(o, func(x, y int32) int {
			for _, c := range cols {
				if r := c.cmp(x, y); r != 0 {
					return r
				}
			}
			return 0
		})
	}
	if t.sorted == nil || len(t.sorted) > 64 {
		t.sorted = map[string][]int32{}
	}
	t.sorted[spec] = o
	return o
}

func appendValue(buf []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(buf, "null"...)
	case string:
		return appendString(buf, x)
	case int:
		return strconv.AppendInt(buf, int64(x), 10)
	case float64:
		return strconv.AppendFloat(buf, x, 'f', -1, 64)
	case bool:
		return strconv.AppendBool(buf, x)
	case time.Time:
		return appendDate(buf, x)
	}
	return append(buf, "null"...)
}

// appendObject writes one object: ID, name and objCode always, then what
// the fields tree asks for.
func appendObject(buf []byte, t *objType, i int, tr *ftree) []byte {
	buf = append(buf, `{"ID":`...)
	buf = appendValue(buf, t.byName["ID"].get(i))
	buf = append(buf, `,"name":`...)
	buf = appendValue(buf, t.byName["name"].get(i))
	buf = append(buf, `,"objCode":`...)
	buf = appendString(buf, t.code)
	if tr == nil {
		return append(buf, '}')
	}
	// The keys written so far: a slice, as a row has few (a map per row
	// cost more than writing it).
	written := append(make([]string, 0, 16), "ID", "name", "objCode")
	key := func(k string) {
		buf = append(buf, ',')
		buf = appendString(buf, k)
		buf = append(buf, ':')
		written = append(written, k)
	}
	for _, k := range tr.order {
		if slices.Contains(written, k) {
			continue
		}
		switch {
		case k == "*":
			for _, f := range t.fields {
				if !f.custom && !slices.Contains(written, f.name) {
					key(f.name)
					buf = appendValue(buf, f.get(i))
				}
			}
		case k == "parameterValues":
			key(k)
			buf = append(buf, '{')
			n := 0
			for _, f := range t.customFields() {
				if v := f.get(i); v != nil {
					if n > 0 {
						buf = append(buf, ',')
					}
					n++
					buf = appendString(buf, f.name)
					buf = append(buf, ':')
					buf = appendValue(buf, v)
				}
			}
			buf = append(buf, '}')
		case t.byName[k] != nil:
			key(k)
			buf = appendValue(buf, t.byName[k].get(i))
		case t.refByName[k] != nil:
			r := t.refByName[k]
			key(k)
			to := t.w.byCode[r.objCode]
			id, _ := t.byName[r.idField].get(i).(string)
			if j, ok := to.byID[id]; ok {
				buf = appendObject(buf, to, int(j), tr.sub[k])
			} else {
				buf = append(buf, "null"...)
			}
		case t.colByName[k] != nil:
			c := t.colByName[k]
			key(k)
			to := t.w.byCode[c.objCode]
			buf = append(buf, '[')
			for n, j := range c.rows(i) {
				if n > 0 {
					buf = append(buf, ',')
				}
				buf = appendObject(buf, to, int(j), tr.sub[k])
			}
			buf = append(buf, ']')
		}
		// "DE:…" fields the object does not have are left out.
	}
	return append(buf, '}')
}

func writeJSON(w http.ResponseWriter, buf []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(buf)))
	w.Write(buf)
}

func (s *Sim) genericSearch(w http.ResponseWriter, t *objType, q gquery) {
	rows := q.rows(t)
	if q.first >= len(rows) {
		rows = nil
	} else {
		rows = rows[q.first:min(len(rows), q.first+q.limit)]
	}
	buf := append(make([]byte, 0, 64+len(rows)*200), `{"data":[`...)
	for n, i := range rows {
		if n > 0 {
			buf = append(buf, ',')
		}
		buf = appendObject(buf, t, int(i), q.fields)
	}
	writeJSON(w, append(buf, "]}"...))
}

func (s *Sim) writeCount(w http.ResponseWriter, n int) {
	s.mu.Lock()
	wrapped := s.countWrapped
	s.mu.Unlock()
	if wrapped {
		writeJSON(w, []byte(`{"data":{"count":`+strconv.Itoa(n)+`}}`))
	} else {
		writeJSON(w, []byte(`{"count":`+strconv.Itoa(n)+`}`))
	}
}

// notFound is Workfront's answer to an ID that names nothing.
func notFound(t *objType, id string) apiError {
	return apiError{http.StatusNotFound, "com.attask.common.NotFoundException", fmt.Sprintf("Could not find %s with ID %s", t.name, id)}
}

func (s *Sim) genericGet(w http.ResponseWriter, t *objType, id string, q gquery) {
	i, ok := t.byID[id]
	if !ok {
		writeAPIError(w, notFound(t, id))
		return
	}
	buf := append(make([]byte, 0, 512), `{"data":`...)
	buf = appendObject(buf, t, int(i), q.fields)
	writeJSON(w, append(buf, '}'))
}
