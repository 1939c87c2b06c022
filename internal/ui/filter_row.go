package ui

import (
	"fmt"
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

// FilterRow is one filter: a field, a modifier that fits its type, a value
// (and, for between, a second one: Workfront's field_Range).
type FilterRow struct {
	Group  *widget.Select // AND, or one of Workfront's OR groups
	Field  *widget.Select
	Mod    *widget.Select
	Value  *widget.Entry
	To     *widget.Entry // the upper bound of between; shown only then
	Remove *widget.Button
	fields []workfront.FieldMeta
	values *fyne.Container // Value, or Value and To
	box    *fyne.Container
}

// AddFilterRow adds a filter on the type's fields.
func (v *BrowserView) AddFilterRow() *FilterRow {
	r := &FilterRow{fields: v.meta.Fields}
	var labels []string
	for _, f := range r.fields {
		labels = append(labels, f.Label)
	}
	r.Mod = newSelect(nil, func(string) { r.fitValues(); v.debounced() })
	r.Value = widget.NewEntry()
	r.Value.OnChanged = func(string) { v.debounced() }
	r.To = widget.NewEntry()
	r.To.OnChanged = func(string) { v.debounced() }
	r.values = container.NewGridWithColumns(1, r.Value)
	r.Field = newSelect(labels, func(string) { r.fitModifiers(); v.debounced() })
	r.Group = newSelect(filterGroups, func(string) { v.debounced() })
	r.Group.SetSelectedIndex(0)
	r.Remove = widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { v.removeFilter(r) })
	height := r.Field.MinSize().Height
	r.box = container.NewBorder(nil, nil, container.NewHBox(container.NewGridWrap(fyne.NewSize(86, height), r.Group),
		container.NewGridWrap(fyne.NewSize(200, height), r.Field),
		container.NewGridWrap(fyne.NewSize(130, r.Mod.MinSize().Height), r.Mod)), r.Remove, r.values)
	v.Filters = append(v.Filters, r)
	v.FilterBox.Add(r.box)
	return r
}

func (v *BrowserView) removeFilter(r *FilterRow) {
	for i, f := range v.Filters {
		if f == r {
			v.Filters = append(v.Filters[:i], v.Filters[i+1:]...)
			break
		}
	}
	v.FilterBox.Remove(r.box)
	v.first = 0
	v.Reload()
}

// filterState is a filter row as Back brings it back.
type filterState struct{ group, field, mod, from, to string }

func (r *FilterRow) state() filterState {
	f, _ := r.field()
	return filterState{group: r.Group.Selected, field: f.Name, mod: r.Mod.Selected, from: r.Value.Text, to: r.To.Text}
}

// restoreFilterRow adds a row as it was, without searching on each part
// of it (the page that follows searches once, with all of them); a field
// the type no longer has is left out.
func (v *BrowserView) restoreFilterRow(st filterState) {
	i := slices.IndexFunc(v.meta.Fields, func(f workfront.FieldMeta) bool { return f.Name == st.field })
	if i < 0 {
		return
	}
	v.quiet = true
	defer func() { v.quiet = false }()
	r := v.AddFilterRow()
	if st.group != "" {
		r.Group.SetSelected(st.group)
	}
	r.Field.SetSelectedIndex(i)
	r.Mod.SetSelected(st.mod)
	r.Value.SetText(st.from)
	r.To.SetText(st.to)
}

func (r *FilterRow) field() (workfront.FieldMeta, bool) {
	i := r.Field.SelectedIndex()
	if i < 0 || i >= len(r.fields) {
		return workfront.FieldMeta{}, false
	}
	return r.fields[i], true
}

// modifiersFor are the modifiers that fit a field's type.
func modifiersFor(f workfront.FieldMeta) []string {
	switch {
	case len(f.Values) > 0:
		return []string{"eq", "ne", "in", "notin", "isnull", "notnull"}
	case f.Type == "int" || f.Type == "double" || f.Type == "dateTime" || f.Type == "date":
		return []string{"eq", "ne", "gte", "lte", "gt", "lt", "between", "isnull", "notnull"}
	case f.Type == "boolean":
		return []string{"eq", "ne"}
	}
	return []string{"cicontains", "eq", "ne", "contains", "cieq", "in", "isnull", "notnull"}
}

func (r *FilterRow) fitModifiers() {
	f, ok := r.field()
	if !ok {
		return
	}
	mods := modifiersFor(f)
	r.Mod.SetOptions(mods)
	r.Mod.SetSelected(mods[0])
	r.fitValues()
}

// fitValues shows one value field, or two for between (from and to, side
// by side in the width one had, so nothing else on the row moves).
func (r *FilterRow) fitValues() {
	hint := lang.L("Value")
	if f, ok := r.field(); ok && len(f.Values) > 0 {
		var values []string
		for _, val := range f.Values {
			values = append(values, val.Value)
		}
		hint = strings.Join(values, ", ")
	}
	between := r.Mod.Selected == "between"
	if between {
		hint = lang.L("From")
		r.To.SetPlaceHolder(lang.L("To"))
	}
	r.Value.SetPlaceHolder(hint)
	if between == (len(r.values.Objects) == 2) {
		return
	}
	if between {
		r.values.Objects = []fyne.CanvasObject{r.Value, r.To}
		r.values.Layout = container.NewGridWithColumns(2).Layout
	} else {
		r.values.Objects = []fyne.CanvasObject{r.Value}
		r.values.Layout = container.NewGridWithColumns(1).Layout
	}
	r.values.Refresh()
}

// filters is the row in Workfront's syntax, its keys prefixed by its OR
// group; an unfinished row is nothing. between goes as
// field=from&field_Range=to&field_Mod=between, the form Workfront
// documents; in and notin repeat the field once per comma-separated value.
func (r *FilterRow) filters() []workfront.Filter {
	f, ok := r.field()
	if !ok || r.Mod.Selected == "" {
		return nil
	}
	row := query.Row{Group: groupKey(r.Group.Selected), Field: f.Name, Mod: r.Mod.Selected}
	from, to := strings.TrimSpace(r.Value.Text), strings.TrimSpace(r.To.Text)
	switch {
	case row.Mod == "isnull" || row.Mod == "notnull":
		row.Values = []string{""}
	case from == "":
		return nil
	case row.Mod == "between" && to == "":
		return nil
	case row.Mod == "between":
		row.Values, row.Range = []string{from}, to
	case row.Mod == "in" || row.Mod == "notin":
		for _, part := range strings.Split(from, ",") {
			if part = strings.TrimSpace(part); part != "" {
				row.Values = append(row.Values, part)
			}
		}
	default:
		row.Values = []string{from}
	}
	return row.Filters()
}

// describe says what the row filters, for a report's subtitle; "" when
// the row is unfinished.
func (r *FilterRow) describe() string {
	f, ok := r.field()
	fs := r.filters()
	switch {
	case !ok || len(fs) == 0:
		return ""
	case r.Mod.Selected == "between":
		return cleanCell(fmt.Sprintf(lang.L("%s between %s and %s"), f.Name, fs[0].Value, fs[1].Value))
	}
	var values []string
	for _, x := range fs[:len(fs)-1] {
		values = append(values, x.Value)
	}
	return cleanCell(strings.TrimSpace(f.Name + " " + r.Mod.Selected + " " + strings.Join(values, ", ")))
}
