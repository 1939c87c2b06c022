package ui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// appTheme is Fyne's default theme (light or dark, as the system says) with
// state colours dark enough to read as text: Fyne's light green, orange and
// red on white are 1.5:1 to 3.7:1, under WCAG AA's 4.5:1 for text.
type appTheme struct{ fyne.Theme }

func newAppTheme() fyne.Theme { return appTheme{theme.DefaultTheme()} }

var lightStateColors = map[fyne.ThemeColorName]color.Color{
	theme.ColorNameSuccess: color.NRGBA{R: 0x1b, G: 0x7a, B: 0x2f, A: 0xff},
	theme.ColorNameWarning: color.NRGBA{R: 0x8f, G: 0x5a, B: 0x00, A: 0xff},
	theme.ColorNameError:   color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff},
}

// focusColor marks the control the keyboard is on. Fyne's is its primary
// blue at 16%, which on a button is hard to tell from no mark at all; at
// 40% (light) and 50% (dark) a person working by keyboard sees where they are.
var focusColor = map[fyne.ThemeVariant]color.Color{
	theme.VariantLight: color.NRGBA{R: 0x00, G: 0x6c, B: 0xff, A: 0x66},
	theme.VariantDark:  color.NRGBA{R: 0x1a, G: 0x7f, B: 0xff, A: 0x80},
}

func (t appTheme) Color(name fyne.ThemeColorName, variant fyne.ThemeVariant) color.Color {
	if name == theme.ColorNameFocus {
		if c, ok := focusColor[variant]; ok {
			return c
		}
	}
	if variant == theme.VariantLight {
		if c, ok := lightStateColors[name]; ok {
			return c
		}
	}
	return t.Theme.Color(name, variant)
}

// contrastRatio is WCAG 2's contrast ratio of two colours, 1 to 21.
func contrastRatio(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	channel := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(r) + 0.7152*channel(g) + 0.0722*channel(b)
}
