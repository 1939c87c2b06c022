package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/store"
)

var acme = store.Profile{
	Name: "Acme", Host: "https://acme.my.workfront.com", ClientID: "abc",
	RedirectURI: "http://127.0.0.1:8765/callback", AppType: "web", TokenAuth: "basic-json", APIVersion: "v21.0",
}

func TestEmptyStateWhenNoProfiles(t *testing.T) {
	h := newHarness(t, newFakeBackend())
	m := h.app.Main
	h.q.until(t, "the empty state", func() bool { return m.loaded })
	if len(m.Detail.Objects) != 1 || m.Detail.Objects[0] != m.Empty.Content {
		t.Fatal("the empty state is not shown")
	}
	if !strings.Contains(h.app.Window.Title(), "Workfront") {
		t.Errorf("window title %q does not name Workfront", h.app.Window.Title())
	}
	test.Tap(m.Empty.AddButton)
	if m.Form == nil || m.Form.mode != formAdd {
		t.Fatal("Add connection did not open the form")
	}
}

func TestFillFormAndSave(t *testing.T) {
	b := newFakeBackend()
	h := newHarness(t, b)
	m := h.app.Main
	h.q.until(t, "load", func() bool { return m.loaded })
	test.Tap(m.AddButton)
	f := m.Form
	test.Type(f.Name, "Acme")
	test.Type(f.Domain, "acme")
	if f.DomainHint.Text != "Connects to https://acme.my.workfront.com" {
		t.Errorf("domain hint = %q", f.DomainHint.Text)
	}
	test.Type(f.ClientID, "abc123")
	test.Type(f.ClientSecret, "s3cret")
	f.TokenAuth.SetSelected(authForm)
	test.Tap(f.SaveButton)
	h.q.until(t, "the saved profile to be shown", func() bool { return m.selected == "Acme" && m.Conn != nil })
	if len(b.saved) != 1 {
		t.Fatalf("saved %d drafts", len(b.saved))
	}
	d := b.saved[0]
	if d.ClientSecret == nil || *d.ClientSecret != "s3cret" || d.TokenAuth != "form" || d.AppType != "web" || d.RedirectURI != DefaultRedirectURI {
		t.Errorf("saved draft %+v", d)
	}
}

func TestValidationMessagesNextToFields(t *testing.T) {
	h := newHarness(t, newFakeBackend())
	m := h.app.Main
	h.q.until(t, "load", func() bool { return m.loaded })
	test.Tap(m.AddButton)
	f := m.Form
	test.Type(f.Domain, "acme.example.com")
	test.Tap(f.SaveButton)
	h.q.until(t, "field errors", func() bool { return f.Errors["domain"].Visible() && f.Message.Visible() })
	if !f.Errors["name"].Visible() || f.Errors["name"].Text != "Give the connection a name." {
		t.Errorf("name error = %q", f.Errors["name"].Text)
	}
	if !strings.Contains(f.Errors["domain"].Text, "acme.example.com") {
		t.Errorf("domain error %q does not name the input", f.Errors["domain"].Text)
	}
	if f.Errors["client_id"].Visible() {
		t.Error("an unrelated field shows an error")
	}
}

func TestSaveErrorIsShown(t *testing.T) {
	b := newFakeBackend()
	b.saveErr = errors.New("The system keyring is locked or not running (Secret Service). Unlock it, or start gnome-keyring or KWallet.")
	h := newHarness(t, b)
	m := h.app.Main
	h.q.until(t, "load", func() bool { return m.loaded })
	test.Tap(m.AddButton)
	f := m.Form
	test.Type(f.Name, "Acme")
	test.Type(f.Domain, "acme")
	test.Type(f.ClientSecret, "x")
	test.Tap(f.SaveButton)
	h.q.until(t, "the error", func() bool { return f.Message.Visible() })
	if !strings.Contains(f.Message.Text, "keyring is locked") {
		t.Errorf("message %q", f.Message.Text)
	}
	if m.Form != f || f.Name.Text != "Acme" {
		t.Error("the form lost what the person typed")
	}
}

func showAcme(t *testing.T, b *fakeBackend) (*harness, *ConnectionPanel) {
	h := newHarness(t, b)
	m := h.app.Main
	h.q.until(t, "the profile", func() bool { return m.Conn != nil && m.Conn.status.State != "" })
	return h, m.Conn
}

func TestConnectWaitingThenConnected(t *testing.T) {
	b := newFakeBackend(acme)
	h, c := showAcme(t, b)
	if c.Badge.Text != StateText(auth.StateNotConnected) || c.ConnectButton.Text != "Connect" {
		t.Fatalf("badge %q, button %q", c.Badge.Text, c.ConnectButton.Text)
	}
	test.Tap(c.ConnectButton)
	h.q.until(t, "waiting for consent", func() bool { return c.flow != nil })
	if !c.Waiting.Visible() || !strings.HasPrefix(c.WaitingLabel.Text, "Waiting for consent") {
		t.Errorf("waiting label %q", c.WaitingLabel.Text)
	}
	if got := <-h.opened; !strings.Contains(got, "/integrations/oauth2/authorize") {
		t.Errorf("browser opened %q", got)
	}
	test.Tap(c.CopyLinkButton)
	if clip := h.app.App.Clipboard().Content(); clip != c.flow.AuthURL() {
		t.Errorf("clipboard %q", clip)
	}
	if !c.ConnectButton.Disabled() {
		t.Error("Connect stays enabled during a sign-in")
	}

	flow := b.currentFlow()
	flow.code <- h.clock.Now().Add(2 * time.Minute)
	h.q.until(t, "the code countdown", func() bool { return strings.Contains(c.WaitingLabel.Text, "2m00s") })
	h.clock.Add(15 * time.Second)
	c.Tick()
	if !strings.Contains(c.WaitingLabel.Text, "1m45s") {
		t.Errorf("countdown did not move: %q", c.WaitingLabel.Text)
	}

	b.setStatus(auth.Status{Profile: "Acme", State: auth.StateConnected, AccessExpiresAt: h.clock.Now().Add(10 * time.Minute),
		HasRefreshToken: true, WID: "wid-42", ObtainedAt: h.clock.Now(), Storage: "fake keyring"})
	flow.result <- nil
	h.q.until(t, "connected", func() bool { return c.status.State == auth.StateConnected })
	if c.Waiting.Visible() {
		t.Error("the waiting panel is still shown")
	}
	if !strings.HasPrefix(c.WID.Text, "wid: wid-42 (") || c.RefreshTokenHeld.Text != "held" || c.Storage.Text != "fake keyring" {
		t.Errorf("panel: wid %q refresh %q storage %q", c.WID.Text, c.RefreshTokenHeld.Text, c.Storage.Text)
	}
	if !strings.HasPrefix(c.Expiry.Text, "expires in 10m00s") {
		t.Errorf("expiry %q", c.Expiry.Text)
	}
}

func TestConnectErrorIsShown(t *testing.T) {
	b := newFakeBackend(acme)
	h, c := showAcme(t, b)
	test.Tap(c.ConnectButton)
	h.q.until(t, "waiting", func() bool { return c.flow != nil })
	b.currentFlow().result <- errors.New("You denied access in Workfront, so wfconnect was not connected.")
	h.q.until(t, "the error", func() bool { return c.flow == nil })
	if !c.Problem.Visible() || !strings.Contains(c.Problem.Text, "denied access") {
		t.Errorf("problem %q", c.Problem.Text)
	}
	if c.Waiting.Visible() || c.ConnectButton.Disabled() {
		t.Error("the panel did not return to a state where Connect works")
	}
}

func TestBeginErrorPortInUse(t *testing.T) {
	b := newFakeBackend(acme)
	b.beginErr = fmt.Errorf("Port 8765 on 127.0.0.1 is already in use")
	h, c := showAcme(t, b)
	test.Tap(c.ConnectButton)
	h.q.until(t, "the error", func() bool { return c.Problem.Visible() })
	if !strings.Contains(c.Problem.Text, "8765") || c.Waiting.Visible() {
		t.Errorf("problem %q waiting %v", c.Problem.Text, c.Waiting.Visible())
	}
}

func TestPasteAndCancel(t *testing.T) {
	b := newFakeBackend(acme)
	h, c := showAcme(t, b)
	test.Tap(c.ConnectButton)
	h.q.until(t, "waiting", func() bool { return c.flow != nil })
	test.Type(c.Paste, "not a url")
	test.Tap(c.PasteButton)
	if !c.PasteError.Visible() {
		t.Error("a bad paste shows no error")
	}
	c.Paste.SetText("https://example.com/cb?code=abc&state=s")
	test.Tap(c.PasteButton)
	if got := <-b.currentFlow().pasted; !strings.Contains(got, "code=abc") {
		t.Errorf("pasted %q", got)
	}
	test.Tap(c.CancelButton)
	if c.flow != nil || c.Waiting.Visible() {
		t.Error("Cancel left the sign-in open")
	}
	select {
	case <-b.currentFlow().canceled:
	default:
		t.Error("Cancel did not cancel the flow (the listener stays open)")
	}
}

func TestCountdownMovesAndAutoRefresh(t *testing.T) {
	b := newFakeBackend(acme)
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)
	b.setStatus(auth.Status{Profile: "Acme", State: auth.StateConnected, AccessExpiresAt: now.Add(3 * time.Minute), HasRefreshToken: true})
	h, c := showAcme(t, b)
	if !strings.HasPrefix(c.Expiry.Text, "expires in 3m00s") {
		t.Fatalf("expiry %q", c.Expiry.Text)
	}
	h.clock.Add(61 * time.Second)
	c.Tick()
	if !strings.HasPrefix(c.Expiry.Text, "expires in 1m59s") {
		t.Errorf("countdown did not move: %q", c.Expiry.Text)
	}
	if c.refreshing {
		t.Error("refreshed too early")
	}
	h.clock.Add(60 * time.Second)
	c.Tick()
	if !c.refreshing || !strings.Contains(c.Badge.Text, "refreshing") {
		t.Errorf("no visible automatic refresh: badge %q", c.Badge.Text)
	}
	h.q.until(t, "the refresh", func() bool { return !c.refreshing })
	if b.refreshes != 1 {
		t.Errorf("refreshes = %d", b.refreshes)
	}
}

func TestUnknownExpiryText(t *testing.T) {
	b := newFakeBackend(acme)
	b.setStatus(auth.Status{Profile: "Acme", State: auth.StateConnected, HasRefreshToken: true})
	_, c := showAcme(t, b)
	if c.Expiry.Text != "expiry unknown: refreshed when Workfront asks" {
		t.Errorf("expiry %q", c.Expiry.Text)
	}
	if c.dueForRefresh() {
		t.Error("an unknown expiry must not trigger a timed refresh")
	}
}

// TestNoBrowser: with no browser to open, the panel says so and keeps the
// link to copy, and the sign-in goes on waiting.
func TestNoBrowser(t *testing.T) {
	b := newFakeBackend(acme)
	h, c := showAcme(t, b)
	h.noBrowser.Store(true)
	test.Tap(c.ConnectButton)
	h.q.until(t, "the no-browser message", func() bool {
		return c.WaitingLabel.Text == "Could not open a browser. Copy the link below into a browser, consent, and come back."
	})
	if c.flow == nil || c.Link.Text != c.flow.AuthURL() || !c.Link.Visible() {
		t.Fatalf("the link to copy is missing: %q", c.Link.Text)
	}
	test.Tap(c.CopyLinkButton)
	if clip := h.app.App.Clipboard().Content(); clip != c.flow.AuthURL() {
		t.Errorf("clipboard %q", clip)
	}
	if !c.CancelButton.Visible() || c.CancelButton.Disabled() {
		t.Error("the sign-in cannot be canceled")
	}
}

func TestKeyringUnreadableIsNotNotConnected(t *testing.T) {
	b := newFakeBackend(acme)
	b.setStatus(auth.Status{Profile: "Acme", State: auth.StateUnknown, LastError: "The system keyring is locked or not running (Secret Service)."})
	_, c := showAcme(t, b)
	if c.Badge.Text != "? Unknown: the keyring could not be read" || c.Badge.Importance != widget.WarningImportance {
		t.Errorf("badge %q (%v)", c.Badge.Text, c.Badge.Importance)
	}
	if c.RefreshTokenHeld.Text != "—" || c.LastRefresh.Text != "—" || c.Expiry.Text != "—" {
		t.Errorf("shown as known: refresh token %q, last refresh %q, expiry %q", c.RefreshTokenHeld.Text, c.LastRefresh.Text, c.Expiry.Text)
	}
	if !c.Problem.Visible() || c.Problem.Text != "The system keyring is locked or not running (Secret Service)." {
		t.Errorf("the reason is not shown: %q", c.Problem.Text)
	}
	if c.ConnectButton.Disabled() || !c.DisconnectButton.Disabled() {
		t.Error("Connect should stay possible, Disconnect not")
	}
}

func TestRefreshNowAndReconnect(t *testing.T) {
	b := newFakeBackend(acme)
	b.setStatus(auth.Status{Profile: "Acme", State: auth.StateConnected, AccessExpiresAt: time.Now().Add(time.Hour), HasRefreshToken: true})
	h, c := showAcme(t, b)
	test.Tap(c.RefreshButton)
	h.q.until(t, "refresh", func() bool { return !c.refreshing && b.refreshes == 1 })

	b.refreshErr = errors.New("Workfront no longer accepts the saved sign-in for Acme (the refresh token expired or was revoked). Connect again.")
	b.setStatus(auth.Status{Profile: "Acme", State: auth.StateNeedsConsent})
	test.Tap(c.RefreshButton)
	h.q.until(t, "needs consent", func() bool { return c.status.State == auth.StateNeedsConsent })
	if c.ConnectButton.Text != "Reconnect" || c.ConnectButton.Disabled() {
		t.Errorf("main action %q disabled=%v", c.ConnectButton.Text, c.ConnectButton.Disabled())
	}
	if !strings.Contains(c.Badge.Text, "Needs consent") || !c.Problem.Visible() {
		t.Errorf("badge %q problem %q", c.Badge.Text, c.Problem.Text)
	}
	if !c.RefreshButton.Disabled() {
		t.Error("Refresh now stays enabled without a usable refresh token")
	}
}

func TestDisconnect(t *testing.T) {
	b := newFakeBackend(acme)
	b.setStatus(auth.Status{Profile: "Acme", State: auth.StateConnected, HasRefreshToken: true})
	h, c := showAcme(t, b)
	test.Tap(c.DisconnectButton)
	h.q.until(t, "disconnected", func() bool { return c.status.State == auth.StateNotConnected })
	if b.logouts != 1 || c.ConnectButton.Text != "Connect" {
		t.Errorf("logouts %d, button %q", b.logouts, c.ConnectButton.Text)
	}
}

func showProjects(t *testing.T, b *fakeBackend) (*harness, *BrowserView) {
	b.setStatus(auth.Status{Profile: "Acme", State: auth.StateConnected, HasRefreshToken: true})
	h, _ := showAcme(t, b)
	m := h.app.Main
	m.ShowProjects()
	v := m.Projects
	h.q.until(t, "the first page", func() bool { return len(v.Grid.Objects) > 0 })
	return h, v
}

func TestProjectsFirstPageAndPager(t *testing.T) {
	h, v := showProjects(t, newFakeBackend(acme))
	if v.Total.Text != "1–100 of 250" {
		t.Errorf("total %q", v.Total.Text)
	}
	if !v.Prev.Disabled() || v.Next.Disabled() {
		t.Error("pager buttons wrong on the first page")
	}
	if got := v.Grid.Cells[0]; got[0] != "Project 000" || got[4] != "0%" {
		t.Errorf("first row %q", got)
	}
	test.Tap(v.Next)
	h.q.until(t, "page 2", func() bool { return v.Total.Text == "101–200 of 250" })
	test.Tap(v.Next)
	h.q.until(t, "page 3", func() bool { return v.Total.Text == "201–250 of 250" })
	if !v.Next.Disabled() {
		t.Error("Next stays enabled on the last page")
	}
	test.Tap(v.Prev)
	h.q.until(t, "back to page 2", func() bool { return v.Total.Text == "101–200 of 250" })
}

func TestProjectsTypingAndStatusFilter(t *testing.T) {
	b := newFakeBackend(acme)
	h, v := showProjects(t, b)
	test.Type(v.Search, "Project 01")
	h.q.until(t, "the search", func() bool { return v.Total.Text == "1–10 of 10" })
	v.Status.Toggle("CUR", true)
	h.q.until(t, "the filter", func() bool { return v.Total.Text == "1–1 of 1" })
	for _, p := range v.Grid.Objects {
		if p.Text("status") != "CUR" {
			t.Errorf("row with status %s", p.Text("status"))
		}
	}
	test.Type(v.Search, "zzz")
	h.q.until(t, "an empty result", func() bool { return v.Grid.Empty.Visible() })
	if v.Total.Text != "Nothing matches." {
		t.Errorf("total %q", v.Total.Text)
	}
}

func TestProjectsStaleResponseDropped(t *testing.T) {
	b := newFakeBackend(acme)
	h, v := showProjects(t, b)
	slow := b.projects.holdDeaf("Project 1")
	v.Search.SetText("Project 1")
	v.SearchNow()
	v.Search.SetText("Project 2")
	v.SearchNow()
	h.q.until(t, "the newer answer", func() bool { return strings.HasPrefix(v.Grid.Cells[0][0], "Project 2") })
	h.q.lateAnswer(t, b.projects, slow) // the older request was canceled; nothing it returns may show
	if !strings.HasPrefix(v.Grid.Cells[0][0], "Project 2") {
		t.Errorf("a stale answer replaced the newer one: %q", v.Grid.Cells[0][0])
	}
}

func TestProjectsErrorRetryAndReconnect(t *testing.T) {
	b := newFakeBackend(acme)
	h, v := showProjects(t, b)
	b.projects.mu.Lock()
	b.projects.err = errors.New("Workfront answered 502 Bad Gateway with a web page instead of data")
	b.projects.mu.Unlock()
	test.Tap(v.Next)
	h.q.until(t, "the error", func() bool { return v.ProblemBox.Visible() })
	if !v.RetryButton.Visible() || v.Reconnect.Visible() {
		t.Error("a network error should offer Retry, not Reconnect")
	}
	b.projects.mu.Lock()
	b.projects.err = fmt.Errorf("refresh: %w", auth.ErrNeedsConsent)
	b.projects.mu.Unlock()
	test.Tap(v.RetryButton)
	h.q.until(t, "needs consent", func() bool { return v.Reconnect.Visible() })
	b.projects.mu.Lock()
	b.projects.err = nil
	b.projects.mu.Unlock()
	v.Reload()
	h.q.until(t, "recovered", func() bool { return !v.ProblemBox.Visible() })
}

func TestProjectsSortAndDetails(t *testing.T) {
	h, v := showProjects(t, newFakeBackend(acme))
	v.SortBy("status")
	h.q.until(t, "sorted", func() bool { return h.backend.projects.lastQuery().Sorts[0].Field == "status" })
	v.SortBy("status")
	if !v.sortBy.Desc {
		t.Error("a second click should sort descending")
	}
	h.q.until(t, "page", func() bool { return !v.Loading.Visible() })
	v.Grid.Table.Select(widgetCell(0, 0))
	if !v.Grid.DetailsPane.Visible() || detailTitle(v) != v.Grid.Objects[0].Name() {
		t.Fatalf("details %q", detailTitle(v))
	}
	want := "https://acme.my.workfront.com/project/" + v.Grid.Objects[0].ID() + "/overview"
	if v.SelectedURL() != want {
		t.Errorf("url %q", v.SelectedURL())
	}
	test.Tap(waitForButton(t, h, v, "Copy ID"))
	if h.app.App.Clipboard().Content() != v.Grid.Objects[0].ID() {
		t.Error("Copy ID did not copy the ID")
	}
	test.Tap(waitForButton(t, h, v, "Open in Workfront"))
	select {
	case got := <-h.opened:
		if got != want {
			t.Errorf("opened %q", got)
		}
	case <-time.After(2 * time.Second):
		t.Error("Open in Workfront opened nothing")
	}
}

func TestCountdownFormat(t *testing.T) {
	for d, want := range map[time.Duration]string{
		9 * time.Second: "9s", 65 * time.Second: "1m05s", time.Hour + 2*time.Minute + 3*time.Second: "1h02m03s", 0: "0s",
	} {
		if got := Countdown(d); got != want {
			t.Errorf("Countdown(%s) = %q, want %q", d, got, want)
		}
	}
	if thousands(12345) != "12,345" || thousands(100) != "100" || thousands(1000000) != "1,000,000" {
		t.Error("thousands")
	}
}

func TestAutoRefreshRetriesAfterAFailure(t *testing.T) {
	b := newFakeBackend(acme)
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)
	b.refreshErr = errors.New("Could not reach Workfront's token endpoint: the request timed out.")
	b.setStatus(auth.Status{Profile: "Acme", State: auth.StateConnected, AccessExpiresAt: now.Add(30 * time.Second), HasRefreshToken: true, ObtainedAt: now.Add(-time.Hour)})
	h, c := showAcme(t, b)
	c.Tick()
	h.q.until(t, "the failed refresh", func() bool { return !c.refreshing && c.Problem.Visible() })
	c.Tick()
	if c.refreshing {
		t.Error("retried at once, without spacing")
	}
	b.mu.Lock()
	b.refreshErr = nil
	b.mu.Unlock()
	h.clock.Add(31 * time.Second)
	c.Tick()
	h.q.until(t, "the retry", func() bool { return !c.refreshing && b.refreshes == 2 })
	if c.status.State != auth.StateConnected {
		t.Errorf("state %s", c.status.State)
	}
}

// TestSignInOptionsAndLocalHost: the less safe sign-in options are shown on
// the connection with what they cost, kept through an edit, and a local
// plain-http host stays http in the form (it was rewritten to https).
func TestSignInOptionsAndLocalHost(t *testing.T) {
	local := acme
	local.Host, local.LocalHTTP, local.NoPKCE, local.AllowMissingState = "http://127.0.0.1:8080", true, true, true
	b := newFakeBackend(local)
	h, c := showAcme(t, b)
	for _, want := range []string{"Local, not encrypted", "PKCE is off", "Callbacks without state are accepted", "less safe"} {
		if !c.SignInNotes.Visible() || !strings.Contains(c.SignInNotes.Text, want) {
			t.Errorf("sign-in notes %q (visible %v) do not say %q", c.SignInNotes.Text, c.SignInNotes.Visible(), want)
		}
	}
	f := h.app.Main.Form
	if f.Domain.Text != "http://127.0.0.1:8080" || !strings.Contains(f.DomainHint.Text, "Local, not encrypted") {
		t.Errorf("domain %q, hint %q; want the http host kept and marked", f.Domain.Text, f.DomainHint.Text)
	}
	if !f.NoPKCE.Checked || !f.AllowMissingState.Checked {
		t.Errorf("options not shown: no PKCE %v, missing state %v", f.NoPKCE.Checked, f.AllowMissingState.Checked)
	}
	d := f.Draft()
	if !d.NoPKCE || !d.AllowMissingState || d.Domain != "http://127.0.0.1:8080" {
		t.Errorf("draft %+v loses the options or the scheme", d)
	}
	f.AllowMissingState.SetChecked(false)
	if f.Draft().AllowMissingState {
		t.Error("unchecking does not reach the draft")
	}
	if SignInNotes(acme) != "" {
		t.Errorf("a plain connection has notes: %q", SignInNotes(acme))
	}
}

// TestRefusedCallbackIsShownAtOnce: a callback the listener refused is said
// at once, with why, while the sign-in goes on waiting (it was silent until
// the 10-minute timeout).
func TestRefusedCallbackIsShownAtOnce(t *testing.T) {
	b := newFakeBackend(acme)
	h, c := showAcme(t, b)
	test.Tap(c.ConnectButton)
	h.q.until(t, "waiting for consent", func() bool { return c.flow != nil })
	<-h.opened
	flow := b.currentFlow()
	flow.refused <- errors.New("This callback does not belong to the sign-in wfconnect is waiting for.")
	h.q.until(t, "the refusal", func() bool { return c.Refused.Visible() })
	if !strings.Contains(c.Refused.Text, "A callback was refused: This callback does not belong") || !strings.Contains(c.Refused.Text, "Still waiting") {
		t.Errorf("refusal text %q", c.Refused.Text)
	}
	if c.flow == nil || !c.Waiting.Visible() {
		t.Error("the sign-in stopped waiting after a refused callback")
	}
	test.Tap(c.CancelButton)
	h.q.until(t, "the sign-in to end", func() bool { return c.flow == nil })
	if c.Refused.Visible() {
		t.Error("the refusal stays after the sign-in ended")
	}
}
