package ui

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/auth"
)

// Markup golden files (testdata/*.xml, as Fyne's own widget tests keep
// them) pin what each view shows, widget by widget, so that moving a view
// to another file or structure is checked against how it looked. They
// change only where a look changes on purpose: a failing one writes what
// it saw to testdata/failed/ (git-ignored); read the difference, then copy
// that file over the master.

// golden renders the harness's window at the app's default size.
func golden(t *testing.T, h *harness, name string) {
	t.Helper()
	h.app.Window.Resize(fyne.NewSize(1040, 680))
	test.AssertRendersToMarkup(t, name, h.app.Window.Canvas())
}

func TestGoldenExploreRowsAndDetails(t *testing.T) {
	h, v, _ := showExplore(t)
	v.Select(0)
	h.q.until(t, "the details", func() bool { return detailsSay(v, "Percent Complete") })
	golden(t, h, "explore_rows_details.xml")
}

func TestGoldenProjects(t *testing.T) {
	h, _ := showProjects(t, newFakeBackend(acme))
	golden(t, h, "projects.xml")
}

func TestGoldenConnectionNotConnected(t *testing.T) {
	h, _ := showAcme(t, newFakeBackend(acme))
	golden(t, h, "connection_not_connected.xml")
}

func TestGoldenConnectionConnected(t *testing.T) {
	b := newFakeBackend(acme)
	b.setStatus(auth.Status{Profile: "Acme", State: auth.StateConnected, HasRefreshToken: true})
	h, c := showAcme(t, b)
	// Who is signed in is asked for once connected: wait for the answer,
	// or the markup depends on which comes first.
	h.q.until(t, "who is signed in", func() bool { return c.SignedInAs.Text != "—" })
	golden(t, h, "connection_connected.xml")
}

func TestGoldenEmptyState(t *testing.T) {
	h := newHarness(t, newFakeBackend())
	m := h.app.Main
	h.q.until(t, "the empty state", func() bool { return len(m.Detail.Objects) == 1 && m.Detail.Objects[0] == m.Empty.Content })
	golden(t, h, "empty_state.xml")
}

// TestGoldenFormPerKind: the new-connection form for each of the four
// kinds, by the kind table's order (web, spa, jwt, ims).
func TestGoldenFormPerKind(t *testing.T) {
	h := newHarness(t, newFakeBackend())
	m := h.app.Main
	m.ShowNewForm()
	for i, name := range []string{"form_web.xml", "form_spa.xml", "form_jwt.xml", "form_ims.xml"} {
		m.Form.Kind.SetSelectedIndex(i)
		golden(t, h, name)
	}
}

func TestGoldenReportsChart(t *testing.T) {
	b := newFakeBackend(acme)
	b.setStatus(auth.Status{Profile: "Acme", State: auth.StateConnected, HasRefreshToken: true})
	h, _ := showAcme(t, b)
	m := h.app.Main
	m.Tabs.Select(m.reportsTab)
	h.q.until(t, "the chart", func() bool { return len(m.Reports.Chart.Bars) == 9 })
	golden(t, h, "reports_chart.xml")
}

// fakeTimers is an AfterFunc that runs nothing until fire.
type fakeTimers struct{ pending []func() }

type fakeTimer struct{}

func (fakeTimer) Stop() bool { return true }

func (f *fakeTimers) AfterFunc(d time.Duration, fn func()) Timer {
	f.pending = append(f.pending, fn)
	return fakeTimer{}
}

func (f *fakeTimers) fire() {
	due := f.pending
	f.pending = nil
	for _, fn := range due {
		fn()
	}
}

// TestToastUsesTheInjectedClock: the toast goes away when its timer fires,
// not after four seconds of real time.
func TestToastUsesTheInjectedClock(t *testing.T) {
	h := newHarness(t, newFakeBackend(acme))
	timers := &fakeTimers{}
	h.app.Opts.AfterFunc = timers.AfterFunc
	m := h.app.Main
	m.ShowToast("Copied")
	if !m.Toast.Visible() || len(timers.pending) != 1 {
		t.Fatalf("toast shown %v, %d timers", m.Toast.Visible(), len(timers.pending))
	}
	timers.fire()
	h.q.until(t, "the toast gone", func() bool { return !m.Toast.Visible() })
}

// TestToastMovesNothing: a toast floats over the view; nothing under the
// pointer moves when it comes or goes, and it covers neither pager button.
func TestToastMovesNothing(t *testing.T) {
	h, v := showProjects(t, newFakeBackend(acme))
	h.app.Window.Resize(fyne.NewSize(1040, 680))
	d := fyne.CurrentApp().Driver()
	where := func() []fyne.Position {
		return []fyne.Position{d.AbsolutePositionForObject(v.Search), d.AbsolutePositionForObject(v.ExportButton),
			d.AbsolutePositionForObject(v.Grid.Table), d.AbsolutePositionForObject(v.Next)}
	}
	before := where()
	m := h.app.Main
	m.ShowToast("Copied the search as a curl command.")
	if after := where(); !slices.Equal(before, after) {
		t.Errorf("the toast moved the view: %v, then %v", before, after)
	}
	bubble := m.toast.box
	at, size := d.AbsolutePositionForObject(bubble), bubble.Size()
	for _, b := range []fyne.CanvasObject{v.Prev, v.Next} {
		bp, bs := d.AbsolutePositionForObject(b), b.Size()
		if at.X < bp.X+bs.Width && bp.X < at.X+size.Width && at.Y < bp.Y+bs.Height && bp.Y < at.Y+size.Height {
			t.Errorf("the toast (%v %v) covers a pager button (%v %v)", at, size, bp, bs)
		}
	}
	golden(t, h, "projects_toast.xml")
}

// TestConnectInSight: at the default window size a connection's actions
// (Connect first) are in sight without scrolling, in every kind's panel.
func TestConnectInSight(t *testing.T) {
	h, c := showAcme(t, newFakeBackend(acme))
	h.app.Window.Resize(fyne.NewSize(1040, 680))
	d := fyne.CurrentApp().Driver()
	for _, b := range []*widget.Button{c.ConnectButton, c.DisconnectButton} {
		if at := d.AbsolutePositionForObject(b); at.Y+b.Size().Height > 680/2 {
			t.Errorf("%q sits at y=%v, below the top half of a 680 px window", b.Text, at.Y)
		}
	}
}
