package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/query"
	"github.com/wfconnect/wfconnect/workfront"
)

// The filter rows beyond one field: Workfront's OR groups (a row's group
// select), its EXISTS filters (a row of their own: exists or not, the
// linked type, and the conditions on it), and parameters the rows cannot
// show, kept as written rather than dropped.

// filterGroups are a row's groups: the plain rows (ANDed), then OR
// groups, each ANDed within and matched as an alternative, as Workfront's
// OR:n: prefixes are. Their names are Workfront's own syntax.
var filterGroups = []string{"AND", "OR 1", "OR 2", "OR 3", "OR 4"}

// groupKey is a group's prefix in a query.Row ("" or "OR:1").
func groupKey(group string) string {
	if n, ok := strings.CutPrefix(group, "OR "); ok {
		return "OR:" + n
	}
	return ""
}

// groupOf is the group select's option for a row's prefix.
func groupOf(key string) string {
	if n, ok := strings.CutPrefix(key, "OR:"); ok {
		name := "OR " + n
		if slices.Contains(filterGroups, name) {
			return name
		}
	}
	return filterGroups[0]
}

// ExistsRow is one EXISTS filter: objects that have (or have not) a
// linked object of a type, under conditions in text mode.
type ExistsRow struct {
	Label      string // Workfront's group label, "a" or "1"
	Mod        *widget.Select
	ObjCode    *widget.Entry
	Conditions *widget.Entry // field=value lines, one per line
	Remove     *widget.Button
	box        fyne.CanvasObject
}

// existsMods are the select's options, in Workfront's own words.
var existsMods = []string{"EXISTS", "NOTEXISTS"}

func (v *BrowserView) addExistsRow(e query.Exists) *ExistsRow {
	r := &ExistsRow{Label: e.Label}
	r.Mod = newSelect(existsMods, func(string) { v.debounced() })
	r.Mod.SetSelectedIndex(0)
	if e.Not {
		r.Mod.SetSelectedIndex(1)
	}
	r.ObjCode = widget.NewEntry()
	r.ObjCode.SetPlaceHolder(lang.L("Type (TASK)"))
	r.ObjCode.SetText(e.ObjCode)
	r.ObjCode.OnChanged = func(string) { v.debounced() }
	r.Conditions = widget.NewMultiLineEntry()
	r.Conditions.SetPlaceHolder(lang.L("Conditions, one per line: projectID=FIELD:ID"))
	r.Conditions.SetText(query.Format(e.Conditions))
	r.Conditions.SetMinRowsVisible(max(1, min(4, len(e.Conditions))))
	r.Conditions.OnChanged = func(string) { v.debounced() }
	r.Remove = widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { v.removeExists(r) })
	height := r.ObjCode.MinSize().Height
	r.box = container.NewBorder(nil, nil, container.NewHBox(container.NewGridWrap(fyne.NewSize(130, height), r.Mod),
		container.NewGridWrap(fyne.NewSize(110, height), r.ObjCode)), r.Remove, r.Conditions)
	v.Exists = append(v.Exists, r)
	v.FilterBox.Add(r.box)
	return r
}

// filters is the row in Workfront's syntax; without a type it is nothing,
// as Workfront requires $$OBJCODE. A condition line that is not
// field=value is left out (the row keeps its text).
func (r *ExistsRow) filters() []workfront.Filter {
	code := strings.ToUpper(strings.TrimSpace(r.ObjCode.Text))
	if code == "" {
		return nil
	}
	e := query.Exists{Label: r.Label, ObjCode: code, Not: r.Mod.Selected == "NOTEXISTS"}
	for _, line := range strings.Split(r.Conditions.Text, "\n") {
		if k, val, ok := strings.Cut(strings.TrimSpace(line), "="); ok && k != "" {
			e.Conditions = append(e.Conditions, workfront.Filter{Key: k, Value: val})
		}
	}
	return e.Filters()
}

func (v *BrowserView) removeExists(r *ExistsRow) {
	v.Exists = slices.DeleteFunc(v.Exists, func(x *ExistsRow) bool { return x == r })
	v.FilterBox.Remove(r.box)
	v.first = 0
	v.Reload()
}

// RawRow is a parameter kept as written: its field is not in the type's
// metadata, or the rows cannot show it. It is sent as it is.
type RawRow struct {
	Param  *widget.Entry // key=value
	Why    *widget.Label
	Remove *widget.Button
	box    fyne.CanvasObject
}

func (v *BrowserView) addRawRow(f workfront.Filter, why string) *RawRow {
	r := &RawRow{}
	r.Param = widget.NewEntry()
	r.Param.SetPlaceHolder(lang.L("field=value, as Workfront takes it"))
	if f.Key != "" {
		r.Param.SetText(f.Key + "=" + f.Value)
	}
	r.Param.OnChanged = func(string) { v.debounced() }
	r.Why = widget.NewLabel(why)
	r.Why.Importance = widget.WarningImportance
	r.Remove = widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { v.removeRaw(r) })
	r.box = container.NewBorder(nil, nil, r.Why, r.Remove, r.Param)
	v.Raw = append(v.Raw, r)
	v.FilterBox.Add(r.box)
	return r
}

func (r *RawRow) filters() []workfront.Filter {
	k, val, ok := strings.Cut(strings.TrimSpace(r.Param.Text), "=")
	if !ok || strings.TrimSpace(k) == "" {
		return nil
	}
	return []workfront.Filter{{Key: strings.TrimSpace(k), Value: val}}
}

func (v *BrowserView) removeRaw(r *RawRow) {
	v.Raw = slices.DeleteFunc(v.Raw, func(x *RawRow) bool { return x == r })
	v.FilterBox.Remove(r.box)
	v.first = 0
	v.Reload()
}

// rowFilters are the filter rows' parameters: field rows, then EXISTS
// rows, then those kept as written.
func (v *BrowserView) rowFilters() []workfront.Filter {
	var out []workfront.Filter
	for _, f := range v.Filters {
		out = append(out, f.filters()...)
	}
	return append(out, v.extraFilters()...)
}

// clearRows drops every filter row.
func (v *BrowserView) clearRows() {
	v.Filters, v.Exists, v.Raw = nil, nil, nil
	v.FilterBox.Objects = nil
	v.FilterBox.Refresh()
}

// setFilters shows parameters as filter rows, without a search for each
// (the caller searches once): a field of the type as a row with its
// modifier, an EXISTS group as its row, the rest kept as written.
func (v *BrowserView) setFilters(fs []workfront.Filter) {
	v.clearRows()
	split := query.SplitFilters(fs, v.knownField)
	v.quiet = true
	defer func() { v.quiet = false }()
	for _, row := range split.Rows {
		v.restoreRow(row)
	}
	for _, e := range split.Exists {
		v.addExistsRow(e)
	}
	for _, f := range split.Raw {
		v.addRawRow(f, lang.L("Kept as written:"))
	}
}

// restoreRow adds a field row; a modifier the row does not offer for the
// field's type keeps it as written instead.
func (v *BrowserView) restoreRow(row query.Row) {
	i := slices.IndexFunc(v.meta.Fields, func(f workfront.FieldMeta) bool { return f.Name == row.Field })
	mod := row.Mod
	if mod == "" {
		mod = "eq"
	}
	if i < 0 || !slices.Contains(modifiersFor(v.meta.Fields[i]), mod) || (mod != "in" && mod != "notin" && len(row.Values) > 1) {
		for _, f := range row.Filters() {
			v.addRawRow(f, lang.L("Kept as written:"))
		}
		return
	}
	r := v.AddFilterRow()
	r.Group.SetSelected(groupOf(row.Group))
	r.Field.SetSelectedIndex(i)
	r.Mod.SetSelected(mod)
	if mod != "isnull" && mod != "notnull" {
		r.Value.SetText(strings.Join(row.Values, ", "))
	}
	r.To.SetText(row.Range)
}

// extraFilters are the EXISTS rows' and the kept rows' parameters, which
// Back keeps as they are.
func (v *BrowserView) extraFilters() []workfront.Filter {
	var out []workfront.Filter
	for _, e := range v.Exists {
		out = append(out, e.filters()...)
	}
	for _, r := range v.Raw {
		out = append(out, r.filters()...)
	}
	return out
}

// restoreExtra puts EXISTS rows and kept rows back as Back found them.
func (v *BrowserView) restoreExtra(fs []workfront.Filter) {
	v.quiet = true
	defer func() { v.quiet = false }()
	split := query.SplitFilters(fs, nil)
	for _, e := range split.Exists {
		v.addExistsRow(e)
	}
	for _, row := range split.Rows {
		for _, f := range row.Filters() {
			v.addRawRow(f, lang.L("Kept as written:"))
		}
	}
	for _, f := range split.Raw {
		v.addRawRow(f, lang.L("Kept as written:"))
	}
}

// knownField is true for a field of the type's metadata.
func (v *BrowserView) knownField(field string) bool {
	return slices.ContainsFunc(v.meta.Fields, func(f workfront.FieldMeta) bool { return f.Name == field })
}
