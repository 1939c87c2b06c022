package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/workfront"
)

// Explore's columns: the defaults per type, the ones people chose (remembered per type and connection), the picker, and how each is labelled and typed.

// defaultColumns: the name, then what people look at first for most types.
func defaultColumns(meta workfront.TypeMeta) []string {
	cols := []string{"name"}
	has := map[string]bool{}
	for _, f := range meta.Fields {
		has[f.Name] = true
	}
	for _, r := range meta.References {
		has[r.Name] = true
	}
	for _, c := range []string{"status", "project", "assignedTo", "owner", "plannedCompletionDate", "percentComplete", "hours", "entryDate", "emailAddr"} {
		if has[c] && len(cols) < 6 {
			if c == "project" || c == "assignedTo" || c == "owner" {
				cols = append(cols, c+":name")
			} else {
				cols = append(cols, c)
			}
		}
	}
	return cols
}

// columnsKey is where the columns chosen for the shown type are kept, per
// tab: columns chosen in Projects do not change Explore's projects.
func (v *BrowserView) columnsKey() string {
	return v.preset.prefsKey + ".columns." + v.profile.Name + "." + v.objCode
}

func (v *BrowserView) savedColumns() []string {
	if saved := v.deps.Prefs.StringList(v.columnsKey()); len(saved) > 0 {
		return saved
	}
	if v.objCode == v.preset.objCode && len(v.preset.columns) > 0 {
		return v.preset.columns
	}
	return defaultColumns(v.meta)
}

// SetColumns shows these fields and remembers the choice for this type
// and connection.
func (v *BrowserView) SetColumns(cols []string) {
	if len(cols) == 0 {
		cols = []string{"name"}
	}
	v.columns = cols
	v.deps.Prefs.SetStringList(v.columnsKey(), cols)
	v.showColumns()
	v.Reload()
}

// label names a column for people, from the metadata: "Project: Name".
func (v *BrowserView) label(path string) string {
	if t := v.preset.titles[path]; t != "" && v.objCode == v.preset.objCode {
		return t
	}
	head, rest, nested := strings.Cut(path, ":")
	if strings.HasPrefix(path, "DE:") {
		head, nested = path, false
	}
	for _, f := range v.meta.Fields {
		if f.Name == head && !nested {
			return f.Label
		}
	}
	for _, r := range append(append([]workfront.RefMeta(nil), v.meta.References...), v.meta.Collections...) {
		if r.Name == head {
			if nested {
				return r.Label + ": " + rest
			}
			return r.Label
		}
	}
	return path
}

// showColumns gives the table the chosen columns, each read its own way.
func (v *BrowserView) showColumns() {
	cols := make([]gridColumn, len(v.columns))
	for i, path := range v.columns {
		width := columnWidth(path)
		switch {
		case v.numeric(path):
			width = 110 // numbers are short: the room goes to Name
		case v.fieldType(path) == "dateTime" || v.fieldType(path) == "date":
			width = 130
		}
		cols[i] = gridColumn{path: path, title: v.label(path), width: width, numeric: v.numeric(path), render: v.renderer(path)}
	}
	v.Grid.SetColumns(cols)
	v.Grid.SetSort(v.sortBy)
}

// fieldType is a plain field's type from the metadata ("" otherwise).
func (v *BrowserView) fieldType(path string) string {
	for _, f := range v.meta.Fields {
		if f.Name == path {
			return f.Type
		}
	}
	return ""
}

// numeric is true for a field whose values are numbers (right-aligned).
func (v *BrowserView) numeric(path string) bool {
	for _, f := range v.meta.Fields {
		if f.Name == path {
			switch f.Type {
			case "int", "double", "currency", "float", "long":
				return true
			}
		}
	}
	return false
}

// columnOption is one field the column picker offers.
type columnOption struct{ path, label string }

// fillColumnCheck shows one field in a reused row of the column picker:
// its own name (SetText redraws; SetChecked alone redraws only when the
// state changes, which left a reused row showing another field's name)
// and whether it is chosen.
func fillColumnCheck(check *widget.Check, opt columnOption, chosen map[string]bool) {
	check.OnChanged = nil
	check.SetText(opt.label)
	check.SetChecked(chosen[opt.path])
	check.OnChanged = func(on bool) { chosen[opt.path] = on }
}

// columnOptions are the type's fields, custom ones marked, then its
// references' names.
func (v *BrowserView) columnOptions() []columnOption {
	var options []columnOption
	for _, f := range v.meta.Fields {
		label := f.Label + "  (" + f.Name + ")"
		if f.Custom {
			label += " *"
		}
		options = append(options, columnOption{f.Name, cleanCell(label)})
	}
	for _, r := range v.meta.References {
		options = append(options, columnOption{r.Name + ":name", cleanCell(r.Label + ": " + lang.L("Name") + "  (" + r.Name + ":name)")})
	}
	return options
}

// ShowColumnPicker lets people choose the columns from the type's fields,
// references' names and custom fields, with a search box. The list is a
// widget.List, so a type with 500 fields opens as fast as one with 5.
func (v *BrowserView) ShowColumnPicker() {
	chosen := map[string]bool{}
	for _, c := range v.columns {
		chosen[c] = true
	}
	options := v.columnOptions()
	shown := options
	list := widget.NewList(func() int { return len(shown) },
		func() fyne.CanvasObject { return widget.NewCheck("", nil) },
		func(i widget.ListItemID, o fyne.CanvasObject) { fillColumnCheck(o.(*widget.Check), shown[i], chosen) })
	filter := widget.NewEntry()
	filter.SetPlaceHolder(lang.L("Search fields…"))
	filter.OnChanged = func(text string) {
		text = strings.ToLower(strings.TrimSpace(text))
		shown = options
		if text != "" {
			shown = nil
			for _, o := range options {
				if strings.Contains(strings.ToLower(o.label), text) {
					shown = append(shown, o)
				}
			}
		}
		list.Refresh()
	}
	v.ColumnList, v.ColumnSearch = list, filter
	var note fyne.CanvasObject
	if v.meta.CustomFieldsError != "" {
		l := widget.NewLabel(fmt.Sprintf(lang.L("Custom fields could not be read: %s"), cleanCell(v.meta.CustomFieldsError)))
		l.Wrapping = fyne.TextWrapWord
		note = l
	}
	content := container.NewBorder(filter, note, nil, nil, list)
	d := dialog.NewCustomConfirm(lang.L("Columns"), lang.L("Apply"), lang.L("Cancel"), container.NewGridWrap(fyne.NewSize(420, 420), content), func(ok bool) {
		if !ok {
			return
		}
		var cols []string
		for _, c := range v.columns { // keep the order people had
			if chosen[c] {
				cols = append(cols, c)
				delete(chosen, c)
			}
		}
		for _, o := range options {
			if chosen[o.path] {
				cols = append(cols, o.path)
			}
		}
		v.SetColumns(cols)
	}, v.deps.Window)
	v.columnDialog = d
	d.Show()
}
