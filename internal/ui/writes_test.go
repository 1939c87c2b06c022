package ui

import (
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/journal"
	"github.com/wfconnect/wfconnect/store"
)

// exploreForWrites shows Explore's tasks with a journal, the first task's
// details open, in the given write mode for this session.
func exploreForWrites(t *testing.T, mode edit.Mode) (*harness, *BrowserView, *fakeBackend) {
	t.Helper()
	h, v, b := showExplore(t)
	b.journalDir = t.TempDir()
	if mode != "" {
		h.app.modes.set("Acme", mode)
	}
	v.Select(0)
	h.q.until(t, "the details", func() bool { return v.detail != nil && v.detail.ID() == "t11" })
	return h, v, b
}

// TestProductionIsReadOnly: a production connection shows why nothing can
// be changed, offers no pencil, and its unlock takes the domain typed.
func TestProductionIsReadOnly(t *testing.T) {
	_, v, b := exploreForWrites(t, "")
	if v.editor.mode() != edit.ReadOnly {
		t.Fatalf("production's mode %q", v.editor.mode())
	}
	if !containsObject(v.Grid.Details, v.editor.AllowButton) || containsObject(v.Grid.Details, v.editor.EditButton) {
		t.Error("read-only: Allow changes… is offered and Edit a field… is not")
	}
	v.editor.StartReview() // nothing pending: nothing happens
	if b.objects.writeCount() != 0 {
		t.Error("a read-only connection wrote")
	}
	host := "https://acme.my.workfront.com"
	if _, err := modeChoiceOf(host, edit.Confirm, "acme.preview.workfront.com", false); err == nil {
		t.Error("the wrong domain unlocked production")
	}
	c, err := modeChoiceOf(host, edit.Confirm, " ACME.my.workfront.com ", false)
	if err != nil || c.Mode != edit.Confirm || c.Keep {
		t.Errorf("the typed domain (any case) unlocks for this session only: %+v %v", c, err)
	}
	if c, _ := modeChoiceOf("https://acme.sb01.workfront.com", edit.Direct, "", false); c.Mode != edit.Direct || !c.Keep {
		t.Errorf("a sandbox needs no typing and keeps its mode: %+v", c)
	}
	var modes sessionModes
	p := store.Profile{Name: "Acme", Host: host}
	modes.set("Acme", edit.Confirm)
	if modes.of(p) != edit.Confirm || modes.of(store.Profile{Name: "Other", Host: host}) != edit.ReadOnly {
		t.Error("the session's unlock is per connection")
	}
}

// TestEditReviewCommit: a changed field is pending (marked and counted),
// Review shows before -> after and the exact request, Commit sends it
// once, journals it and shows Workfront's answer.
func TestEditReviewCommit(t *testing.T) {
	h, v, b := exploreForWrites(t, edit.Confirm)
	e := v.editor
	e.EditField("percentComplete")
	if e.Fields == nil || e.Fields.Value.Text != "10" {
		t.Fatalf("the field dialog shows the value now: %+v", e.Fields)
	}
	e.Fields.Value.SetText("fifty")
	e.Fields.OK.OnTapped()
	if !e.Fields.Problem.Visible() || !strings.Contains(e.Fields.Problem.Text, "takes a number") {
		t.Errorf("a bad number is refused in words: %q", e.Fields.Problem.Text)
	}
	e.Fields.Value.SetText("50")
	e.Fields.OK.OnTapped()
	if e.current().count() != 1 || !strings.Contains(e.PendingText.Text, "1 change not sent yet") {
		t.Fatalf("pending: %d, %q", e.current().count(), e.PendingText.Text)
	}
	if !detailsSay(v, "• Percent Complete: 10 → 50") {
		t.Error("the pending change is marked in the details")
	}
	e.StartReview()
	h.q.until(t, "the review", func() bool { return e.Review != nil })
	r := e.Review
	if r.Changes.Text != "Percent Complete: 10 → 50\n" {
		t.Errorf("review changes %q", r.Changes.Text)
	}
	if want := "PUT https://acme.my.workfront.com/attask/api/v21.0/task/t11\nupdates={\"percentComplete\":50}"; r.Request.Text != want {
		t.Errorf("request %q, want %q", r.Request.Text, want)
	}
	if r.Conflicts.Visible() || b.objects.writeCount() != 0 {
		t.Error("no conflict, and nothing sent before Commit")
	}
	r.Commit.OnTapped()
	h.q.until(t, "the commit", func() bool { return b.objects.writeCount() == 1 && e.current().count() == 0 })
	if got := b.objects.find("TASK", "t11")["percentComplete"]; got != float64(50) {
		t.Errorf("Workfront holds %v", got)
	}
	j, _ := b.Journal("Acme")
	changes, err := j.List(0)
	if err != nil || len(changes) != 1 || changes[0].Outcome != journal.Changed || changes[0].Changes["percentComplete"].After != float64(50) {
		t.Errorf("journal %+v %v", changes, err)
	}
}

// TestEditConflictAndDiscard: a field changed behind the app's back shows
// the three values before anything is sent; Discard drops the changes.
func TestEditConflictAndDiscard(t *testing.T) {
	h, v, b := exploreForWrites(t, edit.Confirm)
	e := v.editor
	e.EditField("percentComplete")
	e.Fields.Value.SetText("50")
	e.Fields.OK.OnTapped()
	b.objects.touch("TASK", "t11", "percentComplete", float64(20))
	e.StartReview()
	h.q.until(t, "the review", func() bool { return e.Review != nil })
	r := e.Review
	if !r.Conflicts.Visible() || !strings.Contains(r.Conflicts.Text, "Percent Complete: shown 10, now 20, yours 50") || r.Commit.Text != "Write mine anyway" {
		t.Errorf("conflict %q, commit %q", r.Conflicts.Text, r.Commit.Text)
	}
	r.Discard.OnTapped()
	if e.current().count() != 0 || b.objects.writeCount() != 0 {
		t.Error("Discard drops the change and sends nothing")
	}
}
