package ui

import (
	"cmp"
	"slices"
	"sort"
	"strconv"

	"github.com/wfconnect/wfconnect/workfront"
)

// The report's groups in order (its own, or a column's the person chose)
// and its numbers as people read them.

// ordered is the groups in the order the person chose by a column's
// header, or else the report's own: project statuses as a project lives
// through them, many groups largest first (where the eye looks), a few in
// Workfront's order. Names sort as people read them (#999 before #1691).
func (v *ReportsView) ordered(r workfront.Report) []workfront.ReportGroup {
	groups := append([]workfront.ReportGroup(nil), r.Groups...)
	natural := workfront.NaturalOrder()
	byName := func(a, b workfront.ReportGroup) int {
		return natural(v.groupLabel(r.Query.GroupBy, a.Value), v.groupLabel(r.Query.GroupBy, b.Value))
	}
	dir := 1
	if v.sortDesc {
		dir = -1
	}
	switch {
	case v.sortCol == 0:
		slices.SortStableFunc(groups, func(a, b workfront.ReportGroup) int { return dir * byName(a, b) })
	case v.sortCol > 0 && v.sortCol-2 < len(r.Query.Aggs):
		value := func(g workfront.ReportGroup) float64 {
			if v.sortCol == 1 {
				return float64(g.Count)
			}
			x, _ := g.Agg(r.Query.Aggs[v.sortCol-2])
			return x
		}
		slices.SortStableFunc(groups, func(a, b workfront.ReportGroup) int {
			return cmp.Or(dir*cmp.Compare(value(a), value(b)), byName(a, b))
		})
	case r.Query.ObjCode == "PROJ" && r.Query.GroupBy == "status":
		rank := map[string]int{}
		for i, st := range workfront.Statuses() {
			rank[st.Code] = i + 1
		}
		sort.SliceStable(groups, func(i, j int) bool {
			ri, rj := rank[groups[i].Value], rank[groups[j].Value]
			return ri != 0 && (rj == 0 || ri < rj)
		})
	case len(groups) > 12:
		slices.SortStableFunc(groups, func(a, b workfront.ReportGroup) int {
			return cmp.Or(cmp.Compare(measure(b, r.Query.Aggs), measure(a, r.Query.Aggs)), byName(a, b))
		})
	}
	return groups
}

// SortBy orders the groups by a column of the table, and the bars with
// them; again reverses. Numbers start with the largest.
func (v *ReportsView) SortBy(col int) {
	if col == v.sortCol {
		v.sortDesc = !v.sortDesc
	} else {
		v.sortCol, v.sortDesc = col, col > 0
	}
	if len(v.Report.Groups) > 0 {
		v.show(v.Report)
	} else {
		v.Table.Refresh()
	}
}

// measureText is a bar's value: the first aggregate's, or the count.
func measureText(n float64, aggs []workfront.Agg) string {
	if len(aggs) > 0 {
		return aggText(n, aggs[0])
	}
	return numberText(n)
}

// aggText is an aggregate as people read it: hours where Workfront
// stores minutes (a sum of Planned Hours), else the number.
func aggText(x float64, a workfront.Agg) string {
	if a.Func != "count" && a.Func != "dcount" && workfront.InMinutes(a.Field) {
		return hoursText(x / 60)
	}
	return numberText(x)
}

func numberText(f float64) string {
	if f == float64(int64(f)) && f < 1e15 && f > -1e15 {
		return thousands(int(f))
	}
	return strconv.FormatFloat(f, 'f', 2, 64)
}

func countText(n int) string {
	if n < 0 {
		return "—"
	}
	return thousands(n)
}
