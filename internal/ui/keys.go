package ui

import (
	"reflect"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// The keyboard beyond the menus' shortcuts: Ctrl+1…7 and Ctrl+Tab between
// tabs (menu items, so they work while a text field has focus), and the
// keys without a modifier, which Fyne hands to the window only while no
// text field has focus: Esc answers the top dialog as its Cancel or Close
// button would, F10 opens the menus (Alt does by Fyne itself), F5
// refreshes.

// tabLabels are the connection's tabs' names, in their places.
func tabLabels() []string {
	return []string{lang.L("Connection"), lang.L("Projects"), lang.L("Explore"), lang.L("Reports"), lang.L("History"), lang.L("Admin"), lang.L("Settings")}
}

// tabMenuItems are the View menu's entries for the tabs.
func (u *App) tabMenuItems(item func(string, fyne.KeyName, fyne.KeyModifier, func()) *fyne.MenuItem) []*fyne.MenuItem {
	ctrl := fyne.KeyModifierShortcutDefault
	items := []*fyne.MenuItem{fyne.NewMenuItemSeparator()}
	for i, name := range tabLabels() {
		items = append(items, item(name, fyne.KeyName(rune('1'+i)), ctrl, func() { u.Main.SelectTab(i) }))
	}
	return append(items,
		item(lang.L("Next tab"), fyne.KeyTab, fyne.KeyModifierControl, func() { u.stepTab(1) }),
		item(lang.L("Previous tab"), fyne.KeyTab, fyne.KeyModifierControl|fyne.KeyModifierShift, func() { u.stepTab(-1) }))
}

// SelectTab shows the connection's i-th tab (0: Connection … 6: Settings).
func (m *MainView) SelectTab(i int) {
	if m.Tabs != nil && i >= 0 && i < len(m.Tabs.Items) {
		m.Tabs.SelectIndex(i)
	}
}

// StepTab shows the next tab (dir 1) or the previous one (-1), round.
func (m *MainView) StepTab(dir int) {
	if m.Tabs == nil || len(m.Tabs.Items) == 0 {
		return
	}
	n := len(m.Tabs.Items)
	m.Tabs.SelectIndex(((m.Tabs.SelectedIndex()+dir)%n + n) % n)
}

// installKeys handles the keys without a modifier, in the main window.
func (u *App) installKeys(refresh func()) {
	u.Window.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		switch e.Name {
		case fyne.KeyEscape:
			closeTopDialog(u.Window.Canvas())
		case fyne.KeyF10:
			// Fyne's window canvas can open its menu bar; it has no
			// public name for it.
			if c, ok := u.Window.Canvas().(interface{ ToggleMenu() }); ok {
				c.ToggleMenu()
			}
		case fyne.KeyF5:
			refresh()
		}
	})
}

// escClosesWindow makes Esc close a secondary window (Activity).
func escClosesWindow(w fyne.Window) {
	w.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape {
			w.Close()
		}
	})
}

// closeTopDialog presses the top dialog's dismiss button (Cancel, Close or
// No), so that Esc ends it as that button does: a question is answered no,
// an export in progress is canceled. It reports whether there was one.
func closeTopDialog(c fyne.Canvas) bool {
	top, ok := unwrapOverlay(c.Overlays().Top()).(*widget.PopUp)
	if !ok || top == nil {
		return false
	}
	b := dismissButton(top.Content)
	if b == nil || b.Disabled() || b.OnTapped == nil {
		return false
	}
	b.OnTapped()
	return true
}

// unwrapOverlay is the pop-up an overlay holds. Fyne 2.8 wraps each in an
// internal OverlayContainer whose exported Content field is the pop-up;
// the type cannot be named from outside Fyne, so the field is read by name.
func unwrapOverlay(o fyne.CanvasObject) fyne.CanvasObject {
	if o == nil {
		return nil
	}
	if _, ok := o.(*widget.PopUp); ok {
		return o
	}
	v := reflect.ValueOf(o)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return o
	}
	if f := v.Elem().FieldByName("Content"); f.IsValid() && f.CanInterface() {
		if inner, ok := f.Interface().(fyne.CanvasObject); ok {
			return inner
		}
	}
	return o
}

// dismissButton finds the button that dismisses a dialog, by its words.
func dismissButton(o fyne.CanvasObject) *widget.Button {
	words := map[string]bool{lang.L("Cancel"): true, lang.L("Close"): true, lang.L("No"): true}
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Button:
			if found == nil && words[o.Text] && o.Visible() {
				found = o
			}
		case *fyne.Container:
			for _, child := range o.Objects {
				walk(child)
			}
		}
	}
	walk(o)
	return found
}
