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

	"github.com/wfconnect/wfconnect/usage"
	"github.com/wfconnect/wfconnect/workfront"
)

// UsageView shows, for each field of a type, how many of its objects have
// a value, counted by Workfront, the fields never used first.
type UsageView struct {
	deps  adminDeps
	req   latest
	types []workfront.ObjectType
	rows  []usageRow

	Type         *widget.Select
	CustomOnly   *widget.Check
	CountButton  *widget.Button
	StopButton   *widget.Button
	Progress     *widget.ProgressBar
	Summary      *widget.Label
	List         *widget.List
	Status       *pageStatus
	Content      fyne.CanvasObject
	typesLoading bool
}

func newUsageView(deps adminDeps) *UsageView {
	v := &UsageView{deps: deps}
	v.Type = widget.NewSelect(nil, nil)
	v.Type.PlaceHolder = lang.L("(choose an object type)")
	v.CustomOnly = widget.NewCheck(lang.L("Custom fields only"), nil)
	v.CustomOnly.SetChecked(true)
	v.CountButton = widget.NewButtonWithIcon(lang.L("Count"), theme.MediaPlayIcon(), v.Run)
	v.CountButton.Importance = widget.HighImportance
	v.StopButton = widget.NewButtonWithIcon(lang.L("Stop"), theme.MediaStopIcon(), v.Cancel)
	v.StopButton.Hide()
	v.Progress = widget.NewProgressBar()
	v.Progress.Hide()
	v.Summary = bold(lang.L("Choose a type, then Count: Workfront counts each field's values, four counts at a time."))
	v.Summary.Wrapping = fyne.TextWrapWord
	v.Status = newPageStatus(v.Cancel, v.Run, deps.OnConnect)
	v.List = widget.NewList(func() int { return len(v.rows) }, newUsageRowWidgets, v.updateRow)
	top := container.NewBorder(nil, nil, nil, container.NewHBox(v.CustomOnly, v.CountButton, v.StopButton), v.Type)
	header := container.NewGridWithColumns(4, bold(lang.L("Field")), bold(lang.L("With a value")), bold(lang.L("Share")), bold(""))
	v.Content = container.NewBorder(container.NewVBox(top, v.Progress, statusLine(v.Status), v.Summary, header), nil, nil, nil, v.List)
	return v
}

// usageRow is one field's usage as the list shows it.
type usageRow struct {
	Title, Count, Note string
	Share              float64
	Importance         widget.Importance
}

func usageRowOf(f usage.Field) usageRow {
	r := usageRow{Title: f.Label, Count: fmt.Sprintf("%d / %d", f.Set, f.Total), Share: f.Share, Importance: widget.MediumImportance}
	if f.Label != f.Name {
		r.Title = f.Label + " (" + f.Name + ")"
	}
	switch {
	case f.Error != "":
		r.Count, r.Note, r.Importance = lang.L("could not count"), f.Error, widget.DangerImportance
	case f.Set == 0:
		r.Note, r.Importance = lang.L("never used"), widget.WarningImportance
	}
	return r
}

func newUsageRowWidgets() fyne.CanvasObject {
	bar := widget.NewProgressBar()
	bar.TextFormatter = func() string { return fmt.Sprintf("%.1f%%", 100*bar.Value) }
	return container.NewGridWithColumns(4, widget.NewLabel(""), widget.NewLabel(""), bar, widget.NewLabel(""))
}

func (v *UsageView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(v.rows) {
		return
	}
	r := v.rows[id]
	cells := o.(*fyne.Container).Objects
	title := cells[0].(*widget.Label)
	title.Truncation = fyne.TextTruncateEllipsis
	title.SetText(r.Title)
	cells[1].(*widget.Label).SetText(r.Count)
	cells[2].(*widget.ProgressBar).SetValue(r.Share)
	note := cells[3].(*widget.Label)
	note.Importance = r.Importance
	note.Truncation = fyne.TextTruncateEllipsis
	note.SetText(strings.ReplaceAll(r.Note, "\n", " "))
}

// Activate lists the instance's types the first time (from the cache
// when it has them).
func (v *UsageView) Activate() {
	if len(v.types) > 0 || v.typesLoading {
		return
	}
	v.typesLoading = true
	name := v.deps.Profile.Name
	backgroundOn(v.deps.Do, func() ([]workfront.ObjectType, error) {
		return v.deps.Backend.ObjectTypes(v.deps.Context, name, false)
	}, func(types []workfront.ObjectType, err error) {
		v.typesLoading = false
		if err != nil {
			v.Status.failed(err)
			return
		}
		v.setTypes(types)
	})
}

func (v *UsageView) setTypes(types []workfront.ObjectType) {
	v.types = types
	labels := make([]string, len(types))
	for i, t := range types {
		labels[i] = typeLabel(t)
	}
	v.Type.SetOptions(labels)
	if v.Type.Selected == "" {
		if i := slices.IndexFunc(types, func(t workfront.ObjectType) bool { return t.ObjCode == "PROJ" }); i >= 0 {
			v.Type.SetSelectedIndex(i)
		}
	}
}

func typeLabel(t workfront.ObjectType) string { return t.Label + " (" + t.ObjCode + ")" }

// Run counts the chosen type's fields.
func (v *UsageView) Run() {
	i := v.Type.SelectedIndex()
	if i < 0 || i >= len(v.types) {
		v.Status.say(lang.L("Choose the object type whose fields to count."), widget.DangerImportance)
		return
	}
	t, custom, name := v.types[i], v.CustomOnly.Checked, v.deps.Profile.Name
	ctx, current := v.req.next(v.deps.Context)
	v.running(true)
	v.Summary.SetText(fmt.Sprintf(lang.L("Counting the fields of %s…"), t.Label))
	progress := func(done, total int) {
		v.deps.Do(func() {
			if current() && total > 0 {
				v.Progress.SetValue(float64(done) / float64(total))
			}
		})
	}
	backgroundOn(v.deps.Do, func() ([]usage.Field, error) {
		return v.deps.Backend.FieldUsage(ctx, name, t.ObjCode, custom, progress)
	}, func(fields []usage.Field, err error) {
		if !current() {
			return
		}
		v.running(false)
		if err != nil {
			v.Status.failed(err)
			v.Summary.SetText(lang.L("The fields could not be counted."))
			return
		}
		v.show(t, fields)
	})
}

func (v *UsageView) running(on bool) {
	setVisible(v.Progress, on)
	setVisible(v.StopButton, on)
	setEnabled(v.CountButton, !on)
	if on {
		v.Progress.SetValue(0)
		v.Status.Box.Hide()
	}
}

func (v *UsageView) show(t workfront.ObjectType, fields []usage.Field) {
	v.rows = v.rows[:0]
	never := 0
	for _, f := range fields {
		if f.Set == 0 && f.Error == "" {
			never++
		}
		v.rows = append(v.rows, usageRowOf(f))
	}
	total := 0
	if len(fields) > 0 {
		total = fields[0].Total
	}
	v.Summary.SetText(fmt.Sprintf(lang.L("%s: %d fields, %d never used, of %d objects."), t.Label, len(fields), never, total))
	if len(fields) == 0 {
		v.Summary.SetText(fmt.Sprintf(lang.L("%s has no fields whose values can be counted."), t.Label))
	}
	v.List.Refresh()
	v.List.ScrollToTop()
}

// Cancel stops the counting; what was counted is dropped with it.
func (v *UsageView) Cancel() {
	v.req.drop()
	v.running(false)
	v.Summary.SetText(lang.L("Stopped: nothing more is counted."))
}
