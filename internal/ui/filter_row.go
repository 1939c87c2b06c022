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

	"github.com/wfconnect/wfconnect/workfront"
)

// FilterRow is one filter: a field, a modifier that fits its type, a value
// (and, for between, a second one: Workfront's field_Range).
type FilterRow struct {
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
	r.Remove = widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { v.removeFilter(r) })
	r.box = container.NewBorder(nil, nil, container.NewHBox(container.NewGridWrap(fyne.NewSize(200, r.Field.MinSize().Height), r.Field),
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
type filterState struct{ field, mod, from, to string }

func (r *FilterRow) state() filterState {
	f, _ := r.field()
	return filterState{field: f.Name, mod: r.Mod.Selected, from: r.Value.Text, to: r.To.Text}
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

// filters is the row in Workfront's syntax; an unfinished row is nothing.
// between goes as field=from&field_Range=to&field_Mod=between, the form
// Workfront documents.
func (r *FilterRow) filters() []workfront.Filter {
	f, ok := r.field()
	if !ok || r.Mod.Selected == "" {
		return nil
	}
	mod := r.Mod.Selected
	if mod == "isnull" || mod == "notnull" {
		return []workfront.Filter{{Key: f.Name, Value: ""}, {Key: f.Name + "_Mod", Value: mod}}
	}
	from, to := strings.TrimSpace(r.Value.Text), strings.TrimSpace(r.To.Text)
	switch {
	case from == "":
		return nil
	case mod == "between" && to == "":
		return nil
	case mod == "between":
		return []workfront.Filter{{Key: f.Name, Value: from}, {Key: f.Name + "_Range", Value: to}, {Key: f.Name + "_Mod", Value: mod}}
	}
	return []workfront.Filter{{Key: f.Name, Value: from}, {Key: f.Name + "_Mod", Value: mod}}
}

// describe says what the row filters, for a report's subtitle; "" when
// the row is unfinished.
func (r *FilterRow) describe() string {
	fs := r.filters()
	switch {
	case len(fs) == 0:
		return ""
	case len(fs) == 3:
		return cleanCell(fmt.Sprintf(lang.L("%s between %s and %s"), fs[0].Key, fs[0].Value, fs[1].Value))
	}
	return cleanCell(fs[0].Key + " " + fs[1].Value + " " + fs[0].Value)
}
