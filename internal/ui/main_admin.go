package ui

import (
	"fyne.io/fyne/v2/container"

	"github.com/wfconnect/wfconnect/edit"
)

// showAdmin builds the Admin tab the first time it is shown, and lets its
// tools load what they show.
func (m *MainView) showAdmin(t *container.TabItem) bool {
	built := m.Admin == nil
	if built {
		m.Admin = newAdminView(m.adminDeps())
		t.Content = m.Admin.Content
	}
	m.Admin.Activate()
	return built
}

// adminDeps wires the admin tools of the shown connection.
func (m *MainView) adminDeps() adminDeps {
	u := m.ui
	return adminDeps{
		Context: m.ownerContext(), Backend: u.Backend, Profile: m.shown,
		Others: func() []string {
			names := make([]string, len(m.profiles))
			for i, p := range m.profiles {
				names[i] = p.Name
			}
			return names
		},
		Do: u.Opts.Do, Window: u.Window, Toast: m.ShowToast,
		Mode: m.writeMode, OnChangeMode: m.changeWriteMode,
		OnConnect: func() {
			if m.Tabs != nil && m.Conn != nil {
				m.Tabs.Select(m.connectionTab)
				m.Conn.Connect()
			}
		},
		ModeOf: func(name string) edit.Mode {
			if p, ok := m.profile(name); ok {
				return m.ui.modes.of(p)
			}
			return edit.ReadOnly
		},
	}
}
