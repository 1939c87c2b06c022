package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/query"
	"github.com/wfconnect/wfconnect/workfront"
)

// The browser's two menu buttons: Add filter (a field, an EXISTS filter,
// a parameter as written) and Query (save, saved and recent queries, text
// mode, Workfront's saved filters, the type's named queries).

// popUpMenuAt shows a menu under a button.
func popUpMenuAt(b *widget.Button, menu *fyne.Menu) {
	c := fyne.CurrentApp().Driver().CanvasForObject(b)
	if c == nil {
		return
	}
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(b).Add(fyne.NewPos(0, b.Size().Height))
	widget.NewPopUpMenu(menu, c).ShowAtPosition(at)
}

// addFilterMenu is what Add filter offers.
func (v *BrowserView) addFilterMenu() *fyne.Menu {
	return fyne.NewMenu("",
		fyne.NewMenuItem(lang.L("Filter on a field"), func() { v.AddFilterRow() }),
		fyne.NewMenuItem(lang.L("EXISTS filter (a linked object)"), func() { v.AddExistsRow() }),
		fyne.NewMenuItem(lang.L("Parameter as written"), func() { v.addRawRow(workfront.Filter{}, lang.L("As written:")) }),
	)
}

// AddExistsRow adds an EXISTS filter with the next free label.
func (v *BrowserView) AddExistsRow() *ExistsRow {
	used := map[string]bool{}
	for _, e := range v.Exists {
		used[e.Label] = true
	}
	label := "a"
	for c := 'a'; c <= 'z'; c++ {
		if !used[string(c)] {
			label = string(c)
			break
		}
	}
	return v.addExistsRow(query.Exists{Label: label})
}

// QueryMenu is what the Query button offers.
func (v *BrowserView) QueryMenu() *fyne.Menu {
	items := []*fyne.MenuItem{
		fyne.NewMenuItem(lang.L("Save query…"), v.ShowSaveQuery),
		fyne.NewMenuItem(lang.L("Saved queries and history…"), v.ShowQueries),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Paste text mode…"), v.ShowPasteTextMode),
		fyne.NewMenuItem(lang.L("Copy as text mode"), v.CopyTextMode),
	}
	items[0].Icon = theme.DocumentSaveIcon()
	items[1].Icon = theme.HistoryIcon()
	items[3].Icon = theme.ContentPasteIcon()
	items[4].Icon = theme.ContentCopyIcon()
	return fyne.NewMenu("", append(items, v.workfrontQueryItems()...)...)
}
