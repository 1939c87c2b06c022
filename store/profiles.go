package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// DefaultAPIVersion is a Workfront API version supported as of 2026.
const DefaultAPIVersion = "v21.0"

// SchemaVersion is the profiles file format this build reads and writes.
const SchemaVersion = 1

// Defaults Put fills in.
const (
	DefaultAppType   = "web"
	DefaultTokenAuth = "basic-json"
)

// Profile is one Workfront connection. It holds no secret: the client secret
// and the tokens live in the Vault.
type Profile struct {
	Name        string `json:"name"`
	Host        string `json:"host"` // normalized https://... (auth.NormalizeHost does that)
	ClientID    string `json:"client_id"`
	RedirectURI string `json:"redirect_uri"`
	AppType     string `json:"app_type"`    // "web" | "spa"
	TokenAuth   string `json:"token_auth"`  // "basic-json" (default) | "form"
	APIVersion  string `json:"api_version"` // default DefaultAPIVersion
	Demo        bool   `json:"demo,omitempty"`
}

type profilesFile struct {
	Schema   int       `json:"schema"`
	Profiles []Profile `json:"profiles"`
}

// ConfigDir is $WFCONNECT_CONFIG_DIR, else os.UserConfigDir()/wfconnect. It
// is created with mode 0700 if it does not exist.
func ConfigDir() (string, error) {
	dir := os.Getenv("WFCONNECT_CONFIG_DIR")
	if dir == "" {
		base, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("finding your config folder: %w", err)
		}
		dir = filepath.Join(base, "wfconnect")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("creating the config folder %s: %w", dir, err)
	}
	return dir, nil
}

// DamagedError says the profiles file could not be read. It was renamed to
// Backup, beside it, and nothing was deleted.
type DamagedError struct {
	Backup string // where the damaged file is now
	Err    error  // why it could not be read
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("Your profiles file was damaged and could not be read. It was kept as %s; you can add your connections again.", e.Backup)
}

// Unwrap returns the decoding error.
func (e *DamagedError) Unwrap() error { return e.Err }

// SchemaError says the profiles file was written by a newer wfconnect. It is
// left untouched, and Save refuses to overwrite it.
type SchemaError struct {
	Path   string
	Schema int
}

func (e *SchemaError) Error() string {
	return fmt.Sprintf("Your profiles file %s was written by a newer version of wfconnect (schema %d; this version knows schema %d). Update wfconnect to use it; the file was left untouched.", e.Path, e.Schema, SchemaVersion)
}

// Profiles is the profiles file. It is safe for concurrent use within a
// process; across processes, the atomic rename means every reader sees a
// whole file, the old or the new.
type Profiles struct {
	dir string
	now func() time.Time // names damaged backups; tests set it

	mu sync.Mutex
}

// OpenProfiles uses dir/profiles.json. It touches no file.
func OpenProfiles(dir string) *Profiles { return &Profiles{dir: dir, now: time.Now} }

// Path is the profiles file's path.
func (p *Profiles) Path() string { return filepath.Join(p.dir, "profiles.json") }

// Load reads every profile. A missing file is an empty list. A damaged file
// is renamed beside itself and Load returns (nil, *DamagedError). A file from
// a newer wfconnect is left untouched and Load returns (nil, *SchemaError).
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
		return nil, fmt.Errorf("Could not read your profiles file %s: %w", p.Path(), err)
	}
	list, err := p.decode(raw)
	if err == nil {
		return list, nil
	}
	var se *SchemaError
	if errors.As(err, &se) {
		return nil, se
	}
	backup, rerr := p.keepDamaged()
	if rerr != nil {
		return nil, fmt.Errorf("Your profiles file %s is damaged (%v) and could not be moved aside: %w", p.Path(), err, rerr)
	}
	return nil, &DamagedError{Backup: backup, Err: err}
}

// decode reads the schema first, so that a newer file whose shape changed is
// recognized as newer rather than as damaged.
func (p *Profiles) decode(raw []byte) ([]Profile, error) {
	var head struct {
		Schema *int `json:"schema"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, err
	}
	switch {
	case head.Schema == nil:
		return nil, errors.New("no schema version")
	case *head.Schema > SchemaVersion:
		return nil, &SchemaError{Path: p.Path(), Schema: *head.Schema}
	case *head.Schema < 1:
		return nil, fmt.Errorf("schema version %d", *head.Schema)
	}
	var f profilesFile
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, err
	}
	return f.Profiles, nil
}

// keepDamaged renames the damaged file to profiles.json.damaged-YYYYMMDD-HHMMSS
// beside it, adding -2, -3, ... rather than overwriting an earlier backup.
func (p *Profiles) keepDamaged() (string, error) {
	base := p.Path() + ".damaged-" + p.now().Format("20060102-150405")
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
// write, fsync, chmod 0600, rename over the file, fsync of the directory. On
// failure the old file is intact and no temp file is left. A file written by
// a newer wfconnect is never overwritten: Save returns its *SchemaError.
func (p *Profiles) Save(list []Profile) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.save(list)
}

func (p *Profiles) save(list []Profile) error {
	// A newer file must not be lost; a damaged one is kept aside by load
	// before it is replaced.
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
		return saveError(p.dir, err)
	}
	if err := writeFileAtomic(p.Path(), append(data, '\n'), 0o600); err != nil {
		return saveError(p.dir, err)
	}
	return nil
}

// saveError says why the file could not be written, for people.
func saveError(dir string, err error) error {
	var why string
	switch {
	case errors.Is(err, syscall.ENOSPC):
		why = "the disk is full. Free some space and try again"
	case errors.Is(err, syscall.EDQUOT):
		why = "your disk quota is used up. Free some space and try again"
	case errors.Is(err, syscall.EROFS):
		why = "the disk is read-only"
	case errors.Is(err, syscall.EFBIG):
		why = "the file is larger than this system allows"
	case errors.Is(err, os.ErrPermission):
		why = "the folder " + dir + " is not writable. Check its permissions"
	default:
		why = "writing to " + dir + " failed"
	}
	return &Error{Kind: ErrSaveFailed, Err: err, Message: fmt.Sprintf(
		"Could not save your connections: %s. Your saved connections are unchanged. (%v)", why, err)}
}

// writeFileAtomic writes data so that readers see the old or the new file,
// never a part, even if the process or the machine stops midway.
func writeFileAtomic(path string, data []byte, mode os.FileMode) (err error) {
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
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	// Make the rename itself durable. Some systems cannot sync a directory;
	// the file is in place either way.
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// Get returns the profile named name: an exact match, else one that matches
// ignoring case. No such profile: an error that is ErrNoProfile.
func (p *Profiles) Get(name string) (Profile, error) {
	list, err := p.Load()
	if err != nil {
		return Profile{}, err
	}
	if i := find(list, name); i >= 0 {
		return list[i], nil
	}
	return Profile{}, noProfile(name)
}

func noProfile(name string) error {
	return &Error{Kind: ErrNoProfile, Message: fmt.Sprintf("There is no connection named %q.", name)}
}

func find(list []Profile, name string) int {
	for i, p := range list {
		if p.Name == name {
			return i
		}
	}
	name = strings.TrimSpace(name)
	for i, p := range list {
		if strings.EqualFold(p.Name, name) {
			return i
		}
	}
	return -1
}

// Put adds prof (replacing == "") or replaces the profile named replacing,
// which may change its name. The name is trimmed and must not be empty, and
// no other profile may have it, ignoring case (ErrDuplicateName). Empty
// AppType, TokenAuth and APIVersion get their defaults.
func (p *Profiles) Put(prof Profile, replacing string) error {
	prof.Name = strings.TrimSpace(prof.Name)
	if prof.Name == "" {
		return &Error{Kind: ErrNoName, Message: "Give the connection a name."}
	}
	if prof.AppType == "" {
		prof.AppType = DefaultAppType
	}
	if prof.TokenAuth == "" {
		prof.TokenAuth = DefaultTokenAuth
	}
	if prof.APIVersion == "" {
		prof.APIVersion = DefaultAPIVersion
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	list, err := p.load()
	if err != nil {
		return err
	}
	at := -1
	if replacing != "" {
		if at = find(list, replacing); at < 0 {
			return noProfile(replacing)
		}
	}
	for i, other := range list {
		if i != at && strings.EqualFold(strings.TrimSpace(other.Name), prof.Name) {
			return &Error{Kind: ErrDuplicateName, Message: fmt.Sprintf("A connection named %q already exists.", other.Name)}
		}
	}
	if at >= 0 {
		list[at] = prof
	} else {
		list = append(list, prof)
	}
	return p.save(list)
}

// Remove deletes the profile named name (ErrNoProfile if there is none). Its
// secrets are the caller's to forget (Vault.Forget).
func (p *Profiles) Remove(name string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	list, err := p.load()
	if err != nil {
		return err
	}
	i := find(list, name)
	if i < 0 {
		return noProfile(name)
	}
	return p.save(append(list[:i], list[i+1:]...))
}
