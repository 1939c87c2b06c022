package ui

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Bar is one bar of a chart: its label for people, its value, and the
// value as people read it.
type Bar struct {
	Label string
	Value float64
	Text  string
}

// BarChart draws bars side by side, one row each: the label (shortened,
// whole in the tooltip), the bar, the value. Colours come from the theme,
// so it reads in light and dark. Hovering a bar shows its value; a click
// calls OnTapped with the bar's index.
type BarChart struct {
	widget.BaseWidget
	Bars     []Bar
	OnTapped func(i int)
	// Hovered is the bar under the pointer (-1: none).
	Hovered int
	tip     *tooltip
}

// NewBarChart makes a chart of bars.
func NewBarChart(bars []Bar) *BarChart {
	c := &BarChart{Bars: bars, Hovered: -1, tip: newTooltip()}
	c.ExtendBaseWidget(c)
	return c
}

// SetBars replaces the bars.
func (c *BarChart) SetBars(bars []Bar) {
	c.Bars = bars
	c.Hovered = -1
	c.Refresh()
}

// chartLabelChars is how many characters of a label show before it is cut.
const chartLabelChars = 24

func (c *BarChart) rowHeight() float32 { return theme.TextSize() * 2.2 }

// barAt is the bar at a point (-1 between or below the bars).
func (c *BarChart) barAt(pos fyne.Position) int {
	i := int(pos.Y / c.rowHeight())
	if pos.Y < 0 || i >= len(c.Bars) {
		return -1
	}
	return i
}

// Tapped opens the group of the bar clicked.
func (c *BarChart) Tapped(e *fyne.PointEvent) {
	if i := c.barAt(e.Position); i >= 0 && c.OnTapped != nil {
		c.hideTip()
		c.OnTapped(i)
	}
}

// Cursor is the hand over the bars: they can be clicked.
func (c *BarChart) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (c *BarChart) MouseIn(e *desktop.MouseEvent) { c.MouseMoved(e) }

// MouseMoved shows the hovered bar's whole label and value.
func (c *BarChart) MouseMoved(e *desktop.MouseEvent) {
	i := c.barAt(e.Position)
	if i == c.Hovered {
		return
	}
	c.Hovered = i
	c.hideTip()
	c.Refresh()
	if i >= 0 {
		c.tip.ShowAt(c.TipText(), e.Position)
	}
}

func (c *BarChart) MouseOut() {
	c.Hovered = -1
	c.hideTip()
	c.Refresh()
}

// TipText is what hovering the hovered bar says ("" when none).
func (c *BarChart) TipText() string {
	if c.Hovered < 0 || c.Hovered >= len(c.Bars) {
		return ""
	}
	b := c.Bars[c.Hovered]
	return b.Label + ": " + b.Text
}

func (c *BarChart) hideTip() { c.tip.Hide() }

// PNG renders the chart at its present size or at least 640 px wide, in
// the current theme, under a title and a line that says what it shows (a
// chart in a slide or a mail must carry its own heading): what Save chart
// as PNG writes.
func (c *BarChart) PNG(title, note string) image.Image {
	copyOf := NewBarChart(c.Bars)
	width := max(c.Size().Width, 640)
	fg := theme.Color(theme.ColorNameForeground)
	pad := 2 * theme.Padding()
	chars := int((width - 2*pad) / 8)
	head := canvas.NewText(cut(title, chars), fg)
	head.TextSize = theme.TextSubHeadingSize()
	head.TextStyle.Bold = true
	sub := canvas.NewText(cut(note, chars*5/4), theme.Color(theme.ColorNamePlaceHolder))
	sub.TextSize = theme.CaptionTextSize()
	head.Move(fyne.NewPos(pad, pad))
	head.Resize(head.MinSize())
	sub.Move(fyne.NewPos(pad, pad+head.MinSize().Height))
	sub.Resize(sub.MinSize())
	top := 2*pad + head.MinSize().Height + sub.MinSize().Height
	chartSize := fyne.NewSize(width-2*pad, copyOf.MinSize().Height) // the bars, not the pane's empty room
	copyOf.Move(fyne.NewPos(pad, top))
	copyOf.Resize(chartSize)
	size := fyne.NewSize(width, top+chartSize.Height+pad)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	bg.Resize(size)
	page := container.New(placed{size}, bg, head, sub, copyOf)
	page.Resize(size)
	return software.Render(page, fyne.CurrentApp().Settings().Theme())
}

// placed keeps what it holds where it was put, at one size: the size the
// software renderer draws.
type placed struct{ size fyne.Size }

func (p placed) MinSize([]fyne.CanvasObject) fyne.Size { return p.size }
func (placed) Layout([]fyne.CanvasObject, fyne.Size)   {}

func (c *BarChart) MinSize() fyne.Size {
	c.ExtendBaseWidget(c)
	return fyne.NewSize(320, c.rowHeight()*float32(max(1, len(c.Bars))))
}

func (c *BarChart) CreateRenderer() fyne.WidgetRenderer {
	r := &barChartRenderer{c: c}
	r.Refresh()
	return r
}

type barChartRenderer struct {
	c       *BarChart
	labels  []*canvas.Text
	rects   []*canvas.Rectangle
	values  []*canvas.Text
	objects []fyne.CanvasObject
}

func (r *barChartRenderer) Destroy() {}

func (r *barChartRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *barChartRenderer) MinSize() fyne.Size { return r.c.MinSize() }

// Refresh rebuilds the bars with the theme's colours (light or dark).
func (r *barChartRenderer) Refresh() {
	n := len(r.c.Bars)
	for len(r.rects) < n {
		r.labels = append(r.labels, canvas.NewText("", color.Black))
		r.rects = append(r.rects, canvas.NewRectangle(color.Black))
		r.values = append(r.values, canvas.NewText("", color.Black))
	}
	r.labels, r.rects, r.values = r.labels[:n], r.rects[:n], r.values[:n]
	r.objects = r.objects[:0]
	fg := theme.Color(theme.ColorNameForeground)
	primary := theme.Color(theme.ColorNamePrimary)
	hover := theme.Color(theme.ColorNameFocus)
	for i, b := range r.c.Bars {
		r.labels[i].Text = cut(b.Label, chartLabelChars)
		r.labels[i].Color = fg
		r.labels[i].TextSize = theme.TextSize()
		r.values[i].Text = b.Text
		r.values[i].Color = fg
		r.values[i].TextSize = theme.TextSize()
		r.rects[i].FillColor = primary
		if i == r.c.Hovered {
			r.rects[i].FillColor = hover
			r.rects[i].StrokeColor = primary
			r.rects[i].StrokeWidth = 1
		} else {
			r.rects[i].StrokeWidth = 0
		}
		r.rects[i].CornerRadius = 2
		r.objects = append(r.objects, r.labels[i], r.rects[i], r.values[i])
	}
	r.objects = append(r.objects, r.c.tip.Layer) // drawn last: above the bars
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

// Layout puts each label in a column of its own, the bars after it scaled
// to the largest value, and each value just past its bar.
func (r *barChartRenderer) Layout(size fyne.Size) {
	r.c.tip.Layer.Resize(size)
	rowH := r.c.rowHeight()
	var labelW, valueW float32
	for i := range r.c.Bars {
		labelW = max(labelW, r.labels[i].MinSize().Width)
		valueW = max(valueW, r.values[i].MinSize().Width)
	}
	pad := theme.Padding()
	labelW = min(labelW, size.Width*0.4)
	barRoom := max(0, size.Width-labelW-valueW-4*pad)
	top := 0.0
	for _, b := range r.c.Bars {
		top = math.Max(top, b.Value)
	}
	for i, b := range r.c.Bars {
		y := float32(i) * rowH
		textH := r.labels[i].MinSize().Height
		r.labels[i].Move(fyne.NewPos(max(0, labelW-r.labels[i].MinSize().Width), y+(rowH-textH)/2))
		r.labels[i].Resize(r.labels[i].MinSize())
		w := float32(0)
		if top > 0 && b.Value > 0 {
			w = max(2, barRoom*float32(b.Value/top))
		}
		r.rects[i].Move(fyne.NewPos(labelW+pad, y+rowH*0.15))
		r.rects[i].Resize(fyne.NewSize(w, rowH*0.7))
		r.values[i].Move(fyne.NewPos(labelW+2*pad+w, y+(rowH-textH)/2))
		r.values[i].Resize(r.values[i].MinSize())
	}
}
