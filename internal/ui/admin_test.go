package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/compare"
	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/usage"
	"github.com/wfconnect/wfconnect/workfront"
)

var sandbox = store.Profile{Name: "Sandbox", Host: "https://acme.sb01.workfront.com", ClientID: "abc",
	RedirectURI: "http://127.0.0.1:8765/callback", AppType: "web", TokenAuth: "basic-json", APIVersion: "v21.0"}

// adminForms are two instances' forms that differ in known ways: a form
// only in Acme, a field of another type, an option added.
func adminForms() map[string][]workfront.CustomForm {
	risk := workfront.CustomField{Name: "Risk", Label: "Risk", DataType: "TEXT", DisplayType: "DDOWN", Active: true,
		Options: []workfront.EnumValue{{Value: "Low", Label: "Low"}, {Value: "High", Label: "High"}}}
	riskThere := risk
	riskThere.Options = append(slices.Clone(risk.Options), workfront.EnumValue{Value: "Extreme", Label: "Extreme"})
	budget := workfront.CustomField{Name: "Budget", Label: "Budget", DataType: "CURC", DisplayType: "TEXT", Active: true}
	budgetThere := budget
	budgetThere.DataType = "NMBR"
	code := workfront.CustomField{Name: "Code", Label: "Code", DataType: "TEXT", DisplayType: "TEXT", Active: true}
	return map[string][]workfront.CustomForm{
		"Acme": {{Name: "Project Intake", ObjCodes: []string{"PROJ"}, Fields: []workfront.CustomField{risk, budget, code}},
			{Name: "Legacy", ObjCodes: []string{"TASK"}, Fields: []workfront.CustomField{code}}},
		"Sandbox": {{Name: "Project Intake", ObjCodes: []string{"PROJ"}, Fields: []workfront.CustomField{riskThere, budgetThere, code}}},
	}
}

// showAdmin shows Acme's Admin tab, signed in, with Sandbox beside it.
func showAdmin(t *testing.T) (*harness, *AdminView, *fakeBackend) {
	t.Helper()
	b := newFakeBackend(acme, sandbox)
	b.setStatus(auth.Status{Profile: "Acme", State: auth.StateConnected, HasRefreshToken: true})
	b.admin.forms = adminForms()
	h, _ := showAcme(t, b)
	m := h.app.Main
	m.Tabs.Select(m.adminTab)
	if m.Admin == nil || m.adminTab.Content != m.Admin.Content {
		t.Fatal("the Admin tab is not built when shown")
	}
	return h, m.Admin, b
}

// TestCompareTreeAndOnlyDifferences: the comparison with the other
// connection is a tree with counts, opened on its differences; "Only
// differences" hides and shows the same rows; the export writes both.
func TestCompareTreeAndOnlyDifferences(t *testing.T) {
	h, a, b := showAdmin(t)
	v := a.Compare
	if v.Other.Selected != "Sandbox" {
		t.Fatalf("the other connection chosen first: %q", v.Other.Selected)
	}
	test.Tap(v.RunButton)
	h.q.until(t, "the comparison", func() bool { return len(v.model.all) > 0 })
	if got := b.admin.compared; len(got) != 1 || got[0] != "forms Acme Sandbox" {
		t.Errorf("compared %v", got)
	}
	if v.Summary.Text != "1 only in Acme, 1 only in Sandbox, 4 different, 21 the same." {
		t.Errorf("summary %q", v.Summary.Text)
	}
	roots := v.model.children("")
	if len(roots) != 2 {
		t.Fatalf("only differences: 2 forms shown, got %d", len(roots))
	}
	intake, _ := v.model.node(roots[0])
	legacy, _ := v.model.node(roots[1])
	if legacy.Name != "Legacy" || legacy.State != compare.OnlyA || intake.Name != "Project Intake" || intake.State != compare.Different {
		t.Errorf("roots %q %s, %q %s", intake.Name, intake.State, legacy.Name, legacy.State)
	}
	if !v.Tree.IsBranchOpen(roots[0]) || v.Tree.IsBranchOpen(roots[1]) {
		t.Error("the tree opens on what differs inside, not on a form only on one side")
	}
	fields := namesOf(v.model, roots[0])
	if !slices.Equal(fields, []string{"Risk", "Budget"}) {
		t.Errorf("differing fields shown %v (Code is the same, hidden)", fields)
	}
	test.Tap(v.OnlyDifferences)
	if got := namesOf(v.model, roots[0]); !slices.Contains(got, "Code") {
		t.Errorf("all rows: the same field Code shown too: %v", got)
	}
	row := compareRowOf(findNode(t, v.model, "Budget", "data type"))
	if row.A != "CURC" || row.B != "NMBR" || row.State != compare.Different {
		t.Errorf("the differing values side by side: %+v", row)
	}
	dir := t.TempDir()
	for _, f := range []string{"csv", "json"} {
		path := filepath.Join(dir, "diff."+f)
		if err := v.ExportTo(path, f); err != nil {
			t.Fatal(err)
		}
		if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v", f, info, err)
		}
	}
	if !strings.Contains(h.app.Main.Toast.Text, "diff.json") {
		t.Errorf("toast %q", h.app.Main.Toast.Text)
	}
}

func namesOf(m compareModel, uid string) []string {
	var out []string
	for _, c := range m.children(uid) {
		n, _ := m.node(c)
		out = append(out, n.Name)
	}
	return out
}

// findNode finds a value node under a named field, in the tree shown.
func findNode(t *testing.T, m compareModel, field, value string) compare.Node {
	t.Helper()
	var found *compare.Node
	var walk func(nodes []compare.Node, in bool)
	walk = func(nodes []compare.Node, in bool) {
		for _, n := range nodes {
			if in && n.Name == value {
				found = &n
			}
			walk(n.Children, in || n.Name == field)
		}
	}
	walk(m.shown, false)
	if found == nil {
		t.Fatalf("no %s under %s", value, field)
	}
	return *found
}

// TestCompareVersionsAndObjects: two API versions of the connection, and
// two objects field by field, each says what it misses first.
func TestCompareVersionsAndObjects(t *testing.T) {
	h, a, b := showAdmin(t)
	v := a.Compare
	v.What.SetSelected("API versions")
	v.VersionA.SetSelected("v20.0")
	v.VersionB.SetSelected("v21.0")
	test.Tap(v.RunButton)
	h.q.until(t, "the versions compared", func() bool { return len(v.model.all) > 0 })
	if got := b.admin.compared; got[len(got)-1] != "versions Acme v20.0 v21.0" || v.HeaderB.Text != "Acme v21.0" {
		t.Errorf("compared %v, header %q", got, v.HeaderB.Text)
	}
	if !strings.HasPrefix(v.Summary.Text, "0 only in Acme v20.0, 1 only in Acme v21.0") {
		t.Errorf("summary %q", v.Summary.Text)
	}
	v.What.SetSelected("Two objects")
	test.Tap(v.RunButton)
	h.q.drain()
	if !strings.Contains(v.Status.Problem.Text, "object type") || !v.Status.Box.Visible() {
		t.Errorf("missing inputs: %q", v.Status.Problem.Text)
	}
	test.Type(v.ObjCode, "PROJ")
	test.Type(v.IDA, "p1")
	test.Tap(v.RunButton)
	h.q.until(t, "two objects compared", func() bool { return len(v.model.all) == 3 })
	if n := findTop(v.model, "status"); n.A != "CUR" || n.B != "PLN" {
		t.Errorf("status %+v", n)
	}
}

func findTop(m compareModel, name string) compare.Node {
	for _, n := range m.all {
		if n.Name == name {
			return n
		}
	}
	return compare.Node{}
}

func adminUsage() []usage.Field {
	return []usage.Field{
		{Name: "DE:Legacy Code", Label: "Legacy Code", Custom: true, Set: 0, Total: 200},
		{Name: "DE:Risk", Label: "Risk", Custom: true, Set: 50, Total: 200, Share: 0.25},
		{Name: "DE:Budget", Label: "Budget", Custom: true, Set: 180, Total: 200, Share: 0.9},
	}
}

// TestFieldUsageBars: the type's fields counted, never used first, each
// with its count, share and bar; the summary counts the unused.
func TestFieldUsageBars(t *testing.T) {
	h, a, b := showAdmin(t)
	b.admin.usage = adminUsage()
	a.Tabs.SelectIndex(1)
	v := a.Usage
	h.q.until(t, "the types", func() bool { return v.Type.Selected != "" })
	if v.Type.Selected != "Project (PROJ)" {
		t.Errorf("the first type chosen %q", v.Type.Selected)
	}
	test.Tap(v.CountButton)
	h.q.until(t, "the counts", func() bool { return len(v.rows) == 3 })
	if v.Summary.Text != "Project: 3 fields, 1 never used, of 200 objects." {
		t.Errorf("summary %q", v.Summary.Text)
	}
	first, budget := v.rows[0], v.rows[2]
	if first.Note != "never used" || first.Importance != widget.WarningImportance || first.Count != "0 / 200" {
		t.Errorf("never used first: %+v", first)
	}
	if budget.Share != 0.9 || budget.Title != "Budget (DE:Budget)" {
		t.Errorf("budget %+v", budget)
	}
	o := newUsageRowWidgets()
	v.updateRow(2, o)
	bar := o.(*fyne.Container).Objects[2].(*widget.ProgressBar)
	if bar.Value != 0.9 || bar.TextFormatter() != "90.0%" {
		t.Errorf("bar %v %q", bar.Value, bar.TextFormatter())
	}
	if v.Progress.Visible() || v.StopButton.Visible() || v.CountButton.Disabled() {
		t.Error("the progress and Stop stay after the counting ended")
	}
}

// TestGoldenAdmin pins the comparison's and the field usage's look.
func TestGoldenAdmin(t *testing.T) {
	h, a, b := showAdmin(t)
	test.Tap(a.Compare.RunButton)
	h.q.until(t, "the comparison", func() bool { return len(a.Compare.model.all) > 0 })
	golden(t, h, "admin_compare.xml")
	b.admin.usage = adminUsage()
	a.Tabs.SelectIndex(1)
	h.q.until(t, "the types", func() bool { return a.Usage.Type.Selected != "" })
	test.Tap(a.Usage.CountButton)
	h.q.until(t, "the counts", func() bool { return len(a.Usage.rows) == 3 })
	golden(t, h, "admin_usage.xml")
}

// tapInDialog taps the button with this text in the dialog on top.
func tapInDialog(t *testing.T, h *harness, text string) {
	t.Helper()
	top := h.app.Window.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog to tap %q in", text)
	}
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no %q in the dialog", text)
}

// dialogText is every label's text in the dialog on top.
func dialogText(h *harness) string {
	top := h.app.Window.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var out []string
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	}
	return strings.Join(out, "\n")
}

func adminSubs() map[string][]workfront.Subscription {
	task := workfront.Subscription{ID: "s2", ObjCode: "TASK", EventType: "CREATE", URL: "https://hooks.example.com/wf/tasks", AuthToken: "acme-hook-token-5678"}
	there := task
	there.ID = "x1"
	return map[string][]workfront.Subscription{
		"Acme": {{ID: "s1", ObjCode: "PROJ", EventType: "UPDATE", URL: "https://hooks.example.com/wf/projects", AuthToken: "acme-hook-token-1234",
			Filters: []workfront.SubscriptionFilter{{FieldName: "status", FieldValue: "CUR", Comparison: "eq", State: "newState"}}}, task},
		"Sandbox": {there},
	}
}

// showSubscriptions shows Acme's event subscriptions in a write mode.
func showSubscriptions(t *testing.T, mode edit.Mode) (*harness, *SubscriptionsView, *fakeBackend) {
	t.Helper()
	h, a, b := showAdmin(t)
	b.admin.subs = adminSubs()
	if mode != "" {
		h.app.modes.set("Acme", mode)
	}
	a.Tabs.SelectIndex(2)
	v := a.Subscriptions
	h.q.until(t, "the subscriptions", func() bool { return len(v.subs) == 2 })
	return h, v, b
}

// TestSubscriptionList: each subscription's type, event, filters and URL,
// its token masked; the buttons follow the rows checked.
func TestSubscriptionList(t *testing.T) {
	_, v, _ := showSubscriptions(t, "")
	r := subscriptionRowOf(v.subs[0])
	if r.Title != "PROJ · UPDATE" || r.Filters != "status eq CUR" || !strings.HasSuffix(r.URL, "token ••••1234") || strings.Contains(r.URL, "acme-hook") {
		t.Errorf("row %+v", r)
	}
	if v.Summary.Text != "2 event subscriptions. Check some to change, delete or copy them." {
		t.Errorf("summary %q", v.Summary.Text)
	}
	if !v.DeleteButton.Disabled() || !v.CopyButton.Disabled() {
		t.Error("nothing checked: Delete and Copy are off")
	}
	v.Check(0, true)
	v.Check(1, true)
	if v.DeleteButton.Disabled() || !v.EditButton.Disabled() {
		t.Error("two checked: Delete on, Change filters off")
	}
	fs, err := parseFilters("status eq CUR\nname contains Launch Plan\nstatus changed [old]\n")
	if err != nil || len(fs) != 3 || fs[1].FieldValue != "Launch Plan" || fs[2].State != "oldState" || filtersBox(fs) != "status eq CUR\nname contains Launch Plan\nstatus changed [old]" {
		t.Errorf("filters %+v %v", fs, err)
	}
	if _, err := parseFilters("status equals CUR"); err == nil || !strings.Contains(err.Error(), "Line 1") {
		t.Errorf("a bad comparison is named: %v", err)
	}
}

// TestSubscriptionReadOnlyRefused: production is read-only: New, Delete
// and a copy there are refused before any request.
func TestSubscriptionReadOnlyRefused(t *testing.T) {
	h, v, b := showSubscriptions(t, "")
	v.New()
	if !strings.Contains(dialogText(h), "read-only") || v.Form != nil {
		t.Errorf("New on a read-only connection: %q", dialogText(h))
	}
	v.Check(0, true)
	v.Delete()
	if len(b.adminRequests()) != 0 {
		t.Errorf("requests sent: %v", b.adminRequests())
	}
}

// TestSubscriptionCreateDuplicateDelete: the form, the exact request
// reviewed, Workfront's refusal of a duplicate shown in the form with
// nothing typed lost, then a delete confirmed.
func TestSubscriptionCreateDuplicateDelete(t *testing.T) {
	h, v, b := showSubscriptions(t, edit.Confirm)
	v.New()
	f := v.Form
	f.ObjCode.SetSelected("TASK")
	f.Event.SetSelected("CREATE")
	test.Type(f.URL, "https://hooks.example.com/wf/tasks")
	tapInDialog(t, h, "Review…")
	if f.Review == nil || !strings.Contains(f.Review.Text, "POST https://acme.my.workfront.com/attask/eventsubscription/api/v1/subscriptions") {
		t.Fatalf("review %v", f.Review)
	}
	tapInDialog(t, h, "Send")
	h.q.until(t, "the refusal", func() bool { return f.Problem.Text != "" })
	if !strings.Contains(f.Problem.Text, "already") || f.URL.Text != "https://hooks.example.com/wf/tasks" {
		t.Errorf("duplicate: %q, URL kept %q", f.Problem.Text, f.URL.Text)
	}
	f.Event.SetSelected("DELETE")
	tapInDialog(t, h, "Review…")
	tapInDialog(t, h, "Send")
	h.q.until(t, "the new subscription listed", func() bool { return len(v.subs) == 3 })
	v.Check(2, true)
	v.Delete()
	if !strings.Contains(dialogText(h), "DELETE …/subscriptions/sub-1") {
		t.Errorf("delete preview %q", dialogText(h))
	}
	tapInDialog(t, h, "Delete")
	h.q.until(t, "deleted", func() bool { return len(v.subs) == 2 })
	if got := b.adminRequests(); !slices.Equal(got, []string{"POST Acme", "POST Acme", "DELETE Acme sub-1"}) {
		t.Errorf("requests %v", got)
	}
}

// TestSubscriptionCopyPreviewed: a copy to another connection says which
// subscriptions are created there and which it has, and sends only those.
func TestSubscriptionCopyPreviewed(t *testing.T) {
	h, v, b := showSubscriptions(t, edit.Confirm)
	v.Check(0, true)
	v.Check(1, true)
	v.CopyTo.SetSelected("Sandbox")
	v.StartCopy()
	h.q.until(t, "the preview", func() bool { return v.Copy != nil })
	text := v.Copy.Text.Text
	if !strings.Contains(text, "On Sandbox: 1 to create") || !strings.Contains(text, "TASK · CREATE · https://hooks.example.com/wf/tasks: already there") {
		t.Errorf("preview %q", text)
	}
	if len(b.adminRequests()) != 0 {
		t.Fatal("the preview sent something")
	}
	tapInDialog(t, h, "Copy")
	h.q.until(t, "copied", func() bool { return len(b.adminRequests()) == 1 })
	h.q.drain()
	if got := b.admin.subs["Sandbox"]; len(got) != 2 || got[1].ObjCode != "PROJ" || got[1].ID == "s1" {
		t.Errorf("sandbox now %+v", got)
	}
	if !strings.Contains(h.app.Main.Toast.Text, "Copied 1 event subscriptions to Sandbox") {
		t.Errorf("toast %q", h.app.Main.Toast.Text)
	}
}

// TestSandboxDemoFromTheMenu: File > Open the demo sandbox adds the
// second simulated instance, which the Admin tab then offers to compare.
func TestSandboxDemoFromTheMenu(t *testing.T) {
	b := newFakeBackend(acme)
	h := newHarness(t, b)
	m := h.app.Main
	h.q.until(t, "the profile", func() bool { return m.Conn != nil })
	menuItem(t, h.app, "Open the demo sandbox (to compare with)").Action()
	h.q.until(t, "the sandbox shown", func() bool { return m.selected == "Demo sandbox (simulated)" && m.Conn != nil })
	m.Tabs.Select(m.adminTab)
	if !slices.Contains(m.Admin.Compare.Other.Options, "Acme") || m.Admin.Compare.Other.Selected != "Acme" {
		t.Errorf("compare with %v (%q)", m.Admin.Compare.Other.Options, m.Admin.Compare.Other.Selected)
	}
}
