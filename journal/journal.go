// Package journal owns the local record of every write wfconnect makes to a
// Workfront connection: one append-only NDJSON file per connection in the
// config directory's journal/ folder (0700, files 0600), holding each
// change's object, its fields' before and after values and its outcome,
// never a token or a secret. A change is recorded (and synced to disk)
// before its request goes and settled with its outcome after, by appending:
// the file is never rewritten, so a crash loses at most the line being
// written, which the next append steps over.
package journal

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode"
)

// FieldChange is one field's value before and after a change.
type FieldChange struct {
	Before any `json:"before"`
	After  any `json:"after"`
}

// Outcome of one change.
const (
	Sending = "sending" // recorded before the request goes
	Changed = "changed"
	Failed  = "failed"
	Unknown = "unknown" // sent, but Workfront's answer never came
)

// Change is one object's change, as the journal keeps it.
type Change struct {
	ID            string                 `json:"id"` // unique change ID, short, safe on a command line (e.g. "c7f3a9b2e1")
	Time          time.Time              `json:"time"`
	ObjCode       string                 `json:"objCode"`
	ObjID         string                 `json:"objID"`
	ObjName       string                 `json:"objName,omitempty"` // the object's name when it was changed, for people
	Changes       map[string]FieldChange `json:"changes"`
	BeforeUnknown bool                   `json:"beforeUnknown,omitempty"` // before-values could not be read
	Outcome       string                 `json:"outcome"`
	Error         string                 `json:"error,omitempty"` // Workfront's error in words
	Batch         string                 `json:"batch,omitempty"` // shared by the rows of one request
	RevertOf      string                 `json:"revertOf,omitempty"`
}

// settleRecord is the line Settle appends: a later outcome of a change.
type settleRecord struct {
	ID      string    `json:"id"`
	Outcome string    `json:"outcome"`
	Error   string    `json:"error,omitempty"`
	Settled bool      `json:"settled"`
	Time    time.Time `json:"time"`
}

// tornMarker is the line an append writes after a torn last line (a write
// cut short by a crash), so that readers know the line before it was torn,
// not damaged later.
const tornMarker = `{"torn":true}`

// ErrNotFound: Get found no change with that ID.
var ErrNotFound = errors.New("no such change")

// ErrUnsafe: the journal, its folder or its lock file is a symbolic link,
// not a regular file (or folder), or another user's; wfconnect does not use
// it.
var ErrUnsafe = errors.New("unsafe journal file")

// Journal is one connection's journal. It is safe for concurrent use, in a
// process and across processes (the CLI and the app).
type Journal struct {
	dir        string // the journal folder (config dir/journal)
	path       string
	lockPath   string
	connection string
	mu         sync.Mutex
}

// Open the journal of one connection in dir (the config dir; the journal
// lives in dir/journal/, 0700). Nothing is touched until the first Record
// or List. Connection names differing only in case share a journal.
func Open(dir, connection string) *Journal {
	base := FileName(connection)
	jdir := filepath.Join(dir, "journal")
	return &Journal{
		dir:        jdir,
		path:       filepath.Join(jdir, base+".ndjson"),
		lockPath:   filepath.Join(jdir, "."+base+".lock"),
		connection: connection,
	}
}

// Path is the journal's file.
func (j *Journal) Path() string { return j.path }

// FileName is the journal's file name (without ".ndjson") for a connection
// name: a readable prefix of the name's letters, digits, - and _ (others
// become _), then a hash of the case-folded name, so that any name,
// "../x" or "Prod Ö" alike, gives a safe name of its own, the same for
// names that differ only in case.
func FileName(connection string) string {
	folded := foldCase(connection)
	sum := sha256.Sum256([]byte(folded))
	var b strings.Builder
	for _, r := range folded {
		if b.Len() >= 24 {
			break
		}
		switch {
		case r >= 'A' && r <= 'Z':
			b.WriteRune(unicode.ToLower(r))
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	prefix := strings.Trim(b.String(), "_-")
	if prefix == "" {
		prefix = "connection"
	}
	return prefix + "-" + hex.EncodeToString(sum[:6])
}

// foldCase maps every rune to the smallest rune of its case-folding orbit,
// so that two names equal under strings.EqualFold (which the profiles use)
// fold to the same string.
func foldCase(s string) string {
	return strings.Map(func(r rune) rune {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		return least
	}, s)
}

// NewID makes a change ID: "c" and 11 random hex digits, short enough to
// type and safe on a command line (a letter first: never read as a flag
// or a number).
func NewID() string {
	var b [6]byte
	rand.Read(b[:]) // never fails (crypto/rand)
	return "c" + hex.EncodeToString(b[:])[:11]
}

// Record appends changes (one line each) and fsyncs before returning: what
// is recorded survives a crash. A change without a time gets the current
// one; one without an outcome is Sending.
func (j *Journal) Record(changes ...Change) error {
	if len(changes) == 0 {
		return nil
	}
	var buf []byte
	for _, c := range changes {
		if c.ID == "" {
			return fmt.Errorf("journal: a change of %s %s has no ID", c.ObjCode, c.ObjID)
		}
		if c.Time.IsZero() {
			c.Time = time.Now()
		}
		if c.Outcome == "" {
			c.Outcome = Sending
		}
		line, err := json.Marshal(c)
		if err != nil {
			return fmt.Errorf("journal: encoding change %s: %w", c.ID, err)
		}
		buf = append(append(buf, line...), '\n')
	}
	return j.append(buf)
}

// Settle records the outcome of changes recorded earlier as Sending (same
// IDs), e.g. after the request's answer, by appending one outcome line each.
func (j *Journal) Settle(outcome string, errText string, ids ...string) error {
	switch outcome {
	case Changed, Failed, Unknown:
	default:
		return fmt.Errorf("journal: %q is not an outcome to settle with", outcome)
	}
	if len(ids) == 0 {
		return nil
	}
	now := time.Now()
	var buf []byte
	for _, id := range ids {
		line, err := json.Marshal(settleRecord{ID: id, Outcome: outcome, Error: errText, Settled: true, Time: now})
		if err != nil {
			return fmt.Errorf("journal: encoding the outcome of %s: %w", id, err)
		}
		buf = append(append(buf, line...), '\n')
	}
	return j.append(buf)
}
