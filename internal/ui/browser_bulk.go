package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/workfront"
)

// defaultQueryMax is how many objects a query update changes unless the
// person raises it.
const defaultQueryMax = 500

// bulkFor is the bulk updater on the type shown now.
func (v *BrowserView) bulkFor() *bulkUpdate {
	if v.bulk == nil {
		v.bulk = &bulkUpdate{deps: v.editorDeps()}
	}
	v.bulk.meta, v.bulk.objCode = v.meta, v.objCode
	return v.bulk
}

// ShowUpdateMenu offers the two bulk updates.
func (v *BrowserView) ShowUpdateMenu() {
	menu := fyne.NewMenu("",
		fyne.NewMenuItem(lang.L("From a CSV or XLSX file…"), v.ChooseUpdateFile),
		fyne.NewMenuItem(lang.L("Set a field on every result…"), v.ShowSetField))
	c := fyne.CurrentApp().Driver().CanvasForObject(v.UpdateButton)
	if c == nil {
		return
	}
	widget.ShowPopUpMenuAtRelativePosition(menu, c, fyne.NewPos(0, v.UpdateButton.Size().Height), v.UpdateButton)
}

// ChooseUpdateFile asks for the file of a bulk update.
func (v *BrowserView) ChooseUpdateFile() {
	if v.objCode == "" {
		return
	}
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		v.bulkFor().StartFromFile(path)
	}, v.deps.Window)
	open.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".xlsx"}))
	open.Show()
}

// setFieldDialog is the open "Set a field" dialog, for tests.
type setFieldDialog struct {
	Field   *widget.Select
	Value   *widget.Entry
	Max     *widget.Entry
	Problem *widget.Label
	OK      *widget.Button
	dialog  dialog.Dialog
}

// ShowSetField asks which field gets which value on every object the
// search finds.
func (v *BrowserView) ShowSetField() {
	b := v.bulkFor()
	fields := editableFields(v.meta)
	if v.objCode == "" || len(fields) == 0 {
		return
	}
	d := &setFieldDialog{Value: widget.NewEntry(), Max: widget.NewEntry(), Problem: notice(widget.DangerImportance)}
	byLabel := map[string]workfront.FieldMeta{}
	var labels []string
	for _, f := range fields {
		l := f.Label + "  (" + f.Name + ")"
		labels, byLabel[l] = append(labels, l), f
	}
	d.Field = widget.NewSelect(labels, func(l string) { d.Value.SetPlaceHolder(placeholderOf(byLabel[l])) })
	d.Max.SetText(strconv.Itoa(defaultQueryMax))
	count := help(fmt.Sprintf(lang.L("The search finds %s objects now."), thousands(max(v.total, 0))))
	d.OK = widget.NewButton(lang.L("Dry run…"), func() {
		f, ok := byLabel[d.Field.Selected]
		limit, err := strconv.Atoi(strings.TrimSpace(d.Max.Text))
		var value any
		switch {
		case !ok:
			err = fmt.Errorf("%s", lang.L("Choose a field."))
		case err != nil || limit < 1:
			err = fmt.Errorf("%s", lang.L("The most objects to change is a whole number, 1 or more."))
		default:
			value, err = edit.Convert(f, d.Value.Text)
		}
		if err != nil {
			d.Problem.SetText(ErrorText(err))
			d.Problem.Show()
			return
		}
		d.dialog.Hide()
		b.StartFromQuery(v.search().Filters, map[string]any{f.Name: value}, limit)
	})
	d.OK.Importance = widget.HighImportance
	form := container.New(layout.NewFormLayout(), caption(lang.L("Field")), d.Field, caption(lang.L("Value")), d.Value,
		caption(lang.L("At most")), d.Max)
	content := container.NewVBox(count, form, d.Problem,
		container.NewHBox(widget.NewButton(lang.L("Cancel"), func() { d.dialog.Hide() }), d.OK))
	d.dialog = dialog.NewCustomWithoutButtons(lang.L("Set a field on every result"), content, v.deps.Window)
	d.dialog.Resize(fyne.NewSize(520, 0))
	v.SetField = d
	d.dialog.Show()
}
