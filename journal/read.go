package journal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/wfconnect/wfconnect/msg"
)

// DamagedError: lines in the middle of the journal could not be read
// (changed by hand, or a disk fault). List returns it with the changes it
// could read; the file is left as it is.
type DamagedError struct {
	Path  string
	Lines []int // 1-based line numbers
	m     *msg.Error
}

func (e *DamagedError) Error() string { return e.m.Error() }

// Unwrap gives the message for people (msg.Localize finds it).
func (e *DamagedError) Unwrap() error { return e.m }

func damaged(path string, lines []int) *DamagedError {
	shown := lines
	more := ""
	if len(shown) > 10 {
		shown, more = shown[:10], fmt.Sprintf(" (+%d)", len(lines)-10)
	}
	words := make([]string, len(shown))
	for i, n := range shown {
		words[i] = fmt.Sprint(n)
	}
	list := strings.Join(words, ", ") + more
	m := msg.New("The journal %s is damaged at line %s; wfconnect shows the other changes and leaves the file as it is.", path, list)
	if len(lines) > 1 {
		m = msg.New("The journal %s is damaged at lines %s; wfconnect shows the other changes and leaves the file as it is.", path, list)
	}
	return &DamagedError{Path: path, Lines: lines, m: m}
}

// List returns the connection's changes, newest first, each with its
// latest outcome; limit <= 0 means all. Damaged lines in the middle are
// skipped and reported with the rest (a *DamagedError, for errors.As); a
// last line cut short by a crash is skipped silently.
func (j *Journal) List(limit int) ([]Change, error) {
	changes, bad, err := j.read()
	if err != nil {
		return nil, err
	}
	slices.Reverse(changes)
	if limit > 0 && len(changes) > limit {
		changes = changes[:limit:limit]
	}
	if len(bad) > 0 {
		return changes, damaged(j.path, bad)
	}
	return changes, nil
}

// Get returns one change by ID (an error that says so when there is none).
// IDs are compared ignoring case, as people may type them.
func (j *Journal) Get(id string) (Change, error) {
	changes, _, err := j.read()
	if err != nil {
		return Change{}, err
	}
	for i := len(changes) - 1; i >= 0; i-- {
		if strings.EqualFold(changes[i].ID, id) {
			return changes[i], nil
		}
	}
	return Change{}, msg.New("There is no change %s in the journal of %s.", id, j.connection).WithKind(ErrNotFound)
}

// read parses the journal in file order, settle records applied; bad holds
// the numbers of the damaged lines. A missing journal is an empty one.
func (j *Journal) read() (changes []Change, bad []int, err error) {
	if err := j.secureDir(false); errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	} else if err != nil {
		return nil, nil, err
	}
	f, _, err := j.openFile(readFlag)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	} else if err != nil {
		return nil, nil, err
	}
	raw, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return nil, nil, msg.New("Could not read the journal %s: %v", j.path, err).Because(err)
	}
	lines := bytes.Split(raw, []byte("\n"))
	// The last piece is what follows the last line break: empty, or a line
	// cut short by a crash (or being written right now).
	parsed := parseLines(lines)
	at := map[string]int{} // change ID -> index in changes
	pending := 0           // a line that did not parse, unless the torn marker follows
	for i, p := range parsed {
		if p.kind == lineBlank {
			continue
		}
		if pending > 0 && p.kind != lineTorn {
			bad = append(bad, pending)
		}
		pending = 0
		switch p.kind {
		case lineDamaged:
			if i < len(parsed)-1 { // a torn last line is skipped silently
				pending = i + 1
			}
		case lineSettle:
			if k, ok := at[p.settle.ID]; ok {
				changes[k].Outcome, changes[k].Error = p.settle.Outcome, p.settle.Error
			}
		case lineChange:
			at[p.change.ID] = len(changes)
			changes = append(changes, *p.change)
		}
	}
	if pending > 0 {
		bad = append(bad, pending)
	}
	return changes, bad, nil
}

// The kinds of line in a journal.
const (
	lineBlank = iota
	lineDamaged
	lineTorn   // tornMarker: the line before it was cut short by a crash
	lineSettle // a settleRecord
	lineChange // a Change
)

type parsedLine struct {
	kind   int
	change *Change
	settle settleRecord
}

// parseLines decodes the lines on every core: a journal of 100,000 changes
// is 200,000 lines of JSON.
func parseLines(lines [][]byte) []parsedLine {
	out := make([]parsedLine, len(lines))
	workers := runtime.GOMAXPROCS(0)
	per := (len(lines) + workers - 1) / workers
	var wg sync.WaitGroup
	for from := 0; from < len(lines); from += per {
		to := min(from+per, len(lines))
		wg.Go(func() {
			for i := from; i < to; i++ {
				out[i] = parseLine(lines[i])
			}
		})
	}
	wg.Wait()
	return out
}

var settledMark = []byte(`"settled":true`)

func parseLine(raw []byte) parsedLine {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0:
		return parsedLine{kind: lineBlank}
	case string(raw) == tornMarker:
		return parsedLine{kind: lineTorn}
	case bytes.Contains(raw, settledMark):
		var s settleRecord
		if json.Unmarshal(raw, &s) == nil && s.Settled && s.ID != "" {
			return parsedLine{kind: lineSettle, settle: s}
		}
	}
	c := new(Change)
	if json.Unmarshal(raw, c) != nil || c.ID == "" || c.ObjCode == "" {
		return parsedLine{kind: lineDamaged}
	}
	return parsedLine{kind: lineChange, change: c}
}
