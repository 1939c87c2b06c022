package wfsim

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Sorting rows: by the sort keys, then by ID.

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
