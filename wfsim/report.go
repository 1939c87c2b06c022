package wfsim

import (
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// The report action: GET /<obj>/report?<field>_1_GroupBy=true
// &<field>_AggFunc=sum|avg|min|max|count|dcount&$$ROLLUP=true, with the
// search's filters. The answer has one object per group, named by the
// group's value ("" for objects without one), holding "<func>_<field>"
// for each aggregate, and "$$ROLLUP" for the total when it was asked for;
// wrapped in "data" unless SetReportShape says otherwise.

var aggFuncs = map[string]bool{"sum": true, "avg": true, "min": true, "max": true, "count": true, "dcount": true}

type agg struct {
	fn, field string
	get       func(int) any
}

func (s *Sim) report(w http.ResponseWriter, t *objType, version string, params []param) {
	var groupBy []string
	var aggs []agg
	rollup := false
	var rest []param
	for _, p := range params {
		switch {
		case strings.HasSuffix(p.key, "_GroupBy"):
			field := strings.TrimSuffix(p.key, "_GroupBy")
			if i := strings.LastIndex(field, "_"); i > 0 {
				if _, err := strconv.Atoi(field[i+1:]); err == nil {
					field = field[:i]
				}
			}
			if strings.EqualFold(p.value, "true") {
				groupBy = append(groupBy, field)
			}
		case strings.HasSuffix(p.key, "_AggFunc"):
			field := strings.TrimSuffix(p.key, "_AggFunc")
			fn := strings.ToLower(p.value)
			if !aggFuncs[fn] {
				writeAPIError(w, badParam("Unknown aggregate function "+p.value+" for "+field))
				return
			}
			get, _, ok := t.resolve(field)
			if !ok {
				writeAPIError(w, unknownField(version, field, t))
				return
			}
			aggs = append(aggs, agg{fn, field, get})
		case p.key == "$$ROLLUP":
			rollup = strings.EqualFold(p.value, "true")
		default:
			rest = append(rest, p)
		}
	}
	switch {
	case len(groupBy) == 0:
		writeAPIError(w, badParam("A report needs a field to group by: <field>_1_GroupBy=true"))
		return
	case len(groupBy) > 1:
		writeAPIError(w, badParam("The simulator groups by one field at a time"))
		return
	}
	group, _, ok := t.resolve(groupBy[0])
	if !ok {
		writeAPIError(w, unknownField(version, groupBy[0], t))
		return
	}
	q, apiErr := parseQuery(t, version, rest)
	if apiErr != nil {
		writeAPIError(w, *apiErr)
		return
	}
	rows := q.rows(t)
	byKey := map[string][]int32{}
	sample := map[string]any{}
	var keys []string
	for _, i := range rows {
		v := group(int(i))
		k := valueString(v)
		if _, seen := byKey[k]; !seen {
			keys = append(keys, k)
			sample[k] = v
		}
		byKey[k] = append(byKey[k], i)
	}
	slices.SortFunc(keys, func(a, b string) int { return compareValues(sample[a], sample[b]) })

	s.knobs.mu.Lock()
	top := s.knobs.reportTopLevel
	s.knobs.mu.Unlock()
	buf := make([]byte, 0, 256+len(keys)*64)
	if !top {
		buf = append(buf, `{"data":`...)
	}
	buf = append(buf, '{')
	writeGroup := func(name string, members []int32) {
		if buf[len(buf)-1] != '{' {
			buf = append(buf, ',')
		}
		buf = appendString(buf, name)
		buf = append(buf, ":{"...)
		for n, a := range aggs {
			if n > 0 {
				buf = append(buf, ',')
			}
			buf = appendString(buf, a.fn+"_"+a.field)
			buf = append(buf, ':')
			buf = appendAgg(buf, a, members)
		}
		buf = append(buf, '}')
	}
	for _, k := range keys {
		writeGroup(k, byKey[k])
	}
	if rollup {
		writeGroup("$$ROLLUP", rows)
	}
	buf = append(buf, '}')
	if !top {
		buf = append(buf, '}')
	}
	writeJSON(w, buf)
}

// appendAgg computes one aggregate over a group's rows: count counts the
// values that are set, dcount the distinct ones; sum, avg, min and max
// take the numbers (null when there are none; a sum of none is 0).
func appendAgg(buf []byte, a agg, rows []int32) []byte {
	switch a.fn {
	case "count", "dcount":
		n := 0
		distinct := map[string]bool{}
		for _, i := range rows {
			v := a.get(int(i))
			if v == nil {
				continue
			}
			n++
			distinct[valueString(v)] = true
		}
		if a.fn == "dcount" {
			n = len(distinct)
		}
		return strconv.AppendInt(buf, int64(n), 10)
	}
	sum, n := 0.0, 0
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, i := range rows {
		f := asFloat(a.get(int(i)))
		if math.IsNaN(f) {
			continue
		}
		sum += f
		n++
		lo, hi = min(lo, f), max(hi, f)
	}
	var out float64
	switch {
	case a.fn == "sum":
		out = sum
	case n == 0:
		return append(buf, "null"...)
	case a.fn == "avg":
		out = sum / float64(n)
	case a.fn == "min":
		out = lo
	case a.fn == "max":
		out = hi
	}
	return strconv.AppendFloat(buf, out, 'f', -1, 64)
}
