package edit

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"

	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/workfront"
)

// Values converts FIELD=VALUE texts by the type's metadata, refusing the
// first unknown, read-only or ill-typed one.
func Values(meta workfront.TypeMeta, assignments []Assignment) (map[string]any, error) {
	set := map[string]any{}
	for _, a := range assignments {
		f, err := FieldOf(meta, a.Field)
		if err != nil {
			return nil, err
		}
		v, err := Convert(f, a.Text)
		if err != nil {
			return nil, err
		}
		set[f.Name] = v
	}
	return set, nil
}

// FileRows are a bulk file's rows to plan, with the file's columns and
// rows for its results file.
type FileRows struct {
	Columns []string
	Input   []InputRow
	Rows    []Row
}

// RowsFromFile reads a bulk file. Columns the type cannot take are refused
// up front, all named; a cell the metadata refuses refuses its row only. A
// results file (its columns start ID, status, error) gives the rows to
// retry only: those that failed, were not sent or are unknown.
func RowsFromFile(meta workfront.TypeMeta, path string) (FileRows, error) {
	columns, input, err := ReadInput(path)
	if err != nil {
		return FileRows{}, err
	}
	if len(columns) >= 2 && strings.EqualFold(columns[0], "status") && strings.EqualFold(columns[1], "error") &&
		strings.EqualFold(filepath.Ext(path), ".csv") {
		if columns, input, err = ReadRetry(path); err != nil {
			return FileRows{}, err
		}
	}
	return RowsOf(meta, path, columns, input)
}

// RowsOf turns input rows (a file's, or a results file's for Retry
// failed) into rows to plan.
func RowsOf(meta workfront.TypeMeta, path string, columns []string, input []InputRow) (FileRows, error) {
	var bad []string
	for _, col := range columns {
		if strings.EqualFold(col, "ID") {
			continue
		}
		if _, err := FieldOf(meta, col); err != nil {
			bad = append(bad, err.Error())
		}
	}
	if len(bad) > 0 {
		return FileRows{}, msg.New("Nothing was read from %s: %s", path, strings.Join(bad, " "))
	}
	out := FileRows{Columns: columns, Input: input}
	for _, r := range input {
		var as []Assignment
		for _, col := range columns {
			if text, ok := r.Cells[col]; ok && !strings.EqualFold(col, "ID") {
				as = append(as, Assignment{Field: col, Text: text})
			}
		}
		set, err := Values(meta, as)
		row := Row{Line: r.Line, ID: r.ID, Set: set}
		if err != nil {
			row.Refused = msg.New("Line %d: %v", r.Line, err).Because(err)
		}
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}

// Finder finds objects and counts them; *workfront.Client is one.
type Finder interface {
	Reader
	Count(ctx context.Context, objCode string, filters []workfront.Filter) (int, error)
}

// TooMany refuses a query update over its limit.
var TooMany = errors.New("too many objects")

// RowsFromQuery are the objects the filters find, each given set. More
// than max is refused after the count, before anything else is read.
func RowsFromQuery(ctx context.Context, f Finder, objCode string, filters []workfront.Filter, set map[string]any, max int) ([]Row, error) {
	n, err := f.Count(ctx, objCode, filters)
	if err != nil {
		return nil, err
	}
	if n > max {
		return nil, msg.New("The filters find %d objects, more than %d, so nothing was read or sent. Narrow the filters, or raise the limit to %d.", n, max, n).WithKind(TooMany)
	}
	var ids []string
	s := workfront.Search{ObjCode: objCode, Fields: []string{"ID"}, Filters: filters, Limit: workfront.MaxLimit}
	for s.First < n {
		page, err := f.Search(ctx, s)
		if err != nil {
			return nil, err
		}
		for _, o := range page {
			ids = append(ids, o.ID())
		}
		if len(page) < s.Limit {
			break
		}
		s.First += len(page)
	}
	if len(ids) > n {
		ids = ids[:n] // as counted: a server that keeps sending is not followed
	}
	slices.Sort(ids)
	var rows []Row
	for _, id := range slices.Compact(ids) {
		rows = append(rows, Row{ID: id, Set: set})
	}
	return rows, nil
}

// IsTooMany says a query update was refused for its size.
func IsTooMany(err error) bool { return errors.Is(err, TooMany) }
