package workspace

import (
	"slices"
	"strings"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/store"
)

// A plain-http loopback address (the simulator, a test server) gets the
// client secret and the tokens in clear, so it must be the person's
// choice, not the profiles file's: anyone who can write the file could
// otherwise point a connection at a port of their own. The choice is kept
// in the keyring beside the connection's secrets (store.Vault.LocalHTTP):
// the exact addresses, written when the connection is saved with them
// through the app or the CLI, dropped when they change or the connection
// is removed. The file's local_http field grants nothing. The demo's
// connections get theirs in memory from StartDemo, which started the
// simulator they talk to.

// localAddresses are the plain-http loopback addresses p sends something
// to: its Workfront host, and the IMS address of a kind that has one.
func localAddresses(p store.Profile) []string {
	var addrs []string
	if IsLocalHTTP(p.Host) {
		addrs = append(addrs, p.Host)
	}
	if kind, ok := auth.ParseKind(p.AppType); ok && kind.Spec().HasScopes && IsLocalHTTP(p.IMSURL) && !slices.Contains(addrs, p.IMSURL) {
		addrs = append(addrs, p.IMSURL)
	}
	return addrs
}

func localHTTPSlot(v store.Vault, name string) slot {
	return slot{
		get: func() (string, bool, error) { return v.LocalHTTP(name) },
		set: func(s string) error { return v.SetLocalHTTP(name, s) },
		del: func() error { return v.DeleteLocalHTTP(name) },
	}
}

// grantLocalHTTP records in the keyring the plain-http addresses of p,
// being saved through the app or the CLI, or drops the record when it has
// none any more.
func (w *Workspace) grantLocalHTTP(undo *undoList, p store.Profile) error {
	s := localHTTPSlot(w.vault, p.Name)
	if addrs := localAddresses(p); len(addrs) > 0 {
		return putSecret(undo, s, strings.Join(addrs, "\n"))
	}
	return dropSecret(undo, s)
}

// localAllowed reports whether the keyring allows the profile named name
// to use the plain-http address addr.
func (w *Workspace) localAllowed(name, addr string) (bool, error) {
	granted, found, err := w.vaultFor(name).LocalHTTP(name)
	if err != nil || !found {
		return false, err
	}
	return slices.Contains(strings.Split(granted, "\n"), addr), nil
}

// checkLocalHost refuses a plain-http Workfront host the keyring does not
// allow for this connection.
func (w *Workspace) checkLocalHost(p store.Profile) error {
	ok, err := w.localAllowed(p.Name, p.Host)
	switch {
	case err != nil:
		return err
	case !ok:
		return msg.New("The connection %q in %s uses %s, a local address without encryption, but it was not added as one on this computer, so wfconnect sends it nothing (only the keyring can allow such an address, never the profiles file). If you meant the simulator or a local test server, open the connection in the app, check its domain and save it, or remove it and add it again with wfconnect profile add --domain %s.", p.Name, w.profiles.Path(), p.Host, p.Host)
	}
	return nil
}

// checkLocalIMS refuses a plain-http IMS address the keyring does not
// allow for this connection.
func (w *Workspace) checkLocalIMS(p store.Profile, ims string) error {
	ok, err := w.localAllowed(p.Name, ims)
	switch {
	case err != nil:
		return err
	case !ok:
		return msg.New("The connection %q in %s sends its client secret to %s, a local address without encryption, but it was not added as one on this computer, so wfconnect sends it nothing (only the keyring can allow such an address, never the profiles file). Open the connection in the app, check its IMS address and save it, or remove it and add it again with wfconnect profile add --ims-url %s.", p.Name, w.profiles.Path(), ims, ims)
	}
	return nil
}

// Check re-checks the saved profile name as using it would (the file may
// have been edited by hand), without reading its secrets: for a command
// that changes a profile without showing all of it, so that saving it
// again never grants what the file alone asked for.
func (w *Workspace) Check(name string) error {
	_, err := w.configWithoutSecret(name)
	return err
}
