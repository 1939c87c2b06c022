package ui

import (
	"errors"
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

// Delete deletes the checked subscriptions, asked first unless the
// connection writes directly.
func (v *SubscriptionsView) Delete() {
	subs := v.checked()
	if len(subs) == 0 || !v.writable(v.deps.Profile.Name, v.deps.Mode()) {
		return
	}
	if v.deps.Mode() == edit.Direct {
		v.deleteAll(subs)
		return
	}
	lines := make([]string, len(subs))
	for i, s := range subs {
		lines[i] = "DELETE …/subscriptions/" + s.ID + "   " + s.ObjCode + " · " + s.EventType + " · " + s.URL
	}
	text := fmt.Sprintf(lang.L("Workfront stops sending these %d subscriptions' events:"), len(subs)) + "\n\n" + strings.Join(lines, "\n")
	dialog.ShowCustomConfirm(lang.L("Delete event subscriptions?"), lang.L("Delete"), lang.L("Cancel"), wrapped(text), func(ok bool) {
		if ok {
			v.deleteAll(subs)
		}
	}, v.deps.Window)
}

func (v *SubscriptionsView) deleteAll(subs []workfront.Subscription) {
	name := v.deps.Profile.Name
	backgroundOn(v.deps.Do, func() (int, error) {
		c, err := v.deps.Backend.SubscriptionClient(name)
		if err != nil {
			return 0, err
		}
		done := 0
		var errs []error
		for _, s := range subs {
			if err := c.DeleteSubscription(v.deps.Context, s.ID); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", s.ID, err))
				continue
			}
			done++
		}
		return done, errors.Join(errs...)
	}, func(done int, err error) {
		if err != nil {
			showErrorIn(v.deps.Window, err)
		}
		if done > 0 {
			v.deps.Toast(fmt.Sprintf(lang.L("Deleted %d event subscriptions."), done))
		}
		v.Load()
	})
}

// copyPreview is a copy to another connection, shown before it is sent:
// which subscriptions are created there and which it has already.
type copyPreview struct {
	Target string
	Steps  []workfront.SubscriptionCopyStep
	Text   *widget.Label
	Dialog dialog.Dialog
}

// StartCopy reads the target connection's subscriptions and previews the
// copy of the checked ones.
func (v *SubscriptionsView) StartCopy() {
	subs, target := v.checked(), v.CopyTo.Selected
	if len(subs) == 0 {
		return
	}
	if target == "" {
		showErrorIn(v.deps.Window, errors.New(lang.L("Choose the connection to copy the subscriptions to.")))
		return
	}
	if !v.writable(target, v.deps.ModeOf(target)) {
		return
	}
	backgroundOn(v.deps.Do, func() ([]workfront.SubscriptionCopyStep, error) {
		c, err := v.deps.Backend.SubscriptionClient(target)
		if err != nil {
			return nil, err
		}
		there, err := c.Subscriptions(v.deps.Context)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", target, err)
		}
		return workfront.PlanSubscriptionCopy(subs, there), nil
	}, func(steps []workfront.SubscriptionCopyStep, err error) {
		if err != nil {
			showErrorIn(v.deps.Window, err)
			return
		}
		v.showCopy(target, steps)
	})
}

// copyText is the preview, one line a subscription.
func copyText(target string, steps []workfront.SubscriptionCopyStep) (string, int) {
	var lines []string
	creates := 0
	for _, st := range steps {
		what := lang.L("already there, not sent")
		if st.Action == "create" {
			what = lang.L("to create")
			creates++
		}
		line := fmt.Sprintf("%s · %s · %s: %s", st.Sub.ObjCode, st.Sub.EventType, st.Sub.URL, what)
		if st.Sub.ObjID != "" {
			line += "\n    " + fmt.Sprintf(lang.L("It watches one object (%s), whose ID is rarely the same in another environment."), st.Sub.ObjID)
		}
		lines = append(lines, line)
	}
	head := fmt.Sprintf(lang.L("On %s: %d to create (POST …/subscriptions), %d there already (not sent):"), target, creates, len(steps)-creates)
	return head + "\n\n" + strings.Join(lines, "\n"), creates
}

func (v *SubscriptionsView) showCopy(target string, steps []workfront.SubscriptionCopyStep) {
	text, creates := copyText(target, steps)
	p := &copyPreview{Target: target, Steps: steps, Text: wrapped(text)}
	v.Copy = p
	if creates == 0 {
		p.Dialog = dialog.NewCustom(lang.L("Nothing to copy"), lang.L("Close"), p.Text, v.deps.Window)
	} else {
		p.Dialog = dialog.NewCustomConfirm(lang.L("Copy event subscriptions?"), lang.L("Copy"), lang.L("Cancel"),
			container.NewVScroll(p.Text), func(ok bool) {
				if ok {
					v.sendCopy(p)
				}
			}, v.deps.Window)
	}
	p.Dialog.Resize(fyne.NewSize(640, 420))
	p.Dialog.Show()
}

// sendCopy creates the previewed subscriptions on the target, each on
// its own: one refused does not stop the others.
func (v *SubscriptionsView) sendCopy(p *copyPreview) {
	backgroundOn(v.deps.Do, func() (int, error) {
		c, err := v.deps.Backend.SubscriptionClient(p.Target)
		if err != nil {
			return 0, err
		}
		made := 0
		var errs []error
		for _, st := range p.Steps {
			if st.Action != "create" {
				continue
			}
			if _, err := c.CreateSubscription(v.deps.Context, st.Sub); err != nil {
				errs = append(errs, fmt.Errorf("%s · %s · %s: %w", st.Sub.ObjCode, st.Sub.EventType, st.Sub.URL, err))
				continue
			}
			made++
		}
		return made, errors.Join(errs...)
	}, func(made int, err error) {
		if err != nil {
			showErrorIn(v.deps.Window, err)
		}
		v.deps.Toast(fmt.Sprintf(lang.L("Copied %d event subscriptions to %s."), made, p.Target))
	})
}
