package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/journal"
	"github.com/wfconnect/wfconnect/workfront"
)

// HistoryView lists the changes wfconnect made through the connection,
// newest first, searchable, and reverts one: a new change, previewed.
type HistoryView struct {
	deps editorDeps

	Search       *widget.Entry
	List         *widget.List
	RevertButton *widget.Button
	ReloadButton *widget.Button
	Problem      *widget.Label
	Empty        *widget.Label
	Content      fyne.CanvasObject
	// Review is the open revert's review, for tests.
	Review *reviewDialog

	all      []journal.Change
	shown    []journal.Change
	selected int
}

func newHistoryView(deps editorDeps) *HistoryView {
	h := &HistoryView{deps: deps, selected: -1}
	h.Search = widget.NewEntry()
	h.Search.SetPlaceHolder(lang.L("Search the changes (a field, an ID, a value, failed…)"))
	h.Search.OnChanged = func(string) { h.filter() }
	h.List = widget.NewList(func() int { return len(h.shown) }, func() fyne.CanvasObject {
		return container.NewVBox(bold(""), detailLine(""))
	}, h.updateRow)
	h.List.OnSelected = func(id widget.ListItemID) { h.selected = id; setEnabled(h.RevertButton, h.revertable()) }
	h.List.OnUnselected = func(widget.ListItemID) { h.selected = -1; h.RevertButton.Disable() }
	h.RevertButton = widget.NewButtonWithIcon(lang.L("Revert…"), theme.ContentUndoIcon(), h.Revert)
	h.RevertButton.Disable()
	h.ReloadButton = lowButton(lang.L("Reload"), theme.ViewRefreshIcon(), h.Load)
	h.Problem = notice(widget.DangerImportance)
	h.Empty = help(lang.L("No changes yet. Changes made in Explore or with wfconnect update appear here."))
	top := container.NewBorder(nil, h.Problem, nil, container.NewHBox(h.RevertButton, h.ReloadButton), h.Search)
	h.Content = container.NewBorder(top, nil, nil, nil, container.NewStack(h.List, container.NewCenter(h.Empty)))
	return h
}

func (h *HistoryView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(h.shown) {
		return
	}
	r := historyRowOf(h.shown[id])
	box := o.(*fyne.Container)
	title := box.Objects[0].(*widget.Label)
	title.SetText(r.Title)
	title.Importance = widget.MediumImportance
	if r.Failed {
		title.Importance = widget.DangerImportance
	}
	title.Refresh()
	box.Objects[1].(*widget.Label).SetText(r.Fields)
}

// Load reads the journal again.
func (h *HistoryView) Load() {
	name := h.deps.Profile.Name
	backgroundOn(h.deps.Do, func() ([]journal.Change, error) {
		j, err := h.deps.Backend.Journal(name)
		if err != nil {
			return nil, err
		}
		return j.List(0)
	}, func(list []journal.Change, err error) {
		h.Problem.Hide()
		if err != nil {
			h.Problem.SetText(ErrorText(err)) // damaged lines: the rest still shows
			h.Problem.Show()
		}
		h.all = list
		h.filter()
	})
}

func (h *HistoryView) filter() {
	h.shown = filterChanges(h.all, h.Search.Text)
	h.selected = -1
	h.List.UnselectAll()
	h.RevertButton.Disable()
	setVisible(h.Empty, len(h.shown) == 0)
	h.List.Refresh()
}

// revertable says whether the selected change was applied, so that its
// before-values can be written back.
func (h *HistoryView) revertable() bool {
	if h.selected < 0 || h.selected >= len(h.shown) {
		return false
	}
	c := h.shown[h.selected]
	return (c.Outcome == journal.Changed || c.Outcome == journal.Unknown) && !c.BeforeUnknown
}

// Revert previews writing the selected change's before-values back.
func (h *HistoryView) Revert() {
	if !h.revertable() {
		return
	}
	h.revert(h.shown[h.selected])
}

func (h *HistoryView) revert(c journal.Change) {
	if err := edit.CheckWritable(h.deps.Profile.Name, h.deps.Mode()); err != nil {
		showErrorIn(h.deps.Window, err)
		return
	}
	name := h.deps.Profile.Name
	backgroundOn(h.deps.Do, func() (revertPlan, error) {
		w, err := h.deps.Backend.Writer(name)
		if err != nil {
			return revertPlan{}, err
		}
		plan, err := edit.PrepareRevert(h.deps.Context, w, c, false)
		if err != nil || plan.Rows[0].Status != edit.Conflict {
			return revertPlan{prepared: prepared{plan: plan, writer: w}}, err
		}
		// Changed since: the review says so, and shows what forcing sends.
		forced, err := edit.PrepareRevert(h.deps.Context, w, c, true)
		return revertPlan{prepared: prepared{plan: forced, writer: w}, conflict: plan.Rows[0].Err}, err
	}, func(rp revertPlan, err error) {
		if err != nil {
			showErrorIn(h.deps.Window, err)
			return
		}
		h.showRevert(c, rp)
	})
}

// revertPlan is a revert read against Workfront; conflict says why it was
// refused when the object changed since.
type revertPlan struct {
	prepared
	conflict error
}

// showRevert reviews a revert; one refused because the object changed
// since says so and offers to revert anyway.
func (h *HistoryView) showRevert(c journal.Change, rp revertPlan) {
	meta := workfront.TypeMeta{ObjCode: c.ObjCode}
	in := reviewInput{
		Title:      fmt.Sprintf(lang.L("Revert change %s"), c.ID),
		Lines:      reviewLinesOf(meta, rp.plan.Rows[0].Changes),
		Requests:   edit.Requests(h.deps.Profile.Host, h.deps.Profile.APIVersion, rp.plan, false),
		CommitText: lang.L("Revert"),
		OnCommit:   func() { h.sendRevert(c, rp.prepared, rp.conflict != nil) },
	}
	if rp.conflict != nil {
		in.Conflicts, in.CommitText = ErrorText(rp.conflict), lang.L("Revert anyway")
	}
	h.Review = newReviewDialog(h.deps, in)
}

func (h *HistoryView) sendRevert(c journal.Change, pr prepared, forced bool) {
	name := h.deps.Profile.Name
	plan := pr.plan
	backgroundOn(h.deps.Do, func() ([]edit.Sent, error) {
		j, err := h.deps.Backend.Journal(name)
		if err != nil {
			return nil, err
		}
		return edit.Send(h.deps.Context, pr.writer, j, &plan, edit.SendOptions{RevertOf: c.ID, Force: forced})
	}, func(_ []edit.Sent, err error) {
		if err == nil && plan.Rows[0].Status != edit.Changed {
			err = plan.Rows[0].Err
		}
		if err != nil {
			showErrorIn(h.deps.Window, err)
		} else {
			h.deps.Toast(lang.L("Reverted in Workfront."))
		}
		h.Load()
	})
}
