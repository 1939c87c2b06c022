package ui

import (
	"image/color"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
	"github.com/wfconnect/wfconnect/workspace"
)

var nightly = store.Profile{Name: "Nightly", Host: "https://acme.sb01.workfront.com", ClientID: "m2m", AppType: "jwt",
	CustomerID: "cust-1", UserID: "user-1", APIVersion: "v21.0"}

// TestFormPerKind: each kind shows its own fields and hides the others',
// the choice is read by its index (not its translated words), and a
// hidden field's value is not saved with the kind.
func TestFormPerKind(t *testing.T) {
	h := newHarness(t, newFakeBackend())
	m := h.app.Main
	m.ShowNewForm()
	f := m.Form
	shown := func(want ...string) {
		t.Helper()
		var got []string
		for _, key := range []string{"name", "app_type", "domain", "client_id", "client_secret", "redirect_uri", "token_auth",
			"customer_id", "user_id", "private_key", "ims_org", "scopes", "ims_url", "api_version", "sign_in"} {
			if f.Rows[key].Visible() {
				got = append(got, key)
			}
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("kind %d shows %v,\nwant %v", f.Kind.SelectedIndex(), got, want)
		}
	}
	shown("name", "app_type", "domain", "client_id", "client_secret", "redirect_uri", "token_auth", "api_version", "sign_in")
	f.Kind.SetSelectedIndex(1)
	shown("name", "app_type", "domain", "client_id", "redirect_uri", "api_version", "sign_in")
	if f.NoPKCE.Visible() {
		t.Error("a Single Page app offers to turn PKCE off")
	}
	f.Kind.SetSelectedIndex(2)
	shown("name", "app_type", "domain", "client_id", "client_secret", "customer_id", "user_id", "private_key", "api_version")
	if !strings.Contains(f.KindHelp.Text, "Public Keys") {
		t.Errorf("help for JWT: %q", f.KindHelp.Text)
	}

	test.Type(f.Name, "Nightly")
	test.Type(f.Domain, "acme.sb01.workfront.com")
	test.Type(f.ClientID, "m2m")
	test.Type(f.ClientSecret, "s3cret")
	test.Type(f.CustomerID, "cust-1")
	test.Type(f.UserID, "user-1")
	f.ImportKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "pub.pem")
	if !f.Errors["private_key"].Visible() || !strings.Contains(f.Errors["private_key"].Text, "PEM") && !strings.Contains(f.Errors["private_key"].Text, "private") {
		t.Errorf("a public key imported as the private key: %q", f.Errors["private_key"].Text)
	}
	pem, err := auth.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	f.ImportKey(pem, "acme.pem")
	if f.Errors["private_key"].Visible() || !strings.Contains(f.KeyStatus.Text, "acme.pem") || !strings.Contains(f.KeyStatus.Text, "2048") {
		t.Errorf("imported: %q (error shown %v)", f.KeyStatus.Text, f.Errors["private_key"].Visible())
	}
	d := f.Draft()
	if d.AppType != "jwt" || d.CustomerID != "cust-1" || d.UserID != "user-1" || d.PrivateKey == nil || *d.PrivateKey != pem ||
		d.GenerateKey || d.RedirectURI != "" || d.TokenAuth != "" || d.ClientSecret == nil || *d.ClientSecret != "s3cret" {
		t.Errorf("JWT draft %+v", d)
	}
	f.GenerateKey()
	if d := f.Draft(); !d.GenerateKey || d.PrivateKey != nil {
		t.Errorf("generate: %+v", d)
	}

	f.Kind.SetSelectedIndex(3)
	shown("name", "app_type", "domain", "client_id", "client_secret", "ims_org", "scopes", "ims_url", "api_version")
	if !strings.Contains(f.Domain.PlaceHolder, "adobe.com") {
		t.Errorf("IMS domain hint %q", f.Domain.PlaceHolder)
	}
	test.Type(f.IMSOrg, "ABC@AdobeOrg")
	if d := f.Draft(); d.AppType != "ims" || d.IMSOrg != "ABC@AdobeOrg" || d.CustomerID != "" || d.GenerateKey || d.PrivateKey != nil {
		t.Errorf("IMS draft keeps the JWT's fields: %+v", d)
	}

	// The choice is its index: the same with the labels in another language.
	f.Kind.Options = []string{"网页应用", "单页应用", "机器对机器", "Adobe IMS"}
	f.Kind.SetSelectedIndex(2)
	if d := f.Draft(); d.AppType != "jwt" {
		t.Errorf("translated labels: kind %q", d.AppType)
	}
}

// TestFormPerKindValidation: the real workspace's checks reach the fields
// of the kind shown, and a complete Machine to Machine connection saves
// with a key pair made on Save.
func TestFormPerKindValidation(t *testing.T) {
	ws, err := workspace.Open(workspace.Options{Dir: t.TempDir(), Secrets: store.NewMemory(), CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	h := newHarnessWith(t, ws, newFakeBackend())
	m := h.app.Main
	m.ShowNewForm()
	f := m.Form
	f.Kind.SetSelectedIndex(2)
	test.Type(f.Name, "Nightly")
	test.Type(f.Domain, "acme")
	test.Type(f.ClientID, "m2m")
	test.Type(f.ClientSecret, "s3cret")
	f.Save()
	h.q.until(t, "the field errors", func() bool { return f.Errors["customer_id"].Visible() })
	for _, key := range []string{"customer_id", "user_id", "private_key"} {
		if !f.Errors[key].Visible() || f.Errors[key].Text == "" {
			t.Errorf("%s: no message", key)
		}
	}
	if f.Errors["redirect_uri"].Visible() {
		t.Error("a JWT connection was asked for a redirect URL")
	}
	test.Type(f.CustomerID, "cust-1")
	test.Type(f.UserID, "user-1")
	f.GenerateKey()
	f.Save()
	h.q.until(t, "saved", func() bool { return m.Form == nil || !f.Dirty() })
	pub, err := ws.PublicKey("Nightly")
	if err != nil || !strings.HasPrefix(pub, "-----BEGIN PUBLIC KEY-----") {
		t.Fatalf("public key %q %v", pub, err)
	}
	p, err := ws.Profile("Nightly")
	if err != nil || p.AppType != "jwt" || p.CustomerID != "cust-1" || p.RedirectURI != "" {
		t.Errorf("saved %+v %v", p, err)
	}
}

// TestJWTConnectionPanel: a Machine to Machine connection shows its kind,
// its environment and its public key with Copy; Connect signs in without a
// browser; no refresh token is expected of it.
func TestJWTConnectionPanel(t *testing.T) {
	b := newFakeBackend(nightly)
	h := newHarness(t, b)
	m := h.app.Main
	h.q.until(t, "the panel", func() bool { return m.Conn != nil && m.Conn.status.State != "" })
	c := m.Conn
	if c.Kind.Text != "Machine to Machine Application (JWT)" || c.Environment.Text != "• Sandbox (sb01)" {
		t.Errorf("kind %q, environment %q", c.Kind.Text, c.Environment.Text)
	}
	if got := placeLabel(nightly, edit.Confirm) + " · " + hostOf(nightly); got != "Sandbox (sb01) · Writes: confirm · acme.sb01.workfront.com" {
		t.Errorf("sidebar %q", got)
	}
	h.q.until(t, "the public key", func() bool { return c.PublicKeyBox.Visible() })
	if c.PublicKey.Text != strings.TrimSpace(fakePublicKey) {
		t.Errorf("public key %q", c.PublicKey.Text)
	}
	test.Tap(c.CopyPublicKey)
	if h.app.App.Clipboard().Content() != strings.TrimSpace(fakePublicKey) {
		t.Error("Copy public key copied something else")
	}
	if c.AutoRefresh.Visible() {
		t.Error("a JWT connection offers refresh-token options")
	}
	test.Tap(c.ConnectButton)
	h.q.until(t, "connected", func() bool { return c.status.State == auth.StateConnected })
	select {
	case u := <-h.opened:
		t.Errorf("a JWT sign-in opened a browser at %s", u)
	default:
	}
	if b.signIns != 1 || c.Waiting.Visible() {
		t.Errorf("%d sign-ins, waiting shown %v", b.signIns, c.Waiting.Visible())
	}
	if !strings.Contains(c.RefreshTokenHeld.Text, "JWT") || c.RefreshButton.Disabled() {
		t.Errorf("refresh token %q, renew enabled %v", c.RefreshTokenHeld.Text, !c.RefreshButton.Disabled())
	}

	b.mu.Lock()
	b.signInErr = msg.New("Workfront does not know this connection's public key.")
	b.mu.Unlock()
	c.status.State = auth.StateNotConnected
	c.Connect()
	h.q.until(t, "the refusal", func() bool { return c.Problem.Visible() && strings.Contains(c.Problem.Text, "public key") })
}

// TestWhoAmIVersionWarningAndLogout: the panel shows who is signed in (an
// administrator), the versions offered and the round trip; a version that
// retires this year gets a warning whose button upgrades the connection;
// Test connection asks again; a Disconnect that could not end Workfront's
// session says so and still forgets the tokens.
func TestWhoAmIVersionWarningAndLogout(t *testing.T) {
	old := acme
	old.APIVersion = "v17.0" // retires in 2026, the harness's year
	b := newFakeBackend(old)
	b.status[old.Name] = auth.Status{Profile: old.Name, State: auth.StateConnected, HasRefreshToken: true, AccessExpiresAt: time.Now().Add(time.Hour)}
	b.identity = workfront.Identity{UserID: "u1", Name: "Ada Lovelace", Email: "ada@acme.com", Admin: true, AdminKnown: true,
		CurrentAPI: "v22.0", APIVersions: []string{"v17.0", "v18.0", "v19.0", "v20.0", "v21.0", "v22.0"}, RoundTrip: 42 * time.Millisecond}
	h := newHarness(t, b)
	m := h.app.Main
	h.q.until(t, "who", func() bool { return m.Conn != nil && strings.Contains(m.Conn.SignedInAs.Text, "Ada") })
	c := m.Conn
	if c.SignedInAs.Text != "Ada Lovelace (ada@acme.com), a system administrator, on acme.my.workfront.com" {
		t.Errorf("signed in as %q", c.SignedInAs.Text)
	}
	if c.API.Text != "v17.0 · offered: v17.0, v18.0, v19.0, v20.0, v21.0, v22.0 · newest: v22.0" || c.RoundTrip.Text != "42 ms" {
		t.Errorf("API %q, round trip %q", c.API.Text, c.RoundTrip.Text)
	}
	if !c.VersionBox.Visible() || !strings.Contains(c.VersionWarning.Text, "v17.0") || c.UpgradeButton.Text != "Use v22.0" {
		t.Fatalf("version warning %q, button %q (shown %v)", c.VersionWarning.Text, c.UpgradeButton.Text, c.VersionBox.Visible())
	}
	test.Tap(c.UpgradeButton)
	h.q.until(t, "upgraded", func() bool { p, _ := m.profile("Acme"); return p.APIVersion == "v22.0" })

	h.q.until(t, "the panel again", func() bool { return m.Conn != nil && m.Conn != c && m.Conn.status.State == auth.StateConnected })
	c = m.Conn
	h.q.until(t, "who again", func() bool { return strings.Contains(c.SignedInAs.Text, "Ada") })
	if c.VersionBox.Visible() {
		t.Error("the warning stays after the upgrade")
	}
	b.mu.Lock()
	b.identity.RoundTrip = 7 * time.Millisecond
	b.mu.Unlock()
	test.Tap(c.TestButton)
	h.q.until(t, "tested", func() bool { return c.RoundTrip.Text == "7 ms" })
	if m.Toast.Text != "Workfront answered in 7 ms." {
		t.Errorf("toast %q", m.Toast.Text)
	}

	b.mu.Lock()
	b.logoutErr = msg.New("Forgot the tokens of %s on this computer, but could not end the session at Workfront (%v). It ends by itself after a while without use.", "Acme", "no route to host").WithKind(workspace.ErrSessionNotEnded)
	b.mu.Unlock()
	test.Tap(c.DisconnectButton)
	h.q.until(t, "the notice", func() bool { return c.Notice.Visible() })
	if c.status.State != auth.StateNotConnected || !strings.Contains(c.Notice.Text, "could not end the session") || c.Problem.Visible() {
		t.Errorf("state %s, notice %q, problem shown %v", c.status.State, c.Notice.Text, c.Problem.Visible())
	}
}

// TestMachineDemoFromTheMenu: File > Open the Machine to Machine demo
// shows the demo's JWT connection, which connects by itself, no browser.
func TestMachineDemoFromTheMenu(t *testing.T) {
	b := newFakeBackend()
	h := newHarness(t, b)
	m := h.app.Main
	h.q.until(t, "the empty state", func() bool { return m.loaded })
	menuItem(t, h.app, "Open the Machine to Machine demo (JWT)").Action()
	h.q.until(t, "connected", func() bool {
		return m.Conn != nil && m.Conn.profile.Name == workspace.DemoMachineName && m.Conn.status.State == auth.StateConnected
	})
	if b.signIns != 1 || displayName(m.Conn.profile) != "Demo machine (JWT, simulated)" {
		t.Errorf("%d sign-ins, shown as %q", b.signIns, displayName(m.Conn.profile))
	}
	select {
	case u := <-h.opened:
		t.Errorf("opened a browser at %s", u)
	default:
	}
}

// TestStateDot: a filled circle in the state's colour, hollow when not
// connected, so the state reads by shape as well as by colour.
func TestStateDot(t *testing.T) {
	test.NewTempApp(t)
	d := newStateDot()
	d.SetState(auth.StateConnected)
	if d.circle.FillColor != theme.Color(theme.ColorNameSuccess) {
		t.Errorf("connected: %v", d.circle.FillColor)
	}
	d.SetState(auth.StateNeedsConsent)
	if d.circle.FillColor != theme.Color(theme.ColorNameError) {
		t.Errorf("needs consent: %v", d.circle.FillColor)
	}
	d.SetState(auth.StateNotConnected)
	if d.circle.FillColor != color.Transparent || d.circle.StrokeColor == color.Transparent {
		t.Errorf("not connected: fill %v, stroke %v", d.circle.FillColor, d.circle.StrokeColor)
	}
}
