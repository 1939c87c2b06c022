package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/workfront"
)

// fieldDialog is the open "Edit field" dialog, for tests.
type fieldDialog struct {
	Field   *widget.Select      // which field (when opened from "Edit a field…")
	Value   *widget.Entry       // text, numbers, dates
	Choice  *widget.Select      // an enum's values, true/false
	Find    *widget.SelectEntry // a reference's target, found by name
	found   map[string]string   // Find's options -> IDs
	asked   int                 // the latest search for Find, so late answers are dropped
	Problem *widget.Label
	OK      *widget.Button
	dialog  dialog.Dialog
	field   workfront.FieldMeta
}

// EditField asks for a field's new value; name "" lets the person pick the
// field first (one without a value, say).
func (e *objectEditor) EditField(name string) {
	fields := editableFields(e.meta)
	if len(fields) == 0 || e.shown == nil {
		return
	}
	fd := &fieldDialog{Problem: notice(widget.DangerImportance)}
	fd.Value, fd.Choice = widget.NewEntry(), widget.NewSelect(nil, nil)
	fd.Find = widget.NewSelectEntry(nil)
	fd.Find.OnChanged = func(text string) { e.findReference(fd, text) }
	labels := make([]string, len(fields))
	byLabel := map[string]workfront.FieldMeta{}
	for i, f := range fields {
		labels[i] = f.Label + "  (" + f.Name + ")"
		byLabel[labels[i]] = f
	}
	fd.Field = widget.NewSelect(labels, func(l string) { e.fillField(fd, byLabel[l]) })
	fd.OK = widget.NewButton(lang.L("Keep as a pending change"), func() { e.acceptField(fd) })
	fd.OK.Importance = widget.HighImportance
	fd.Value.OnSubmitted = func(string) { e.acceptField(fd) }
	cancel := widget.NewButton(lang.L("Cancel"), func() { fd.dialog.Hide() })
	items := []fyne.CanvasObject{}
	if name == "" {
		items = append(items, fd.Field)
	}
	items = append(items, fd.Find, fd.Value, fd.Choice, fd.Problem, container.NewHBox(cancel, fd.OK))
	fd.dialog = dialog.NewCustomWithoutButtons(lang.L("Change a field"), container.NewVBox(items...), e.deps.Window)
	for _, l := range labels {
		if byLabel[l].Name == name || (name == "" && l == labels[0]) {
			fd.Field.SetSelected(l)
		}
	}
	e.Fields = fd
	fd.dialog.Resize(fyne.NewSize(460, 0))
	fd.dialog.Show()
}

// fillField shows the input the field's type takes, with its value now.
func (e *objectEditor) fillField(fd *fieldDialog, f workfront.FieldMeta) {
	fd.field = f
	fd.Problem.Hide()
	now := rawValue(e.shown, f.Name)
	if pe, ok := e.current().edits[f.Name]; ok {
		now = pe.Value
	}
	choices := choicesOf(f)
	ref, isRef := referenceOf(e.meta, f.Name)
	setVisible(fd.Find, isRef)
	if isRef {
		fd.Find.SetText("")
		fd.Find.SetPlaceHolder(fmt.Sprintf(lang.L("Search %s by name…"), ref.Label))
	}
	setVisible(fd.Choice, choices != nil)
	setVisible(fd.Value, choices == nil)
	if choices != nil {
		fd.Choice.Options = choices
		fd.Choice.ClearSelected()
		for _, c := range choices {
			if v, err := edit.Convert(f, c); err == nil && edit.Same(v, now) {
				fd.Choice.SetSelected(c)
			}
		}
		fd.Choice.Refresh()
		return
	}
	fd.Value.SetText(workfront.ValueText(now))
	fd.Value.SetPlaceHolder(placeholderOf(f))
}

// choicesOf are the values a field can take when it has a fixed list:
// an enum's labels, or true and false.
func choicesOf(f workfront.FieldMeta) []string {
	switch {
	case len(f.Values) > 0:
		out := make([]string, len(f.Values))
		for i, v := range f.Values {
			out[i] = v.Label
		}
		return out
	case f.Type == "boolean":
		return []string{"true", "false"}
	}
	return nil
}

func placeholderOf(f workfront.FieldMeta) string {
	if edit.ReplacesWhole(f) {
		return lang.L("item, item, … (the whole list)")
	}
	switch f.Type {
	case "dateTime", "date":
		return "2026-12-31"
	case "int", "double", "currency":
		return "0"
	}
	return lang.L("(empty clears the field)")
}

// acceptField checks the value by the field's type and holds it pending.
func (e *objectEditor) acceptField(fd *fieldDialog) {
	text := fd.Value.Text
	if fd.Choice.Visible() {
		text = fd.Choice.Selected
	}
	v, err := edit.Convert(fd.field, text)
	if err != nil {
		fd.Problem.SetText(ErrorText(err))
		fd.Problem.Show()
		return
	}
	e.current().put(fd.field, rawValue(e.shown, fd.field.Name), v)
	fd.dialog.Hide()
	e.Fields = nil
	e.changed()
}

// referenceOf is the reference a field holds the ID of: ownerID is the
// owner's.
func referenceOf(meta workfront.TypeMeta, field string) (workfront.RefMeta, bool) {
	name, ok := strings.CutSuffix(field, "ID")
	if !ok || name == "" {
		return workfront.RefMeta{}, false
	}
	for _, r := range meta.References {
		if r.Name == name && r.ObjCode != "" {
			return r, true
		}
	}
	return workfront.RefMeta{}, false
}

// findReference offers the objects whose name holds text; choosing one
// puts its ID in the value.
func (e *objectEditor) findReference(fd *fieldDialog, text string) {
	if id, ok := fd.found[text]; ok {
		fd.Value.SetText(id)
		return
	}
	ref, ok := referenceOf(e.meta, fd.field.Name)
	if !ok || len(strings.TrimSpace(text)) < 2 {
		return
	}
	fd.asked++
	asked, name := fd.asked, e.deps.Profile.Name
	s := workfront.Search{ObjCode: ref.ObjCode, Fields: []string{"name"}, Limit: 20,
		Filters: []workfront.Filter{{Key: "name", Value: strings.TrimSpace(text)}, {Key: "name_Mod", Value: "cicontains"}}}
	backgroundOn(e.deps.Do, func() ([]workfront.Object, error) {
		w, err := e.deps.Backend.Writer(name)
		if err != nil {
			return nil, err
		}
		return w.Search(e.deps.Context, s)
	}, func(found []workfront.Object, err error) {
		if asked != fd.asked || err != nil {
			return // a later search is coming, or nothing to offer
		}
		fd.found = map[string]string{}
		options := make([]string, 0, len(found))
		for _, o := range found {
			label := cleanCell(o.Name()) + "  (" + o.ID() + ")"
			fd.found[label] = o.ID()
			options = append(options, label)
		}
		fd.Find.SetOptions(options)
	})
}
