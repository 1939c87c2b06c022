package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/query"
	"github.com/wfconnect/wfconnect/workfront"
)

// Workfront's text mode in Explore: a report's text-mode filter pasted
// becomes the same filter rows (and the same request); the rows copied
// as text mode paste into a report's filter.

// textModeDialog is the open Paste text mode dialog, for tests.
type textModeDialog struct {
	Text    *widget.Entry
	Preview *widget.Label
	Apply   *widget.Button
	dlg     dialog.Dialog
	parsed  query.Parsed
	err     error
}

// textModePreview says what the pasted lines become: how many field
// rows, OR groups and EXISTS filters, and each line kept as written,
// with its number and why.
func textModePreview(p query.Parsed, err error, known func(string) bool) string {
	if err != nil {
		return ErrorText(err)
	}
	if len(p.Filters) == 0 {
		return lang.L("Paste a filter from a Workfront report's text mode: one field=value or field_Mod=… per line; OR:1: and EXISTS: lines too.")
	}
	split := query.SplitFilters(p.Filters, known)
	groups := map[string]bool{}
	for _, r := range split.Rows {
		if r.Group != "" {
			groups[r.Group] = true
		}
	}
	lines := []string{fmt.Sprintf(lang.L("%d filter rows (%d OR groups), %d EXISTS filters, %d parameters kept as written."),
		len(split.Rows), len(groups), len(split.Exists), len(split.Raw)+len(p.Kept))}
	for _, k := range p.Kept {
		lines = append(lines, fmt.Sprintf(lang.L("Line %d kept as written (%s): %s"), k.N, lang.L(k.Why), cleanCell(k.Text)))
	}
	for _, f := range split.Raw {
		lines = append(lines, fmt.Sprintf(lang.L("Kept as written, not a field of this type: %s"), cleanCell(f.Key+"="+f.Value)))
	}
	return strings.Join(lines, "\n")
}

// ShowPasteTextMode opens the dialog that takes a report's text mode.
func (v *BrowserView) ShowPasteTextMode() {
	d := &textModeDialog{}
	d.Text = widget.NewMultiLineEntry()
	d.Text.SetPlaceHolder(lang.L("One per line, for example:") + "\nstatus=INP\nstatus_Mod=in\nOR:1:priority=4\nEXISTS:a:$$OBJCODE=HOUR") // Workfront's syntax, in no language
	d.Text.SetMinRowsVisible(10)
	d.Preview = widget.NewLabel("")
	d.Preview.Wrapping = fyne.TextWrapWord
	d.Apply = widget.NewButton(lang.L("Apply"), func() { v.applyTextMode(d) })
	d.Apply.Importance = widget.HighImportance
	d.Text.OnChanged = func(text string) {
		d.parsed, d.err = query.Parse(text)
		d.Preview.SetText(textModePreview(d.parsed, d.err, v.knownField))
		setEnabled(d.Apply, d.err == nil && len(d.parsed.Filters) > 0)
	}
	d.Text.OnChanged("")
	cancel := widget.NewButton(lang.L("Cancel"), func() { d.dlg.Hide() })
	body := container.NewBorder(nil, container.NewVBox(d.Preview, container.NewHBox(layout.NewSpacer(), cancel, d.Apply)), nil, nil, d.Text)
	d.dlg = dialog.NewCustomWithoutButtons(lang.L("Paste text mode"), container.NewGridWrap(fyne.NewSize(620, 380), body), v.deps.Window)
	v.TextMode = d
	d.dlg.Show()
	v.deps.Window.Canvas().Focus(d.Text)
}

// applyTextMode replaces the filter rows with the pasted lines and
// searches once.
func (v *BrowserView) applyTextMode(d *textModeDialog) {
	if d.err != nil || len(d.parsed.Filters) == 0 {
		return
	}
	d.dlg.Hide()
	v.PasteTextMode(d.parsed.Filters)
}

// PasteTextMode shows text-mode parameters as the filter rows.
func (v *BrowserView) PasteTextMode(fs []workfront.Filter) {
	v.setFilters(fs)
	v.first = 0
	v.Reload()
}

// TextModeLines are the search's filters as text mode: the name search
// as Workfront writes it, the scope, the statuses, then the rows.
func (v *BrowserView) TextModeLines() string {
	s := v.search()
	return query.Format(s.Filters)
}

// CopyTextMode copies the filters as text mode (Ctrl+Shift+C).
func (v *BrowserView) CopyTextMode() {
	text := v.TextModeLines()
	if text == "" {
		v.deps.Toast(lang.L("No filters to copy."))
		return
	}
	v.deps.Clipboard(text)
	v.deps.Toast(fmt.Sprintf(lang.L("Copied %d lines of text mode"), strings.Count(text, "\n")+1))
}
