package ui

import (
	"maps"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The columns' order, widths and pins, which a saved query keeps: a
// header dragged sideways moves its column, a header's menu moves, pins
// and hides it, and pinned columns stay at the left while the rest
// scroll (Name is pinned until people unpin it).

// headerButton is a column's header: a tap sorts, a right-click shows the
// column's menu.
type headerButton struct {
	widget.Button
	g   *objectGrid
	col int
}

func newHeaderButton(g *objectGrid) *headerButton {
	b := &headerButton{g: g}
	b.Importance = widget.LowImportance
	b.Alignment = widget.ButtonAlignLeading
	b.IconPlacement = widget.ButtonIconTrailingText
	b.ExtendBaseWidget(b)
	return b
}

// TappedSecondary shows the column's menu.
func (b *headerButton) TappedSecondary(e *fyne.PointEvent) {
	c := fyne.CurrentApp().Driver().CanvasForObject(b)
	if c == nil {
		return
	}
	b.g.HeaderMenu = b.g.columnMenu(b.col)
	widget.NewPopUpMenu(b.g.HeaderMenu, c).ShowAtPosition(e.AbsolutePosition)
}

// columnMenu is a column's menu: move, pin, hide.
func (g *objectGrid) columnMenu(col int) *fyne.Menu {
	if col < 0 || col >= len(g.cols) {
		return fyne.NewMenu("")
	}
	left := fyne.NewMenuItem(lang.L("Move left"), func() { g.move(col, col-1) })
	left.Disabled = col == 0
	left.Icon = theme.NavigateBackIcon()
	right := fyne.NewMenuItem(lang.L("Move right"), func() { g.move(col, col+1) })
	right.Disabled = col == len(g.cols)-1
	right.Icon = theme.NavigateNextIcon()
	pin := fyne.NewMenuItem(lang.L("Pin to the left"), func() { g.setPinned(col, true) })
	if col < g.pinned {
		pin = fyne.NewMenuItem(lang.L("Unpin"), func() { g.setPinned(col, false) })
	}
	hide := fyne.NewMenuItem(lang.L("Hide column"), func() {
		if g.OnHide != nil {
			g.OnHide(col)
		}
	})
	hide.Disabled = len(g.cols) == 1
	return fyne.NewMenu("", left, right, fyne.NewMenuItemSeparator(), pin, hide)
}

// move puts column from at to; the view is told, and keeps the order.
// A column moved into the pinned ones is pinned, one moved out is not.
func (g *objectGrid) move(from, to int) {
	if from == to || from < 0 || to < 0 || from >= len(g.cols) || to >= len(g.cols) {
		return
	}
	switch {
	case from >= g.pinned && to < g.pinned:
		g.pinned++
	case from < g.pinned && to >= g.pinned:
		g.pinned--
	}
	if g.OnMove != nil {
		g.OnMove(from, to)
	}
}

// setPinned pins a column (it moves to the end of the pinned ones) or
// unpins it (it moves to just after them).
func (g *objectGrid) setPinned(col int, on bool) {
	if on {
		g.pinned++
		g.moveTo(col, g.pinned-1)
		return
	}
	g.pinned--
	g.moveTo(col, g.pinned)
}

func (g *objectGrid) moveTo(from, to int) {
	if from != to && g.OnMove != nil {
		g.OnMove(from, to)
	}
	g.applyPins()
}

// applyPins keeps the pinned columns at the left while the rest scroll.
// At least one column scrolls; the count is kept while there are no
// columns yet (a query opening).
func (g *objectGrid) applyPins() {
	g.pinned = max(0, g.pinned)
	g.Table.StickyColumnCount = min(g.pinned, max(0, len(g.cols)-1))
	g.Table.Refresh()
}

// Pinned is how many columns, from the left, are pinned.
func (g *objectGrid) Pinned() int { return min(g.pinned, len(g.cols)) }

// SetPinned pins the first n columns.
func (g *objectGrid) SetPinned(n int) {
	g.pinned = n
	g.applyPins()
}

// Widths are the widths people chose, by field, as a saved query keeps
// them (the others fit their text, and Name takes the slack).
func (g *objectGrid) Widths() map[string]float32 {
	if len(g.fixed) == 0 {
		return nil
	}
	return maps.Clone(g.fixed)
}

// SetWidths keeps these widths for the next columns shown instead of
// fitting them to their text (a saved query's).
func (g *objectGrid) SetWidths(w map[string]float32) {
	g.fixed = maps.Clone(w)
	_, g.nameFixed = g.fixedWidth("name")
}

// fixedWidth is a width kept for a column, if any.
func (g *objectGrid) fixedWidth(path string) (float32, bool) {
	w, ok := g.fixed[path]
	return w, ok && w >= minFitWidth
}

// columnAt is the column under x in the header, or -1.
func (g *objectGrid) columnAt(x float32) int {
	sep := theme.SeparatorThicknessSize()
	var edge float32
	for i, c := range g.cols {
		edge += c.width + sep
		if x < edge {
			return i
		}
	}
	return -1
}

// headerDragged follows a drag that began on a header, away from its
// edges: on release, the column moves to where it was dropped.
func (t *dataTable) headerDragged(e *fyne.DragEvent) bool {
	if t.moveCol < 0 {
		start := e.Position.Subtract(e.Dragged)
		if start.Y > t.headerHeight() || t.g.boundaryAt(start.X) >= 0 {
			return false
		}
		t.moveCol = t.g.columnAt(start.X)
	}
	t.moveTo = t.g.columnAt(e.Position.X)
	return t.moveCol >= 0
}

// headerDropped moves the dragged column; it reports whether one was.
func (t *dataTable) headerDropped() bool {
	from, to := t.moveCol, t.moveTo
	t.moveCol, t.moveTo = -1, -1
	if from < 0 {
		return false
	}
	if to < 0 {
		to = len(t.g.cols) - 1
	}
	t.g.move(from, to)
	return true
}

// TypedShortcut moves the selected cell's column with the keyboard:
// Ctrl+Shift+Left and Ctrl+Shift+Right, as a header's menu does.
func (t *dataTable) TypedShortcut(s fyne.Shortcut) {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || cs.Modifier != fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift {
		return
	}
	col := t.g.selCol
	switch cs.KeyName {
	case fyne.KeyLeft:
		t.g.move(col, col-1)
		t.g.selCol = max(0, col-1)
	case fyne.KeyRight:
		t.g.move(col, col+1)
		t.g.selCol = min(len(t.g.cols)-1, col+1)
	}
}
