package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The small widgets every view repeats, made once.

// wrapped is a label that wraps at word boundaries.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// notice is a wrapped label in a state's colour (an error, a warning),
// hidden until it has something to say.
func notice(importance widget.Importance) *widget.Label {
	l := wrapped("")
	l.Importance = importance
	l.Hide()
	return l
}

// fieldError is a field's message in a slot of one line that is kept
// whether or not there is a message: one appearing or going moves no field
// below it. A longer message is cut here and said whole elsewhere.
func fieldError() (*widget.Label, fyne.CanvasObject) {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.SizeName = theme.SizeNameCaptionText
	l.Truncation = fyne.TextTruncateEllipsis
	l.Hide()
	return l, container.New(lineSlot{}, l)
}

// lineSlot is one line of caption text high, whatever it holds: the label
// inside keeps its own padding, drawn over the slot's edges, so that an
// empty slot costs a line of text and not a whole label.
type lineSlot struct{}

func (lineSlot) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(0, theme.CaptionTextSize()*1.4)
}

func (lineSlot) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, (size.Height-h)/2))
		o.Resize(fyne.NewSize(size.Width, h))
	}
}

// help is a wrapped caption that explains the control above it.
func help(text string) *widget.Label {
	l := wrapped(text)
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// bold is a label in bold.
func bold(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// copyButton copies what text returns and says "Copied".
func copyButton(label string, text func() string, clipboard func(string), toast func(string)) *widget.Button {
	return widget.NewButtonWithIcon(label, theme.ContentCopyIcon(), func() {
		clipboard(text())
		toast(lang.L("Copied"))
	})
}

func setEnabled(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

// pagerLook is what a pager shows: the span on show and of how many, and
// which way it can go.
type pagerLook struct {
	Text           string
	PrevOn, NextOn bool
}

// pagerOf decides a pager from the first row shown (0-based), how many are
// shown, the total (-1 when Workfront has not said yet) and the page size.
// Projects and Explore page the same way.
func pagerOf(first, shown, total, pageSize int) pagerLook {
	l := pagerLook{PrevOn: first > 0, NextOn: shown == pageSize && (total < 0 || first+shown < total)}
	switch {
	case total < 0 && shown == 0: // nothing asked yet, or the answer is on its way
	case total == 0 || shown == 0:
		l.Text = lang.L("Nothing matches.")
	case total > 0:
		l.Text = fmt.Sprintf(lang.L("%s–%s of %s"), thousands(first+1), thousands(first+shown), thousands(total))
	default:
		l.Text = fmt.Sprintf(lang.L("%s–%s"), thousands(first+1), thousands(first+shown))
	}
	return l
}

// setTextQuietly sets an entry's text without running its OnChanged (a
// search box emptied by the program must not search).
func setTextQuietly(e *widget.Entry, text string) {
	changed := e.OnChanged
	e.OnChanged = nil
	e.SetText(text)
	e.OnChanged = changed
}
