package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// tooltip is a label drawn in a layer above a view, not a pop-up: an
// overlay would take the next click for itself (a click outside a pop-up
// only closes it), so a click on what the tooltip describes would be lost.
// Neither of its parts is tappable, so clicks go through to what is below.
type tooltip struct {
	// Layer goes on top of the view it explains, in a Stack.
	Layer *fyne.Container
	bg    *canvas.Rectangle
	text  *canvas.Text
}

func newTooltip() *tooltip {
	t := &tooltip{bg: canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground)), text: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	t.bg.StrokeColor = theme.Color(theme.ColorNameShadow)
	t.bg.StrokeWidth = 1
	t.bg.CornerRadius = theme.InputRadiusSize()
	t.Layer = container.NewWithoutLayout(t.bg, t.text)
	t.Layer.Hide()
	return t
}

// ShowAt shows text near a point of the layer (relative to it), kept
// inside the layer.
func (t *tooltip) ShowAt(text string, at fyne.Position) {
	t.text.Text = text
	t.text.Color = theme.Color(theme.ColorNameForeground)
	t.text.TextSize = theme.TextSize()
	t.bg.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	pad := theme.InnerPadding() / 2
	size := t.text.MinSize().Add(fyne.NewSize(2*pad, 2*pad))
	room := t.Layer.Size()
	x := min(at.X+12, room.Width-size.Width)
	y := at.Y + 18
	if y+size.Height > room.Height {
		y = at.Y - size.Height - 6
	}
	x, y = max(0, x), max(0, y)
	t.bg.Move(fyne.NewPos(x, y))
	t.bg.Resize(size)
	t.text.Move(fyne.NewPos(x+pad, y+pad))
	t.text.Resize(t.text.MinSize())
	t.Layer.Show()
	t.Layer.Refresh()
}

// Hide takes the tooltip away.
func (t *tooltip) Hide() { t.Layer.Hide() }

// Text is what the tooltip says now ("" when hidden).
func (t *tooltip) Text() string {
	if !t.Layer.Visible() {
		return ""
	}
	return t.text.Text
}

// relative turns an absolute position into one relative to o.
func relative(o fyne.CanvasObject, abs fyne.Position) fyne.Position {
	return abs.Subtract(fyne.CurrentApp().Driver().AbsolutePositionForObject(o))
}
