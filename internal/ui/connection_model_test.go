package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/store"
)

// TestPanelLookEveryStateAndKind: the connection panel's look is a pure
// function of its state; each row is one state of one kind and what a
// person should see and be able to press.
func TestPanelLookEveryStateAndKind(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)
	type want struct {
		badge                                 string
		importance                            widget.Importance
		connect                               string
		primary, connectOn, refresh, test, dc bool
		browsable                             bool
		dot                                   auth.State
		problem, held, expiry                 string
	}
	states := []struct {
		name string
		in   panelInput
		want func(spec auth.KindSpec) want
	}{
		{"not connected", panelInput{Status: auth.Status{State: auth.StateNotConnected}}, func(auth.KindSpec) want {
			return want{badge: "· Not connected", importance: widget.MediumImportance, connect: "Connect", primary: true, connectOn: true,
				dot: auth.StateNotConnected, expiry: "—"}
		}},
		{"connected, no expiry", panelInput{Status: auth.Status{State: auth.StateConnected, HasRefreshToken: true}}, func(s auth.KindSpec) want {
			return want{badge: "• Connected", importance: widget.SuccessImportance, connect: "Reconnect", connectOn: true, refresh: true, test: true, dc: true,
				browsable: true, dot: auth.StateConnected, expiry: "expiry unknown: refreshed when Workfront asks"}
		}},
		{"connected, expires in 90 s", panelInput{Status: auth.Status{State: auth.StateConnected, AccessExpiresAt: now.Add(90 * time.Second)}}, func(s auth.KindSpec) want {
			// Without a refresh token only a kind that renews by itself can refresh.
			return want{badge: "• Connected", importance: widget.SuccessImportance, connect: "Reconnect", connectOn: true, refresh: !s.BrowserStep, test: true, dc: true,
				browsable: true, dot: auth.StateConnected, expiry: "expires in 1m30s (at " + now.Add(90*time.Second).Format("15:04:05") + ")"}
		}},
		{"expired", panelInput{Status: auth.Status{State: auth.StateExpired, HasRefreshToken: true, AccessExpiresAt: now.Add(-5 * time.Second)}}, func(auth.KindSpec) want {
			return want{badge: "• Access token expired (will refresh)", importance: widget.WarningImportance, connect: "Reconnect", connectOn: true, refresh: true, test: true, dc: true,
				browsable: true, dot: auth.StateExpired, expiry: "expired 5s ago"}
		}},
		{"needs consent", panelInput{Status: auth.Status{State: auth.StateNeedsConsent}}, func(auth.KindSpec) want {
			return want{badge: "• Needs consent again", importance: widget.DangerImportance, connect: "Reconnect", primary: true, connectOn: true, dc: true,
				browsable: true, dot: auth.StateNeedsConsent, expiry: "—",
				problem: "Workfront no longer accepts the saved sign-in (the refresh token expired or was revoked). Click Reconnect to consent again."}
		}},
		{"keyring unreadable", panelInput{Status: auth.Status{State: auth.StateUnknown, LastErr: errors.New("the keyring timed out")}}, func(auth.KindSpec) want {
			return want{badge: "? Unknown: the keyring could not be read", importance: widget.WarningImportance, connect: "Connect", primary: true, connectOn: true,
				dot: auth.StateUnknown, expiry: "—", held: "—", problem: "the keyring timed out"}
		}},
		{"waiting for consent", panelInput{Status: auth.Status{State: auth.StateNotConnected}, Signing: true, FlowUntil: now.Add(100 * time.Second)}, func(auth.KindSpec) want {
			return want{badge: "• Waiting for consent (1m40s left)", importance: widget.WarningImportance, connect: "Connect", primary: true,
				dot: stateWaiting, expiry: "—"}
		}},
		{"refreshing", panelInput{Status: auth.Status{State: auth.StateConnected, HasRefreshToken: true}, Refreshing: true}, func(auth.KindSpec) want {
			return want{badge: "• Connected  · refreshing…", importance: widget.SuccessImportance, connect: "Reconnect", connectOn: true, test: true, dc: true,
				browsable: true, dot: auth.StateConnected, expiry: "expiry unknown: refreshed when Workfront asks"}
		}},
		{"a failed sign-in", panelInput{Status: auth.Status{State: auth.StateNotConnected}, FlowErr: "The code expired."}, func(auth.KindSpec) want {
			return want{badge: "· Not connected", importance: widget.MediumImportance, connect: "Connect", primary: true, connectOn: true,
				dot: auth.StateNotConnected, expiry: "—", problem: "The code expired."}
		}},
	}
	for _, spec := range auth.Kinds() {
		for _, s := range states {
			in := s.in
			in.Spec, in.Now = spec, now
			got, w := lookOf(in), s.want(spec)
			name := fmt.Sprintf("%s, %s", spec.Kind, s.name)
			if got.Badge != w.badge || got.BadgeImportance != w.importance || got.Connect != w.connect || got.ConnectPrimary != w.primary {
				t.Errorf("%s: badge %q (%v), button %q primary %v", name, got.Badge, got.BadgeImportance, got.Connect, got.ConnectPrimary)
			}
			if got.ConnectOn != w.connectOn || got.RefreshOn != w.refresh || got.TestOn != w.test || got.DisconnectOn != w.dc || got.ProjectsOn != connected(in.Status.State) {
				t.Errorf("%s: enabled connect %v refresh %v test %v disconnect %v projects %v", name, got.ConnectOn, got.RefreshOn, got.TestOn, got.DisconnectOn, got.ProjectsOn)
			}
			if got.Browsable != w.browsable || got.SidebarState != w.dot || got.Problem != w.problem || got.Expiry != w.expiry {
				t.Errorf("%s: browsable %v, dot %q, problem %q, expiry %q", name, got.Browsable, got.SidebarState, got.Problem, got.Expiry)
			}
			held := w.held
			switch {
			case held != "":
			case spec.Renew == auth.RenewJWT:
				held = "not used: a new signed JWT renews the session"
			case spec.Renew == auth.RenewClientCredentials:
				held = "not used: Adobe IMS gives a new token for the client credentials"
			case in.Status.HasRefreshToken:
				held = "held"
			default:
				held = "none"
			}
			if got.RefreshTokenHeld != held {
				t.Errorf("%s: refresh token %q, want %q", name, got.RefreshTokenHeld, held)
			}
		}
	}
}

// TestPanelLookCodeReceived: once the code arrives, the waiting line
// counts the code's own two minutes down, never below zero.
func TestPanelLookCodeReceived(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)
	in := panelInput{Status: auth.Status{State: auth.StateNotConnected}, Signing: true, FlowUntil: now.Add(time.Minute), CodeUntil: now.Add(75 * time.Second), Now: now}
	if got := lookOf(in); !strings.Contains(got.WaitingLabel, "valid for 1m15s more") || got.Badge != "· Not connected" {
		t.Errorf("code received: %q, badge %q", got.WaitingLabel, got.Badge)
	}
	in.Now = now.Add(3 * time.Minute)
	if got := lookOf(in); !strings.Contains(got.WaitingLabel, "valid for 0s more") {
		t.Errorf("code expired: %q", got.WaitingLabel)
	}
}

// TestPagerOf: Projects and Explore say the same of a page.
func TestPagerOf(t *testing.T) {
	for _, c := range []struct {
		first, shown, total int
		text                string
		prev, next          bool
	}{
		{0, 0, -1, "", false, false},
		{0, 100, -1, "1–100", false, true},
		{0, 100, 250, "1–100 of 250", false, true},
		{100, 100, 250, "101–200 of 250", true, true},
		{200, 50, 250, "201–250 of 250", true, false},
		{0, 100, 100, "1–100 of 100", false, false},
		{0, 0, 0, "Nothing matches.", false, false},
		{300, 0, 250, "Nothing matches.", true, false},
		{0, 100, 12345, "1–100 of 12,345", false, true},
	} {
		got := pagerOf(c.first, c.shown, c.total, 100)
		if got.Text != c.text || got.PrevOn != c.prev || got.NextOn != c.next {
			t.Errorf("pagerOf(%d, %d, %d) = %+v, want %q prev %v next %v", c.first, c.shown, c.total, got, c.text, c.prev, c.next)
		}
	}
}

// TestSidebarRowOf: a connection's row names it (marked while its form has
// unsaved edits), says where it is, and carries its state.
func TestSidebarRowOf(t *testing.T) {
	for _, c := range []struct {
		p       store.Profile
		state   auth.State
		unsaved bool
		want    sidebarRow
	}{
		{store.Profile{Name: "Acme", Host: "https://acme.my.workfront.com"}, auth.StateConnected, false,
			sidebarRow{auth.StateConnected, "Acme", "Production · Read-only", "acme.my.workfront.com"}},
		{store.Profile{Name: "Acme", Host: "https://acme.preview.workfront.com"}, stateWaiting, true,
			sidebarRow{stateWaiting, "* Acme", "Preview · Writes: confirm", "acme.preview.workfront.com"}},
		{store.Profile{Name: "Sandbox", Host: "https://acme.sb01.workfront.com"}, auth.StateNeedsConsent, false,
			sidebarRow{auth.StateNeedsConsent, "Sandbox", "Sandbox (sb01) · Writes: confirm", "acme.sb01.workfront.com"}},
	} {
		if got := sidebarRowOf(c.p, c.state, edit.ModeOf(c.p), c.unsaved); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.p.Host, got, c.want)
		}
	}
}
