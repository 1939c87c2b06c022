package workspace

import (
	"context"
	"fmt"
	"time"

	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// Client returns a Workfront API client for the profile.
func (w *Workspace) Client(name string) (*workfront.Client, error) {
	return w.ClientAt(name, "")
}

// ClientAt returns the profile's client at another API version (version
// "" is the profile's own), so that one connection's versions can be
// compared; the profile keeps its version.
func (w *Workspace) ClientAt(name, version string) (*workfront.Client, error) {
	if version != "" && !validAPIVersion(version) {
		return nil, msg.New("%q is not an API version: write one like v21.0.", version)
	}
	p, err := w.Profile(name)
	if err != nil {
		return nil, err
	}
	if p, err = w.checkStored(p); err != nil {
		return nil, err
	}
	src, err := w.Source(name)
	if err != nil {
		return nil, err
	}
	if version == "" {
		version = p.APIVersion
	}
	return workfront.NewClient(p.Host, version, src, workfront.Options{
		HTTPClient: w.http,
		Log: func(method, path string, status int, dur time.Duration) {
			w.log(fmt.Sprintf("%s %s -> %d in %s", method, path, status, dur.Round(time.Millisecond)))
		},
	}), nil
}

// ObjectSource is the part of the Workfront client the project browser
// and the explorer use: the generic path, for any object type.
type ObjectSource interface {
	Search(ctx context.Context, s workfront.Search) ([]workfront.Object, error)
	Count(ctx context.Context, objCode string, filters []workfront.Filter) (int, error)
	Get(ctx context.Context, objCode, id string, fields []string) (workfront.Object, error)
	// SavedFilters and NamedQuery read Workfront's saved filters and run
	// a type's named queries (myWork).
	SavedFilters(ctx context.Context, objCode string) ([]workfront.SavedFilter, error)
	NamedQuery(ctx context.Context, objCode, name string, fields []string, first, limit int) ([]workfront.Object, error)
	Host() string
}

// Report runs Workfront's report action for the profile.
func (w *Workspace) Report(ctx context.Context, name string, q workfront.ReportQuery) (workfront.Report, error) {
	c, err := w.Client(name)
	if err != nil {
		return workfront.Report{}, err
	}
	return c.Report(ctx, q)
}

// Objects returns the profile's generic search.
func (w *Workspace) Objects(name string) (ObjectSource, error) {
	return w.Client(name)
}

// WhoAmI asks Workfront who the profile's session belongs to, what the
// instance offers and how long the round trip took. The first answer also
// settles a version nobody chose: the profile moves to the newest version
// the instance offers (that wfconnect knows to be supported).
func (w *Workspace) WhoAmI(ctx context.Context, name string) (workfront.Identity, error) {
	c, err := w.Client(name)
	if err != nil {
		return workfront.Identity{}, err
	}
	id, err := c.WhoAmI(ctx)
	if err != nil {
		return id, err
	}
	if p, perr := w.profiles.Get(name); perr == nil && p.APIVersionAuto && !p.Demo && len(id.APIVersions) > 0 {
		p.APIVersion, p.APIVersionAuto = workfront.UpgradeTarget(id.APIVersions, time.Now()), false
		if err := w.profiles.Put(p, p.Name); err != nil {
			w.log(fmt.Sprintf("could not save the API version %s for %q: %v", p.APIVersion, p.Name, err))
		}
	}
	return id, nil
}

// VersionWarning says what a profile's pinned API version deserves
// (workfront.AdviseVersion, as of now) and the version to upgrade to:
// the newest the instance offers (offered: Identity.APIVersions, nil when
// unknown), else the newest wfconnect knows.
func VersionWarning(p store.Profile, offered []string, now time.Time) (workfront.VersionAdvice, string) {
	return workfront.AdviseVersion(p.APIVersion, now), workfront.UpgradeTarget(offered, now)
}

// SetAPIVersion pins a saved profile to version (the version warning's
// one-click upgrade); everything else, secrets and tokens included, stays.
func (w *Workspace) SetAPIVersion(name, version string) error {
	p, err := w.profiles.Get(name)
	if err != nil {
		return err
	}
	if !validAPIVersion(version) {
		return FieldErrors{"api_version": msg.New("Use an API version like v21.0.")}
	}
	p.APIVersion, p.APIVersionAuto = version, false
	return w.profiles.Put(p, p.Name)
}
