package ui

import (
	"github.com/wfconnect/wfconnect/workfront"
)

// editorDeps wires the details pane's editor from the view's own.
func (v *BrowserView) editorDeps() editorDeps {
	return editorDeps{
		Context: v.ctx, Backend: v.deps.Backend, Profile: v.profile,
		Mode: v.deps.WriteMode, OnChangeMode: v.deps.OnChangeWrites,
		Do: v.deps.Do, Window: v.deps.Window, Toast: v.deps.Toast, Clipboard: v.deps.Clipboard,
		OnCommitted: v.committed,
	}
}

// redrawDetails shows the details again (a pending change, a new mode).
func (v *BrowserView) redrawDetails() {
	if v.detail != nil {
		v.showDetails(v.detail)
	}
}

// WriteModeChanged shows the connection's new write mode in the details.
func (v *BrowserView) WriteModeChanged() { v.redrawDetails() }

// committed puts Workfront's answer into the table's row and reads the
// object again for the details.
func (v *BrowserView) committed(objCode, id string, now workfront.Object) {
	if objCode != v.objCode {
		return
	}
	for i, o := range v.Grid.Objects {
		if o.ID() != id {
			continue
		}
		for k, val := range now {
			o[k] = val
		}
		v.Grid.RefreshRow(i)
		if i == v.selected {
			v.Select(i)
		}
		return
	}
}
