package edit

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/wfconnect/wfconnect/export"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// The statuses of a results file's rows.
const (
	StatusChanged   = "changed"
	StatusUnchanged = "unchanged"
	StatusFailed    = "failed"
	StatusNotSent   = "not sent"
	StatusNotFound  = "not found"
	StatusRefused   = "refused"
	// StatusUnknown: sent, but Workfront never confirmed it; it may or
	// may not have been applied (Retry failed sends it again, after a dry
	// run that shows what Workfront holds now).
	StatusUnknown = "unknown"
)

// ResultStatus is the results file's word for a row's status: a row the
// dry run would change but that was never sent is "not sent"; a conflict
// (not sent: changed in Workfront meanwhile) is "failed", its error saying
// why.
func ResultStatus(s Status) string {
	switch s {
	case Changed, Unchanged, NotFound, Refused, Unknown:
		return string(s)
	case WillChange, NotSent:
		return StatusNotSent
	}
	return StatusFailed
}

// ResultRows are the plan's rows as a results file's: each with its input
// row (input[i] for plan row i, when the rows came from a file; else the
// row's values as text) and its status and error.
func ResultRows(plan Plan, input []InputRow) []ResultRow {
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
	return rows
}

// ResultRow is one input row's outcome.
type ResultRow struct {
	InputRow
	Status string // "changed", "unchanged", "failed", "not sent", "not found", "refused", "unknown"
	Error  string
}

// ResultsPath is the results file's default path beside the input:
// "tasks.csv" -> "tasks.results.csv" (also for .xlsx input: "x.xlsx" ->
// "x.results.csv"). A retry from a results file writes the next one
// ("tasks.results.csv" -> "tasks.results-2.csv" -> "tasks.results-3.csv"),
// so the first run's outcome is never overwritten by the retry's.
func ResultsPath(input string) string {
	if m := resultsName.FindStringSubmatch(input); m != nil {
		n := 1
		if m[2] != "" {
			n, _ = strconv.Atoi(m[2])
		}
		return m[1] + ".results-" + strconv.Itoa(n+1) + ".csv"
	}
	switch ext := filepath.Ext(input); strings.ToLower(ext) {
	case ".csv", ".xlsx":
		input = strings.TrimSuffix(input, ext)
	}
	return input + ".results.csv"
}

var resultsName = regexp.MustCompile(`^(.*)\.results(?:-([0-9]{1,6}))?\.csv$`)

// WriteResults writes a CSV: ID, status, error, then the input columns;
// atomically (temp file + rename, 0600, never looser than an existing
// file's mode, refusing a symlinked target), cells that a spreadsheet would
// run as a formula defused the way export does (numbers stay numbers). The
// file starts with a UTF-8 BOM, as the export's do, so that Excel reads it
// right.
func WriteResults(path string, columns []string, rows []ResultRow) error {
	mode, err := resultsMode(path)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	rec := make([]string, 3+len(columns))
	copy(rec, []string{"ID", "status", "error"})
	for i, c := range columns {
		rec[3+i] = export.DefuseCell(c)
	}
	w.Write(rec)
	for _, r := range rows {
		rec[0], rec[1], rec[2] = defuse(r.ID), r.Status, defuse(r.Error)
		for i, c := range columns {
			rec[3+i] = defuse(r.Cells[c])
		}
		w.Write(rec)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return msg.New("Could not write the results file %s: %v", path, err).Because(err)
	}
	if err := store.WriteFileAtomic(path, buf.Bytes(), mode); err != nil {
		return msg.New("Could not write the results file %s: %v", path, err).Because(err)
	}
	return nil
}

// defuse defuses text, not numbers: -5 stays a number in a spreadsheet.
func defuse(s string) string {
	if plainNumber(s) {
		return s
	}
	return export.DefuseCell(s)
}

// plainNumber: an optional sign, digits, maybe a fraction and an exponent
// (not "Inf", "NaN" or hex, which a spreadsheet reads otherwise).
func plainNumber(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	mantissa, exp, hasExp := strings.Cut(strings.ToLower(s), "e")
	whole, frac, _ := strings.Cut(mantissa, ".")
	if hasExp {
		exp = strings.TrimPrefix(strings.TrimPrefix(exp, "-"), "+")
		if exp == "" || !digits(exp) {
			return false
		}
	}
	return whole+frac != "" && digits(whole) && digits(frac)
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// resultsMode is the results file's mode: 0600 for a new file, never
// looser than a replaced one's. A symbolic link (the rename would replace
// the link, not write where it points), a folder or a device is refused.
func resultsMode(path string) (os.FileMode, error) {
	info, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return 0o600, nil
	case err != nil:
		return 0, msg.New("Could not write the results file %s: %v", path, err).Because(err)
	case info.Mode()&fs.ModeSymlink != 0:
		return 0, msg.New("%s is a symbolic link; wfconnect does not write results through one. Choose the file it points to, or another name.", path)
	case !info.Mode().IsRegular():
		return 0, msg.New("%s is not a regular file (a folder, a pipe or a device?): choose another name for the results.", path)
	}
	return info.Mode().Perm() & 0o600, nil
}

// ReadRetry reads a results file back and returns the rows whose status is
// "failed", "not sent" or "unknown", as input rows (for Retry failed), with the input
// columns. Its first three columns are ID, status and error, whatever the
// input's columns are called (an input may have a status column of its
// own).
func ReadRetry(path string) (columns []string, rows []InputRow, err error) {
	if err := checkInput(path); err != nil {
		return nil, nil, err
	}
	t, err := readCSV(path)
	if err != nil {
		return nil, nil, err
	}
	if len(t.header) < 3 || !strings.EqualFold(strings.TrimSpace(t.header[0]), "ID") ||
		!strings.EqualFold(strings.TrimSpace(t.header[1]), "status") || !strings.EqualFold(strings.TrimSpace(t.header[2]), "error") {
		return nil, nil, msg.New("%s is not a results file of wfconnect: its first columns are not ID, status and error.", path)
	}
	retry := &table{header: append([]string{"ID"}, t.header[3:]...)}
	for k, rec := range t.records {
		if len(rec) < 3 {
			continue
		}
		switch strings.ToLower(strings.TrimSpace(rec[1])) {
		case StatusFailed, StatusNotSent, StatusUnknown:
			retry.records = append(retry.records, append([]string{rec[0]}, rec[3:]...))
			retry.lines = append(retry.lines, t.lines[k])
		}
	}
	return retry.rows(path)
}
