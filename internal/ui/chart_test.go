package ui

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// TestBarChart: bars scale to the largest value, a long label is cut on
// the chart and whole in the tooltip, a click names its bar, and the PNG
// is drawn in the theme's colours, light and dark.
func TestBarChart(t *testing.T) {
	a := test.NewTempApp(t)
	bars := []Bar{{Label: "Current", Value: 120, Text: "120"}, {Label: "A status with a very long name indeed", Value: 30, Text: "30"}, {Label: "Dead", Value: 0, Text: "0"}}
	c := NewBarChart(bars)
	w := a.NewWindow("chart")
	w.SetContent(c)
	w.Resize(fyne.NewSize(600, 200))
	r := test.WidgetRenderer(c).(*barChartRenderer)
	if r.rects[0].Size().Width <= 3*r.rects[1].Size().Width || r.rects[2].Size().Width != 0 {
		t.Errorf("bar widths %v %v %v: not to scale", r.rects[0].Size().Width, r.rects[1].Size().Width, r.rects[2].Size().Width)
	}
	if got := r.labels[1].Text; len([]rune(got)) != chartLabelChars || got[len(got)-3:] != "…" {
		t.Errorf("long label drawn as %q", got)
	}
	row := c.rowHeight()
	c.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(300, row*1.5)}})
	if c.TipText() != "A status with a very long name indeed: 30" {
		t.Errorf("tooltip %q", c.TipText())
	}
	c.MouseOut()
	tapped := -1
	c.OnTapped = func(i int) { tapped = i }
	c.Tapped(&fyne.PointEvent{Position: fyne.NewPos(200, row*0.5)})
	if tapped != 0 {
		t.Errorf("a click on the first bar named %d", tapped)
	}
	c.Tapped(&fyne.PointEvent{Position: fyne.NewPos(200, row*5)})
	if tapped != 0 {
		t.Error("a click below the bars named one")
	}

	for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		a.Settings().SetTheme(&variantTheme{Theme: theme.DefaultTheme(), variant: variant})
		img := c.PNG("Project by Status: Number of objects", "All objects of the type. · Acme · 3 Dec 2026")
		if img.Bounds().Dx() < 600 || img.Bounds().Dy() < int(c.MinSize().Height)+40 {
			t.Fatalf("PNG %v: no room for the title above %v of bars", img.Bounds(), c.MinSize())
		}
		ink := theme.DefaultTheme().Color(theme.ColorNameForeground, variant)
		titled := 0
		for y := 0; y < 30; y++ {
			for x := 0; x < 300; x++ {
				if near(img.At(x, y), ink) {
					titled++
				}
			}
		}
		if titled < 50 {
			t.Errorf("variant %d: the title is not drawn at the top (%d pixels of text)", variant, titled)
		}
		want := theme.DefaultTheme().Color(theme.ColorNamePrimary, variant)
		bg := theme.DefaultTheme().Color(theme.ColorNameBackground, variant)
		var primary, background int
		for y := 0; y < img.Bounds().Dy(); y++ {
			for x := 0; x < img.Bounds().Dx(); x++ {
				switch px := img.At(x, y); {
				case same(px, want):
					primary++
				case same(px, bg):
					background++
				}
			}
		}
		if primary < 1000 || background < 1000 {
			t.Errorf("variant %d: %d primary and %d background pixels", variant, primary, background)
		}
	}
}

func same(a, b color.Color) bool {
	r1, g1, b1, _ := a.RGBA()
	r2, g2, b2, _ := b.RGBA()
	return r1>>8 == r2>>8 && g1>>8 == g2>>8 && b1>>8 == b2>>8
}

// near is a colour within a few steps of another (text is antialiased).
func near(a, b color.Color) bool {
	r1, g1, b1, _ := a.RGBA()
	r2, g2, b2, _ := b.RGBA()
	d := func(x, y uint32) int { return max(int(x>>8)-int(y>>8), int(y>>8)-int(x>>8)) }
	return d(r1, r2) < 24 && d(g1, g2) < 24 && d(b1, b2) < 24
}
