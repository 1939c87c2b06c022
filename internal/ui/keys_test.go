package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/wfconnect/wfconnect/auth"
)

// TestTabShortcuts: Ctrl+1…7 show the tabs by their place, Ctrl+Tab and
// Ctrl+Shift+Tab step round them; all are menu items, so they work while a
// text field has focus.
func TestTabShortcuts(t *testing.T) {
	b := newFakeBackend(acme)
	b.setStatus(auth.Status{Profile: "Acme", State: auth.StateConnected, HasRefreshToken: true})
	h, _ := showAcme(t, b)
	m := h.app.Main
	for i, label := range []string{"Connection", "Projects", "Explore", "Reports", "History", "Admin", "Settings"} {
		it := menuItem(t, h.app, label)
		sc, ok := it.Shortcut.(*desktop.CustomShortcut)
		if !ok || sc.KeyName != fyne.KeyName(rune('1'+i)) || sc.Modifier != fyne.KeyModifierShortcutDefault {
			t.Errorf("%s: shortcut %v", label, it.Shortcut)
		}
		it.Action()
		if m.Tabs.SelectedIndex() != i {
			t.Errorf("%s showed tab %d", label, m.Tabs.SelectedIndex())
		}
	}
	next, prev := menuItem(t, h.app, "Next tab"), menuItem(t, h.app, "Previous tab")
	if sc := next.Shortcut.(*desktop.CustomShortcut); sc.KeyName != fyne.KeyTab || sc.Modifier != fyne.KeyModifierControl {
		t.Errorf("next tab: %v", sc)
	}
	if sc := prev.Shortcut.(*desktop.CustomShortcut); sc.KeyName != fyne.KeyTab || sc.Modifier != fyne.KeyModifierControl|fyne.KeyModifierShift {
		t.Errorf("previous tab: %v", sc)
	}
	next.Action() // from Settings, round to Connection
	if m.Tabs.SelectedIndex() != 0 {
		t.Errorf("Ctrl+Tab from the last tab showed %d", m.Tabs.SelectedIndex())
	}
	prev.Action()
	if m.Tabs.SelectedIndex() != 6 {
		t.Errorf("Ctrl+Shift+Tab from the first tab showed %d", m.Tabs.SelectedIndex())
	}
}

func pressKey(c fyne.Canvas, key fyne.KeyName) { c.OnTypedKey()(&fyne.KeyEvent{Name: key}) }

// TestEscClosesDialogsAndActivity: Esc answers the top dialog as its
// dismiss button does (the column picker keeps the columns), closes the
// About box, and closes the Activity window; F5 refreshes.
func TestEscClosesDialogsAndActivity(t *testing.T) {
	h, v, b := showExplore(t)
	c := h.app.Window.Canvas()
	before := slices.Clone(v.columns)
	v.ShowColumnPicker()
	if c.Overlays().Top() == nil {
		t.Fatal("the column picker did not open")
	}
	pressKey(c, fyne.KeyEscape)
	if c.Overlays().Top() != nil || !slices.Equal(v.columns, before) {
		t.Errorf("after Esc: dialog open %v, columns %v (were %v)", c.Overlays().Top() != nil, v.columns, before)
	}
	h.app.ShowAbout()
	pressKey(c, fyne.KeyEscape)
	if c.Overlays().Top() != nil {
		t.Error("Esc left the About box open")
	}
	pressKey(c, fyne.KeyEscape) // nothing open: nothing happens

	h.app.Opts.Activity = NewActivityLog()
	h.app.ShowActivity()
	w := h.app.ActivityWindow
	pressKey(w.Canvas(), fyne.KeyEscape)
	if slices.Contains(h.app.App.Driver().AllWindows(), w) {
		t.Error("Esc left the Activity window open")
	}

	h.app.Main.ShowProjects()
	h.q.until(t, "projects", func() bool { return h.app.Main.Projects != nil && len(h.app.Main.Projects.Grid.Objects) > 0 })
	searches := func() int { b.objects.mu.Lock(); defer b.objects.mu.Unlock(); return len(b.objects.searches) }
	n := searches()
	pressKey(c, fyne.KeyF5)
	h.q.until(t, "the refresh", func() bool { return searches() > n })
}
