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
	if f.pred != nil {
		return f.pred(i)
	}
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
		if q.match(int(i)) {
			out = append(out, i)
		}
	}
	return out
}

// defaultMod is the modifier a filter without _Mod gets, as Workfront's
// constants say: between with a _Range, in with several values, else eq.
func defaultMod(values, ranges []string) string {
	switch {
	case len(ranges) > 0:
		return "between"
	case len(values) > 1:
		return "in"
	}
	return "eq"
}

// filterValues checks a filter's values against its modifier and returns
// them: in and notin split at commas; between is the value and its _Range.
func filterValues(field, mod string, values, ranges []string) ([]string, *apiError) {
	fail := func(msg string) ([]string, *apiError) { e := badParam(msg); return nil, &e }
	switch {
	case mod == "between" && len(ranges) == 0:
		return fail(fmt.Sprintf("%[1]s_Mod=between needs %[1]s_Range=<upper bound>: send %[1]s=<lower>&%[1]s_Range=<upper>&%[1]s_Mod=between", field))
	case mod == "between" && (len(values) != 1 || len(ranges) != 1):
		return fail(fmt.Sprintf("%[1]s_Mod=between takes one %[1]s=<lower> and one %[1]s_Range=<upper>", field))
	case mod == "between":
		return []string{values[0], ranges[0]}, nil
	case len(ranges) > 0:
		return fail(fmt.Sprintf("%[1]s_Range goes with %[1]s_Mod=between, not %[1]s_Mod=%[2]s", field, mod))
	case mod == "isnull" || mod == "notnull":
		return nil, nil // any value is ignored
	case len(values) == 0:
		return fail(fmt.Sprintf("%[1]s_Mod=%[2]s needs a value: %[1]s=…", field, mod))
	case mod == "in" || mod == "notin":
		var split []string
		for _, v := range values {
			split = append(split, strings.Split(v, ",")...)
		}
		return split, nil
	case len(values) > 1:
		return fail(fmt.Sprintf("%[1]s_Mod=%[2]s takes one value; several go with %[1]s_Mod=in", field, mod))
	}
	return values, nil
}

// textMods compare a value's text: no number or date is parsed for them.
var textMods = map[string]bool{"contains": true, "notcontains": true, "cicontains": true, "cinotcontains": true, "like": true, "cilike": true}

// buildFilter makes one filter from a field's values, _Range values and _Mod.
func buildFilter(t *objType, c qctx, field string, values, ranges []string, mod string, hasMod bool) (gfilter, *apiError) {
	fail := func(e apiError) (gfilter, *apiError) { return gfilter{}, &e }
	get, def, ok := t.resolve(field)
	if !ok {
		return fail(unknownField(c.version, field, t))
	}
	if def.kind == kStrings {
		return fail(listField(c.version, field, t))
	}
	if !hasMod {
		mod = defaultMod(values, ranges)
	}
	if !allMods[mod] {
		return fail(badParam("Unknown modifier " + field + "_Mod=" + mod))
	}
	values, e := filterValues(field, mod, values, ranges)
	if e != nil {
		return gfilter{}, e
	}
	f := gfilter{get: get, kind: def.kind, mod: mod}
	for _, v := range values {
		v, when, e := c.wildcard(field, def.kind, v)
		if e != nil {
			return gfilter{}, e
		}
		f.values = append(f.values, v)
		if textMods[mod] {
			continue
		}
		switch def.kind {
		case kInt, kDouble:
			n, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return fail(badParam(fmt.Sprintf("%s is not a number for %s", v, field)))
			}
			f.nums = append(f.nums, n)
		case kDate:
			if when.IsZero() {
				var ok bool
				if when, ok = parseDate(v); !ok {
					return fail(badParam(fmt.Sprintf("%s is not a date for %s", v, field)))
				}
			}
			f.times = append(f.times, when)
		}
	}
	return f, nil
}

// listField refuses a filter, sort or group on a list-valued field.
func listField(version, field string, t *objType) apiError {
	return badParam(fmt.Sprintf("APIModel %s: field %s (%s) holds a list of values; it cannot be filtered, sorted or grouped on", apiModel(version), field, t.name))
}
