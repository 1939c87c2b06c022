package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
	"github.com/wfconnect/wfconnect/workspace"
)

// ConnectionPanel shows one profile's token state and runs Connect.
type ConnectionPanel struct {
	deps    connectionDeps
	profile store.Profile

	// The token panel.
	Badge *widget.Label
	// AutoRefreshHelp says what the auto-refresh option does.
	AutoRefreshHelp *widget.Label
	// SignedInAs says who the session belongs to, and where, in words.
	SignedInAs *widget.Label
	// Kind is how the connection signs in; Environment its lane
	// (Production, Preview, Sandbox, Simulated), so nobody mistakes one
	// for another.
	Kind        *widget.Label
	Environment *widget.Label
	// Writes is the write mode; WritesButton changes it.
	Writes       *widget.Label
	WritesButton *widget.Button
	// API is the version in use and the ones the instance offers;
	// RoundTrip how long Workfront took to answer /session.
	API        *widget.Label
	RoundTrip  *widget.Label
	TestButton *widget.Button
	// VersionWarning says the pinned version is deprecated or retires this
	// year; UpgradeButton moves the connection to the suggested version.
	VersionWarning *widget.Label
	UpgradeButton  *widget.Button
	VersionBox     *fyne.Container
	// PublicKeyBox shows a Machine to Machine connection's public key,
	// with where to paste it in Workfront.
	PublicKey     *widget.Label
	CopyPublicKey *widget.Button
	PublicKeyBox  *fyne.Container
	// Notice says something worth knowing that is not a failure (the
	// session at Workfront could not be ended).
	Notice *widget.Label
	// body holds the panel's parts; it is laid out again when one appears.
	body             *fyne.Container
	Host             *widget.Label
	Expiry           *widget.Label
	RefreshTokenHeld *widget.Label
	WID              *widget.Label
	Rotation         *widget.Label
	// Details holds the technical facts (wid, rotation), with what they mean.
	Details     *widget.Accordion
	Obtained    *widget.Label
	LastRefresh *widget.Label
	Storage     *widget.Label
	Problem     *widget.Label
	// SignInNotes says which less safe sign-in options are on, and why
	// they cost something; hidden when none is.
	SignInNotes *widget.Label
	AutoRefresh *widget.Check

	ConnectButton    *widget.Button
	RefreshButton    *widget.Button
	DisconnectButton *widget.Button
	ProjectsButton   *widget.Button

	// The sign-in in progress.
	Waiting        *fyne.Container
	WaitingLabel   *widget.Label
	Link           *widget.Entry
	CopyLinkButton *widget.Button
	CancelButton   *widget.Button
	Paste          *widget.Entry
	PasteButton    *widget.Button
	PasteError     *widget.Label
	// Refused says that the listener refused a callback, and why; the
	// sign-in goes on waiting.
	Refused *widget.Label
	// PasteBox takes the address the browser landed on; for a loopback
	// redirect it is shown on request (PasteInstead).
	PasteBox     *fyne.Container
	PasteInstead *widget.Button

	Content fyne.CanvasObject

	// Owned by the UI goroutine.
	status     auth.Status
	flowErr    string // why the last sign-in failed; shown until the next one
	refreshing bool
	lastAuto   time.Time // the last automatic refresh attempt
	flow       workspace.Flow
	codeUntil  time.Time
	flowUntil  time.Time // when the sign-in stops waiting for consent
	askedWho   bool      // WhoAmI was asked for this sign-in
	spec       auth.KindSpec
	upgradeTo  string // the version the warning suggests
	// AutoConnect starts the sign-in once the state is known to be "not
	// connected" (the demo connects by itself when opened).
	AutoConnect bool
	cancelFlow  context.CancelFunc
	stop        context.CancelFunc
	ctx         context.Context
}

// connectionBackend is what the connection panel asks of the rest of the
// app.
type connectionBackend interface {
	Begin(ctx context.Context, name string) (workspace.Flow, error)
	Status(ctx context.Context, name string) (auth.Status, error)
	RefreshNow(ctx context.Context, name string) error
	Logout(ctx context.Context, name string) error
	WhoAmI(ctx context.Context, name string) (workfront.Identity, error)
	SignIn(ctx context.Context, name string) (auth.Status, error)
	PublicKey(name string) (string, error)
	SetAPIVersion(name, version string) error
}

// connectionDeps is all a connection panel gets: its backend, a clock, the
// way back to the UI goroutine, and callbacks for what it asks of others.
type connectionDeps struct {
	Context          context.Context // closed when the connection is closed
	Backend          connectionBackend
	Now              func() time.Time
	Tick             time.Duration // how often the countdowns redraw
	StatusEvery      time.Duration // how often the stored tokens are read again
	Do               func(func())
	OpenURL          func(string) error
	Clipboard        func(string)
	Toast            func(string)
	OnUpgraded       func(name string) // the connection moved to another API version
	OnBrowseProjects func()
	// OnState tells the window a connection's state: the sidebar's dot,
	// whether the views may browse (connected, or a renewal may still
	// work), and whether the state is known yet.
	OnState func(name string, dot auth.State, browsable, known bool)
	// WriteMode is the connection's write mode now; OnChangeWrites asks
	// for another.
	WriteMode      func() edit.Mode
	OnChangeWrites func()
}

func newConnectionPanel(deps connectionDeps, p store.Profile) *ConnectionPanel {
	c := &ConnectionPanel{deps: deps, profile: p}
	c.spec = kindOf(p)
	c.ctx, c.stop = context.WithCancel(deps.Context)
	c.buildFacts(p)
	c.buildVersionAndKey()
	c.buildTokens()
	c.buildActions()
	c.buildSignIn()
	c.layOut(p)
	if c.spec.NeedsKey {
		c.loadPublicKey()
	}
	c.render()
	return c
}

// buildFacts makes the labels that say who, where and how.
func (c *ConnectionPanel) buildFacts(p store.Profile) {
	c.Badge = bold(lang.L("Checking…"))
	c.SignedInAs = wrapped("—")
	c.Host = widget.NewLabel(p.Host)
	if p.Demo {
		c.Host.SetText(p.Host + "  (" + lang.L("simulated, on this computer") + ")")
	}
	c.Kind = wrapped(lang.L(c.spec.Label))
	c.Environment = bold("• " + lang.L(workfront.LaneLabel(p.Host)))
	c.Environment.Importance = laneImportance(workfront.LaneOf(p.Host))
	c.API = wrapped(orDash(p.APIVersion))
	c.RoundTrip = widget.NewLabel("—")
	c.SignInNotes = wrapped(SignInNotes(p))
	c.SignInNotes.Importance = widget.WarningImportance
	if c.SignInNotes.Text == "" {
		c.SignInNotes.Hide()
	}
}

// buildVersionAndKey makes the version warning and, for a Machine to
// Machine connection, the public key to register.
func (c *ConnectionPanel) buildVersionAndKey() {
	c.VersionWarning = wrapped("")
	c.VersionWarning.Importance = widget.WarningImportance
	c.UpgradeButton = widget.NewButtonWithIcon("", theme.UploadIcon(), c.Upgrade)
	c.VersionBox = container.NewVBox(c.VersionWarning, container.NewHBox(c.UpgradeButton))
	c.VersionBox.Hide()
	// Monospace only where a key is shown: the monospaced font is parsed
	// when first measured, which costs about 7 MB of memory.
	c.PublicKey = widget.NewLabel("")
	if c.spec.NeedsKey {
		c.PublicKey.TextStyle.Monospace = true
	}
	c.PublicKey.Wrapping = fyne.TextWrapBreak
	c.CopyPublicKey = copyButton(lang.L("Copy public key"), func() string { return c.PublicKey.Text }, c.deps.Clipboard, c.deps.Toast)
	keyHelp := help(lang.L("Paste it in Workfront: Setup > System > OAuth2 Applications > this app > Public Keys. Workfront then accepts the tokens wfconnect signs with the private key, which stays in the keyring."))
	c.PublicKeyBox = container.NewVBox(bold(lang.L("Public key")), keyHelp, c.PublicKey, container.NewHBox(c.CopyPublicKey))
	c.PublicKeyBox.Hide()
}

// buildTokens makes the token facts and the automatic refresh.
func (c *ConnectionPanel) buildTokens() {
	c.Notice = notice(widget.WarningImportance)
	c.Expiry = widget.NewLabel("")
	c.RefreshTokenHeld = widget.NewLabel("")
	c.WID = wrapped("")
	c.Rotation = wrapped("")
	c.Obtained = widget.NewLabel("")
	c.LastRefresh = widget.NewLabel("")
	c.Storage = widget.NewLabel("")
	c.Problem = notice(widget.DangerImportance)
	c.Details = widget.NewAccordion(widget.NewAccordionItem(lang.L("Details"), container.NewVBox(c.WID, c.Rotation)))
	c.AutoRefresh = widget.NewCheck(lang.L("Refresh automatically"), nil)
	c.AutoRefreshHelp = help("")
	c.AutoRefresh.SetChecked(true)
	if !c.spec.BrowserStep {
		// Renewal needs nobody: a new JWT or client-credentials token each time.
		c.AutoRefresh.Hide()
		c.AutoRefreshHelp.Hide()
	}
}

func (c *ConnectionPanel) buildActions() {
	c.TestButton = widget.NewButtonWithIcon(lang.L("Test connection"), theme.MediaPlayIcon(), c.TestConnection)
	c.ConnectButton = widget.NewButtonWithIcon(lang.L("Connect"), theme.LoginIcon(), c.Connect)
	c.ConnectButton.Importance = widget.HighImportance
	c.RefreshButton = widget.NewButtonWithIcon(lang.L("Refresh now"), theme.ViewRefreshIcon(), c.RefreshNow)
	c.DisconnectButton = widget.NewButtonWithIcon(lang.L("Disconnect"), theme.LogoutIcon(), c.Disconnect)
	c.ProjectsButton = widget.NewButtonWithIcon(lang.L("Browse projects"), theme.ListIcon(), c.deps.OnBrowseProjects)
}

// buildSignIn makes the box of a sign-in in progress: the link, Cancel,
// and the paste path.
func (c *ConnectionPanel) buildSignIn() {
	c.WaitingLabel = wrapped("")
	c.Link = widget.NewEntry()
	c.Link.Disable() // read-only; Copy link copies it
	c.CopyLinkButton = widget.NewButtonWithIcon(lang.L("Copy link"), theme.ContentCopyIcon(), func() {
		c.deps.Clipboard(c.Link.Text)
	})
	c.CancelButton = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), c.Cancel)
	c.Paste = widget.NewEntry()
	c.Paste.SetPlaceHolder(lang.L("Paste the address the browser landed on (…?code=…)"))
	c.Paste.OnSubmitted = func(string) { c.SubmitPasted() }
	c.PasteButton = widget.NewButton(lang.L("Use this address"), c.SubmitPasted)
	c.PasteError = notice(widget.DangerImportance)
	c.Refused = notice(widget.WarningImportance)
	c.PasteBox = container.NewVBox(
		widget.NewLabel(lang.L("If Workfront sent you to another page, paste its address here:")),
		container.NewBorder(nil, nil, nil, c.PasteButton, c.Paste),
		c.PasteError,
	)
	c.PasteInstead = widget.NewButton(lang.L("Paste an address instead…"), func() { c.showPaste(true) })
	c.PasteInstead.Importance = widget.LowImportance
	c.Waiting = container.NewVBox(
		c.WaitingLabel,
		c.Refused,
		container.NewBorder(nil, nil, nil, container.NewHBox(c.CopyLinkButton, c.CancelButton), c.Link),
		c.PasteInstead,
		c.PasteBox,
	)
	c.Waiting.Hide()
}

func (c *ConnectionPanel) layOut(p store.Profile) {
	grid := container.New(layout.NewFormLayout(),
		caption(lang.L("State")), c.Badge,
		caption(lang.L("Environment")), c.Environment,
		caption(lang.L("Changes")), c.buildWrites(),
		caption(lang.L("Signed in as")), c.SignedInAs,
		caption(lang.L("Workfront")), c.Host,
		caption(lang.L("Kind")), c.Kind,
		caption(lang.L("API version")), c.API,
		caption(lang.L("Round trip")), c.RoundTrip,
		caption(lang.L("Access token")), c.Expiry,
		caption(lang.L("Refresh token")), c.RefreshTokenHeld,
		caption(lang.L("Last refresh")), c.LastRefresh,
		caption(lang.L("Obtained")), c.Obtained,
		caption(lang.L("Stored in")), c.Storage,
	)
	actions := container.NewHBox(c.ConnectButton, c.RefreshButton, c.TestButton, c.DisconnectButton, c.ProjectsButton)
	title := bold(displayName(p))
	title.SizeName = theme.SizeNameSubHeadingText
	// The actions and what they say come first, under the name: at the
	// default window size the facts below would push Connect out of sight.
	c.body = container.NewVBox(
		title, actions, c.Problem, c.Notice, c.Waiting, widget.NewSeparator(),
		grid, c.VersionBox, c.SignInNotes, c.AutoRefresh, c.AutoRefreshHelp, c.PublicKeyBox, c.Details,
	)
	c.Content = container.NewVScroll(container.NewPadded(c.body))
}

// kindOf is a profile's kind; an unknown one reads as a web app, whose
// rules are the strictest about what a sign-in needs.
func kindOf(p store.Profile) auth.KindSpec {
	if k, ok := auth.ParseKind(p.AppType); ok {
		return k.Spec()
	}
	return auth.AppWeb.Spec()
}

// laneImportance colours the environment: production in the colour that
// says "careful", a sandbox in the one that says "safe to try".
func laneImportance(l workfront.Lane) widget.Importance {
	switch l {
	case workfront.LaneProduction:
		return widget.DangerImportance
	case workfront.LanePreview:
		return widget.WarningImportance
	case workfront.LaneSandbox:
		return widget.SuccessImportance
	}
	return widget.MediumImportance
}

// storageNames are the places store says secrets live, looked up in the
// translations (store speaks English, for the CLI and logs).
var storageNames = []string{
	"system keyring (Secret Service)", "macOS Keychain", "Windows Credential Manager",
	"memory (this session only; forgotten when the app quits)",
}

func storageName(s string) string {
	for _, known := range storageNames {
		if s == known {
			return lang.L(known)
		}
	}
	return s
}

// displayName is a connection's name as people read it: the demo's in
// their language.
func displayName(p store.Profile) string {
	if p.Demo && p.Name == workspace.DemoMachineName {
		return lang.L("Demo machine (JWT, simulated)")
	}
	if p.Demo && p.Name == workspace.DemoSandboxName {
		return lang.L("Demo sandbox (simulated)")
	}
	if p.Demo {
		return lang.L("Demo (simulated Workfront)")
	}
	return p.Name
}

// SignInNotes describes the connection's less safe choices, one sentence
// each, or "" when it has none.
func SignInNotes(p store.Profile) string {
	var notes []string
	if p.LocalHTTP && !p.Demo {
		notes = append(notes, lang.L("Local, not encrypted: this connection talks plain http to a server on this computer (the simulator or a test server)."))
	}
	if p.NoPKCE && p.AppType != string(auth.AppSPA) {
		notes = append(notes, lang.L("PKCE is off because Workfront refuses it: the code is not bound to this sign-in on its way back."))
	}
	if p.AllowMissingState {
		notes = append(notes, lang.L("Callbacks without state are accepted because Workfront does not return it. This is less safe: another web page could slip in its own code while you sign in. wfconnect accepts one only while this is the only sign-in waiting, and only from this connection's Workfront domain."))
	}
	return strings.Join(notes, "\n")
}

// caption labels a value, in bold as Fyne's forms label theirs. It is
// written in the foreground colour (Fyne's "low importance" grey is 1.6:1
// on white, unreadable for many), and not in italics: buttons already
// load the bold font, while italics made Fyne parse a whole set of faces
// more (italic, emoji, symbols, the system's) for about 11 MB at start.
func caption(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// Start loads the status and starts the live countdown.
func (c *ConnectionPanel) Start() {
	c.loadStatus()
	go c.tickLoop()
}

// Close stops the panel's background work and any sign-in in progress.
func (c *ConnectionPanel) Close() {
	c.stop()
	if c.flow != nil {
		c.flow.Cancel()
	}
	if c.cancelFlow != nil {
		c.cancelFlow()
	}
}

func (c *ConnectionPanel) tickLoop() {
	tick := time.NewTicker(c.deps.Tick)
	defer tick.Stop()
	lastStatus := c.deps.Now()
	for {
		select {
		case <-c.ctx.Done():
			return
		case <-tick.C:
			reload := c.deps.Now().Sub(lastStatus) >= c.deps.StatusEvery
			if reload {
				lastStatus = c.deps.Now()
			}
			c.deps.Do(func() {
				if c.ctx.Err() != nil {
					return
				}
				if reload && !c.refreshing && c.flow == nil {
					c.loadStatus()
				}
				c.Tick()
			})
		}
	}
}

// Tick redraws the time-dependent labels and starts an automatic refresh when
// the access token is about to expire. It runs on the UI goroutine and does
// no I/O.
func (c *ConnectionPanel) Tick() {
	c.renderTimes()
	if c.AutoRefresh.Checked && c.dueForRefresh() {
		c.lastAuto = c.deps.Now()
		c.refresh()
	}
}

// refreshLead is how long before expiry the background refresh runs (a
// quarter of the token's life when that is shorter); retryAfter spaces out
// automatic attempts after a failed one.
const (
	refreshLead = 60 * time.Second
	retryAfter  = 30 * time.Second
)

func (c *ConnectionPanel) dueForRefresh() bool {
	st := c.status
	now := c.deps.Now()
	if c.refreshing || c.flow != nil || !st.HasRefreshToken || st.AccessExpiresAt.IsZero() || now.Sub(c.lastAuto) < retryAfter {
		return false
	}
	if st.State != auth.StateConnected && st.State != auth.StateExpired {
		return false
	}
	lead := refreshLead
	issued := st.RefreshedAt
	if issued.IsZero() {
		issued = st.ObtainedAt
	}
	if life := st.AccessExpiresAt.Sub(issued); life > 0 && lead > life/4 {
		lead = life / 4
	}
	return st.AccessExpiresAt.Sub(now) <= lead
}

func (c *ConnectionPanel) loadStatus() {
	name := c.profile.Name
	ctx := c.ctx
	backgroundOn(c.deps.Do, func() (auth.Status, error) {
		return c.deps.Backend.Status(ctx, name)
	}, func(st auth.Status, err error) {
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			c.showProblem(ErrorText(err))
		}
		c.SetStatus(st)
	})
}

// SetStatus shows a new token status.
func (c *ConnectionPanel) SetStatus(st auth.Status) {
	c.status = st
	c.render()
	connected := st.State == auth.StateConnected || st.State == auth.StateExpired
	switch {
	case connected && !c.askedWho:
		c.askedWho = true
		c.loadIdentity()
	case !connected:
		c.askedWho = false
		c.SignedInAs.SetText("—")
	}
	if c.AutoConnect && st.State == auth.StateNotConnected && c.flow == nil {
		c.AutoConnect = false
		c.Connect()
	}
}

func (c *ConnectionPanel) showProblem(msg string) {
	if msg == "" {
		c.Problem.Hide()
		return
	}
	c.Problem.SetText(msg)
	c.Problem.Show()
}

func (c *ConnectionPanel) input() panelInput {
	return panelInput{Status: c.status, Spec: c.spec, Signing: c.flow != nil, FlowUntil: c.flowUntil, CodeUntil: c.codeUntil,
		Refreshing: c.refreshing, FlowErr: c.flowErr, Now: c.deps.Now()}
}

// render applies the panel's look (lookOf) to its widgets and tells the
// rest of the window the state.
func (c *ConnectionPanel) render() {
	l := lookOf(c.input())
	c.RefreshTokenHeld.SetText(l.RefreshTokenHeld)
	c.WID.SetText(l.WID)
	c.Rotation.SetText(l.Rotation)
	c.Obtained.SetText(l.Obtained)
	c.Storage.SetText(l.Storage)
	c.showProblem(l.Problem)
	c.ConnectButton.SetText(l.Connect)
	c.ConnectButton.Importance = widget.MediumImportance
	if l.ConnectPrimary {
		c.ConnectButton.Importance = widget.HighImportance
	}
	c.ConnectButton.Refresh()
	setEnabled(c.ConnectButton, l.ConnectOn)
	setEnabled(c.RefreshButton, l.RefreshOn)
	setEnabled(c.TestButton, l.TestOn)
	setEnabled(c.DisconnectButton, l.DisconnectOn)
	setEnabled(c.ProjectsButton, l.ProjectsOn)
	if c.deps.OnState != nil {
		c.deps.OnState(c.profile.Name, l.SidebarState, l.Browsable, c.status.State != "" && c.status.State != auth.StateUnknown)
	}
	c.applyTimes(l)
}

// renderTimes applies what changes with the clock alone.
func (c *ConnectionPanel) renderTimes() { c.applyTimes(lookOf(c.input())) }

func (c *ConnectionPanel) applyTimes(l panelLook) {
	c.Badge.SetText(l.Badge)
	c.Badge.Importance = l.BadgeImportance
	c.Badge.Refresh()
	c.Expiry.SetText(l.Expiry)
	c.AutoRefreshHelp.SetText(l.AutoRefreshHelp)
	c.LastRefresh.SetText(l.LastRefresh)
	if l.WaitingLabel != "" {
		c.WaitingLabel.SetText(l.WaitingLabel)
	}
}

// Countdown formats a duration as 1h02m03s, 4m05s or 9s.
func Countdown(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	switch {
	case h > 0:
		return fmt.Sprintf("%dh%02dm%02ds", h, m, s)
	case m > 0:
		return fmt.Sprintf("%dm%02ds", m, s)
	}
	return fmt.Sprintf("%ds", s)
}

func formatWhen(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return localDateTime(t)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// signInWait is how long a sign-in waits for consent (auth's default).
const signInWait = 10 * time.Minute
