package ui

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"

	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/store"
)

// writeMode is the shown connection's write mode now.
func (m *MainView) writeMode() edit.Mode { return m.ui.modes.of(m.shown) }

// changeWriteMode asks for the shown connection's write mode and applies
// it: for this session, or saved with the connection when kept.
func (m *MainView) changeWriteMode() {
	p := m.shown
	m.ModeDialog = showWriteModeDialog(m.ui.Window, p, m.writeMode(), func(c modeChoice) {
		if !c.Keep {
			m.ui.modes.set(p.Name, c.Mode)
			m.writeModeChanged(p.Name)
			return
		}
		background(m.ui, func() (store.Profile, error) { return m.ui.Backend.SetWriteMode(p.Name, c.Mode) }, func(saved store.Profile, err error) {
			if err != nil {
				showError(m.ui, err)
				return
			}
			m.ui.modes.forget(p.Name)
			if i := m.indexOf(p.Name); i >= 0 {
				m.profiles[i] = saved
			}
			if m.selected == p.Name {
				m.shown = saved
			}
			m.writeModeChanged(p.Name)
			m.ShowToast(lang.L("Saved with the connection."))
		})
	})
}

// writeModeChanged shows a connection's new mode wherever it is shown.
func (m *MainView) writeModeChanged(name string) {
	m.List.Refresh()
	if m.selected != name {
		return
	}
	if m.Conn != nil {
		m.Conn.ShowWriteMode(m.writeMode())
	}
	for _, v := range m.browsers() {
		v.WriteModeChanged()
	}
}

// writeDeps wires what edits and reverts the shown connection.
func (m *MainView) writeDeps() editorDeps {
	u := m.ui
	return editorDeps{
		Context: m.ownerContext(), Backend: u.Backend, Profile: m.shown,
		Mode: m.writeMode, OnChangeMode: m.changeWriteMode,
		Do: u.Opts.Do, Window: u.Window, Toast: m.ShowToast,
		Clipboard: func(s string) { u.App.Clipboard().SetContent(s) },
	}
}

// showHistory builds the History tab the first time, and reads the
// journal each time it is shown.
func (m *MainView) showHistory(t *container.TabItem) bool {
	built := m.History == nil
	if built {
		m.History = newHistoryView(m.writeDeps())
		t.Content = m.History.Content
	}
	m.History.Load()
	return built
}
