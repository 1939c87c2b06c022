package workspace

import "github.com/wfconnect/wfconnect/workfront"

func (w *Workspace) ClientAt(name, version string) (*workfront.Client, error) { return w.Client(name) }
