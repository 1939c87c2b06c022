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
// search's filters (OR groups and wildcards too). The answer has one
// object per group, keyed by the group's value as text ("" for objects
// without one, or "null", and with or without the field: Workfront does
// not document it, SetReportEmptyGroup chooses). Like Workfront's sample (fixtures/report.json, for
// task/report?status_1_GroupBy=true):
//
//	{"data":{"CPL":{"dcount_ID":1,"status":"CPL"},"INP":{"dcount_ID":22,"status":"INP"},…}}
//
// each group holds dcount_ID (its distinct IDs), the grouped field under
// the name it was asked by ("status", "assignedTo:name") with the group's
// raw value (a string, a number, or null for the empty group), then
// "<func>_<field>" for each aggregate asked for. "$$ROLLUP", when asked
// for, holds dcount_ID and the aggregates over every row, and no group
// field. Wrapped in "data" unless SetReportShape says otherwise.

var aggFuncs = map[string]bool{"sum": true, "avg": true, "min": true, "max": true, "count": true, "dcount": true}

type agg struct {
	fn, field string
	get       func(int) any
}

// reportQuery is a report's own parameters; rest is the search's.
type reportQuery struct {
	groupBy []string
	aggs    []agg
	rollup  bool
	rest    []param
}

func readReport(t *objType, c qctx, params []param) (reportQuery, *apiError) {
	var rq reportQuery
	fail := func(e apiError) (reportQuery, *apiError) { return rq, &e }
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
				rq.groupBy = append(rq.groupBy, field)
			}
		case strings.HasSuffix(p.key, "_AggFunc"):
			field := strings.TrimSuffix(p.key, "_AggFunc")
			fn := strings.ToLower(p.value)
			if !aggFuncs[fn] {
				return fail(badParam("Unknown aggregate function " + p.value + " for " + field))
			}
			get, def, ok := t.resolve(field)
			switch {
			case !ok:
				return fail(unknownField(c.version, field, t))
			case def.kind == kStrings:
				return fail(listField(c.version, field, t))
			}
			rq.aggs = append(rq.aggs, agg{fn, field, get})
		case p.key == "$$ROLLUP":
			rq.rollup = strings.EqualFold(p.value, "true")
		default:
			rq.rest = append(rq.rest, p)
		}
	}
	switch {
	case len(rq.groupBy) == 0:
		return fail(badParam("A report needs a field to group by: <field>_1_GroupBy=true"))
	case len(rq.groupBy) > 1:
		return fail(badParam("The simulator groups by one field at a time"))
	}
	return rq, nil
}

func (s *Sim) report(w http.ResponseWriter, t *objType, c qctx, params []param) {
	rq, e := readReport(t, c, params)
	if e != nil {
		writeAPIError(w, *e)
		return
	}
	group, def, ok := t.resolve(rq.groupBy[0])
	switch {
	case !ok:
		writeAPIError(w, unknownField(c.version, rq.groupBy[0], t))
		return
	case def.kind == kStrings:
		writeAPIError(w, listField(c.version, rq.groupBy[0], t))
		return
	}
	q, apiErr := parseQuery(t, c, rq.rest)
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
	top, emptyKey, emptyNoField := s.knobs.reportTopLevel, s.knobs.reportEmptyKey, s.knobs.reportEmptyNoField
	s.knobs.mu.Unlock()
	buf := make([]byte, 0, 256+len(keys)*64)
	if !top {
		buf = append(buf, `{"data":`...)
	}
	buf = append(buf, '{')
	for n, k := range keys {
		if n > 0 {
			buf = append(buf, ',')
		}
		name, withField := k, true
		if sample[k] == nil {
			name, withField = emptyKey, !emptyNoField
		}
		buf = appendGroup(buf, name, rq.groupBy[0], sample[k], withField, rq.aggs, byKey[k])
	}
	if rq.rollup {
		if len(keys) > 0 {
			buf = append(buf, ',')
		}
		buf = appendGroup(buf, "$$ROLLUP", "", nil, false, rq.aggs, rows)
	}
	buf = append(buf, '}')
	if !top {
		buf = append(buf, '}')
	}
	writeJSON(w, buf)
}

// appendGroup writes one group: "name":{"dcount_ID":n,"<field>":value,…}.
// An aggregate asked for as dcount_ID is written once.
func appendGroup(buf []byte, name, field string, value any, withField bool, aggs []agg, members []int32) []byte {
	buf = appendString(buf, name)
	buf = append(buf, `:{"dcount_ID":`...)
	buf = strconv.AppendInt(buf, int64(len(members)), 10) // IDs are distinct
	if withField {
		buf = append(buf, ',')
		buf = appendString(buf, field)
		buf = append(buf, ':')
		buf = appendValue(buf, value)
	}
	for _, a := range aggs {
		key := a.fn + "_" + a.field
		if key == "dcount_ID" || withField && key == field {
			continue
		}
		buf = append(buf, ',')
		buf = appendString(buf, key)
		buf = append(buf, ':')
		buf = appendAgg(buf, a, members)
	}
	return append(buf, '}')
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
