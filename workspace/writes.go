package workspace

import (
	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/journal"
	"github.com/wfconnect/wfconnect/query"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// checkWrites refuses a write mode nobody can spell. A draft without a
// mode keeps the saved one (the connection form does not show it), and a
// mode chosen for another environment is forgotten: a sandbox's "direct"
// must not follow a connection whose host now points at production.
func (v *validation) checkWrites() error {
	if v.p.Writes != "" {
		if _, err := edit.ParseMode(v.p.Writes); err != nil {
			return err
		}
	}
	if v.replacing == "" {
		return nil
	}
	old, err := v.w.profiles.Get(v.replacing)
	if err != nil {
		return nil // a new name, or the file unreadable: Save says so
	}
	if v.p.Writes == "" {
		v.p.Writes = old.Writes
	}
	if workfront.LaneOf(old.Host) != workfront.LaneOf(v.p.Host) && v.p.Writes == old.Writes {
		v.p.Writes = ""
	}
	return nil
}

// WriteMode is the connection's write mode (saved, or its environment's
// default).
func (w *Workspace) WriteMode(name string) (edit.Mode, error) {
	p, err := w.Profile(name)
	if err != nil {
		return edit.ReadOnly, err
	}
	return edit.ModeOf(p), nil
}

// SetWriteMode saves a connection's write mode; the rest stays as it is.
func (w *Workspace) SetWriteMode(name string, m edit.Mode) (store.Profile, error) {
	if _, err := edit.ParseMode(string(m)); err != nil {
		return store.Profile{}, err
	}
	if p, ok := w.setDemoWrites(name, m); ok {
		return p, nil
	}
	p, err := w.profiles.Get(name)
	if err != nil {
		return p, err
	}
	d := DraftOf(p)
	d.Writes = string(m)
	return w.Save(d, p.Name)
}

// setDemoWrites changes a demo connection's mode, which lives in memory
// like the rest of the demo.
func (w *Workspace) setDemoWrites(name string, m edit.Mode) (store.Profile, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch {
	case w.demo == nil:
	case name == DemoName:
		w.demo.profile.Writes = string(m)
		return w.demo.profile, true
	case name == DemoMachineName && w.demo.machine != nil:
		w.demo.machine.Writes = string(m)
		return *w.demo.machine, true
	case name == DemoSandboxName && w.demo.sandbox != nil:
		w.demo.sandbox.profile.Writes = string(m)
		return w.demo.sandbox.profile, true
	}
	return store.Profile{}, false
}

// Writer is the connection's client for changes.
func (w *Workspace) Writer(name string) (edit.Writer, error) { return w.Client(name) }

// Journal is the connection's journal of changes, in the config dir.
func (w *Workspace) Journal(name string) (edit.Journal, error) {
	p, err := w.Profile(name)
	if err != nil {
		return nil, err
	}
	return journal.Open(w.dir, p.Name), nil
}

// Queries is where the saved queries, the query history and the open
// Explore tabs live: in the config dir, beside the profiles.
func (w *Workspace) Queries() *query.Store {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.queries == nil {
		w.queries = query.Open(w.dir)
	}
	return w.queries
}
