package workspace

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// An instance's metadata (its object types, each type's fields, references
// and collections, and its custom forms, whose fields join each type's)
// changes rarely and takes a round trip per type, so it is kept on disk per
// host and API version,
// under the user's cache directory (cachefile.go). It holds no secret; a
// damaged, huge or unreadable cache entry is fetched again.

func cacheDir(given string) string {
	if given != "" {
		return given
	}
	if env := os.Getenv("WFCONNECT_CACHE_DIR"); env != "" {
		return env
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(base, "wfconnect")
}

var unsafePathChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// metadataPath is where one piece of a profile's metadata is cached.
func (w *Workspace) metadataPath(p store.Profile, piece string) cacheFile {
	if w.cacheDir == "" {
		return cacheFile{}
	}
	host := unsafePathChars.ReplaceAllString(strings.TrimPrefix(strings.TrimPrefix(p.Host, "https://"), "http://"), "_")
	return cacheFile{
		root: w.cacheDir, log: w.log,
		path: filepath.Join(w.cacheDir, "metadata.v2", host, // v2: types carry their named queries and actions
			unsafePathChars.ReplaceAllString(p.APIVersion, "_"), strings.ToLower(piece)+".json"),
	}
}

// ObjectTypes lists the object types of a profile's instance, from the
// cache unless refresh is set.
func (w *Workspace) ObjectTypes(ctx context.Context, name string, refresh bool) ([]workfront.ObjectType, error) {
	p, c, err := w.profileAndClient(name)
	if err != nil {
		return nil, err
	}
	var out []workfront.ObjectType
	err = cached(w.metadataPath(p, "types"), refresh, &out, func() ([]workfront.ObjectType, error) { return c.ObjectTypes(ctx) })
	return out, err
}

// TypeMetadata describes one object type of a profile's instance, from the
// cache unless refresh is set.
func (w *Workspace) TypeMetadata(ctx context.Context, name, objCode string, refresh bool) (workfront.TypeMeta, error) {
	p, c, err := w.profileAndClient(name)
	if err != nil {
		return workfront.TypeMeta{}, err
	}
	var out workfront.TypeMeta
	err = cached(w.metadataPath(p, "type-"+objCode), refresh, &out, func() (workfront.TypeMeta, error) { return c.TypeMetadata(ctx, objCode) })
	if err != nil {
		return out, err
	}
	var forms []workfront.CustomForm
	err = cached(w.metadataPath(p, "custom-forms"), refresh, &forms, func() ([]workfront.CustomForm, error) { return c.CustomForms(ctx) })
	var apiErr *workfront.APIError
	switch {
	case err == nil:
		return out.WithCustom(workfront.CustomFieldsFor(forms, objCode)), nil
	case errors.As(err, &apiErr) && !workfront.IsUnauthenticated(err):
		// The type is still worth exploring without its custom fields
		// (a user who may not read the custom forms, say): say why they
		// are missing instead of failing the whole type.
		out.CustomFieldsError = err.Error()
		return out, nil
	}
	return out, err
}

func (w *Workspace) profileAndClient(name string) (store.Profile, *workfront.Client, error) {
	p, err := w.Profile(name)
	if err != nil {
		return p, nil, err
	}
	c, err := w.Client(name)
	return p, c, err
}

// CachedObjectTypes is the cached list of object types, without asking
// Workfront (for shell completion); false when nothing is cached.
func (w *Workspace) CachedObjectTypes(name string) ([]workfront.ObjectType, bool) {
	p, err := w.Profile(name)
	if err != nil {
		return nil, false
	}
	var out []workfront.ObjectType
	return out, w.metadataPath(p, "types").read(&out)
}

// CachedTypeMetadata is one type's cached metadata, without asking
// Workfront; false when it is not cached.
func (w *Workspace) CachedTypeMetadata(name, objCode string) (workfront.TypeMeta, bool) {
	p, err := w.Profile(name)
	if err != nil {
		return workfront.TypeMeta{}, false
	}
	var out workfront.TypeMeta
	if !w.metadataPath(p, "type-"+objCode).read(&out) {
		return out, false
	}
	var forms []workfront.CustomForm
	if w.metadataPath(p, "custom-forms").read(&forms) {
		out = out.WithCustom(workfront.CustomFieldsFor(forms, objCode))
	}
	return out, true
}
