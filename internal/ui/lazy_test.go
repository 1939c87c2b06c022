package ui

import (
	"testing"

	"github.com/wfconnect/wfconnect/auth"
)

// TestTabsBuiltWhenFirstShown: a connection opens on its Connection tab
// with Projects, Explore and Reports not built; each is built the first
// time it is shown, once, and a view built late still learns the
// connection's state.
func TestTabsBuiltWhenFirstShown(t *testing.T) {
	b := newFakeBackend(acme)
	b.setStatus(auth.Status{Profile: "Acme", State: auth.StateConnected, HasRefreshToken: true})
	h, _ := showAcme(t, b)
	m := h.app.Main
	h.q.until(t, "the state known", func() bool { return m.stateKnown })
	if m.Projects != nil || m.Explore != nil || m.Reports != nil {
		t.Fatalf("built before shown: projects %v, explore %v, reports %v", m.Projects != nil, m.Explore != nil, m.Reports != nil)
	}
	m.Tabs.Select(m.exploreTab)
	explore := m.Explore
	if explore == nil || m.exploreTab.Content != m.ExploreTabs.Content || m.Projects != nil || m.Reports != nil {
		t.Fatal("Explore was not built alone when shown")
	}
	m.Tabs.Select(m.connectionTab)
	m.Tabs.Select(m.exploreTab)
	if m.Explore != explore {
		t.Error("Explore was built twice")
	}
	m.ShowProjects()
	h.q.until(t, "the first page of projects", func() bool { return len(m.Projects.Grid.Objects) > 0 })
	if m.Projects.notConnected {
		t.Error("Projects, built after the state was known, thinks it is not connected")
	}
}

// TestLeavingEndsTheOwnersContext: the views of a connection run their
// requests under a context that ends when the connection is left.
func TestLeavingEndsTheOwnersContext(t *testing.T) {
	h, c := showAcme(t, newFakeBackend(acme))
	m := h.app.Main
	m.Tabs.Select(m.exploreTab)
	e := m.Explore
	if e.deps.Context.Err() != nil || c.deps.Context.Err() != nil {
		t.Fatal("the owner's context ended while the connection is shown")
	}
	m.ShowNewForm()
	if e.deps.Context.Err() == nil || c.deps.Context.Err() == nil {
		t.Error("leaving the connection did not end its views' context")
	}
}
