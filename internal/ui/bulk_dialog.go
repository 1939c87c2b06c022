package ui

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/edit"
)

// bulkDialog is a bulk update's dry run, then its sending and outcome.
type bulkDialog struct {
	Summary  *widget.Label // the dry run's counts, then the outcome's
	Rows     *widget.List  // every row that is not simply unchanged
	Atomic   *widget.Check
	Send     *widget.Button
	Cancel   *widget.Button
	Close    *widget.Button
	Retry    *widget.Button
	Progress *widget.ProgressBar
	Status   *widget.Label
	Note     *widget.Label // says nothing was sent, until something is
	lines    []string
	dialog   dialog.Dialog
}

// dryRunText is the dry run's counts in words.
func dryRunText(plan edit.Plan) string {
	return fmt.Sprintf(lang.L("%d to change, %d unchanged, %d not found, %d refused."),
		plan.Count(edit.WillChange), plan.Count(edit.Unchanged), plan.Count(edit.NotFound), plan.Count(edit.Refused))
}

// outcomeText is what sending did, in words: every status some row has.
func outcomeText(plan edit.Plan) string {
	formats := []struct {
		s      edit.Status
		format string
	}{
		{edit.Changed, lang.L("%d changed")}, {edit.Unchanged, lang.L("%d unchanged")},
		{edit.Failed, lang.L("%d failed")}, {edit.Conflict, lang.L("%d changed in Workfront meanwhile (not sent)")},
		{edit.Unknown, lang.L("%d sent but not confirmed")}, {edit.NotSent, lang.L("%d not sent")},
		{edit.NotFound, lang.L("%d not found")}, {edit.Refused, lang.L("%d refused")},
	}
	var parts []string
	for _, f := range formats {
		if n := plan.Count(f.s); n > 0 {
			parts = append(parts, fmt.Sprintf(f.format, n))
		}
	}
	return strings.Join(parts, ", ") + "."
}

// planLines are the rows worth reading: each change before -> after, each
// row that will not be sent with why.
func planLines(plan edit.Plan) []string {
	var out []string
	for _, r := range plan.Rows {
		if r.Status == edit.Unchanged {
			continue
		}
		head := cleanCell(r.ID)
		if r.Name != "" {
			head += " · " + cleanCell(r.Name)
		}
		if r.Line > 0 {
			head = fmt.Sprintf(lang.L("line %d"), r.Line) + " · " + head
		}
		status := lang.L(string(r.Status))
		if len(r.Changes) == 0 || r.Err != nil {
			out = append(out, head+" · "+status+": "+rowReason(r))
			continue
		}
		for _, f := range slices.Sorted(maps.Keys(r.Changes)) {
			c := r.Changes[f]
			out = append(out, head+" · "+cleanCell(f)+": "+valueOrEmpty(c.Before)+" ⟶ "+valueOrEmpty(c.After)+" · "+status)
		}
	}
	return out
}

func rowReason(r edit.Planned) string {
	if r.Err != nil {
		return ErrorText(r.Err)
	}
	return cleanCell(r.Why)
}

func newBulkDialog(b *bulkUpdate, p preparedBulk) *bulkDialog {
	d := &bulkDialog{Summary: bold(dryRunText(p.plan)), Status: wrapped(""), Progress: widget.NewProgressBar()}
	d.lines = planLines(p.plan)
	d.Rows = widget.NewList(func() int { return len(d.lines) }, func() fyne.CanvasObject { return detailLine("") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(d.lines[id]) })
	changes := p.plan.Count(edit.WillChange)
	d.Atomic = widget.NewCheck(lang.L("All or nothing (at most 100 rows; Workfront then says nothing per row)"), nil)
	setEnabled(d.Atomic, changes > 1 && changes <= edit.BatchSize)
	d.Send = widget.NewButtonWithIcon(fmt.Sprintf(lang.L("Send %d changes"), changes), theme.ConfirmIcon(), func() { d.start(b, p) })
	d.Send.Importance = widget.HighImportance
	setEnabled(d.Send, changes > 0)
	d.Close = widget.NewButton(lang.L("Close"), func() { d.dialog.Hide() })
	d.Cancel = widget.NewButtonWithIcon(lang.L("Cancel sending"), theme.CancelIcon(), nil)
	d.Cancel.Hide()
	d.Retry = widget.NewButtonWithIcon(lang.L("Retry failed"), theme.ViewRefreshIcon(), func() {
		d.dialog.Hide()
		b.RetryFailed(p.src.results, p.src.path)
	})
	d.Retry.Hide()
	d.Progress.Hide()
	d.Status.Hide()
	note := help(lang.L("Nothing has been sent yet: this is what Workfront holds now and what would change."))
	d.Note = note
	top := container.NewVBox(d.Summary, note)
	bottom := container.NewVBox(d.Atomic, d.Progress, d.Status, container.NewHBox(d.Close, d.Cancel, d.Retry, d.Send))
	title := lang.L("Dry run")
	if p.src.path != "" {
		title = fmt.Sprintf(lang.L("Dry run of %s"), cleanCell(p.src.path))
	}
	d.dialog = dialog.NewCustomWithoutButtons(title, container.NewBorder(top, bottom, nil, nil, d.Rows), b.deps.Window)
	d.dialog.Resize(fyne.NewSize(760, 520))
	d.dialog.Show()
	return d
}

// start sends, after checking the connection may be written.
func (d *bulkDialog) start(b *bulkUpdate, p preparedBulk) {
	if err := edit.CheckWritable(b.deps.Profile.Name, b.deps.Mode()); err != nil {
		showErrorIn(b.deps.Window, err)
		return
	}
	d.Send.Hide()
	d.Note.SetText(lang.L("Sending: each row's outcome appears here as Workfront answers."))
	d.Close.Disable()
	d.Atomic.Disable()
	d.Progress.Show()
	d.Status.Show()
	d.Status.SetText(sendProgressText(edit.Progress{Total: p.plan.Count(edit.WillChange)}))
	d.Cancel.Show()
	cancel := b.send(p, d.Atomic.Checked, func(pr edit.Progress) {
		d.Progress.SetValue(float64(pr.Done) / float64(max(pr.Total, 1)))
		d.Status.SetText(sendProgressText(pr))
	}, func(plan edit.Plan, err error) { d.finish(b, p, plan, err) })
	d.Cancel.OnTapped = func() {
		cancel()
		d.Cancel.Disable()
		d.Status.SetText(lang.L("Stopping after the requests already sent…"))
	}
}

// finish shows what sending did, where the results file is, and Retry
// failed when some rows did not go through.
func (d *bulkDialog) finish(b *bulkUpdate, p preparedBulk, plan edit.Plan, err error) {
	d.Cancel.Hide()
	d.Close.Enable()
	d.Summary.SetText(outcomeText(plan))
	d.Note.SetText(lang.L("Sent. The journal (History) has every change, and can revert each one."))
	d.lines = planLines(plan)
	d.Rows.Refresh()
	text := ""
	if err != nil && !errors.Is(err, context.Canceled) {
		text = ErrorText(err) + "\n"
	}
	if p.src.results != "" {
		text += fmt.Sprintf(lang.L("Each row's outcome: %s"), p.src.results)
	}
	d.Status.SetText(text)
	failed := plan.Count(edit.Failed) + plan.Count(edit.Conflict) + plan.Count(edit.Unknown) + plan.Count(edit.NotSent)
	setVisible(d.Retry, failed > 0 && p.src.results != "")
}
