package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/journal"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
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
	if !detailsSay(v, "• Percent Complete: 10 ⟶ 50") {
		t.Error("the pending change is marked in the details")
	}
	e.StartReview()
	h.q.until(t, "the review", func() bool { return e.Review != nil })
	r := e.Review
	if r.Changes.Text != "Percent Complete: 10 ⟶ 50\n" {
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
	if got := b.objects.value("TASK", "t11", "percentComplete"); got != float64(50) {
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

// TestProductionUnlock: the write mode dialog opens production only when
// its domain is typed, for this session unless kept; the panel and the
// sidebar say the new mode.
func TestProductionUnlock(t *testing.T) {
	h, v, b := exploreForWrites(t, "")
	m := h.app.Main
	m.changeWriteMode()
	d := m.ModeDialog
	d.Modes.SetSelected(modeLabel(edit.Confirm))
	d.Typed.SetText("acme.sb01.workfront.com")
	d.Apply.OnTapped()
	if !d.Problem.Visible() || m.writeMode() != edit.ReadOnly {
		t.Fatalf("the wrong domain unlocked production: %q, mode %q", d.Problem.Text, m.writeMode())
	}
	d.Typed.SetText("acme.my.workfront.com")
	d.Apply.OnTapped()
	if m.writeMode() != edit.Confirm || m.Conn.Writes.Text != "Writes: confirm" {
		t.Errorf("unlocked: mode %q, panel %q", m.writeMode(), m.Conn.Writes.Text)
	}
	if row := sidebarRowOf(m.shown, auth.StateConnected, m.writeMode(), false); row.Place != "Production · Writes: confirm" {
		t.Errorf("sidebar %q", row.Place)
	}
	if p, _ := b.Profiles(); p[0].Writes != "" {
		t.Errorf("a session's unlock was saved: %q", p[0].Writes)
	}
	if !containsObject(v.Grid.Details, v.editor.EditButton) {
		t.Error("the details offer editing once unlocked")
	}
	m.changeWriteMode()
	m.ModeDialog.Modes.SetSelected(modeLabel(edit.Direct))
	m.ModeDialog.Typed.SetText("acme.my.workfront.com")
	m.ModeDialog.Keep.SetChecked(true)
	m.ModeDialog.Apply.OnTapped()
	h.q.until(t, "the saved mode", func() bool { p, _ := b.Profiles(); return p[0].Writes == "direct" })
}

// commitPercent changes the first task's percent complete in Explore and
// commits it.
func commitPercent(t *testing.T, h *harness, v *BrowserView, b *fakeBackend, value string) {
	t.Helper()
	e := v.editor
	writes := b.objects.writeCount()
	e.EditField("percentComplete")
	e.Fields.Value.SetText(value)
	e.Fields.OK.OnTapped()
	e.Review = nil
	e.StartReview()
	h.q.until(t, "the review", func() bool { return e.Review != nil })
	e.Review.Commit.OnTapped()
	h.q.until(t, "the commit", func() bool { return b.objects.writeCount() == writes+1 })
}

// TestHistoryRevert: History lists the change; Revert previews the
// before-values and writes them back as a new change; after a change
// behind the app's back the revert says so and asks.
func TestHistoryRevert(t *testing.T) {
	h, v, b := exploreForWrites(t, edit.Confirm)
	m := h.app.Main
	commitPercent(t, h, v, b, "50")
	m.Tabs.Select(m.historyTab)
	hv := m.History
	h.q.until(t, "the change listed", func() bool { return len(hv.shown) == 1 })
	if r := historyRowOf(hv.shown[0]); !strings.Contains(r.Title, "TASK Task 1.1 (t11) · changed") || r.Fields != "percentComplete: 10 ⟶ 50" {
		t.Errorf("row %+v", r)
	}
	hv.Search.SetText("nothing like it")
	if len(hv.shown) != 0 || !hv.Empty.Visible() {
		t.Error("the search narrows the list")
	}
	hv.Search.SetText("percent 50")
	hv.List.Select(0)
	hv.Revert()
	h.q.until(t, "the revert's review", func() bool { return hv.Review != nil })
	if hv.Review.Changes.Text != "percentComplete: 50 ⟶ 10\n" || hv.Review.Conflicts.Visible() {
		t.Errorf("revert review %q", hv.Review.Changes.Text)
	}
	hv.Review.Commit.OnTapped()
	h.q.until(t, "the revert", func() bool {
		return b.objects.value("TASK", "t11", "percentComplete") == float64(10) && len(hv.shown) == 2
	})
	if hv.shown[0].RevertOf == "" {
		t.Error("the revert is journaled as one")
	}

	b.objects.touch("TASK", "t11", "percentComplete", float64(30))
	hv.Search.SetText("")
	hv.List.Select(1) // the first change, whose 50 is long gone
	hv.Review = nil
	hv.Revert()
	h.q.until(t, "the refused revert", func() bool { return hv.Review != nil })
	if !hv.Review.Conflicts.Visible() || hv.Review.Commit.Text != "Revert anyway" {
		t.Errorf("a revert over someone's change asks first: %q, %q", hv.Review.Conflicts.Text, hv.Review.Commit.Text)
	}
}

// TestBulkDryRunCounts: a file's dry run counts what would change, what
// would not, what is not found and what the metadata refuses, sends
// nothing; Send changes only the rows that change and writes the results
// file beside the input.
func TestBulkDryRunCounts(t *testing.T) {
	h, v, b := exploreForWrites(t, edit.Confirm)
	path := filepath.Join(t.TempDir(), "tasks.csv")
	csv := "ID,percentComplete\nt11,10\nt12,99\nnope,5\nt13,lots\n"
	if err := os.WriteFile(path, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	v.bulkFor().StartFromFile(path)
	h.q.until(t, "the dry run", func() bool { return v.bulk.Dialog != nil })
	d := v.bulk.Dialog
	if d.Summary.Text != "1 to change, 1 unchanged, 1 not found, 1 refused." || b.objects.writeCount() != 0 {
		t.Fatalf("dry run %q, writes %d", d.Summary.Text, b.objects.writeCount())
	}
	if len(d.lines) != 3 || !strings.Contains(strings.Join(d.lines, "\n"), "t12 · Task 1.2 · percentComplete: 20 ⟶ 99") {
		t.Errorf("rows %q", d.lines)
	}
	d.Send.OnTapped()
	h.q.until(t, "the outcome", func() bool { return strings.HasPrefix(d.Summary.Text, "1 changed") })
	if d.Summary.Text != "1 changed, 1 unchanged, 1 not found, 1 refused." {
		t.Errorf("outcome %q", d.Summary.Text)
	}
	if b.objects.writeCount() != 1 || b.objects.value("TASK", "t12", "percentComplete") != float64(99) {
		t.Errorf("writes %d", b.objects.writeCount())
	}
	results, err := os.ReadFile(filepath.Join(filepath.Dir(path), "tasks.results.csv"))
	if err != nil || !strings.Contains(string(results), "t12,changed") || !strings.Contains(string(results), "nope,not found") {
		t.Errorf("results file %q %v", results, err)
	}
}

// TestReferenceFoundByName: a field holding a reference's ID offers the
// target's objects by name, and choosing one puts its ID in the value.
func TestReferenceFoundByName(t *testing.T) {
	h, v, _ := exploreForWrites(t, edit.Confirm)
	e := v.editor
	e.EditField("assignedToID")
	fd := e.Fields
	if !fd.Find.Visible() || fd.Find.PlaceHolder != "Search Assigned To by name…" {
		t.Fatalf("the finder: visible %v, %q", fd.Find.Visible(), fd.Find.PlaceHolder)
	}
	fd.Find.SetText("ada")
	h.q.until(t, "the people found", func() bool { return len(fd.found) == 1 })
	fd.Find.SetText("Ada Lovelace  (u1)")
	if fd.Value.Text != "u1" {
		t.Errorf("the value is the chosen one's ID: %q", fd.Value.Text)
	}
}

// TestListsAreReplacedWhole: a list is written as items separated by
// commas, and the review says Workfront replaces it whole.
func TestListsAreReplacedWhole(t *testing.T) {
	f := workfront.FieldMeta{Name: "objTypes", Label: "Object Types", Type: "string[]"}
	v, err := edit.Convert(f, "PROJ, TASK,,")
	if err != nil || len(v.([]any)) != 2 {
		t.Fatalf("list %v %v", v, err)
	}
	if !edit.ReplacesWhole(f) {
		t.Error("a list is replaced whole")
	}
}
