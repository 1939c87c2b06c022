package ui

import (
	"context"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// writeBackend is what editing asks of the rest of the app.
type writeBackend interface {
	Writer(name string) (edit.Writer, error)
	Journal(name string) (edit.Journal, error)
}

// editorDeps are the object editor's: where it writes, how the connection
// may be written, and what it tells when Workfront has answered.
type editorDeps struct {
	Context      context.Context
	Backend      writeBackend
	Profile      store.Profile
	Mode         func() edit.Mode
	OnChangeMode func()
	Do           func(func())
	Window       fyne.Window
	Toast        func(string)
	Clipboard    func(string)
	// OnCommitted gets Workfront's answer after a change was made.
	OnCommitted func(objCode, id string, now workfront.Object)
}

// objectEditor edits the object in the details pane: changes are held as
// pending (marked and counted) until Review shows the exact request and
// Commit sends it.
type objectEditor struct {
	deps    editorDeps
	meta    workfront.TypeMeta
	shown   workfront.Object
	pending map[string]*pendingEdits // by type and ID
	// OnChanged re-renders the details after a pending change.
	OnChanged func()

	PendingText   *widget.Label
	ReviewButton  *widget.Button
	DiscardButton *widget.Button
	EditButton    *widget.Button
	AllowButton   *widget.Button
	// Fields and Review are the open dialogs, for tests.
	Fields *fieldDialog
	Review *reviewDialog
}

func newObjectEditor(deps editorDeps) *objectEditor {
	e := &objectEditor{deps: deps, pending: map[string]*pendingEdits{}}
	e.PendingText = bold("")
	e.PendingText.Importance = widget.WarningImportance
	e.ReviewButton = widget.NewButtonWithIcon(lang.L("Review changes…"), theme.ConfirmIcon(), e.StartReview)
	e.ReviewButton.Importance = widget.HighImportance
	e.DiscardButton = widget.NewButtonWithIcon(lang.L("Discard"), theme.CancelIcon(), e.Discard)
	e.EditButton = lowButton(lang.L("Edit a field…"), theme.DocumentCreateIcon(), func() { e.EditField("") })
	e.AllowButton = lowButton(lang.L("Allow changes…"), theme.WarningIcon(), func() {
		if e.deps.OnChangeMode != nil {
			e.deps.OnChangeMode()
		}
	})
	return e
}

// Show makes o the object being edited.
func (e *objectEditor) Show(meta workfront.TypeMeta, o workfront.Object) {
	e.meta, e.shown = meta, o
}

func (e *objectEditor) current() *pendingEdits {
	if e.shown == nil {
		return newPendingEdits("", "")
	}
	key := e.meta.ObjCode + "/" + e.shown.ID()
	p := e.pending[key]
	if p == nil {
		p = newPendingEdits(e.meta.ObjCode, e.shown.ID())
		e.pending[key] = p
	}
	return p
}

func (e *objectEditor) mode() edit.Mode {
	if e.deps.Mode == nil {
		return edit.ReadOnly
	}
	return e.deps.Mode()
}

// Header is what the details pane shows above the fields: the pending
// changes and what commits them, or why nothing can be changed.
func (e *objectEditor) Header() []fyne.CanvasObject {
	if e.mode() == edit.ReadOnly {
		line := help(lang.L("Read-only: this connection sends no change."))
		return []fyne.CanvasObject{line, container.NewHBox(e.AllowButton)}
	}
	p := e.current()
	if p.count() == 0 {
		return []fyne.CanvasObject{container.NewHBox(e.EditButton)}
	}
	e.PendingText.SetText(pendingText(p.count()))
	// Stacked, not side by side: a wider row would widen the pane.
	return []fyne.CanvasObject{e.PendingText, e.ReviewButton, container.NewGridWithColumns(2, e.DiscardButton, e.EditButton)}
}

func pendingText(n int) string {
	if n == 1 {
		return lang.L("1 change not sent yet")
	}
	return fmt.Sprintf(lang.L("%d changes not sent yet"), n)
}

// Line is one field of the details: its value, the pending change marked,
// and a pencil where the field can be changed.
func (e *objectEditor) Line(f workfront.FieldMeta, text string) fyne.CanvasObject {
	label := detailLine(f.Label + ": " + text)
	if pe, ok := e.current().edits[f.Name]; ok {
		label.SetText("• " + f.Label + ": " + valueOrEmpty(pe.Shown) + " ⟶ " + valueOrEmpty(pe.Value))
		label.TextStyle.Bold = true
		label.Importance = widget.WarningImportance
	}
	if ok, _ := edit.Editable(f); !ok || e.mode() == edit.ReadOnly {
		return label
	}
	pencil := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { e.EditField(f.Name) })
	pencil.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, nil, pencil, label)
}

// IsPending says whether the shown object has a pending change to field.
func (e *objectEditor) IsPending(field string) bool {
	_, ok := e.current().edits[field]
	return ok
}

// Discard drops the object's pending changes.
func (e *objectEditor) Discard() {
	if e.shown == nil {
		return
	}
	delete(e.pending, e.meta.ObjCode+"/"+e.shown.ID())
	e.changed()
}

func (e *objectEditor) changed() {
	if e.OnChanged != nil {
		e.OnChanged()
	}
}

// editableFields are the type's fields a person can change, by label.
func editableFields(meta workfront.TypeMeta) []workfront.FieldMeta {
	var out []workfront.FieldMeta
	for _, f := range meta.Fields {
		if ok, _ := edit.Editable(f); ok {
			out = append(out, f)
		}
	}
	order := workfront.NaturalOrder()
	slices.SortFunc(out, func(a, b workfront.FieldMeta) int { return order(a.Label, b.Label) })
	return out
}

// rawValue is a field's value as Workfront sent it; custom fields come in
// parameterValues.
func rawValue(o workfront.Object, name string) any {
	if v, ok := o.Value(name); ok && v != nil {
		return v
	}
	if pv, ok := o["parameterValues"].(map[string]any); ok {
		return pv[name]
	}
	return nil
}
