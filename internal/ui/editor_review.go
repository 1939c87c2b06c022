package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/workspace"
)

// reviewDialog is the open review of an object's changes, for tests.
type reviewDialog struct {
	Conflicts *widget.Label // the fields someone changed since, with the three values
	Changes   *widget.Label // each field's before -> after
	Request   *widget.Label // the exact request, without a token
	CopyCurl  *widget.Button
	Commit    *widget.Button
	Cancel    *widget.Button
	Discard   *widget.Button
	dialog    dialog.Dialog
}

// prepared is a change read against Workfront, ready to review.
type prepared struct {
	plan      edit.Plan
	conflicts []conflict
	writer    edit.Writer
}

// StartReview reads the changed fields again, then shows the review; in
// direct mode, a change nobody else touched is sent without one.
func (e *objectEditor) StartReview() {
	p := e.current()
	if p.count() == 0 {
		return
	}
	if err := edit.CheckWritable(e.deps.Profile.Name, e.mode()); err != nil {
		showErrorIn(e.deps.Window, err)
		return
	}
	row, name := p.row(), e.deps.Profile.Name
	setEnabled(e.ReviewButton, false)
	backgroundOn(e.deps.Do, func() (prepared, error) {
		w, err := e.deps.Backend.Writer(name)
		if err != nil {
			return prepared{}, err
		}
		plan, err := edit.Prepare(e.deps.Context, w, p.objCode, []edit.Row{row})
		if err != nil {
			return prepared{}, err
		}
		return prepared{plan: plan, writer: w, conflicts: p.conflictsOf(plan.Rows[0].Before)}, nil
	}, func(pr prepared, err error) {
		setEnabled(e.ReviewButton, true)
		if err != nil {
			showErrorIn(e.deps.Window, err)
			return
		}
		if e.mode() == edit.Direct && len(pr.conflicts) == 0 && pr.plan.Rows[0].Status == edit.WillChange {
			e.commit(pr, p)
			return
		}
		e.showReview(pr, p)
	})
}

// reviewInput is what a review shows and does.
type reviewInput struct {
	Title      string
	Lines      []reviewLine
	Conflicts  string         // "" when nobody changed anything since
	Warning    string         // what else to know before committing, or ""
	Requests   []edit.Request // none: nothing to send
	CommitText string
	OnCommit   func()
	OnDiscard  func() // nil: no Discard button
}

// newReviewDialog shows what will be sent: the conflicts, each field's
// before -> after, and the request itself, with Copy as curl.
func newReviewDialog(deps editorDeps, in reviewInput) *reviewDialog {
	r := &reviewDialog{Conflicts: notice(widget.WarningImportance), Changes: wrapped(reviewText(in.Lines)), Request: wrapped("")}
	r.Request.TextStyle.Monospace = true
	r.Request.Wrapping = fyne.TextWrapBreak // an address is one word: cut it where the line ends
	if text := strings.TrimSpace(in.Conflicts + "\n" + in.Warning); text != "" {
		r.Conflicts.SetText(text)
		r.Conflicts.Show()
	}
	r.CopyCurl = lowButton(lang.L("Copy as curl"), theme.ContentCopyIcon(), nil)
	if len(in.Requests) > 0 {
		var texts, curls []string
		for _, req := range in.Requests {
			texts = append(texts, req.Text())
			curls = append(curls, req.Curl(workspace.CurlAuthArgs(deps.Profile)))
		}
		r.Request.SetText(strings.Join(texts, "\n\n"))
		r.CopyCurl.OnTapped = func() {
			deps.Clipboard(strings.Join(curls, "\n"))
			deps.Toast(lang.L("Copied the curl command (it holds no token)."))
		}
	} else {
		r.Changes.SetText(lang.L("Workfront already holds these values: there is nothing to send."))
		r.CopyCurl.Disable()
	}
	r.Commit = widget.NewButtonWithIcon(in.CommitText, theme.ConfirmIcon(), func() { r.dialog.Hide(); in.OnCommit() })
	r.Commit.Importance = widget.HighImportance
	setEnabled(r.Commit, len(in.Requests) > 0)
	r.Cancel = widget.NewButton(lang.L("Cancel"), func() { r.dialog.Hide() })
	buttons := container.NewHBox(r.Cancel)
	if in.OnDiscard != nil {
		r.Discard = widget.NewButton(lang.L("Discard changes"), func() { r.dialog.Hide(); in.OnDiscard() })
		buttons.Add(r.Discard)
	}
	buttons.Add(r.Commit)
	content := container.NewVBox(r.Conflicts, bold(lang.L("Changes")), r.Changes,
		container.NewBorder(nil, nil, bold(lang.L("Request")), r.CopyCurl), r.Request, buttons)
	r.dialog = dialog.NewCustomWithoutButtons(in.Title, container.NewVScroll(content), deps.Window)
	r.dialog.Resize(fyne.NewSize(640, 480))
	r.dialog.Show()
	return r
}

// showReview reviews the object's pending changes.
func (e *objectEditor) showReview(pr prepared, p *pendingEdits) {
	in := reviewInput{
		Title:      fmt.Sprintf(lang.L("Review changes to %s"), cleanCell(e.shown.Name())),
		Lines:      reviewLinesOf(e.meta, pr.plan.Rows[0].Changes),
		Requests:   edit.Requests(e.deps.Profile.Host, e.deps.Profile.APIVersion, pr.plan, false),
		CommitText: lang.L("Commit"),
		OnCommit:   func() { e.commit(pr, p) },
		OnDiscard:  e.Discard,
	}
	if len(pr.conflicts) > 0 {
		in.Conflicts, in.CommitText = conflictText(pr.conflicts), lang.L("Write mine anyway")
	}
	for _, f := range p.fields() {
		if fm := p.edits[f].Field; edit.ReplacesWhole(fm) {
			in.Warning += fmt.Sprintf(lang.L("Workfront replaces %s whole: the list sent becomes the entire list."), fm.Label) + "\n"
		}
	}
	e.Review = newReviewDialog(e.deps, in)
}

func reviewText(lines []reviewLine) string {
	text := ""
	for _, l := range lines {
		text += l.Label + ": " + l.Before + " ⟶ " + l.After + "\n"
	}
	return text
}

func conflictText(cs []conflict) string {
	text := lang.L("Someone changed these fields in Workfront since they were shown:") + "\n"
	for _, c := range cs {
		text += fmt.Sprintf(lang.L("%s: shown %s, now %s, yours %s"), c.Label, valueOrEmpty(c.Shown), valueOrEmpty(c.Now), valueOrEmpty(c.Yours)) + "\n"
	}
	return text
}

// commit sends the change, journaled; Workfront's answer replaces what is
// shown, and a failure keeps the pending changes.
func (e *objectEditor) commit(pr prepared, p *pendingEdits) {
	name := e.deps.Profile.Name
	plan := pr.plan
	setEnabled(e.ReviewButton, false)
	backgroundOn(e.deps.Do, func() ([]edit.Sent, error) {
		j, err := e.deps.Backend.Journal(name)
		if err != nil {
			return nil, err
		}
		return edit.Send(e.deps.Context, pr.writer, j, &plan, edit.SendOptions{Force: len(pr.conflicts) > 0})
	}, func(sent []edit.Sent, err error) {
		setEnabled(e.ReviewButton, true)
		row := plan.Rows[0]
		if err == nil && row.Status != edit.Changed {
			err = row.Err
			if err == nil {
				err = errors.New(row.Why)
			}
		}
		if err != nil {
			showErrorIn(e.deps.Window, err)
			return
		}
		delete(e.pending, p.objCode+"/"+p.id)
		e.deps.Toast(lang.L("Changed in Workfront."))
		if e.deps.OnCommitted != nil {
			e.deps.OnCommitted(p.objCode, p.id, sent[0].Now)
		}
	})
}
