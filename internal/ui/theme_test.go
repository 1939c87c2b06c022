package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TestLabelContrast: every colour a label or a state is written in reads at
// WCAG AA (4.5:1) on the background, in the light and the dark theme. Fyne's
// own light "success" green was 1.5:1.
func TestLabelContrast(t *testing.T) {
	th := newAppTheme()
	names := map[widget.Importance]fyne.ThemeColorName{
		widget.MediumImportance:  theme.ColorNameForeground,
		widget.SuccessImportance: theme.ColorNameSuccess,
		widget.WarningImportance: theme.ColorNameWarning,
		widget.DangerImportance:  theme.ColorNameError,
	}
	for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		bg := th.Color(theme.ColorNameBackground, variant)
		for importance, name := range names {
			if r := contrastRatio(th.Color(name, variant), bg); r < 4.5 {
				t.Errorf("variant %d: %s (importance %d) is %.2f:1 on the background; want >= 4.5", variant, name, importance, r)
			}
		}
		// Text on the state colours' own fills (the Delete button).
		for fill, text := range map[fyne.ThemeColorName]fyne.ThemeColorName{
			theme.ColorNameError:   theme.ColorNameForegroundOnError,
			theme.ColorNameSuccess: theme.ColorNameForegroundOnSuccess,
			theme.ColorNameWarning: theme.ColorNameForegroundOnWarning,
		} {
			if r := contrastRatio(th.Color(text, variant), th.Color(fill, variant)); r < 4.5 {
				t.Errorf("variant %d: %s on %s is %.2f:1; want >= 4.5", variant, text, fill, r)
			}
		}
	}
	if r := contrastRatio(theme.DefaultTheme().Color(theme.ColorNameSuccess, theme.VariantLight), theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight)); r >= 4.5 {
		t.Logf("Fyne's own light success colour now reads at %.2f:1", r)
	}
}

func TestContrastRatioKnownValues(t *testing.T) {
	black, white := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark), theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight)
	if r := contrastRatio(white, white); r != 1 {
		t.Errorf("white on white %.2f", r)
	}
	if r := contrastRatio(black, white); r < 17 {
		t.Errorf("near-black on white %.2f", r)
	}
}

// TestFocusIsVisible: the focus mark is strong enough to see on a button,
// in both variants (Fyne's own is 16% opaque).
func TestFocusIsVisible(t *testing.T) {
	th := newAppTheme()
	for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		_, _, _, a := th.Color(theme.ColorNameFocus, variant).RGBA()
		if a < 0x6000 {
			t.Errorf("variant %d: focus colour %.0f%% opaque", variant, float64(a)/0xffff*100)
		}
	}
}
