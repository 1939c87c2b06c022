package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

var beta = store.Profile{
	Name: "Beta", Host: "https://beta.my.workfront.com", ClientID: "def",
	RedirectURI: "http://127.0.0.1:8765/callback", AppType: "spa", TokenAuth: "basic-json", APIVersion: "v21.0",
}

// TestRenameThenSave: after a rename the Settings tab shows the new name, a
// second Save edits that connection, and "Saved" is shown. Before, the
// form kept the old name and the second Save said there was no such
// connection.
func TestRenameThenSave(t *testing.T) {
	b := newFakeBackend(acme)
	h, _ := showAcme(t, b)
	m := h.app.Main
	m.Tabs.Select(m.settingsTab)
	f := m.Form
	f.Name.SetText("Acme prod")
	test.Tap(f.SaveButton)
	h.q.until(t, "the renamed connection", func() bool { return m.Form != f && m.Form != nil && m.Form.orig.Name == "Acme prod" })
	if m.Form.Name.Text != "Acme prod" || m.selected != "Acme prod" {
		t.Errorf("form shows %q, selected %q", m.Form.Name.Text, m.selected)
	}
	if m.Tabs.Selected() != m.settingsTab {
		t.Error("after Save the Settings tab is no longer shown")
	}
	if !m.Toast.Visible() || !strings.Contains(m.Toast.Text, `Saved "Acme prod".`) {
		t.Errorf("no visible confirmation: %q", m.Toast.Text)
	}
	f = m.Form
	f.APIVersion.SetText("v20.0")
	test.Tap(f.SaveButton)
	h.q.until(t, "the second save", func() bool { return b.savedCount() == 2 })
	h.q.until(t, "the form to be rebuilt", func() bool { return m.Form != f })
	if list, _ := b.Profiles(); m.Form.orig.Name != "Acme prod" || len(list) != 1 {
		t.Errorf("second save: form of %q, %d connections", m.Form.orig.Name, len(list))
	}
}

// TestFieldsCheckedAsEdited: a field's error appears as it is typed and
// disappears once fixed; untouched fields say nothing until Save.
func TestFieldsCheckedAsEdited(t *testing.T) {
	h := newHarness(t, newFakeBackend())
	m := h.app.Main
	h.q.until(t, "load", func() bool { return m.loaded })
	test.Tap(m.AddButton)
	f := m.Form
	test.Type(f.Domain, "acme.example.com")
	h.q.until(t, "the domain's error", func() bool { return f.Errors["domain"].Visible() })
	if f.Errors["name"].Visible() {
		t.Error("an untouched field shows an error before Save")
	}
	f.Domain.SetText("acme")
	h.q.until(t, "the error to go", func() bool { return !f.Errors["domain"].Visible() })
}

// TestFieldErrorsMoveNothing: a message appearing under a field, or going,
// leaves every field below where it was, however long the message; Save
// says the first message whole in the bar below the form.
func TestFieldErrorsMoveNothing(t *testing.T) {
	h, _, f := newConnectionForm(t)
	d := fyne.CurrentApp().Driver()
	below := func() fyne.Position { return d.AbsolutePositionForObject(f.RedirectURI) }
	before := below()
	test.Type(f.Domain, "acme.example.com") // the longest message a host gets
	h.q.until(t, "the domain's error", func() bool { return f.Errors["domain"].Visible() })
	if after := below(); after != before {
		t.Errorf("the redirect URL moved from %v to %v when the domain's message appeared", before, after)
	}
	f.Domain.SetText("acme")
	h.q.until(t, "the error to go", func() bool { return !f.Errors["domain"].Visible() })
	if after := below(); after != before {
		t.Errorf("the redirect URL moved from %v to %v when the message went", before, after)
	}
	f.Name.SetText("Acme")
	f.Domain.SetText("acme.example.com")
	test.Tap(f.SaveButton)
	h.q.until(t, "the form's message", func() bool { return f.Message.Visible() })
	if !strings.Contains(f.Message.Text, "acme.example.com is not a Workfront host") {
		t.Errorf("the bar does not say the first message whole: %q", f.Message.Text)
	}
}

// TestSaveFocusesFirstBadField, and Enter and Ctrl+S save.
func TestSaveFocusesFirstBadFieldEnterAndCtrlS(t *testing.T) {
	h, b, f := newConnectionForm(t)
	m := h.app.Main
	test.Type(f.Domain, "acme")
	h.app.Window.Canvas().Focus(f.Domain)
	test.Tap(f.SaveButton)
	h.q.until(t, "the errors", func() bool { return f.Errors["name"].Visible() })
	if h.app.Window.Canvas().Focused() != f.Name {
		t.Errorf("focus is on %v, not the first bad field (the name)", h.app.Window.Canvas().Focused())
	}
	if !f.Message.Visible() {
		t.Error("the form's message is not shown")
	}
	test.Type(f.Name, "Acme")
	f.Name.OnSubmitted(f.Name.Text) // Enter
	h.q.until(t, "Enter to save", func() bool { return b.savedCount() == 1 })

	test.Tap(m.AddButton)
	f = m.Form
	test.Type(f.Name, "Other")
	test.Type(f.Domain, "other")
	sc, ok := menuItem(t, h.app, "Save").Shortcut.(*desktop.CustomShortcut)
	if !ok || sc.KeyName != fyne.KeyS || sc.Modifier != fyne.KeyModifierShortcutDefault {
		t.Errorf("Save's shortcut is %v, not Ctrl+S", sc)
	}
	menuItem(t, h.app, "Save").Action()
	h.q.until(t, "Ctrl+S to save", func() bool { return b.savedCount() == 2 })
}

// TestUnsavedChangesAreMarkedAndAsked: an edited connection gets a dot,
// and switching away asks Save / Discard / Cancel.
func TestUnsavedChangesAreMarkedAndAsked(t *testing.T) {
	b := newFakeBackend(acme, beta)
	h, _ := showAcme(t, b)
	m := h.app.Main
	m.Form.ClientID.SetText("changed")
	row := func(name string) string {
		o := m.List.CreateItem()
		m.List.UpdateItem(m.indexOf(name), o)
		return o.(*fyne.Container).Objects[0].(*fyne.Container).Objects[0].(*widget.Label).Text
	}
	if got := row("Acme"); got != "* Acme" {
		t.Errorf("the edited connection's row reads %q, without the unsaved mark", got)
	}
	if got := row("Beta"); got != "Beta" {
		t.Errorf("another row reads %q", got)
	}
	if !m.Form.Dirty() {
		t.Fatal("an edit does not make the form dirty")
	}
	m.List.Select(m.indexOf("Beta"))
	if m.LeaveDialog == nil {
		t.Fatal("switching away did not ask about unsaved changes")
	}
	test.Tap(m.LeaveDialog.Cancel)
	if m.selected != "Acme" || m.Form.ClientID.Text != "changed" {
		t.Errorf("Cancel lost the edit or the selection: %q %q", m.selected, m.Form.ClientID.Text)
	}
	m.LeaveDialog = nil
	m.List.Select(m.indexOf("Beta"))
	test.Tap(m.LeaveDialog.Discard)
	h.q.until(t, "Beta", func() bool { return m.selected == "Beta" })
	if b.savedCount() != 0 {
		t.Error("Discard saved")
	}
}

// TestDemoIsReadOnly: the demo connection cannot be edited or duplicated.
func TestDemoIsReadOnly(t *testing.T) {
	demo := acme
	demo.Demo, demo.LocalHTTP, demo.Host = true, true, "http://127.0.0.1:9999"
	b := newFakeBackend(demo)
	h, _ := showAcme(t, b)
	f := h.app.Main.Form
	if !f.Name.Disabled() || !f.Domain.Disabled() || containsObject(f.Content, f.SaveButton) {
		t.Error("the demo's form can be edited")
	}
	if containsObject(f.Content, f.DuplicateButton) {
		t.Error("the demo can be duplicated")
	}
	f.Save() // Ctrl+S
	if b.savedCount() != 0 {
		t.Error("the demo was saved")
	}
}

// TestQuitRemembersSize: every way out saves the window's size (Ctrl+W and
// Ctrl+Q used to save nothing), and Ctrl+Q is a menu shortcut, so it works
// while a text field has focus.
func TestQuitRemembersSize(t *testing.T) {
	h := newHarness(t, newFakeBackend())
	u := h.app
	sc, ok := menuItem(t, u, "Quit").Shortcut.(*desktop.CustomShortcut)
	if !ok || sc.KeyName != fyne.KeyQ || sc.Modifier != fyne.KeyModifierShortcutDefault {
		t.Errorf("Quit's shortcut is %v, not Ctrl+Q", sc)
	}
	u.Window.Resize(fyne.NewSize(910, 610))
	menuItem(t, u, "Quit").Action()
	if w, hgt := u.App.Preferences().Float(prefWidth), u.App.Preferences().Float(prefHeight); w != 910 || hgt != 610 {
		t.Errorf("saved %vx%v on Quit", w, hgt)
	}
}

// containsObject reports whether want is somewhere in o's tree.
func containsObject(o, want fyne.CanvasObject) bool {
	if o == want {
		return true
	}
	var children []fyne.CanvasObject
	switch c := o.(type) {
	case *fyne.Container:
		children = c.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(c).Objects()
	}
	for _, child := range children {
		if containsObject(child, want) {
			return true
		}
	}
	return false
}

// TestProjectsSayNotConnected: after Disconnect (or before any sign-in) the
// Projects view says "Not connected" and offers Connect, not stale rows and
// a Retry that cannot work.
func TestProjectsSayNotConnected(t *testing.T) {
	b := newFakeBackend(acme)
	b.setStatus(auth.Status{Profile: "Acme", State: auth.StateConnected, HasRefreshToken: true})
	h, c := showAcme(t, b)
	m := h.app.Main
	m.Tabs.Select(m.projectsTab)
	m.Projects.Activate()
	h.q.until(t, "the first page", func() bool { return len(m.Projects.Grid.Objects) > 0 })
	test.Tap(c.DisconnectButton)
	h.q.until(t, "not connected", func() bool { return c.status.State == auth.StateNotConnected })
	v := m.Projects
	if len(v.Grid.Objects) != 0 || !v.ProblemBox.Visible() || !strings.HasPrefix(v.Problem.Text, "Not connected") {
		t.Fatalf("rows %d, problem %q (visible %v)", len(v.Grid.Objects), v.Problem.Text, v.ProblemBox.Visible())
	}
	if v.RetryButton.Visible() || !v.Reconnect.Visible() || v.Reconnect.Text != "Connect" {
		t.Errorf("retry visible %v, connect %q visible %v", v.RetryButton.Visible(), v.Reconnect.Text, v.Reconnect.Visible())
	}
	test.Tap(v.Reconnect)
	h.q.until(t, "a sign-in", func() bool { return c.flow != nil })
	if m.Tabs.Selected() != m.connectionTab {
		t.Error("Connect did not show the Connection tab")
	}
	<-h.opened
	if !strings.HasPrefix(c.Badge.Text, "• Waiting for consent (10m") {
		t.Errorf("badge while waiting: %q", c.Badge.Text)
	}
	if c.PasteBox.Visible() || !c.PasteInstead.Visible() {
		t.Error("the paste box shows for a loopback redirect without being asked for")
	}
	test.Tap(c.PasteInstead)
	if !c.PasteBox.Visible() {
		t.Error("Paste an address instead did not show the paste box")
	}
	if m.states["Acme"] != stateWaiting {
		t.Errorf("sidebar state %q while waiting", m.states["Acme"])
	}
}

// TestSignedInAs: the panel says who is signed in and where, in words.
func TestSignedInAs(t *testing.T) {
	b := newFakeBackend(acme)
	b.identity = workfront.Identity{UserID: "u1", Name: "Ada Lovelace", Email: "ada@acme.com"}
	b.setStatus(auth.Status{Profile: "Acme", State: auth.StateConnected, HasRefreshToken: true})
	h, c := showAcme(t, b)
	h.q.until(t, "who is signed in", func() bool { return c.SignedInAs.Text != "—" })
	if c.SignedInAs.Text != "Ada Lovelace (ada@acme.com) on acme.my.workfront.com" {
		t.Errorf("signed in as %q", c.SignedInAs.Text)
	}
	if got := SignedInText(workfront.Identity{UserID: "u9"}, "x.my.workfront.com", nil); got != "user u9 on x.my.workfront.com" {
		t.Errorf("without a name: %q", got)
	}
	test.Tap(c.DisconnectButton)
	h.q.until(t, "disconnected", func() bool { return c.status.State == auth.StateNotConnected })
	if c.SignedInAs.Text != "—" {
		t.Errorf("after Disconnect: %q", c.SignedInAs.Text)
	}
}

// TestProjectsNoMatchOffersClearFilters: "No projects match" sits in the
// table's body and offers Clear filters, which brings the rows back.
func TestProjectsNoMatchOffersClearFilters(t *testing.T) {
	b := newFakeBackend(acme)
	b.setStatus(auth.Status{Profile: "Acme", State: auth.StateConnected, HasRefreshToken: true})
	h, _ := showAcme(t, b)
	m := h.app.Main
	m.Tabs.Select(m.projectsTab)
	v := m.Projects
	h.q.until(t, "the first page", func() bool { return len(v.Grid.Objects) > 0 })
	v.Search.SetText("no project is called this")
	v.SearchNow()
	h.q.until(t, "nothing", func() bool { return len(v.Grid.Objects) == 0 && v.Grid.Empty.Visible() })
	if !v.Grid.ClearFilters.Visible() {
		t.Fatal("no Clear filters beside No projects match")
	}
	test.Tap(v.Grid.ClearFilters)
	h.q.until(t, "the rows back", func() bool { return len(v.Grid.Objects) > 0 && !v.Grid.Empty.Visible() })
	if v.Search.Text != "" || len(v.Status.Codes()) != 0 {
		t.Errorf("filters left: %q, statuses %v", v.Search.Text, v.Status.Codes())
	}
}

// TestSaveAndConnect: a new connection's form offers Save and connect as
// its main button; it saves, shows the connection's own tab and starts the
// sign-in there, so Connect is never below the fold (issue 20, item 6).
func TestSaveAndConnect(t *testing.T) {
	h, b, f := newConnectionForm(t)
	m := h.app.Main
	if f.SaveConnect.Importance != widget.HighImportance || f.SaveButton.Importance == widget.HighImportance {
		t.Error("Save and connect is not the new form's main button")
	}
	test.Type(f.Name, "Acme")
	test.Type(f.Domain, "acme")
	test.Type(f.ClientID, "abc123")
	test.Type(f.ClientSecret, "s3cret")
	test.Tap(f.SaveConnect)
	h.q.until(t, "the sign-in started", func() bool { return m.Conn != nil && m.Conn.flow != nil })
	if len(b.saved) != 1 || m.selected != "Acme" || m.Tabs.Selected() != m.connectionTab {
		t.Errorf("saved %d, shown %q on %v", len(b.saved), m.selected, m.Tabs.Selected().Text)
	}
	if got := <-h.opened; !strings.Contains(got, "/integrations/oauth2/authorize") {
		t.Errorf("browser opened %q", got)
	}
}

// newConnectionForm opens the form of a new connection on an empty list.
func newConnectionForm(t *testing.T) (*harness, *fakeBackend, *ProfileForm) {
	t.Helper()
	b := newFakeBackend()
	h := newHarness(t, b)
	m := h.app.Main
	h.q.until(t, "load", func() bool { return m.loaded })
	test.Tap(m.AddButton)
	return h, b, m.Form
}
