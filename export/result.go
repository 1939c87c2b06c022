package export

import (
	"errors"
	"time"

	"github.com/wfconnect/wfconnect/msg"
)

// Result says what an export did.
type Result struct {
	Rows        int // rows written
	Counted     int // what Workfront counted before the first page
	CountedEnd  int // and after the last one
	Repeated    int // rows paging returned twice (the data moved), written once
	LatePass    int // rows found by the last pass after the last ID
	Requests    int // searches and counts sent
	Throttled   int // 429 answers (each retried)
	Concurrency int // pages fetched at once at the end (lowered by 429s)
	Elapsed     time.Duration
	Path        string // ToFile's target
	// CutCells counts XLSX cells whose text was longer than an Excel cell
	// holds and was cut; CutColumn and CutRow name the first of them.
	CutCells  int
	CutColumn string
	CutRow    int
}

// ErrDataChanged marks Result.Warning: the data changed while the export
// paged, so the file may lack rows added (or hold rows removed) meanwhile.
var ErrDataChanged = errors.New("the data changed during the export")

// ErrCanceled marks an export stopped by its context (Cancel, Ctrl+C).
var ErrCanceled = errors.New("export canceled")

// ErrCellsCut marks Result.Warning: some XLSX cells held more text than
// Excel allows, and were cut.
var ErrCellsCut = errors.New("cells cut to Excel's limit")

// Warning is nil when the file holds exactly what Workfront sent: the rows
// Workfront counted at the end, no cell cut. Otherwise it says what
// differs (ErrDataChanged, ErrCellsCut), both when both happened.
func (r Result) Warning() error {
	var changed, cut *msg.Error
	if r.CountedEnd != r.Rows {
		changed = msg.New("The data changed during the export: Workfront counted %d rows at the start and %d at the end, and the export has %d (%d changed). Export again for an exact copy.",
			r.Counted, r.CountedEnd, r.Rows, abs(r.CountedEnd-r.Rows)).WithKind(ErrDataChanged)
	}
	if r.CutCells > 0 {
		cut = msg.New("%d cells held more than 32,767 characters, which is all an Excel cell can hold, so their text was cut (the first: column %s, row %d). Export to csv or json to keep the whole text.",
			r.CutCells, r.CutColumn, r.CutRow).WithKind(ErrCellsCut)
	}
	switch {
	case changed != nil && cut != nil:
		return msg.New("%v %v", changed, cut).WithKind(errors.Join(ErrDataChanged, ErrCellsCut))
	case changed != nil:
		return changed
	case cut != nil:
		return cut
	}
	return nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
