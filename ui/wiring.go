package ui

import (
	"context"

	"github.com/wfconnect/wfconnect/auth"
)

// The one place where the views are wired to the window and to each
// other: each view gets narrow dependencies and callbacks from here, and
// holds no pointer to the main view or to another view.

// connectionDeps wires a connection panel.
func (m *MainView) connectionDeps() connectionDeps {
	u := m.ui
	return connectionDeps{
		Context: context.Background(), Backend: u.Backend,
		Now: u.Opts.Now, Tick: u.Opts.Tick, StatusEvery: u.Opts.StatusEvery, Do: u.Opts.Do, OpenURL: u.Opts.OpenURL,
		Clipboard:        func(s string) { u.App.Clipboard().SetContent(s) },
		Toast:            m.ShowToast,
		OnUpgraded:       m.Reload,
		OnBrowseProjects: m.ShowProjects,
		OnState: func(name string, dot auth.State, browsable, known bool) {
			if known && m.Projects != nil && m.selected == name {
				m.Projects.SetConnected(browsable)
			}
			m.setState(name, dot)
		},
	}
}
