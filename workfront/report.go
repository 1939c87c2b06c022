package workfront

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/wfconnect/wfconnect/msg"
)

// Reports: Workfront's report action, which groups the objects a search
// matches by one field and aggregates others per group
// (GET /<obj>/report?<field>_1_GroupBy=true&<field>_AggFunc=sum&$$ROLLUP=true).

// AggFuncs are the aggregate functions Workfront's report action knows.
var aggFuncs = []string{"sum", "avg", "min", "max", "count", "dcount"}

// AggFuncs returns them.
func AggFuncs() []string { return slices.Clone(aggFuncs) }

// Agg is one aggregate: a function of a field, like sum of hours.
type Agg struct {
	Func  string // sum, avg, min, max, count or dcount
	Field string // hours, workRequired, DE:Budget, …
}

// Key is the name Workfront gives the aggregate in its answer: "sum_hours".
func (a Agg) Key() string { return a.Func + "_" + a.Field }

// ParseAgg reads "sum:hours" (FUNC:FIELD; the field may hold colons, as in
// "sum:DE:Budget").
func ParseAgg(s string) (Agg, error) {
	fn, field, ok := strings.Cut(s, ":")
	fn = strings.ToLower(strings.TrimSpace(fn))
	field = strings.TrimSpace(field)
	if !ok || field == "" || !slices.Contains(aggFuncs, fn) {
		return Agg{}, msg.New("%q is not an aggregate: write FUNC:FIELD, where FUNC is sum, avg, min, max, count or dcount (like sum:hours).", s)
	}
	return Agg{Func: fn, Field: field}, nil
}

// ReportQuery asks for one report.
type ReportQuery struct {
	ObjCode string
	GroupBy string // a field or a reference's field: status, project:name, owner:name
	Aggs    []Agg  // none: the groups are only counted
	Filters []Filter
	Rollup  bool // ask for the total over every group ($$ROLLUP)
}

// countAgg is what every report also asks for, so that each group carries
// its number of objects.
var countAgg = Agg{Func: "count", Field: "ID"}

func (q ReportQuery) params() []param {
	p := filterParams(q.Filters)
	p = append(p, param{q.GroupBy + "_1_GroupBy", "true"})
	asked := map[string]bool{}
	for _, a := range append([]Agg{countAgg}, q.Aggs...) {
		if asked[a.Key()] {
			continue
		}
		asked[a.Key()] = true
		p = append(p, param{a.Field + "_AggFunc", a.Func})
	}
	if q.Rollup {
		p = append(p, param{"$$ROLLUP", "true"})
	}
	return p
}

// ReportGroup is one group of a report: the group's value as Workfront
// names it and its aggregates by key ("sum_hours").
type ReportGroup struct {
	Value  string             // "" for the objects without a value
	Count  int                // objects in the group; -1 when Workfront did not say
	Values map[string]float64 // aggregates by key ("sum_hours"); a missing key had no value
}

// Value returns one aggregate of the group.
func (g ReportGroup) Agg(a Agg) (float64, bool) {
	v, ok := g.Values[a.Key()]
	return v, ok
}

// Report is the answer of the report action: the groups in the order
// Workfront sent them, and the total over them when it was asked for.
type Report struct {
	Query  ReportQuery
	Groups []ReportGroup
	Total  *ReportGroup // nil unless Rollup was asked for and answered
}

// Report runs Workfront's report action.
func (c *Client) Report(ctx context.Context, q ReportQuery) (Report, error) {
	path, err := objPath(q.ObjCode)
	if err != nil {
		return Report{}, err
	}
	if strings.TrimSpace(q.GroupBy) == "" {
		return Report{}, msg.New("A report needs a field to group by, like status or owner:name.")
	}
	body := reportAnswer{groupBy: q.GroupBy}
	if err := c.get(ctx, path+"/report", q.params(), &body); err != nil {
		return Report{}, err
	}
	rep := Report{Query: q, Groups: body.groups, Total: body.total}
	return rep, nil
}

// reportAnswer reads the report's answer in both of the shapes seen: the
// groups at the top level ({"Apollo":{"sum_hours":15},…}, as Workfront's
// documentation shows) or wrapped in "data" like every other answer. The
// groups keep the order they came in.
type reportAnswer struct {
	groupBy string // the field grouped by, which each group may name itself
	groups  []ReportGroup
	total   *ReportGroup
	err     *wireError
}

func (a *reportAnswer) apiError() *wireError { return a.err }

func (a *reportAnswer) UnmarshalJSON(b []byte) error {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(b, &top); err != nil {
		return err
	}
	if raw, ok := top["error"]; ok && len(top) <= 2 {
		var w wireError
		if json.Unmarshal(raw, &w) == nil && (w.Class != "" || w.Message != "" || w.Title != "") {
			a.err = &w
			return nil
		}
	}
	src := b
	if raw, ok := top["data"]; ok && len(top) == 1 {
		src = raw
		if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
			return nil
		}
	}
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil {
		return err
	} else if d, ok := t.(json.Delim); !ok || d != '{' {
		return &json.UnmarshalTypeError{Value: fmt.Sprint(t), Type: nil}
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := t.(string)
		var fields map[string]any
		if err := dec.Decode(&fields); err != nil {
			return err
		}
		g := readGroup(key, a.groupBy, fields)
		if key == "$$ROLLUP" {
			a.total = &g
			continue
		}
		a.groups = append(a.groups, g)
	}
	_, err := dec.Token()
	if errors.Is(err, io.EOF) {
		err = nil
	}
	return err
}

// readGroup reads one group's aggregates: any key "<func>_<field>" whose
// value is a number (Workfront's exact key for count is not documented;
// its sample answers a group-by with dcount_ID, and with the group's own
// field beside it, which names the group better than the key).
func readGroup(key, groupBy string, fields map[string]any) ReportGroup {
	g := ReportGroup{Value: key, Count: -1, Values: map[string]float64{}}
	if v, ok := fields[groupBy]; ok && groupBy != "" && key != "$$ROLLUP" {
		g.Value = valueText(v)
	} else if key == "null" {
		// The objects with no value: Workfront does not document their
		// group's key, "" or "null"; without the field to say, "null" is
		// taken as that group, not as a value.
		g.Value = ""
	}
	for k, v := range fields {
		fn, field, ok := strings.Cut(k, "_")
		if !ok || !slices.Contains(aggFuncs, strings.ToLower(fn)) {
			if k == "count" { // a bare count, should an instance send one
				if n, ok := number(v); ok {
					g.Count = int(n)
				}
			}
			continue
		}
		n, ok := number(v)
		if !ok {
			continue
		}
		g.Values[k] = n
		switch {
		case k == countAgg.Key(), k == "dcount_ID" && g.Count < 0:
			// IDs are unique, so their distinct count is the group's size.
			g.Count = int(n)
		case g.Count < 0 && strings.EqualFold(fn, "count") && field == "ID":
			g.Count = int(n)
		}
	}
	return g
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case float64:
		return x, true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil
	}
	return 0, false
}

// ValueLabel names a value of an enum field for people ("CUR" → "Current"),
// as the type's metadata lists it; the value itself when it is not listed.
func (m TypeMeta) ValueLabel(field, value string) string {
	for _, f := range m.Fields {
		if f.Name != field {
			continue
		}
		for _, v := range f.Values {
			if v.Value == value {
				return v.Label
			}
		}
	}
	return value
}
