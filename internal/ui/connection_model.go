package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/auth"
)

// What the connection panel shows is decided here, from its state alone,
// so that every state and kind can be checked with a table; render only
// applies it to the widgets.

// panelInput is everything the panel's look depends on.
type panelInput struct {
	Status     auth.Status
	Spec       auth.KindSpec
	Signing    bool      // a sign-in is in progress
	FlowUntil  time.Time // when that sign-in stops waiting for consent
	CodeUntil  time.Time // when the received code expires; zero before one arrives
	Refreshing bool
	FlowErr    string // why the last sign-in failed
	Now        time.Time
}

// panelLook is what the panel shows for a panelInput.
type panelLook struct {
	Badge            string
	BadgeImportance  widget.Importance
	RefreshTokenHeld string
	WID              string
	Rotation         string
	Obtained         string
	Storage          string
	Problem          string // "" hides it
	Connect          string
	ConnectPrimary   bool // the main action (not yet connected, or consent needed)
	ConnectOn        bool
	RefreshOn        bool
	TestOn           bool
	DisconnectOn     bool
	ProjectsOn       bool
	Expiry           string
	AutoRefreshHelp  string
	LastRefresh      string
	WaitingLabel     string // "" leaves it as it is
	// SidebarState is the state the sidebar's dot shows.
	SidebarState auth.State
	// Browsable: the views may ask Workfront (connected, or a renewal may
	// still work), so they show their content instead of a Connect prompt.
	Browsable bool
}

// connected is a state in which requests can be made.
func connected(s auth.State) bool { return s == auth.StateConnected || s == auth.StateExpired }

// lookOf decides the panel's look.
func lookOf(in panelInput) panelLook {
	st := in.Status
	on := connected(st.State)
	l := panelLook{Badge: StateText(st.State), BadgeImportance: badgeImportance(st.State),
		RefreshTokenHeld: refreshTokenText(st, in.Spec),
		WID:              fmt.Sprintf(lang.L("wid: %s (Workfront's ID for this sign-in, from the token answer; quote it when you ask Workfront's support about it)"), orDash(st.WID)),
		Rotation:         rotationText(st.RotationSeen),
		Obtained:         formatWhen(st.ObtainedAt), Storage: orDash(storageName(st.Storage)),
		Connect: lang.L("Connect"), ConnectPrimary: !on, ConnectOn: !in.Signing,
		RefreshOn:    on && (st.HasRefreshToken || !in.Spec.BrowserStep) && !in.Refreshing && !in.Signing,
		TestOn:       on && !in.Signing,
		DisconnectOn: (on || st.State == auth.StateNeedsConsent) && !in.Signing,
		ProjectsOn:   on, SidebarState: st.State,
		Browsable: on || st.State == auth.StateNeedsConsent,
	}
	if in.Refreshing {
		l.Badge += "  · " + lang.L("refreshing…")
	}
	lastErr := st.LastError
	if st.LastErr != nil {
		lastErr = ErrorText(st.LastErr)
	}
	switch {
	case st.State == auth.StateNeedsConsent:
		l.Connect = lang.L("Reconnect")
		l.Problem = firstNonEmpty(in.FlowErr, firstNonEmpty(lastErr, lang.L("Workfront no longer accepts the saved sign-in (the refresh token expired or was revoked). Click Reconnect to consent again.")))
	case on:
		l.Connect = lang.L("Reconnect")
		l.Problem = firstNonEmpty(in.FlowErr, lastErr)
	default:
		l.Problem = firstNonEmpty(in.FlowErr, lastErr)
	}
	if in.Signing {
		l.SidebarState = stateWaiting
	}
	timesOf(in, &l)
	return l
}

func badgeImportance(s auth.State) widget.Importance {
	switch s {
	case auth.StateConnected:
		return widget.SuccessImportance
	case auth.StateExpired, auth.StateUnknown:
		return widget.WarningImportance
	case auth.StateNeedsConsent:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

func refreshTokenText(st auth.Status, spec auth.KindSpec) string {
	switch {
	case st.State == auth.StateUnknown:
		return "—"
	case spec.Renew == auth.RenewJWT:
		return lang.L("not used: a new signed JWT renews the session")
	case spec.Renew == auth.RenewClientCredentials:
		return lang.L("not used: Adobe IMS gives a new token for the client credentials")
	case st.HasRefreshToken:
		return lang.L("held")
	}
	return lang.L("none")
}

func rotationText(seen bool) string {
	if seen {
		return lang.L("Refresh token rotation: seen. Workfront sends a new refresh token with every refresh and the old one stops working; wfconnect saved each new one at once.")
	}
	return lang.L("Refresh token rotation: not seen yet. If this Workfront app rotates refresh tokens, wfconnect saves each new one the moment it arrives.")
}

// timesOf fills in what changes with the clock: the expiry, the last
// refresh and the countdowns of a sign-in in progress.
func timesOf(in panelInput, l *panelLook) {
	st, now := in.Status, in.Now
	switch {
	case st.State == auth.StateNotConnected || st.State == auth.StateNeedsConsent || st.State == auth.StateUnknown || st.State == "":
		l.Expiry = "—"
	case st.AccessExpiresAt.IsZero():
		l.Expiry = lang.L("expiry unknown: refreshed when Workfront asks")
	case st.AccessExpiresAt.After(now):
		l.Expiry = fmt.Sprintf(lang.L("expires in %s (at %s)"), Countdown(st.AccessExpiresAt.Sub(now)), st.AccessExpiresAt.Local().Format("15:04:05"))
	default:
		l.Expiry = fmt.Sprintf(lang.L("expired %s ago"), Countdown(now.Sub(st.AccessExpiresAt)))
	}
	l.AutoRefreshHelp = lang.L("Refreshes the sign-in a little before the access token expires.")
	if st.AccessExpiresAt.IsZero() {
		l.AutoRefreshHelp = lang.L("Workfront gave no expiry, so wfconnect refreshes when Workfront answers that the session ended, then repeats the request.")
	}
	l.LastRefresh = formatWhen(st.RefreshedAt)
	switch {
	case st.State == auth.StateUnknown:
		l.LastRefresh = "—"
	case st.RefreshedAt.IsZero():
		l.LastRefresh = lang.L("not yet")
	}
	if in.Signing && in.CodeUntil.IsZero() && !in.FlowUntil.IsZero() {
		l.Badge = "• " + fmt.Sprintf(lang.L("Waiting for consent (%s left)"), Countdown(max(in.FlowUntil.Sub(now), 0)))
		l.BadgeImportance = widget.WarningImportance
	}
	if !in.CodeUntil.IsZero() {
		l.WaitingLabel = fmt.Sprintf(lang.L("Code received. Exchanging it for tokens… (the code is valid for %s more)"), Countdown(max(in.CodeUntil.Sub(now), 0)))
	}
}

// StateText is the badge text for a state.
func StateText(s auth.State) string {
	switch s {
	case auth.StateConnected:
		return "• " + lang.L("Connected")
	case auth.StateExpired:
		return "• " + lang.L("Access token expired (will refresh)")
	case auth.StateNeedsConsent:
		return "• " + lang.L("Needs consent again")
	case auth.StateNotConnected:
		return "· " + lang.L("Not connected")
	case auth.StateUnknown:
		return "? " + lang.L("Unknown: the keyring could not be read")
	}
	return lang.L("Checking…")
}
