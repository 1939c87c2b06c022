package wfsim

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Matching rows against the filters.

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
	case []string:
		return strings.Join(x, ",")
	}
	return ""
}

// listField refuses a filter, sort or group on a list-valued field.
func listField(version, field string, t *objType) apiError {
	return badParam(fmt.Sprintf("APIModel %s: field %s (%s) holds a list of values; it cannot be filtered, sorted or grouped on", apiModel(version), field, t.name))
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
