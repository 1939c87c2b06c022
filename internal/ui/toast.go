package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// A toast floats over the view, at the bottom in the middle, where the
// pager's count is: it takes no room of its own, so nothing moves under
// the pointer when it comes or goes, and it covers no button (the pager's
// are at its ends). A label is not tappable, so a click lands beneath it.

// toastBubble is the toast's label on a rounded background in the theme's
// colours.
type toastBubble struct {
	Label *widget.Label
	back  *canvas.Rectangle
	box   *fyne.Container
	layer *fyne.Container // places box; laid out again for each toast
}

func newToastBubble() *toastBubble {
	t := &toastBubble{Label: widget.NewLabel(""), back: canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))}
	t.Label.Importance = widget.SuccessImportance
	t.back.CornerRadius = theme.InputRadiusSize()
	t.back.StrokeWidth = 1
	t.box = container.NewStack(t.back, container.NewPadded(t.Label))
	t.Label.Hide()
	t.box.Hide()
	return t
}

// show shows text, in the colours of the theme now in use.
func (t *toastBubble) show(text string) {
	t.back.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	t.back.StrokeColor = theme.Color(theme.ColorNameSuccess)
	t.Label.SetText(text)
	t.Label.Show()
	t.box.Show()
	if t.layer != nil {
		t.layer.Refresh() // the words changed the bubble's size
	}
}

func (t *toastBubble) hide() {
	t.Label.Hide()
	t.box.Hide()
}

// over lays the toast over content.
func (t *toastBubble) over(content fyne.CanvasObject) fyne.CanvasObject {
	t.layer = container.New(toastLayout{}, t.box)
	return container.NewStack(content, t.layer)
}

// toastLayout puts the bubble at the bottom in the middle, its own size.
type toastLayout struct{}

func (toastLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size{} }

func (toastLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	for _, o := range objects {
		s := o.MinSize()
		s.Width = min(s.Width, size.Width-2*pad)
		o.Resize(s)
		o.Move(fyne.NewPos((size.Width-s.Width)/2, size.Height-s.Height-pad))
	}
}
