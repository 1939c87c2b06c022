// Package workspace wires the parts together for the desktop app and the CLI,
// without Fyne, so that both share it. It owns:
//   - the profiles and their secrets: drafts and their checks (draft.go,
//     validate.go), saving and removing with the secrets kept whole
//     (save.go, secrets.go), a saved profile re-checked before use
//     (config.go);
//   - one token source per profile (sources.go), sign-in (signin.go) and
//     sign-out at Workfront (session.go);
//   - the Workfront API clients (client.go) and the instances' metadata,
//     cached on disk (metadata.go);
//   - the demo, a simulated Workfront in this process (demo.go), the
//     single-instance lock of the app (instance.go), and the one place
//     the log is written, with secrets redacted (redact.go).
package workspace

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/query"
	"github.com/wfconnect/wfconnect/store"
)

// Options configures Open.
type Options struct {
	Dir        string        // config directory; empty: store.ConfigDir()
	Secrets    store.Secrets // nil: the OS keyring with a 3 s timeout
	HTTPClient *http.Client  // nil: a client with sane timeouts
	Log        func(string)  // activity log; never receives secrets
	// CacheDir holds the instances' metadata (never a secret); empty:
	// $WFCONNECT_CACHE_DIR, else os.UserCacheDir()/wfconnect, else none.
	CacheDir string
}

// Workspace is the set of profiles a person has, with what it takes to use them.
type Workspace struct {
	dir      string
	profiles *store.Profiles
	vault    store.Vault
	http     *http.Client
	log      func(string)
	cacheDir string // "" when there is no cache

	mu      sync.Mutex
	sources map[string]*auth.Source
	demo    *demo
	queries *query.Store
}

// Open prepares a workspace. It does no keyring work, so it is fast enough to
// call before the first frame.
func Open(opts Options) (*Workspace, error) {
	dir := opts.Dir
	if dir == "" {
		d, err := store.ConfigDir()
		if err != nil {
			return nil, err // it says which directory and what to do
		}
		dir = d
	}
	secrets := opts.Secrets
	if secrets == nil {
		secrets = store.NewKeyring(3 * time.Second)
	}
	client := opts.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 60 * time.Second}
	}
	log := func(string) {}
	if opts.Log != nil {
		sink := opts.Log
		log = func(line string) { sink(Redact(line)) } // the one place the log is written
	}
	return &Workspace{
		cacheDir: cacheDir(opts.CacheDir),
		dir:      dir,
		profiles: store.OpenProfiles(dir),
		vault:    store.Vault{Secrets: secrets},
		http:     client,
		log:      log,
		sources:  map[string]*auth.Source{},
	}, nil
}

// Close finishes refreshes in flight (briefly) and stops the demo's simulator.
func (w *Workspace) Close() {
	w.settle(10 * time.Second)
	w.StopDemo()
}

// settle waits, up to limit, for refreshes in flight, so that quitting
// never drops a refresh token Workfront has just rotated.
func (w *Workspace) settle(limit time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	w.mu.Lock()
	sources := make([]*auth.Source, 0, len(w.sources))
	for _, src := range w.sources {
		sources = append(sources, src)
	}
	w.mu.Unlock()
	for _, src := range sources {
		src.Settle(ctx)
	}
}

// Dir is the config directory.
func (w *Workspace) Dir() string { return w.dir }

// Storage names where secrets live, for people.
func (w *Workspace) Storage() string { return w.vault.Where() }

// Profiles lists the saved profiles, and the demo's when it runs.
func (w *Workspace) Profiles() ([]store.Profile, error) {
	list, err := w.profiles.Load()
	for _, name := range []string{DemoName, DemoMachineName, DemoSandboxName} {
		if p, ok := w.demoProfile(name); ok {
			list = append(list, p)
		}
	}
	return list, err
}

// Profile returns one profile.
func (w *Workspace) Profile(name string) (store.Profile, error) {
	if p, ok := w.demoProfile(name); ok {
		return p, nil
	}
	return w.profiles.Get(name)
}

// Kind is the profile's kind of connection, with its table entry.
func (w *Workspace) Kind(name string) (auth.KindSpec, error) {
	p, err := w.Profile(name)
	if err != nil {
		return auth.KindSpec{}, err
	}
	k, ok := auth.ParseKind(p.AppType)
	if !ok {
		return auth.KindSpec{}, msg.New("The connection %q in %s has an unknown application type %q. Edit the connection to fix it.", p.Name, w.profiles.Path(), p.AppType)
	}
	return k.Spec(), nil
}
