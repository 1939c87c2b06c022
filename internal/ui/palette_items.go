package ui

import (
	"fyne.io/fyne/v2/lang"

	"github.com/wfconnect/wfconnect/palette"
	"github.com/wfconnect/wfconnect/workfront"
)

// What the command palette lists, and what each entry does.

// recentObject is an object whose details were shown lately.
type recentObject struct{ objCode, id, name string }

// maxRecentObjects is how many the palette remembers.
const maxRecentObjects = 30

// objectShown remembers an object for the palette, the newest first.
func (m *MainView) objectShown(objCode, id, name string) {
	o := recentObject{objCode, id, name}
	for i, r := range m.recent {
		if r.objCode == objCode && r.id == id {
			m.recent = append(m.recent[:i], m.recent[i+1:]...)
			break
		}
	}
	m.recent = append([]recentObject{o}, m.recent...)
	if len(m.recent) > maxRecentObjects {
		m.recent = m.recent[:maxRecentObjects]
	}
}

// ShowPalette opens the command palette (Ctrl+K).
func (u *App) ShowPalette() {
	m := u.Main
	actions := u.paletteCommands()
	actions = append(actions, m.paletteConnections()...)
	if m.Tabs != nil {
		actions = append(m.paletteQueries(), actions...)
		actions = append(m.paletteTypes(), actions...)
		actions = append(actions, m.paletteObjects()...)
	}
	m.Palette = newCommandPalette(actions, u.Window.Canvas())
	m.Palette.popup.Show()
	u.Window.Canvas().Focus(m.Palette.Entry)
}

// paletteTypes are the instance's object types, as Explore knows them.
func (m *MainView) paletteTypes() []paletteAction {
	var types []workfront.ObjectType
	if m.Explore != nil {
		types = m.Explore.types
	}
	out := make([]paletteAction, 0, len(types))
	for _, t := range types {
		code := t.ObjCode
		out = append(out, paletteAction{palette.Item{Kind: "type", Title: t.Label, Detail: code, Key: "type:" + code}, func() {
			if m.showExplore() {
				m.Explore.SetType(code)
			}
		}})
	}
	return out
}

// paletteQueries are the connection's saved queries, then its recent ones.
func (m *MainView) paletteQueries() []paletteAction {
	s, name := m.ui.Backend.Queries(), m.shown.Name
	var out []paletteAction
	saved, _ := s.Saved(name) // a damaged file is said where the queries are listed
	for _, q := range saved {
		title, detail := queryLine(q)
		out = append(out, paletteAction{palette.Item{Kind: "saved", Title: title, Detail: detail, Key: "saved:" + q.ID}, func() { m.OpenQuery(q, q.Name) }})
	}
	history, _ := s.History(name)
	now := m.ui.Opts.Now()
	for _, e := range history {
		title, detail := historyLine(e, now)
		q := e.Query
		out = append(out, paletteAction{palette.Item{Kind: "history", Title: title, Detail: detail}, func() { m.OpenQuery(q, "") }})
	}
	return out
}

// paletteObjects are the objects whose details were shown lately.
func (m *MainView) paletteObjects() []paletteAction {
	var out []paletteAction
	for _, r := range m.recent {
		r := r
		out = append(out, paletteAction{palette.Item{Kind: "object", Title: r.name, Detail: r.objCode + " " + r.id}, func() {
			if m.showExplore() {
				m.Explore.OpenObject(r.objCode, r.id, r.name)
			}
		}})
	}
	return out
}

// paletteConnections switch to another connection.
func (m *MainView) paletteConnections() []paletteAction {
	var out []paletteAction
	for i, p := range m.profiles {
		i := i
		out = append(out, paletteAction{palette.Item{Kind: "connection", Title: p.Name, Detail: p.Host}, func() { m.List.Select(i) }})
	}
	return out
}

// paletteCommands are the app's commands, each with its shortcut.
func (u *App) paletteCommands() []paletteAction {
	m := u.Main
	inExplore := func(do func(v *BrowserView)) func() {
		return func() {
			if m.showExplore() {
				do(m.Explore)
			}
		}
	}
	cmd := func(title, shortcut string, do func()) paletteAction {
		return paletteAction{palette.Item{Kind: "command", Title: title, Shortcut: shortcut}, do}
	}
	out := []paletteAction{
		cmd(lang.L("Export…"), "", inExplore(func(v *BrowserView) { v.ShowExport() })),
		cmd(lang.L("Report…"), "", inExplore(func(v *BrowserView) { v.ShowReport() })),
		cmd(lang.L("Paste text mode…"), "Ctrl+Shift+V", inExplore(func(v *BrowserView) { v.ShowPasteTextMode() })),
		cmd(lang.L("Copy as text mode"), "Ctrl+Shift+C", inExplore(func(v *BrowserView) { v.CopyTextMode() })),
		cmd(lang.L("Go to an ID or link"), "Ctrl+L", u.FocusFindID),
		cmd(lang.L("Save query…"), "Ctrl+Shift+S", inExplore(func(v *BrowserView) { v.ShowSaveQuery() })),
		cmd(lang.L("Saved queries and history…"), "Ctrl+O", inExplore(func(v *BrowserView) { v.ShowQueries() })),
		cmd(lang.L("New tab"), "Ctrl+T", m.NewExploreTab),
		cmd(lang.L("Close tab"), "Ctrl+W", u.closeTabOrWindow),
		cmd(lang.L("Schema"), "", inExplore(func(v *BrowserView) { v.ShowSchema() })),
		cmd(lang.L("Columns…"), "", inExplore(func(v *BrowserView) { v.ShowColumnPicker() })),
		cmd(lang.L("Add filter"), "", inExplore(func(v *BrowserView) { v.AddFilterRow() })),
		cmd(lang.L("New connection"), "Ctrl+N", func() { m.leave(m.ShowNewForm) }),
		cmd(lang.L("Activity"), "", u.ShowActivity),
	}
	for i, name := range tabLabels() {
		out = append(out, cmd(name, "Ctrl+"+string(rune('1'+i)), func() { m.SelectTab(i) }))
	}
	return out
}
