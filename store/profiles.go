package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

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
	AppType     string `json:"app_type"`   // "web" | "spa" | "jwt" | "ims" (auth.Kind)
	TokenAuth   string `json:"token_auth"` // "basic-json" | "form"
	APIVersion  string `json:"api_version"`
	// APIVersionAuto marks a version nobody chose: the first session
	// replaces it with the newest version the instance offers.
	APIVersionAuto bool `json:"api_version_auto,omitempty"`
	Demo           bool `json:"demo,omitempty"`
	// AllowMissingState accepts a callback without state (a tenant whose
	// Workfront returns none); less safe, so off unless chosen.
	AllowMissingState bool `json:"allow_missing_state,omitempty"`
	// NoPKCE turns PKCE off for a Web Application whose token endpoint
	// refuses the code_verifier.
	NoPKCE bool `json:"no_pkce,omitempty"`
	// CustomerID and UserID are a Machine to Machine (jwt) app's: the
	// JWT's iss and sub. Its private key lives in the keyring only.
	CustomerID string `json:"customer_id,omitempty"`
	UserID     string `json:"user_id,omitempty"`
	// IMSOrg (…@AdobeOrg), Scopes (comma separated) and IMSURL (the IMS
	// base URL) are an Adobe IMS server-to-server (ims) credential's.
	IMSOrg string `json:"ims_org,omitempty"`
	Scopes string `json:"scopes,omitempty"`
	IMSURL string `json:"ims_url,omitempty"`
	// LocalHTTP marks a plain-http loopback host (the simulator, tests),
	// for people to see. It grants nothing: what allows such a host is
	// the marker in the keyring (Vault.LocalHTTP), written when the
	// connection was added or edited with it, which the file cannot forge.
	LocalHTTP bool `json:"local_http,omitempty"`
	// Writes is the write mode someone chose ("read-only", "confirm",
	// "direct"); empty means the default of the host's environment.
	Writes string `json:"writes,omitempty"`
}

type profilesFile struct {
	Schema   int       `json:"schema"`
	Profiles []Profile `json:"profiles"`
}

// Profiles is the profiles file. It is safe for concurrent use in a process;
// across processes the atomic rename keeps every reader on a whole file.
//
// The file is parsed once and kept, with the identity (device and inode),
// size and modification time of what was read; Load, Get and the rest stat
// the file each time and parse it again only when one of these changed (a
// save here, or another process's atomic rename, which gives a new inode).
// So a command that looks up every connection parses the file once.
type Profiles struct {
	dir    string
	mu     sync.Mutex
	cache  *parsed // guarded by mu
	parses int     // files parsed, for tests; guarded by mu
}

// parsed is the file as last read.
type parsed struct {
	info fs.FileInfo
	list []Profile
	dup  error // a *DuplicateNamesError, or nil
}

// OpenProfiles uses dir/profiles.json.
func OpenProfiles(dir string) *Profiles { return &Profiles{dir: dir} }

// Path is the profiles file's path.
func (p *Profiles) Path() string { return filepath.Join(p.dir, "profiles.json") }

// Load reads every profile. A missing file is an empty list. A byte order
// mark before the JSON (as Notepad writes) is skipped. A profiles.json that
// is a symbolic link is not read (an error says so).
//
// When names repeat (ignoring case), Load returns the whole list and a
// *DuplicateNamesError: show it as a warning, and keep the list.
// Every other error comes with no list.
func (p *Profiles) Load() ([]Profile, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.load()
}

func (p *Profiles) load() ([]Profile, error) {
	info, err := os.Lstat(p.Path())
	if errors.Is(err, os.ErrNotExist) {
		p.cache = nil
		return nil, nil
	}
	if err != nil {
		return nil, p.readError(err)
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		return nil, p.symlinkError()
	}
	if c := p.cache; c != nil && sameVersion(c.info, info) {
		return slices.Clone(c.list), c.dup
	}
	p.cache = nil
	raw, info, err := p.read()
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	p.parses++
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
	p.cache = &parsed{info: info, list: f.Profiles, dup: duplicates(p.Path(), f.Profiles)}
	return slices.Clone(f.Profiles), p.cache.dup
}

// read reads the file without following a symbolic link, and says what it
// read (from the open file, so that it matches the bytes).
func (p *Profiles) read() ([]byte, fs.FileInfo, error) {
	f, err := openNoFollow(p.Path())
	if err != nil {
		if isSymlinkRefusal(err) {
			return nil, nil, p.symlinkError()
		}
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil, err
		}
		return nil, nil, p.readError(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, p.readError(err)
	}
	if info.IsDir() {
		return nil, nil, p.readError(syscall.EISDIR) // said as "a directory, not a file"
	}
	if !info.Mode().IsRegular() {
		return nil, nil, p.readError(errNotRegular)
	}
	raw, err := io.ReadAll(f)
	if err != nil {
		return nil, nil, p.readError(err)
	}
	return raw, info, nil
}

// sameVersion: a and b describe the same file, unchanged as far as its
// size and modification time tell.
func sameVersion(a, b fs.FileInfo) bool {
	return os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}

var errNotRegular = errors.New("it is not a regular file")

func (p *Profiles) readError(err error) error {
	return msg.New("Could not read your connections from %s: %s.", p.Path(), describeFileError(err)).Because(err)
}

func (p *Profiles) symlinkError() error {
	return msg.New("%s is a symbolic link, so wfconnect did not read it: the connections file must be a plain file, and a link could point anywhere. Replace the link with a copy of the file it points to, or remove it, then try again.", p.Path())
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
	p.cache = nil
	return name, os.Rename(p.Path(), name)
}

// Save replaces the file atomically: a temp file in the same directory,
// fsync, chmod 0600, rename, fsync of the directory. A file from a newer
// schema is never overwritten. The rename replaces a symbolic link planted
// at profiles.json; it never writes through it.
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
	l, created, err := takeFileLock(filepath.Join(p.dir, lockFileName), 10*time.Second)
	switch {
	case err != nil:
		p.mu.Unlock()
		return nil, err
	case !created:
		return p.mu.Unlock, nil
	}
	return func() {
		l.Close()
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
	p.cache = nil
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

// Get returns the profile named name (ignoring case). A name that more
// than one profile has is refused with ErrAmbiguousName.
func (p *Profiles) Get(name string) (Profile, error) {
	list, err := p.Load()
	var dup *DuplicateNamesError
	if err != nil && !errors.As(err, &dup) {
		return Profile{}, err
	}
	i, err := p.find(list, name)
	if err != nil {
		return Profile{}, err
	}
	if i >= 0 {
		return list[i], nil
	}
	return Profile{}, msg.New("There is no connection named %q (see wfconnect profile list).", name).WithKind(ErrNoProfile)
}

// find is the index of the profile named name (ignoring case), or -1; a
// name that several profiles have is an ErrAmbiguousName error.
func (p *Profiles) find(list []Profile, name string) (int, error) {
	at := -1
	var names []string
	for i, prof := range list {
		if strings.EqualFold(prof.Name, name) {
			at = i
			names = append(names, prof.Name)
		}
	}
	if len(names) > 1 {
		return -1, msg.New("The name %q matches more than one connection in %s (%s), so wfconnect did not pick one. Edit the file so that each name appears once, then try again.", name, p.Path(), quoteNames(names)).WithKind(ErrAmbiguousName)
	}
	return at, nil
}

// Put adds prof, or replaces the profile named replacing. Replacing a name
// that several profiles have is refused with ErrAmbiguousName.
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
			var err error
			if at, err = p.find(list, replacing); err != nil {
				return nil, err
			}
			if at < 0 {
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

// Remove deletes the profile named name. A name that several profiles have
// is refused with ErrAmbiguousName, and nothing is removed.
func (p *Profiles) Remove(name string) error {
	return p.update(func(list []Profile) ([]Profile, error) {
		i, err := p.find(list, name)
		if err != nil {
			return nil, err
		}
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
	var dup *DuplicateNamesError
	if err != nil && !errors.As(err, &dup) {
		return err
	}
	if list, err = edit(list); err != nil {
		return err
	}
	return p.save(list)
}
