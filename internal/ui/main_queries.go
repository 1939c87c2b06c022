package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"

	"github.com/wfconnect/wfconnect/query"
)

// The main view's side of the query tools: Explore's tabs, the menu
// items that act on them, and the browsers to tell of a change.

// showExploreTabs builds Explore's tabs the first time it is shown.
func (m *MainView) showExploreTabs(t *container.TabItem) {
	m.ExploreTabs = newExploreTabs(m.viewDeps(), m.shown, func(v *BrowserView) { m.Explore = v })
	if m.stateKnown {
		m.ExploreTabs.SetConnected(m.browsable)
	}
	t.Content = m.ExploreTabs.Content
}

// browsers are the browsers built for the connection on show.
func (m *MainView) browsers() []*BrowserView {
	var out []*BrowserView
	if m.Projects != nil {
		out = append(out, m.Projects)
	}
	if m.ExploreTabs != nil {
		out = append(out, m.ExploreTabs.Views...)
	}
	return out
}

// exploring is true when Explore is the tab on show.
func (m *MainView) exploring() bool {
	return m.Tabs != nil && m.Tabs.Selected() == m.exploreTab && m.ExploreTabs != nil
}

// showExplore selects Explore (built the first time) and reports
// whether there is a connection to explore.
func (m *MainView) showExplore() bool {
	if m.Tabs == nil {
		return false
	}
	m.Tabs.Select(m.exploreTab)
	return m.ExploreTabs != nil
}

// OpenQuery opens a query in a new Explore tab.
func (m *MainView) OpenQuery(q query.Query, title string) {
	if m.showExplore() {
		m.ExploreTabs.Open(q, title)
	}
}

// NewExploreTab opens an empty Explore tab (Ctrl+T).
func (m *MainView) NewExploreTab() {
	if m.showExplore() {
		m.ExploreTabs.New()
	}
}

// closeTabOrWindow closes the Explore tab on show (Ctrl+W), or, elsewhere,
// the window, as Ctrl+W did before Explore had tabs.
func (u *App) closeTabOrWindow() {
	if m := u.Main; m.exploring() {
		m.ExploreTabs.CloseCurrent()
		return
	}
	u.Main.leave(u.Quit)
}

// stepTab steps Explore's tabs while Explore is shown with more than one,
// else the connection's tabs (Ctrl+Tab).
func (u *App) stepTab(dir int) {
	if m := u.Main; m.exploring() && len(m.ExploreTabs.Views) > 1 {
		m.ExploreTabs.Step(dir)
		return
	}
	u.Main.StepTab(dir)
}

// queryMenu is the Query menu: tabs, saved queries and history, text
// mode, Workfront's saved filters, the palette.
func (u *App) queryMenu(item func(string, fyne.KeyName, fyne.KeyModifier, func()) *fyne.MenuItem) *fyne.Menu {
	ctrl := fyne.KeyModifierShortcutDefault
	shift := ctrl | fyne.KeyModifierShift
	current := func(do func(v *BrowserView)) func() {
		return func() {
			if m := u.Main; m.showExplore() {
				do(m.Explore)
			}
		}
	}
	return fyne.NewMenu(lang.L("Query"),
		item(lang.L("Command palette…"), fyne.KeyK, ctrl, u.ShowPalette),
		fyne.NewMenuItemSeparator(),
		item(lang.L("New tab"), fyne.KeyT, ctrl, u.Main.NewExploreTab),
		item(lang.L("Close tab"), fyne.KeyW, ctrl, u.closeTabOrWindow),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Save query…"), fyne.KeyS, shift, current(func(v *BrowserView) { v.ShowSaveQuery() })),
		item(lang.L("Saved queries and history…"), fyne.KeyO, ctrl, current(func(v *BrowserView) { v.ShowQueries() })),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Paste text mode…"), fyne.KeyV, shift, current(func(v *BrowserView) { v.ShowPasteTextMode() })),
		item(lang.L("Copy as text mode"), fyne.KeyC, shift, current(func(v *BrowserView) { v.CopyTextMode() })),
	)
}
