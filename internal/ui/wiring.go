package ui

import (
	"context"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// The one place where the views are wired to the window and to each
// other: each view gets narrow dependencies and callbacks from here, and
// holds no pointer to the main view or to another view.

// ownerContext is the context the views of the connection on show run
// their requests under: ended when that connection is left.
func (m *MainView) ownerContext() context.Context {
	if m.shownCtx == nil {
		return context.Background() // a view built outside a shown connection (tests)
	}
	return m.shownCtx
}

// connectionDeps wires a connection panel.
func (m *MainView) connectionDeps() connectionDeps {
	u := m.ui
	return connectionDeps{
		Context: m.ownerContext(), Backend: u.Backend,
		Now: u.Opts.Now, Tick: u.Opts.Tick, StatusEvery: u.Opts.StatusEvery, Do: u.Opts.Do, OpenURL: u.Opts.OpenURL,
		Clipboard:        func(s string) { u.App.Clipboard().SetContent(s) },
		Toast:            m.ShowToast,
		OnUpgraded:       m.Reload,
		OnBrowseProjects: m.ShowProjects,
		WriteMode:        m.writeMode,
		OnChangeWrites:   m.changeWriteMode,
		OnState: func(name string, dot auth.State, browsable, known bool) {
			if known && m.selected == name {
				m.browsable, m.stateKnown = browsable, true
				if m.Projects != nil {
					m.Projects.SetConnected(browsable)
				}
				if m.ExploreTabs != nil {
					m.ExploreTabs.SetConnected(browsable)
				}
				if m.Reports != nil {
					m.Reports.SetConnected(browsable)
				}
			}
			m.setState(name, dot)
		},
	}
}

// viewDeps wires a browsing view (Projects, Explore, Reports) and the parts
// they share (the table, the export dialog).
func (m *MainView) viewDeps() viewDeps {
	u := m.ui
	return viewDeps{
		Context: m.ownerContext(), Backend: u.Backend,
		Now: u.Opts.Now, AfterFunc: u.Opts.AfterFunc, Do: u.Opts.Do, SearchDelay: u.Opts.SearchDelay, OpenURL: u.Opts.OpenURL,
		Window: u.Window, Prefs: u.App.Preferences(),
		Clipboard: func(s string) { u.App.Clipboard().SetContent(s) },
		Toast:     m.ShowToast,
		OnReport: func(objCode string, filters []workfront.Filter, title string) {
			if m.Tabs != nil {
				m.Tabs.Select(m.reportsTab) // builds it the first time
				m.Reports.Open(objCode, filters, title)
			}
		},
		OnOpenScope: func(objCode string, scope []workfront.Filter, title string) {
			if m.Tabs != nil {
				m.Tabs.Select(m.exploreTab) // builds it the first time
				m.Explore.OpenScope(objCode, scope, title)
			}
		},
		OnConnect: func() {
			if m.Tabs != nil && m.Conn != nil {
				m.Tabs.Select(m.connectionTab)
				m.Conn.Connect()
			}
		},
		OnOpenQuery:    m.OpenQuery,
		OnShown:        m.objectShown,
		WriteMode:      m.writeMode,
		OnChangeWrites: m.changeWriteMode,
	}
}

// formDeps wires a profile form.
func (m *MainView) formDeps() formDeps {
	u := m.ui
	return formDeps{
		Backend: u.Backend, Do: u.Opts.Do, Window: u.Window,
		OnDuplicate: func(p store.Profile) { m.leave(func() { m.ShowDuplicateForm(p) }) },
		OnCancel:    func() { m.Reload("") },
		OnGuide:     u.ShowSetupGuide,
		OnSaved:     m.Saved,
		OnRemoved: func() {
			m.selected = ""
			m.Reload("")
		},
	}
}
