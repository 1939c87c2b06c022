package ui

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/workfront"
)

// How a cell of the table is written: a field path read through references, dates and numbers for people, text cut to its column and cleaned of control characters.

// renderer is how one column's values read: dates in the person's
// language, enum values by their labels, the rest as text.
func (v *BrowserView) renderer(col string) func(workfront.Object) string {
	get := fieldGetter(col)
	for _, f := range v.meta.Fields {
		if f.Name != col {
			continue
		}
		if len(f.Values) > 0 {
			labels := map[string]string{}
			for _, val := range f.Values {
				labels[val.Value] = val.Label
			}
			if v.objCode == "PROJ" && col == "status" {
				projectStatusWords(labels)
			}
			return func(o workfront.Object) string {
				val, _ := get(o)
				text := workfront.ValueText(val)
				if l := labels[text]; l != "" {
					return cleanCell(l)
				}
				return cleanCell(text)
			}
		}
	}
	if col == "percentComplete" {
		return percentText
	}
	if workfront.InMinutes(col) {
		return func(o workfront.Object) string {
			val, _ := get(o)
			if n, ok := (workfront.Object{"n": val}).Number("n"); ok {
				return hoursText(n / 60)
			}
			return cleanCell(workfront.ValueText(val))
		}
	}
	// The same dates come back row after row (a project's tasks end on a
	// few days), so each is read and written once.
	dates := map[string]string{}
	return func(o workfront.Object) string {
		val, _ := get(o)
		if s, ok := val.(string); ok && looksLikeDate(s) {
			if d, ok := dates[s]; ok {
				return d
			}
			if t, err := workfront.ParseDate(s); err == nil && !t.IsZero() {
				if len(dates) > 4096 {
					clear(dates)
				}
				dates[s] = localDate(t)
				return dates[s]
			}
		}
		return cleanCell(workfront.ValueText(val))
	}
}

// sortedInApp puts a page that holds the whole result (a project's dozen
// tasks) in the order people read names: Workfront sorts text by its
// characters ("#1691" before "#999"), and here the app has every row. A
// result of several pages keeps Workfront's order, the only one that pages.
func (v *BrowserView) sortedInApp(rows []workfront.Object) []workfront.Object {
	field := v.sortBy.Field
	if v.first != 0 || v.total < 0 || v.total > len(rows) || field == "" || v.numeric(field) ||
		v.fieldType(field) == "dateTime" || v.fieldType(field) == "date" {
		return rows
	}
	get, natural := fieldGetter(field), workfront.NaturalOrder()
	key := func(o workfront.Object) string { val, _ := get(o); return workfront.ValueText(val) }
	out := slices.Clone(rows)
	slices.SortStableFunc(out, func(a, b workfront.Object) int {
		c := natural(key(a), key(b))
		if v.sortBy.Desc {
			return -c
		}
		return c
	})
	return out
}

// projectStatusWords puts Workfront's built-in project statuses in the
// person's language, as the status filter and the reports name them; an
// instance's own statuses keep the label its metadata gives.
func projectStatusWords(labels map[string]string) {
	for _, st := range workfront.Statuses() {
		if _, ok := labels[st.Code]; ok {
			labels[st.Code] = lang.L(st.Name)
		}
	}
}

// fieldGetter reads one field path from objects, having split the path
// once: a plain field (or a custom "DE:" one) is one map lookup, and a
// reference path goes straight to the nested object.
func fieldGetter(path string) func(workfront.Object) (any, bool) {
	head, rest, nested := strings.Cut(path, ":")
	if !nested || head == "DE" {
		return func(o workfront.Object) (any, bool) {
			val, ok := o[path]
			return val, ok
		}
	}
	return func(o workfront.Object) (any, bool) {
		switch next := o[head].(type) {
		case map[string]any:
			if val, ok := workfront.Object(next).Value(rest); ok {
				return val, true
			}
		case workfront.Object:
			if val, ok := next.Value(rest); ok {
				return val, true
			}
		}
		return o.Value(path)
	}
}

// looksLikeDate is a cheap test before parsing: 2026-03-05T17:00:00…
func looksLikeDate(s string) bool {
	return len(s) >= 19 && s[4] == '-' && s[7] == '-' && s[10] == 'T'
}

func columnWidth(col string) float32 {
	switch {
	case col == "name":
		return 280
	case strings.HasSuffix(col, ":name"):
		return 170
	}
	return 150
}

// charsFor is about how many characters fit a column of that width.
func charsFor(width float32) int { return max(4, int((width-16)/7.5)) }

// cut shortens text to about n characters' width, with an ellipsis; East
// Asian wide characters count twice.
func cut(s string, n int) string {
	if len(s) <= n { // bytes ≥ width: short enough either way
		return s
	}
	width := 0
	for _, r := range s {
		width += runeWidth(r)
	}
	if width <= n {
		return s
	}
	width = 0
	for i, r := range s {
		if width+runeWidth(r) > n-1 {
			return s[:i] + "…"
		}
		width += runeWidth(r)
	}
	return s
}

// runeWidth is 2 for East Asian wide characters, else 1.
func runeWidth(r rune) int {
	switch {
	case r < 0x1100:
		return 1
	case r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF, r >= 0xAC00 && r <= 0xD7A3, r >= 0xF900 && r <= 0xFAFF,
		r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6, r >= 0x20000:
		return 2
	}
	return 1
}

// cellText renders one value for the table: dates and numbers in the
// person's language, everything without control characters.
func (v *BrowserView) cellText(o workfront.Object, col string) string {
	return v.renderer(col)(o)
}

func cleanCell(s string) string {
	s = msg.Clean(s) // tabs and line breaks become spaces
	if strings.Contains(s, "  ") || strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return s
}

// hoursText is a number of hours as people read it: "22 h", "1.5 h".
func hoursText(h float64) string {
	return fmt.Sprintf(lang.L("%s h"), strconv.FormatFloat(math.Round(h*100)/100, 'f', -1, 64))
}

// percentText is a percentage as people write it: 40%.
func percentText(o workfront.Object) string {
	n, ok := o.Number("percentComplete")
	if !ok {
		return ""
	}
	return strconv.FormatFloat(n, 'f', 0, 64) + "%"
}
