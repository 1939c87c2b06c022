package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// breadcrumbSteps is how many earlier steps show as links; older ones
// are under "…", a menu of them.
const breadcrumbSteps = 3

// breadcrumbChars is how much of a step's name shows before it is cut.
const breadcrumbChars = 32

// breadcrumb is the trail of links followed: each earlier step a link
// that returns to it, the current step in bold. It always keeps its row,
// so following a link moves nothing below it.
type breadcrumb struct {
	widget.BaseWidget
	// Text is the whole trail as read, "Project › Tasks of Apollo 1".
	Text string
	// OnStep returns to an earlier step, by its index in the trail.
	OnStep func(i int)
	// Links are the earlier steps' links on show; More holds the older ones.
	Links []*widget.Button
	More  *widget.Button
	box   *fyne.Container
	rowH  float32 // a link's height: the row kept when the trail is empty
}

func newBreadcrumb() *breadcrumb {
	b := &breadcrumb{box: container.NewHBox(), rowH: widget.NewButton("", nil).MinSize().Height}
	b.ExtendBaseWidget(b)
	return b
}

func (b *breadcrumb) CreateRenderer() fyne.WidgetRenderer { return &breadcrumbRenderer{b: b} }

// breadcrumbRenderer keeps one row's height whatever the trail holds, and
// asks for no width: a long trail must not widen the window.
type breadcrumbRenderer struct{ b *breadcrumb }

func (r *breadcrumbRenderer) MinSize() fyne.Size {
	return fyne.NewSize(0, max(r.b.box.MinSize().Height, r.b.rowH))
}

func (r *breadcrumbRenderer) Layout(size fyne.Size) {
	r.b.box.Move(fyne.NewPos(0, 0))
	r.b.box.Resize(fyne.NewSize(max(size.Width, r.b.box.MinSize().Width), size.Height))
}

func (r *breadcrumbRenderer) Refresh()                     { r.Layout(r.b.Size()); r.b.box.Refresh() }
func (r *breadcrumbRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.b.box} }
func (r *breadcrumbRenderer) Destroy()                     {}

// SetSteps shows the trail: steps[len-1] is where the person is.
func (b *breadcrumb) SetSteps(steps []string) {
	b.Text = strings.Join(steps, " › ")
	b.Links, b.More = nil, nil
	b.box.Objects = nil
	if len(steps) == 0 {
		b.Refresh()
		return
	}
	first := max(0, len(steps)-1-breadcrumbSteps)
	if first > 0 {
		b.More = widget.NewButton("…", nil)
		b.More.Importance = widget.LowImportance
		b.More.OnTapped = func() { b.showOlder(steps[:first]) }
		b.box.Add(b.More)
		b.box.Add(widget.NewLabel("›"))
	}
	for i := first; i < len(steps)-1; i++ {
		link := widget.NewButton(cut(steps[i], breadcrumbChars), func() { b.step(i) })
		link.Importance = widget.LowImportance
		b.Links = append(b.Links, link)
		b.box.Add(link)
		b.box.Add(widget.NewLabel("›"))
	}
	b.box.Add(bold(cut(steps[len(steps)-1], breadcrumbChars*2)))
	b.Refresh()
}

func (b *breadcrumb) step(i int) {
	if b.OnStep != nil {
		b.OnStep(i)
	}
}

// showOlder lists the steps "…" stands for, to return to one.
func (b *breadcrumb) showOlder(older []string) {
	c := fyne.CurrentApp().Driver().CanvasForObject(b)
	if c == nil {
		return
	}
	items := make([]*fyne.MenuItem, len(older))
	for i, s := range older {
		items[i] = fyne.NewMenuItem(cleanCell(s), func() { b.step(i) })
	}
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(b.More).AddXY(0, b.More.Size().Height)
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu(lang.L("Earlier steps"), items...), c, at)
}
