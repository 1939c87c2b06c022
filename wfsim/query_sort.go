package wfsim

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Sorting rows: by the sort keys, then by ID. One key is field_Sort=dir;
// several are numbered, field_1_Sort=dir&field_2_Sort=dir (Workfront's
// constants), and apply in their numbers' order. Several unnumbered keys,
// or numbered and unnumbered together, are undocumented and refused.
// Directions: asc, desc (strings compare lower-cased first, then as
// written, so the order is total: Workfront's exact collation is unknown),
// ciasc, cidesc (strings compare lower-cased only); in any case.

// sortKey is one _Sort parameter before it is checked.
type sortKey struct {
	key, field, dir string
	n               int // the key's number; -1 when unnumbered
}

// readSort takes a "field_Sort" or "field_<n>_Sort" parameter.
func (b *qbuilder) readSort(p param) *apiError {
	k := sortKey{key: p.key, field: strings.TrimSuffix(p.key, "_Sort"), dir: strings.ToLower(p.value), n: -1}
	if i := strings.LastIndexByte(k.field, '_'); i > 0 && i < len(k.field)-1 && strings.Trim(k.field[i+1:], "0123456789") == "" {
		n, err := strconv.Atoi(k.field[i+1:])
		if err == nil {
			k.field, k.n = k.field[:i], n
		}
	}
	switch k.dir {
	case "asc", "desc", "ciasc", "cidesc":
	default:
		e := badParam(p.key + " must be asc, desc, ciasc or cidesc")
		return &e
	}
	b.sorts = append(b.sorts, k)
	return nil
}

// buildSorts checks the sort keys and puts them in order.
func buildSorts(t *objType, version string, keys []sortKey) ([]gsort, *apiError) {
	fail := func(msg string) ([]gsort, *apiError) { e := badParam(msg); return nil, &e }
	numbered := 0
	for _, k := range keys {
		if k.n >= 0 {
			numbered++
		}
	}
	switch {
	case numbered > 0 && numbered < len(keys):
		return fail("Sort keys are either all numbered or one alone: number every one (field_1_Sort, field_2_Sort)")
	case numbered == 0 && len(keys) > 1:
		return fail("Several sort keys must be numbered in their order: field_1_Sort, field_2_Sort (e.g. name_1_Sort=asc&ID_2_Sort=asc)")
	}
	keys = slices.Clone(keys)
	slices.SortStableFunc(keys, func(a, b sortKey) int { return a.n - b.n })
	var out []gsort
	for i, k := range keys {
		if i > 0 && k.n == keys[i-1].n {
			return fail(fmt.Sprintf("Two sort keys have the number %d: %s and %s", k.n, keys[i-1].key, k.key))
		}
		get, def, ok := t.resolve(k.field)
		if !ok {
			e := unknownField(version, k.field, t)
			return nil, &e
		}
		if def.kind == kStrings {
			e := listField(version, k.field, t)
			return nil, &e
		}
		out = append(out, gsort{path: k.field, get: get, kind: def.kind, desc: strings.HasSuffix(k.dir, "desc"), ci: strings.HasPrefix(k.dir, "ci")})
	}
	return out, nil
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
		if s.ci {
			c.raw = nil // no tiebreak by case
		}
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
			raw := valueString(v)
			c.lower[i] = strings.ToLower(raw)
			if c.raw != nil {
				c.raw[i] = raw
			}
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
		if r = strings.Compare(c.lower[x], c.lower[y]); r == 0 && c.raw != nil {
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
		spec += fmt.Sprintf("%s %v %v|", s.path, s.desc, s.ci)
	}
	r := t.root()
	r.mu.Lock()
	defer r.mu.Unlock()
	if o, ok := r.sorted[spec]; ok {
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
	if r.sorted == nil || len(r.sorted) > 64 {
		r.sorted = map[string][]int32{}
	}
	r.sorted[spec] = o
	return o
}
