package store

import (
	"errors"
	"strconv"
	"strings"

	"github.com/wfconnect/wfconnect/msg"
)

var (
	// ErrDuplicateName: a profile with that name (ignoring case) exists.
	ErrDuplicateName = errors.New("duplicate connection name")
	// ErrNoProfile: no profile has that name.
	ErrNoProfile = errors.New("no such connection")
	// ErrAmbiguousName: more than one profile in the file has that name
	// (ignoring case), as a hand edit can leave; Get, Put and Remove refuse
	// to pick one. A *DuplicateNamesError from Load carries it too.
	ErrAmbiguousName = errors.New("connection name used more than once")
)

// DuplicateNamesError says the profiles file names more than one connection
// the same way (names compare ignoring case), as a hand edit can. Load
// returns it together with the whole list, so that the other connections
// stay usable: show it as a warning. Until the file is fixed, Get, Put (when
// replacing) and Remove refuse a duplicated name with ErrAmbiguousName,
// since its twins share one set of keyring secrets.
type DuplicateNamesError struct {
	Path string
	// Names holds one group per duplicated name: the names as spelled in
	// the file, in file order (e.g. ["acme", "acme", "ACME"]).
	Names [][]string
}

func (e *DuplicateNamesError) Error() string { return e.text().Error() }

// Unwrap exposes the message for people (so it can be translated) and,
// through it, ErrAmbiguousName.
func (e *DuplicateNamesError) Unwrap() error { return e.text() }

func (e *DuplicateNamesError) text() *msg.Error {
	groups := make([]string, len(e.Names))
	for i, g := range e.Names {
		groups[i] = quoteNames(g)
	}
	return msg.New("%s has more than one connection with the same name (names are compared ignoring case): %s. Edit the file so that each name appears once; until then wfconnect will not use, change or remove those connections.", e.Path, strings.Join(groups, "; ")).WithKind(ErrAmbiguousName)
}

// quoteNames is "a", "b", "c".
func quoteNames(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// duplicates finds the names used more than once (ignoring case); nil when
// there are none.
func duplicates(path string, list []Profile) error {
	var groups [][]string
	seen := make(map[string]bool, len(list))
	for i, a := range list {
		key := strings.ToLower(a.Name)
		if seen[key] {
			continue
		}
		seen[key] = true
		group := []string{a.Name}
		for _, b := range list[i+1:] {
			if strings.EqualFold(a.Name, b.Name) {
				group = append(group, b.Name)
			}
		}
		if len(group) > 1 {
			groups = append(groups, group)
		}
	}
	if groups == nil {
		return nil
	}
	return &DuplicateNamesError{Path: path, Names: groups}
}

// DamagedError says the profiles file could not be read; it was kept aside.
type DamagedError struct {
	Backup string
	Err    error
}

func (e *DamagedError) Error() string { return e.text().Error() }

// Unwrap exposes the message for people (so it can be translated) and the
// reason the file could not be read.
func (e *DamagedError) Unwrap() []error { return []error{e.text(), e.Err} }

func (e *DamagedError) text() *msg.Error {
	return msg.New("Your profiles file was damaged and could not be read. It was kept as %s; you can add your connections again.", e.Backup)
}

// SchemaError says the file was written by a newer wfconnect; it is left alone.
type SchemaError struct {
	Path   string
	Schema int
}

func (e *SchemaError) Error() string { return e.text().Error() }

// Unwrap exposes the message for people, so that it can be translated.
func (e *SchemaError) Unwrap() error { return e.text() }

func (e *SchemaError) text() *msg.Error {
	return msg.New("%s was written by a newer version of wfconnect (schema %d; this one knows %d). Update wfconnect: the file was left untouched.", e.Path, e.Schema, SchemaVersion)
}
