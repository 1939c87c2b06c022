package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/wfconnect/wfconnect/auth"
)

func menuItem(t *testing.T, u *App, label string) *fyne.MenuItem {
	t.Helper()
	for _, m := range u.Window.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no menu item %q", label)
	return nil
}

func TestMenuShortcuts(t *testing.T) {
	b := newFakeBackend(acme)
	b.setStatus(auth.Status{Profile: "Acme", State: auth.StateConnected})
	h, _ := showAcme(t, b)
	u := h.app
	ctrl := fyne.KeyModifierShortcutDefault
	for label, key := range map[string]fyne.KeyName{"New connection": fyne.KeyN, "Close tab": fyne.KeyW, "Find projects": fyne.KeyF, "Refresh projects": fyne.KeyR} {
		sc, ok := menuItem(t, u, label).Shortcut.(*desktop.CustomShortcut)
		if !ok || sc.KeyName != key || sc.Modifier != ctrl {
			t.Errorf("%s: shortcut %v", label, sc)
		}
	}
	menuItem(t, u, "Find projects").Action()
	if u.Window.Canvas().Focused() != u.Main.Projects.Search {
		t.Error("Ctrl+F did not focus the project search")
	}
	h.q.until(t, "the first page", func() bool { return len(u.Main.Projects.Grid.Objects) > 0 })
	before := h.backend.projects.searchCount()
	menuItem(t, u, "Refresh projects").Action()
	h.q.until(t, "a reload", func() bool { return h.backend.projects.searchCount() == before+1 })
	menuItem(t, u, "New connection").Action()
	if u.Main.Form == nil || u.Main.Form.mode != formAdd || u.Window.Canvas().Focused() != u.Main.Form.Name {
		t.Error("Ctrl+N did not open a focused new form")
	}
}

func TestWindowSizeRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	u := New(a, newFakeBackend(), Options{Do: newUIQueue().do})
	u.Window.Resize(fyne.NewSize(900, 600))
	u.rememberSize()
	if w := a.Preferences().Float(prefWidth); w != 900 {
		t.Errorf("saved width %v", w)
	}
	u2 := New(a, newFakeBackend(), Options{Do: newUIQueue().do})
	if s := u2.Window.Canvas().Size(); s.Width != 900 || s.Height != 600 {
		t.Errorf("restored %v", s)
	}
}

func TestSetupGuideCopiesRedirect(t *testing.T) {
	h := newHarness(t, newFakeBackend())
	g := NewSetupGuide(h.app, "http://127.0.0.1:9999/cb")
	test.Tap(g.CopyButton)
	if h.app.App.Clipboard().Content() != "http://127.0.0.1:9999/cb" {
		t.Error("Copy did not copy the redirect URL")
	}
}

func TestActivityWindowFollowsTheLog(t *testing.T) {
	a := test.NewTempApp(t)
	q := newUIQueue()
	log := NewActivityLog()
	u := New(a, newFakeBackend(), Options{Do: q.do, Activity: log})
	log.Append("GET /attask/api/v21.0/proj/search -> 200 in 12ms")
	menuItem(t, u, "Activity").Action()
	if u.Activity == nil || len(u.Activity.lines) != 1 {
		t.Fatal("the Activity window does not show the log")
	}
	for i := 0; i < activityLimit+5; i++ {
		log.Append(fmt.Sprintf("line %d", i))
	}
	q.until(t, "the new lines", func() bool { return len(u.Activity.lines) == activityLimit })
	if last := u.Activity.lines[activityLimit-1]; !strings.HasSuffix(last, fmt.Sprintf("line %d", activityLimit+4)) {
		t.Errorf("last line %q", last)
	}
	u.ActivityWindow.Close()
	log.Append("after close") // must not touch the closed window
	q.drain()
}
