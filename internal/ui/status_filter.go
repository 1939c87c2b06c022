package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/workfront"
)

// StatusFilter chooses several project statuses at once, listed in the
// order a project lives through them. None chosen means all.
type StatusFilter struct {
	Button *widget.Button
	// Checks are the choices while the list is open, for tests.
	Checks    map[string]*widget.Check
	popup     *widget.PopUp
	chosen    map[string]bool
	onChanged func()
}

func newStatusFilter(onChanged func()) *StatusFilter {
	f := &StatusFilter{chosen: map[string]bool{}, onChanged: onChanged}
	f.Button = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), f.Open)
	f.Button.IconPlacement = widget.ButtonIconTrailingText
	f.Button.Alignment = widget.ButtonAlignLeading
	f.render()
	return f
}

// Codes are the chosen status codes in lifecycle order; nil means all.
func (f *StatusFilter) Codes() []string {
	var out []string
	for _, s := range workfront.Statuses() {
		if f.chosen[s.Code] {
			out = append(out, s.Code)
		}
	}
	return out
}

// Set chooses these codes without running the search.
func (f *StatusFilter) Set(codes []string) {
	f.chosen = map[string]bool{}
	for _, c := range codes {
		f.chosen[c] = true
	}
	for code, c := range f.Checks {
		c.OnChanged = nil
		c.SetChecked(f.chosen[code])
		c.OnChanged = f.toggler(code)
	}
	f.render()
}

// Toggle chooses or drops one status and searches again.
func (f *StatusFilter) Toggle(code string, on bool) {
	if f.chosen[code] == on {
		return
	}
	if on {
		f.chosen[code] = true
	} else {
		delete(f.chosen, code)
	}
	f.render()
	f.onChanged()
}

func (f *StatusFilter) toggler(code string) func(bool) {
	return func(on bool) { f.Toggle(code, on) }
}

// render names the choice on the button: all, one status, or how many.
func (f *StatusFilter) render() {
	codes := f.Codes()
	switch len(codes) {
	case 0:
		f.Button.SetText(lang.L("All statuses"))
	case 1:
		f.Button.SetText(lang.L(workfront.StatusName(codes[0])))
	default:
		f.Button.SetText(fmt.Sprintf(lang.L("%d statuses"), len(codes)))
	}
}

// Open shows the statuses with a check each, under the button.
func (f *StatusFilter) Open() {
	c := fyne.CurrentApp().Driver().CanvasForObject(f.Button)
	if c == nil {
		return
	}
	f.Checks = map[string]*widget.Check{}
	list := container.NewVBox()
	for _, s := range workfront.Statuses() {
		check := widget.NewCheck(lang.L(s.Name), nil)
		check.SetChecked(f.chosen[s.Code])
		check.OnChanged = f.toggler(s.Code)
		f.Checks[s.Code] = check
		list.Add(check)
	}
	all := widget.NewButton(lang.L("All statuses"), func() {
		f.Set(nil)
		f.onChanged()
	})
	all.Importance = widget.LowImportance
	list.Add(widget.NewSeparator())
	list.Add(all)
	f.popup = widget.NewPopUp(list, c)
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(f.Button)
	f.popup.ShowAtPosition(at.Add(fyne.NewPos(0, f.Button.Size().Height)))
}
