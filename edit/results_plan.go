package edit

import (
	"maps"
	"slices"

	"github.com/wfconnect/wfconnect/workfront"
)

// ResultStatus is the results file's word for a row's status.
func ResultStatus(s Status) string {
	switch s {
	case Changed:
		return StatusChanged
	case Unchanged:
		return StatusUnchanged
	case NotFound:
		return StatusNotFound
	case Refused:
		return StatusRefused
	case WillChange, NotSent:
		return StatusNotSent
	}
	return StatusFailed // failed, a conflict, or sent and never confirmed
}

// ResultsOf are every planned row's outcome for the results file, with
// the input's columns; rows that came from no file get a column per field
// they set.
func ResultsOf(plan Plan, input []InputRow, columns []string) ([]string, []ResultRow) {
	rows := make([]ResultRow, len(plan.Rows))
	for i, r := range plan.Rows {
		in := InputRow{Line: r.Line, ID: r.ID, Cells: map[string]string{}}
		if i < len(input) {
			in = input[i]
		} else {
			for f, v := range r.Set {
				in.Cells[f] = workfront.ValueText(v)
			}
		}
		rows[i] = ResultRow{InputRow: in, Status: ResultStatus(r.Status), Error: r.Why}
	}
	if columns == nil && len(plan.Rows) > 0 {
		columns = slices.Sorted(maps.Keys(plan.Rows[0].Set))
	}
	return columns, rows
}
