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
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/workfront"
)

// subscriptionForm creates a subscription, or changes one's filters
// (Workfront cannot change them in place: the new one is created, then
// the old one deleted).
type subscriptionForm struct {
	ObjCode, Event *widget.Select
	URL, Token     *widget.Entry
	Filters        *widget.Entry
	Connector      *widget.RadioGroup
	Problem        *widget.Label
	Dialog         dialog.Dialog
	// Review is the exact request, shown before it is sent.
	Review   *widget.Label
	replaces string // the ID of the subscription being replaced
}

// New opens the form for a new subscription.
func (v *SubscriptionsView) New() {
	if v.writable(v.deps.Profile.Name, v.deps.Mode()) {
		v.openForm(workfront.Subscription{ObjCode: "PROJ", EventType: "UPDATE", FilterConnector: "AND"}, "")
	}
}

// EditFilters opens the form on the checked subscription's filters.
func (v *SubscriptionsView) EditFilters() {
	c := v.checked()
	if len(c) != 1 || !v.writable(v.deps.Profile.Name, v.deps.Mode()) {
		return
	}
	v.openForm(c[0], c[0].ID)
}

func (v *SubscriptionsView) openForm(s workfront.Subscription, replaces string) {
	f := &subscriptionForm{replaces: replaces, Problem: notice(widget.DangerImportance)}
	f.ObjCode = widget.NewSelect(subscriptionTypes, nil)
	f.ObjCode.SetSelected(s.ObjCode)
	f.Event = widget.NewSelect(subscriptionEvents, nil)
	f.Event.SetSelected(s.EventType)
	f.URL, f.Token, f.Filters = widget.NewEntry(), widget.NewPasswordEntry(), widget.NewMultiLineEntry()
	f.URL.SetPlaceHolder(lang.L("https://hooks.example.com/workfront"))
	f.URL.SetText(s.URL)
	f.Token.SetPlaceHolder(lang.L("sent with each event, so your endpoint knows it is Workfront (optional)"))
	f.Token.SetText(s.AuthToken)
	f.Filters.SetPlaceHolder(lang.L("status eq CUR\nname contains Launch\nstatus changed [old]"))
	f.Filters.SetText(filtersBox(s.Filters))
	f.Filters.SetMinRowsVisible(4)
	f.Connector = widget.NewRadioGroup([]string{"AND", "OR"}, nil)
	f.Connector.Horizontal = true
	f.Connector.SetSelected(strings.ToUpper(s.FilterConnector))
	if f.Connector.Selected == "" {
		f.Connector.SetSelected("AND")
	}
	title := lang.L("New event subscription")
	if replaces != "" {
		title = lang.L("Change the subscription's filters")
		f.ObjCode.Disable()
		f.Event.Disable()
		f.URL.Disable()
		f.Token.Disable()
	}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Object type"), f.ObjCode),
		widget.NewFormItem(lang.L("Event"), f.Event),
		widget.NewFormItem(lang.L("URL"), f.URL),
		widget.NewFormItem(lang.L("Auth token"), f.Token),
		widget.NewFormItem(lang.L("Filters"), f.Filters),
		widget.NewFormItem(lang.L("Match"), f.Connector))
	hint := help(lang.L("One filter a line: field comparison value (eq, ne, gt, gte, lt, lte, contains, notContains, containsOnly, changed); [old] at the end tests the value before the change."))
	if replaces != "" {
		hint.SetText(hint.Text + "\n" + lang.L("Workfront cannot change a subscription's filters: wfconnect creates the new subscription, then deletes this one."))
	}
	content := container.NewVBox(form, hint, f.Problem)
	f.Dialog = dialog.NewCustomConfirm(title, lang.L("Review…"), lang.L("Cancel"), content, func(ok bool) {
		if ok {
			v.reviewForm(f)
		}
	}, v.deps.Window)
	f.Dialog.Resize(fyne.NewSize(640, 520))
	v.Form = f
	f.Dialog.Show()
}

// subscription reads the form, or says what is wrong.
func (f *subscriptionForm) subscription() (workfront.Subscription, error) {
	s := workfront.Subscription{ObjCode: f.ObjCode.Selected, EventType: f.Event.Selected,
		URL: strings.TrimSpace(f.URL.Text), AuthToken: f.Token.Text, FilterConnector: f.Connector.Selected}
	if !strings.HasPrefix(s.URL, "https://") {
		return s, msg.New("Workfront sends events only to an https:// URL.")
	}
	filters, err := parseFilters(f.Filters.Text)
	s.Filters = filters
	return s, err
}

// reviewForm shows the exact request before it is sent; in direct mode,
// the form itself was the review.
func (v *SubscriptionsView) reviewForm(f *subscriptionForm) {
	s, err := f.subscription()
	if err != nil {
		f.Problem.SetText(ErrorText(err))
		f.Dialog.Show() // the form again, with what it needs
		return
	}
	if v.deps.Mode() == edit.Direct {
		v.create(f, s)
		return
	}
	text := subscriptionRequest(v.deps.Profile.Host, s)
	if f.replaces != "" {
		text += "\n\n" + fmt.Sprintf(lang.L("then DELETE …/subscriptions/%s (the subscription it replaces)"), f.replaces)
	}
	// A label, not an entry: what is shown is what is sent.
	f.Review = widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	f.Review.Wrapping = fyne.TextWrapBreak
	scroll := container.NewVScroll(f.Review)
	scroll.SetMinSize(fyne.NewSize(600, 320))
	d := dialog.NewCustomConfirm(lang.L("Send this to Workfront?"), lang.L("Send"), lang.L("Back"), scroll, func(ok bool) {
		if ok {
			v.create(f, s)
			return
		}
		f.Dialog.Show()
	}, v.deps.Window)
	d.Resize(fyne.NewSize(640, 460))
	d.Show()
}

// create sends a new subscription and, when it replaces one, deletes the
// old one after Workfront has the new one. A refused create shows the
// form again with Workfront's words, nothing typed lost.
func (v *SubscriptionsView) create(f *subscriptionForm, s workfront.Subscription) {
	name, replaces := v.deps.Profile.Name, f.replaces
	created := false
	backgroundOn(v.deps.Do, func() (string, error) {
		c, err := v.deps.Backend.SubscriptionClient(name)
		if err != nil {
			return "", err
		}
		id, err := c.CreateSubscription(v.deps.Context, s)
		created = err == nil
		if err != nil || replaces == "" {
			return id, err
		}
		if err := c.DeleteSubscription(v.deps.Context, replaces); err != nil {
			return id, msg.New("The new subscription %s was created, but the old one (%s) could not be deleted: %s. Delete it by hand.", id, replaces, ErrorText(err))
		}
		return id, nil
	}, func(id string, err error) {
		switch {
		case err != nil && !created:
			f.Problem.SetText(ErrorText(err))
			f.Dialog.Show()
			return
		case err != nil:
			showErrorIn(v.deps.Window, err)
		default:
			v.deps.Toast(fmt.Sprintf(lang.L("Workfront created the subscription %s."), id))
		}
		v.Load()
	})
}
