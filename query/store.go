package query

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// Query is one question asked of a connection: a type, the name search,
// the filters (Workfront's parameters, prefixes included), the columns in
// their order with the widths people chose and the pinned ones, the sort,
// or one of the type's named queries instead of a search.
type Query struct {
	ID         string             `json:"id,omitempty"`
	Name       string             `json:"name,omitempty"`
	Folder     string             `json:"folder,omitempty"`
	Tags       []string           `json:"tags,omitempty"`
	Connection string             `json:"connection,omitempty"`
	ObjCode    string             `json:"objCode"`
	Text       string             `json:"text,omitempty"`
	Filters    []workfront.Filter `json:"filters,omitempty"`
	Columns    []string           `json:"columns,omitempty"`
	Widths     map[string]float32 `json:"widths,omitempty"`
	Pinned     []string           `json:"pinned,omitempty"`
	Sorts      []workfront.Sort   `json:"sorts,omitempty"`
	Named      string             `json:"named,omitempty"`
}

// Entry is one query run: when, and how many rows it found (-1 unknown).
type Entry struct {
	Query Query     `json:"query"`
	At    time.Time `json:"at"`
	Rows  int       `json:"rows"`
}

// Tabs are a connection's open Explore tabs and the one on show.
type Tabs struct {
	Open    []Query `json:"open"`
	Current int     `json:"current"`
}

// The files, in the config directory.
const (
	savedFile   = "queries.json"
	historyFile = "history.json"
	tabsFile    = "tabs.json"
	lockFile    = ".queries.lock"
	fileVersion = 1
	maxFileSize = 32 << 20
	// MaxHistory is how many queries run a connection's history keeps.
	MaxHistory = 500
)

// DamagedError is a file that could not be read as wfconnect writes it:
// it was moved aside (Aside) and a fresh one starts.
type DamagedError struct {
	Path, Aside string
	err         error
}

func (e *DamagedError) Error() string { return e.people().Error() }

func (e *DamagedError) people() *msg.Error {
	return msg.New("%s was damaged and could not be read; it was kept as %s and a new one started.", e.Path, e.Aside).Because(e.err)
}

// Unwrap gives the words for people (msg), then the cause.
func (e *DamagedError) Unwrap() error { return e.people() }

// Store keeps the queries of every connection in one directory. It is
// safe for concurrent use, and a lock file keeps two processes (the app
// and the command line) from losing each other's entries.
type Store struct {
	dir string
	mu  sync.Mutex
}

// Open is the store in dir (the config directory, 0700).
func Open(dir string) *Store { return &Store{dir: dir} }

// savedFileShape and the others are the files' JSON.
type savedFileShape struct {
	Version int     `json:"version"`
	Queries []Query `json:"queries"`
}

type historyFileShape struct {
	Version int                `json:"version"`
	History map[string][]Entry `json:"history"`
}

type tabsFileShape struct {
	Version int             `json:"version"`
	Tabs    map[string]Tabs `json:"tabs"`
}

// change runs f on one file's content under the locks and writes what f
// leaves, atomically, 0600; f returning an error writes nothing.
func change[T any](s *Store, name string, fresh func() *T, version func(*T) *int, f func(*T) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	lock, err := store.LockFile(filepath.Join(s.dir, lockFile), 10*time.Second)
	if err != nil {
		return err
	}
	if lock != nil {
		defer lock.Close()
	}
	v, damaged := read(s, name, fresh, version)
	if damaged != nil && !errors.As(damaged, new(*DamagedError)) {
		return damaged // a newer file, or one that cannot be read: not overwritten
	}
	if err := f(v); err != nil {
		return err
	}
	*version(v) = fileVersion
	data, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		return fmt.Errorf("encoding %s: %w", name, err)
	}
	if err := store.WriteFileAtomic(filepath.Join(s.dir, name), data, 0o600); err != nil {
		return msg.New("Could not save %s: %v", filepath.Join(s.dir, name), err).Because(err)
	}
	return damaged // written; the damage is still worth saying once
}

// load reads one file under the in-process lock (reads need no file
// lock: writes are atomic renames).
func load[T any](s *Store, name string, fresh func() *T, version func(*T) *int) (*T, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return read(s, name, fresh, version)
}

// read is a file's content: fresh when it does not exist; a damaged one
// is moved aside and said; a newer version is refused.
func read[T any](s *Store, name string, fresh func() *T, version func(*T) *int) (*T, error) {
	path := filepath.Join(s.dir, name)
	data, err := store.ReadRegularFile(path, maxFileSize)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fresh(), nil
	case errors.Is(err, store.ErrNotRegular):
		return fresh(), msg.New("%s is not a regular file (a symbolic link?), so wfconnect does not use it. Delete it and try again.", path).Because(err)
	case err != nil:
		return fresh(), msg.New("Could not read %s: %v", path, err).Because(err)
	}
	v := fresh()
	if err := json.Unmarshal(data, v); err != nil || *version(v) < 1 {
		if err == nil {
			err = errors.New("no version")
		}
		return fresh(), setAside(path, err)
	}
	if *version(v) > fileVersion {
		return fresh(), msg.New("%s was written by a newer wfconnect (version %d); update wfconnect to use it.", path, *version(v))
	}
	return v, nil
}

// setAside moves a damaged file out of the way, keeping it.
func setAside(path string, cause error) error {
	aside := path + ".damaged-" + time.Now().UTC().Format("20060102T150405Z")
	if err := os.Rename(path, aside); err != nil {
		return msg.New("%s is damaged and could not be moved aside: %v", path, err).Because(err)
	}
	return &DamagedError{Path: path, Aside: aside, err: cause}
}
