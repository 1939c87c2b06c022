// Package store owns what wfconnect keeps on the machine: the profiles file
// (JSON, written atomically, mode 0600, never holding a secret) and the
// secrets (client secrets and token sets) in the OS keyring, each call bounded
// by a timeout. There is no plaintext fallback.
package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/gofrs/flock"

	"github.com/wfconnect/wfconnect/msg"
)

// DefaultAPIVersion is a Workfront API version supported as of 2026.
const DefaultAPIVersion = "v21.0"

// SchemaVersion is the profiles file format this build writes.
const SchemaVersion = 1

// Profile is one Workfront connection. It holds no secret.
type Profile struct {
	Name        string `json:"name"`
	Host        string `json:"host"`
	ClientID    string `json:"client_id"`
	RedirectURI string `json:"redirect_uri"`
	AppType     string `json:"app_type"`   // "web" | "spa"
	TokenAuth   string `json:"token_auth"` // "basic-json" | "form"
	APIVersion  string `json:"api_version"`
	Demo        bool   `json:"demo,omitempty"`
	// AllowMissingState accepts a callback without state (a tenant whose
	// Workfront returns none); less safe, so off unless chosen.
	AllowMissingState bool `json:"allow_missing_state,omitempty"`
	// NoPKCE turns PKCE off for a Web Application whose token endpoint
	// refuses the code_verifier.
	NoPKCE bool `json:"no_pkce,omitempty"`
	// LocalHTTP marks a plain-http loopback host (the simulator, tests),
	// given explicitly when the connection was added; without it such a
	// host read from the file is refused.
	LocalHTTP bool `json:"local_http,omitempty"`
}

type profilesFile struct {
	Schema   int       `json:"schema"`
	Profiles []Profile `json:"profiles"`
}

// ConfigDir is $WFCONNECT_CONFIG_DIR, else os.UserConfigDir()/wfconnect. It
// is created with mode 0700. On Unix an existing one must belong to the
// current user (else it is refused: another user could plant or change the
// files there), and one that others can write to is made 0700.
func ConfigDir() (string, error) {
	dir := os.Getenv("WFCONNECT_CONFIG_DIR")
	if dir == "" {
		base, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("finding your config directory: %w", err)
		}
		dir = filepath.Join(base, "wfconnect")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("creating the config directory %s: %w", dir, err)
	}
	if err := secureDir(dir); err != nil {
		return "", err
	}
	return dir, nil
}

// secureDir refuses a config directory owned by another user and makes a
// group- or world-writable one private (0700).
func secureDir(dir string) error {
	if !checkPermissions {
		return nil
	}
	info, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("checking the config directory %s: %w", dir, err)
	}
	uid, ok := ownerOf(info)
	if !ok {
		return nil
	}
	if uid != currentUID() {
		return msg.New("The config directory %s belongs to another user (uid %d), so wfconnect will not keep your connections there. Remove it or make it yours (chown), or set WFCONNECT_CONFIG_DIR to a directory of your own.", dir, uid)
	}
	if perm := info.Mode().Perm(); perm&0o022 != 0 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return msg.New("Other users can change the config directory %s (mode %s), and wfconnect could not make it private: %s. Run chmod 700 on it, then try again.", dir, fmt.Sprintf("%04o", perm), describeFileError(err)).Because(err)
		}
	}
	return nil
}

var (
	// ErrDuplicateName: a profile with that name (ignoring case) exists.
	ErrDuplicateName = errors.New("duplicate connection name")
	// ErrNoProfile: no profile has that name.
	ErrNoProfile = errors.New("no such connection")
)

// DamagedError says the profiles file could not be read; it was kept aside.
type DamagedError struct {
	Backup string
	Err    error
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("Your profiles file was damaged and could not be read. It was kept as %s; you can add your connections again.", e.Backup)
}
func (e *DamagedError) Unwrap() error { return e.Err }

// SchemaError says the file was written by a newer wfconnect; it is left alone.
type SchemaError struct {
	Path   string
	Schema int
}

func (e *SchemaError) Error() string {
	return fmt.Sprintf("%s was written by a newer version of wfconnect (schema %d; this one knows %d). Update wfconnect: the file was left untouched.", e.Path, e.Schema, SchemaVersion)
}

// Profiles is the profiles file. It is safe for concurrent use in a process;
// across processes the atomic rename keeps every reader on a whole file.
type Profiles struct {
	dir string
	mu  sync.Mutex
}

// OpenProfiles uses dir/profiles.json.
func OpenProfiles(dir string) *Profiles { return &Profiles{dir: dir} }

// Path is the profiles file's path.
func (p *Profiles) Path() string { return filepath.Join(p.dir, "profiles.json") }

// Load reads every profile. A missing file is an empty list. A byte order
// mark before the JSON (as Notepad writes) is skipped.
func (p *Profiles) Load() ([]Profile, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.load()
}

func (p *Profiles) load() ([]Profile, error) {
	raw, err := os.ReadFile(p.Path())
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, msg.New("Could not read your connections from %s: %s.", p.Path(), describeFileError(err)).Because(err)
	}
	// Notepad starts a UTF-8 file with a byte order mark; JSON has none.
	raw = bytes.TrimPrefix(raw, utf8BOM)
	var f profilesFile
	if err := json.Unmarshal(raw, &f); err != nil || f.Schema < 1 {
		if err == nil {
			err = errors.New("no schema version")
		}
		backup, rerr := p.keepDamaged()
		if rerr != nil {
			return nil, fmt.Errorf("your profiles file %s is damaged (%v) and could not be moved aside: %w", p.Path(), err, rerr)
		}
		return nil, &DamagedError{Backup: backup, Err: err}
	}
	if f.Schema > SchemaVersion {
		return nil, &SchemaError{Path: p.Path(), Schema: f.Schema}
	}
	return f.Profiles, nil
}

// utf8BOM is the byte order mark an editor may put before the JSON; it is
// skipped when reading and never written.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// keepDamaged renames the damaged file beside itself, never over another file.
func (p *Profiles) keepDamaged() (string, error) {
	base := p.Path() + ".damaged-" + time.Now().Format("20060102-150405")
	name := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(name); errors.Is(err, os.ErrNotExist) {
			break
		}
		name = fmt.Sprintf("%s-%d", base, i)
	}
	return name, os.Rename(p.Path(), name)
}

// Save replaces the file atomically: a temp file in the same directory,
// fsync, chmod 0600, rename, fsync of the directory. A file from a newer
// schema is never overwritten.
func (p *Profiles) Save(list []Profile) error {
	unlock, err := p.lock()
	if err != nil {
		return err
	}
	defer unlock()
	return p.save(list)
}

// lock serializes changes to the file within the process (a mutex) and
// across processes (a lock file beside it), so that the app and a script
// adding connections at the same moment both keep theirs. When the lock
// file cannot be created, the save that follows reports why.
func (p *Profiles) lock() (unlock func(), err error) {
	p.mu.Lock()
	if err := os.MkdirAll(p.dir, 0o700); err != nil {
		return p.mu.Unlock, nil
	}
	l := flock.New(filepath.Join(p.dir, ".profiles.lock"))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ok, err := l.TryLockContext(ctx, 10*time.Millisecond)
	var pathErr *fs.PathError
	switch {
	case errors.As(err, &pathErr):
		return p.mu.Unlock, nil
	case err != nil || !ok:
		p.mu.Unlock()
		return nil, msg.New("Another wfconnect has been saving connections for 10 seconds; try again in a moment.").Because(err)
	}
	return func() {
		l.Unlock()
		p.mu.Unlock()
	}, nil
}

func (p *Profiles) save(list []Profile) error {
	if _, err := p.load(); err != nil {
		var se *SchemaError
		if errors.As(err, &se) {
			return se
		}
	}
	if list == nil {
		list = []Profile{}
	}
	data, err := json.MarshalIndent(profilesFile{Schema: SchemaVersion, Profiles: list}, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding profiles: %w", err)
	}
	if err := os.MkdirAll(p.dir, 0o700); err != nil {
		return p.saveError(err)
	}
	if err := WriteFileAtomic(p.Path(), append(data, '\n'), 0o600); err != nil {
		return p.saveError(err)
	}
	p.removeStaleTemps()
	return nil
}

// removeStaleTemps deletes temp files that a process killed mid-save left
// behind; a minute's age keeps another process's save in flight safe.
func (p *Profiles) removeStaleTemps() {
	stale, _ := filepath.Glob(filepath.Join(p.dir, ".profiles.json.tmp-*"))
	for _, name := range stale {
		if info, err := os.Stat(name); err == nil && time.Since(info.ModTime()) > time.Minute {
			os.Remove(name)
		}
	}
}

func (p *Profiles) saveError(err error) error {
	return msg.New("Could not save your connections to %s: %s. The previous file is unchanged.", p.Path(), describeFileError(err)).Because(err)
}

// describeFileError says in words what the operating system refused.
func describeFileError(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		switch errno {
		case syscall.ENOSPC, syscall.EDQUOT:
			return "the disk is full"
		case syscall.EROFS:
			return "the disk is read-only"
		case syscall.EACCES, syscall.EPERM:
			return "permission denied (the config directory is not writable)"
		case syscall.EISDIR:
			return "it is a directory, not a file"
		case syscall.ENOTDIR:
			return "a part of the path is a file, not a directory"
		case syscall.EIO:
			return "the disk reported an input/output error"
		}
	}
	return err.Error()
}

// WriteFileAtomic writes data so that readers see the old or the new file,
// never a part, even if the process is killed.
func WriteFileAtomic(path string, data []byte, mode os.FileMode) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// Get returns the profile named name (exact match first, then ignoring case).
func (p *Profiles) Get(name string) (Profile, error) {
	list, err := p.Load()
	if err != nil {
		return Profile{}, err
	}
	if i := find(list, name); i >= 0 {
		return list[i], nil
	}
	return Profile{}, msg.New("There is no connection named %q (see wfconnect profile list).", name).WithKind(ErrNoProfile)
}

func find(list []Profile, name string) int {
	for i, p := range list {
		if p.Name == name {
			return i
		}
	}
	for i, p := range list {
		if strings.EqualFold(p.Name, name) {
			return i
		}
	}
	return -1
}

// Put adds prof, or replaces the profile named replacing.
func (p *Profiles) Put(prof Profile, replacing string) error {
	prof.Name = strings.TrimSpace(prof.Name)
	if prof.Name == "" {
		return msg.New("Give the connection a name.")
	}
	if prof.AppType == "" {
		prof.AppType = "web"
	}
	if prof.TokenAuth == "" {
		prof.TokenAuth = "basic-json"
	}
	if prof.APIVersion == "" {
		prof.APIVersion = DefaultAPIVersion
	}
	return p.update(func(list []Profile) ([]Profile, error) {
		at := -1
		if replacing != "" {
			if at = find(list, replacing); at < 0 {
				return nil, msg.New("There is no connection named %q.", replacing).WithKind(ErrNoProfile)
			}
		}
		for i, other := range list {
			if i != at && strings.EqualFold(other.Name, prof.Name) {
				return nil, msg.New("A connection named %q already exists.", prof.Name).WithKind(ErrDuplicateName)
			}
		}
		if at >= 0 {
			list[at] = prof
			return list, nil
		}
		return append(list, prof), nil
	})
}

// Remove deletes the profile named name.
func (p *Profiles) Remove(name string) error {
	return p.update(func(list []Profile) ([]Profile, error) {
		i := find(list, name)
		if i < 0 {
			return nil, msg.New("There is no connection named %q.", name).WithKind(ErrNoProfile)
		}
		return append(list[:i], list[i+1:]...), nil
	})
}

// update reads the file, applies edit and saves the result, all under the
// lock, so no other change can slip in between.
func (p *Profiles) update(edit func([]Profile) ([]Profile, error)) error {
	unlock, err := p.lock()
	if err != nil {
		return err
	}
	defer unlock()
	list, err := p.load()
	if err != nil {
		return err
	}
	if list, err = edit(list); err != nil {
		return err
	}
	return p.save(list)
}
