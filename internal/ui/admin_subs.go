package ui

import (
	"encoding/json"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/workfront"
	"github.com/wfconnect/wfconnect/workspace"
)

// subscriptionBackend reaches a connection's event subscriptions.
type subscriptionBackend interface {
	SubscriptionClient(name string) (workspace.SubscriptionClient, error)
}

// SubscriptionsView lists the connection's event subscriptions, creates
// one, changes one's filters, deletes them, and copies them to another
// connection: each write previewed in confirm mode, refused when the
// connection is read-only.
type SubscriptionsView struct {
	deps     adminDeps
	req      latest
	subs     []workfront.Subscription
	selected map[string]bool // by ID, the rows checked
	loaded   bool

	List         *widget.List
	Summary      *widget.Label
	ReloadButton *widget.Button
	NewButton    *widget.Button
	EditButton   *widget.Button
	DeleteButton *widget.Button
	CopyTo       *widget.Select
	CopyButton   *widget.Button
	Status       *pageStatus
	Content      fyne.CanvasObject
	// Form and Copy are the open dialogs, for tests.
	Form *subscriptionForm
	Copy *copyPreview
}

func newSubscriptionsView(deps adminDeps) *SubscriptionsView {
	v := &SubscriptionsView{deps: deps, selected: map[string]bool{}}
	v.List = widget.NewList(func() int { return len(v.subs) }, newSubscriptionRowWidgets, v.updateRow)
	v.Summary = bold("")
	v.ReloadButton = lowButton(lang.L("Reload"), theme.ViewRefreshIcon(), v.Load)
	v.NewButton = widget.NewButtonWithIcon(lang.L("New…"), theme.ContentAddIcon(), v.New)
	v.EditButton = widget.NewButtonWithIcon(lang.L("Change filters…"), theme.DocumentCreateIcon(), v.EditFilters)
	v.DeleteButton = widget.NewButtonWithIcon(lang.L("Delete…"), theme.DeleteIcon(), v.Delete)
	v.CopyTo = widget.NewSelect(nil, nil)
	v.CopyTo.PlaceHolder = lang.L("(copy to…)")
	v.CopyButton = widget.NewButtonWithIcon(lang.L("Copy…"), theme.ContentCopyIcon(), v.StartCopy)
	v.Status = newPageStatus(v.Load, v.Load, deps.OnConnect)
	tools := container.NewHBox(v.NewButton, v.EditButton, v.DeleteButton, widget.NewSeparator(), v.CopyTo, v.CopyButton, v.ReloadButton)
	v.Content = container.NewBorder(container.NewVBox(tools, statusLine(v.Status), v.Summary), nil, nil, nil, v.List)
	v.selectionChanged()
	return v
}

func newSubscriptionRowWidgets() fyne.CanvasObject {
	return container.NewBorder(nil, nil, widget.NewCheck("", nil), nil,
		container.NewVBox(bold(""), detailLine(""), detailLine("")))
}

func (v *SubscriptionsView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(v.subs) {
		return
	}
	s := v.subs[id]
	r := subscriptionRowOf(s)
	box := o.(*fyne.Container)
	check := box.Objects[1].(*widget.Check)
	check.OnChanged = nil
	check.SetChecked(v.selected[s.ID])
	check.OnChanged = func(on bool) { v.selected[s.ID] = on; v.selectionChanged() }
	lines := box.Objects[0].(*fyne.Container).Objects
	lines[0].(*widget.Label).SetText(r.Title)
	lines[1].(*widget.Label).SetText(r.Filters)
	lines[2].(*widget.Label).SetText(r.URL)
}

// Activate reads the subscriptions the first time the tab is shown.
func (v *SubscriptionsView) Activate() {
	names := slices.DeleteFunc(v.deps.Others(), func(n string) bool { return n == v.deps.Profile.Name })
	v.CopyTo.SetOptions(names)
	if !v.loaded {
		v.Load()
	}
}

// Load reads the subscriptions again.
func (v *SubscriptionsView) Load() {
	v.loaded = true
	ctx, current := v.req.next(v.deps.Context)
	name := v.deps.Profile.Name
	v.Status.loading(true)
	backgroundOn(v.deps.Do, func() ([]workfront.Subscription, error) {
		c, err := v.deps.Backend.SubscriptionClient(name)
		if err != nil {
			return nil, err
		}
		return c.Subscriptions(ctx)
	}, func(subs []workfront.Subscription, err error) {
		if !current() {
			return
		}
		v.Status.loading(false)
		if err != nil {
			v.Status.failed(err)
			v.Summary.SetText("")
			return
		}
		v.Status.Box.Hide()
		v.show(subs)
	})
}

func (v *SubscriptionsView) show(subs []workfront.Subscription) {
	v.subs = subs
	for id := range v.selected {
		if !slices.ContainsFunc(subs, func(s workfront.Subscription) bool { return s.ID == id }) {
			delete(v.selected, id)
		}
	}
	switch len(subs) {
	case 0:
		v.Summary.SetText(lang.L("No event subscriptions on this connection. New… creates one."))
	case 1:
		v.Summary.SetText(lang.L("1 event subscription. Check it to change, delete or copy it."))
	default:
		v.Summary.SetText(fmt.Sprintf(lang.L("%d event subscriptions. Check some to change, delete or copy them."), len(subs)))
	}
	v.List.Refresh()
	v.selectionChanged()
}

// checked are the subscriptions checked, in the list's order.
func (v *SubscriptionsView) checked() []workfront.Subscription {
	var out []workfront.Subscription
	for _, s := range v.subs {
		if v.selected[s.ID] {
			out = append(out, s)
		}
	}
	return out
}

// Check checks or unchecks the subscription at row i (tests and the keyboard).
func (v *SubscriptionsView) Check(i int, on bool) {
	if i >= 0 && i < len(v.subs) {
		v.selected[v.subs[i].ID] = on
		v.List.RefreshItem(i)
		v.selectionChanged()
	}
}

func (v *SubscriptionsView) selectionChanged() {
	n := len(v.checked())
	setEnabled(v.EditButton, n == 1)
	setEnabled(v.DeleteButton, n > 0)
	setEnabled(v.CopyButton, n > 0)
}

// writable refuses a write on a read-only connection, saying how to
// change the mode.
func (v *SubscriptionsView) writable(name string, mode edit.Mode) bool {
	if err := edit.CheckWritable(name, mode); err != nil {
		showErrorIn(v.deps.Window, err)
		return false
	}
	return true
}

// subscriptionJSON is the body a create sends (never the ID, which
// Workfront gives).
func subscriptionJSON(s workfront.Subscription) string {
	s.ID, s.CustomerID = "", ""
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err.Error()
	}
	return string(b)
}
