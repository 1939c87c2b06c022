package edit

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/wfconnect/wfconnect/export"
	"github.com/wfconnect/wfconnect/msg"
)

// Limits of a bulk-update file.
const (
	MaxInputBytes = 50 << 20
	MaxInputRows  = 100000
)

// InputRow is one data row of a bulk-update file.
type InputRow struct {
	Line  int // 1-based line (CSV) or row (XLSX) in the file, for messages
	ID    string
	Cells map[string]string // column (field name as the export writes it, e.g. "status", "DE:Budget Code") -> cell text; blank cells are absent
}

// ReadInput reads a CSV or XLSX file (by extension; .xlsx first sheet) with
// a header row containing an "ID" column (case-insensitive match for "ID";
// other columns kept exactly as written, trimmed). columns are the other
// columns, in the file's order. A UTF-8 BOM is skipped; ";" separates the
// cells when the header has semicolons and no comma; a cell the export
// defused ("'=x") reads as it was ("=x"); blank rows are skipped; a
// formula gives its value as last saved.
func ReadInput(path string) (columns []string, rows []InputRow, err error) {
	if err := checkInput(path); err != nil {
		return nil, nil, err
	}
	var t *table
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		t, err = readCSV(path)
	case ".xlsx":
		t, err = readXLSX(path)
	default:
		return nil, nil, msg.New("%s is neither a CSV nor an Excel (.xlsx) file: save it as CSV UTF-8 or as an Excel workbook.", path)
	}
	if err != nil {
		return nil, nil, err
	}
	return t.rows(path)
}

// checkInput refuses what is not a regular file, or one over the limit,
// before reading it (a FIFO would block the read).
func checkInput(path string) error {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return msg.New("There is no file %s.", path).Because(err)
	case err != nil:
		return msg.New("Could not read %s: %v", path, err).Because(err)
	case !info.Mode().IsRegular():
		return msg.New("%s is not a regular file (a folder, a pipe or a device?).", path)
	case info.Size() > MaxInputBytes:
		return msg.New("%s is larger than 50 MB: split it into smaller files.", path)
	}
	return nil
}

// table is a file's cells: header, then records, each with its line.
type table struct {
	header  []string
	records [][]string
	lines   []int
}

func tooManyRows(path string) error {
	return msg.New("%s has more than 100,000 rows: split it into smaller files.", path)
}

// readCSV reads a CSV file's cells: UTF-8 only, a BOM skipped, ; as the
// separator when the header has semicolons and no comma.
func readCSV(path string) (*table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, msg.New("Could not read %s: %v", path, err).Because(err)
	}
	raw, err := io.ReadAll(io.LimitReader(f, MaxInputBytes+1))
	f.Close()
	switch {
	case err != nil:
		return nil, msg.New("Could not read %s: %v", path, err).Because(err)
	case len(raw) > MaxInputBytes:
		return nil, msg.New("%s is larger than 50 MB: split it into smaller files.", path)
	}
	raw = bytes.TrimPrefix(raw, []byte("\uFEFF"))
	if bytes.HasPrefix(raw, []byte{0xFF, 0xFE}) || bytes.HasPrefix(raw, []byte{0xFE, 0xFF}) || !utf8.Valid(raw) {
		return nil, notUTF8(path, raw)
	}
	r := csv.NewReader(bytes.NewReader(raw))
	r.FieldsPerRecord = -1
	if first, _, _ := bytes.Cut(raw, []byte("\n")); !bytes.Contains(first, []byte(",")) && bytes.Contains(first, []byte(";")) {
		r.Comma = ';'
	}
	t := &table{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			return nil, msg.New("Line %d of %s is not valid CSV: %v", perr.Line, path, perr.Err).Because(err)
		} else if err != nil {
			return nil, msg.New("Could not read %s: %v", path, err).Because(err)
		}
		line, _ := r.FieldPos(0)
		if t.header == nil {
			t.header = rec
			continue
		}
		if len(t.records) == MaxInputRows {
			return nil, tooManyRows(path)
		}
		t.records = append(t.records, rec)
		t.lines = append(t.lines, line)
	}
	return t, nil
}

// notUTF8 names the first line that is not UTF-8.
func notUTF8(path string, raw []byte) error {
	line := 1
	for len(raw) > 0 {
		r, size := utf8.DecodeRune(raw)
		if r == utf8.RuneError && size <= 1 || r == '\uFFFE' {
			break
		}
		if r == '\n' {
			line++
		}
		raw = raw[size:]
	}
	return msg.New("%s is not UTF-8 text (line %d): save it from your spreadsheet as “CSV UTF-8” and try again.", path, line)
}

// rows checks the table and makes its input rows.
func (t *table) rows(path string) ([]string, []InputRow, error) {
	if t.header == nil {
		return nil, nil, msg.New("%s is empty: its first row must name the columns, one of them ID.", path)
	}
	idCol, names, err := t.columns(path)
	if err != nil {
		return nil, nil, err
	}
	var columns []string
	for i, n := range names {
		if i != idCol && n != "" {
			columns = append(columns, n)
		}
	}
	rows := make([]InputRow, 0, len(t.records))
	seen := map[string]int{} // ID, lower case -> line
	for k, rec := range t.records {
		line := t.lines[k]
		row := InputRow{Line: line, Cells: map[string]string{}}
		blank := true
		for i, cell := range rec {
			if strings.TrimSpace(cell) == "" {
				continue
			}
			blank = false
			switch {
			case i >= len(names):
				return nil, nil, msg.New("Line %d of %s has %d cells, more than the %d columns of the first row (a separator inside a value without quotes?).", line, path, len(rec), len(names))
			case names[i] == "":
				return nil, nil, msg.New("Line %d of %s has a value in column %d, which has no name in the first row.", line, path, i+1)
			case i == idCol:
				row.ID = strings.TrimSpace(export.UndefuseCell(cell))
			default:
				row.Cells[names[i]] = export.UndefuseCell(cell)
			}
		}
		if blank {
			continue
		}
		if row.ID == "" {
			return nil, nil, msg.New("Line %d of %s has no ID.", line, path)
		}
		key := strings.ToLower(row.ID)
		if first, ok := seen[key]; ok {
			return nil, nil, msg.New("The ID %s is on line %d and again on line %d of %s: each object may be in the file once.", row.ID, first, line, path)
		}
		seen[key] = line
		rows = append(rows, row)
	}
	return columns, rows, nil
}

// columns reads the header: the ID column's index and every column's name
// (trimmed, as the export wrote it).
func (t *table) columns(path string) (idCol int, names []string, err error) {
	idCol = -1
	names = make([]string, len(t.header))
	at := map[string]int{}
	for i, h := range t.header {
		name := export.UndefuseCell(strings.TrimSpace(h))
		names[i] = name
		if name == "" {
			continue
		}
		key := strings.ToLower(name)
		if first, ok := at[key]; ok {
			return 0, nil, msg.New("%s has the column %s twice (columns %d and %d): keep one.", path, name, first+1, i+1)
		}
		at[key] = i
		if key == "id" {
			idCol = i
		}
	}
	if idCol < 0 {
		return 0, nil, msg.New("%s has no ID column: its first row must name the columns, one of them ID (the objects' IDs, as an export writes them).", path)
	}
	return idCol, names, nil
}

// readXLSX reads the first sheet of a workbook: the values as Excel last
// saved them (a formula's result, not the formula), numbers as written
// ("1234.5", not "1,234.50"), dates as "2006-01-02" or
// "2006-01-02T15:04:05" (Excel keeps no time zone), true and false.
func readXLSX(path string) (*table, error) {
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true, UnzipSizeLimit: 1 << 30})
	if err != nil {
		return nil, msg.New("Could not read %s as an Excel workbook: %v", path, err).Because(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, msg.New("%s is empty: its first row must name the columns, one of them ID.", path)
	}
	all, err := f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, msg.New("Could not read %s as an Excel workbook: %v", path, err).Because(err)
	}
	x := xlsxCells{f: f, sheet: sheets[0], dates: map[int]bool{}}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		x.date1904 = *props.Date1904
	}
	t := &table{}
	for i, rec := range all {
		if t.header == nil && len(rec) == 0 {
			continue // blank rows above the header
		}
		for c := range rec {
			rec[c] = x.text(rec[c], c+1, i+1)
		}
		if t.header == nil {
			t.header = rec
			continue
		}
		if len(t.records) == MaxInputRows {
			return nil, tooManyRows(path)
		}
		t.records = append(t.records, rec)
		t.lines = append(t.lines, i+1)
	}
	return t, nil
}

// xlsxCells turns a sheet's raw values into text: a number in a date
// format becomes a date, a boolean true or false.
type xlsxCells struct {
	f        *excelize.File
	sheet    string
	date1904 bool
	dates    map[int]bool // style ID -> a date format
}

func (x *xlsxCells) text(raw string, col, row int) string {
	n, err := strconv.ParseFloat(raw, 64)
	if raw == "" || err != nil {
		return raw
	}
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return raw
	}
	if (raw == "0" || raw == "1") && x.isBool(cell) {
		return strconv.FormatBool(raw == "1")
	}
	style, err := x.f.GetCellStyle(x.sheet, cell)
	if err != nil || style == 0 {
		return raw
	}
	isDate, known := x.dates[style]
	if !known {
		isDate = x.dateStyle(style)
		x.dates[style] = isDate
	}
	if !isDate {
		return raw
	}
	t, err := excelize.ExcelDateToTime(n, x.date1904)
	if err != nil {
		return raw
	}
	t = t.Round(time.Second)
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02T15:04:05")
}

func (x *xlsxCells) isBool(cell string) bool {
	typ, err := x.f.GetCellType(x.sheet, cell)
	return err == nil && typ == excelize.CellTypeBool
}

// dateStyle reports whether a style's number format shows a date or time:
// one of Excel's built-in date formats, or a custom one with y, d, h or s
// outside quotes and brackets (m alone could be minutes or months; either
// is a date).
func (x *xlsxCells) dateStyle(id int) bool {
	st, err := x.f.GetStyle(id)
	if err != nil || st == nil {
		return false
	}
	switch n := st.NumFmt; {
	case n >= 14 && n <= 22, n >= 27 && n <= 36, n >= 45 && n <= 47, n >= 50 && n <= 58:
		return true
	}
	if st.CustomNumFmt == nil {
		return false
	}
	quoted, bracket := false, false
	for _, r := range strings.ToLower(*st.CustomNumFmt) {
		switch {
		case r == '"':
			quoted = !quoted
		case quoted:
		case r == '[':
			bracket = true
		case r == ']':
			bracket = false
		case bracket:
		case strings.ContainsRune("ydhsm", r):
			return true
		}
	}
	return false
}
