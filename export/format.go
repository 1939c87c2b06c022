package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/workfront"
)

// Format is an export's file format.
type Format string

const (
	CSV    Format = "csv"    // UTF-8, a header of field names, nested fields as owner:name, dates in ISO 8601
	JSON   Format = "json"   // one array of the objects as Workfront sent them
	NDJSON Format = "ndjson" // one object a line, as Workfront sent it
	XLSX   Format = "xlsx"   // an Excel workbook: a header row, numbers as numbers, dates as dates
)

// Formats lists them, for a format picker.
var formats = []Format{CSV, JSON, NDJSON, XLSX}

// Formats returns them.
func Formats() []Format { return slices.Clone(formats) }

// ParseFormat reads a format's name in any case.
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	for _, known := range formats {
		if f == known {
			return f, nil
		}
	}
	return "", msg.New("%q is not an export format: use csv, json, ndjson or xlsx.", s)
}

// FormatOf is the format a file name's extension names (.csv, .json,
// .ndjson or .jsonl, .xlsx), if any.
func FormatOf(path string) (Format, bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return CSV, true
	case ".json":
		return JSON, true
	case ".ndjson", ".jsonl":
		return NDJSON, true
	case ".xlsx":
		return XLSX, true
	}
	return "", false
}

// Extension is the file extension of a format, with its dot.
func (f Format) Extension() string { return "." + string(f) }

// Columns are an export's columns: ID, then the fields asked for, each once.
func Columns(fields []string) []string {
	cols := []string{"ID"}
	seen := map[string]bool{"ID": true}
	for _, f := range fields {
		f = strings.TrimSpace(f)
		if f != "" && !seen[f] {
			seen[f] = true
			cols = append(cols, f)
		}
	}
	return cols
}

// rowWriter writes rows in one format.
type rowWriter interface {
	begin() error
	row(o workfront.Object) error
	end() error
	abort() // frees what an unfinished export holds (excelize's temporary files)
}

func newRowWriter(job Job, w io.Writer) (rowWriter, error) {
	cols := Columns(job.Fields)
	switch job.Format {
	case JSON, NDJSON:
		return &jsonWriter{w: bufio.NewWriterSize(w, 64<<10), array: job.Format == JSON}, nil
	case XLSX:
		sheet := job.SheetName
		if sheet == "" {
			sheet = strings.ToUpper(job.ObjCode)
		}
		return &xlsxWriter{w: w, cols: cols, sheet: sheet}, nil
	}
	return &csvWriter{w: bufio.NewWriterSize(w, 64<<10), cols: cols, bom: job.BOM}, nil
}

// csvWriter: a header of the columns, a line a row; references and
// collections by name; dates in ISO 8601 (RFC 3339), which spreadsheets
// read, where Workfront's own form (a colon before the milliseconds) is
// read by none.
type csvWriter struct {
	w    *bufio.Writer
	c    *csv.Writer
	cols []string
	bom  bool
	rec  []string
}

func (c *csvWriter) begin() error {
	if c.bom {
		c.w.WriteString("\uFEFF")
	}
	c.c = csv.NewWriter(c.w)
	c.rec = make([]string, len(c.cols))
	// The header is the fields asked for, which a person (or a link they
	// were sent) chose: defused like the cells.
	header := make([]string, len(c.cols))
	for i, col := range c.cols {
		header[i] = c.safe(col)
	}
	return c.c.Write(header)
}

func (c *csvWriter) row(o workfront.Object) error {
	for i, col := range c.cols {
		v, _ := o.Value(col)
		if s, ok := v.(string); ok {
			if iso, ok := isoDate(s); ok {
				c.rec[i] = iso
				continue
			}
			c.rec[i] = c.safe(s)
			continue
		}
		if _, number := v.(float64); number {
			c.rec[i] = workfront.ValueText(v)
			continue
		}
		c.rec[i] = c.safe(workfront.ValueText(v))
	}
	return c.c.Write(c.rec)
}

// safe keeps a spreadsheet from running a cell as a formula (CSV
// injection: a project named =HYPERLINK(…) would be one). In a file made
// for spreadsheets (the one with a BOM), text that starts with = + - @ or
// a tab or carriage return gets a leading apostrophe, as OWASP advises;
// numbers are written as numbers, so -5 stays -5. Standard output, for
// scripts, keeps the text as Workfront sent it.
func (c *csvWriter) safe(s string) string {
	if !c.bom {
		return s
	}
	return DefuseCell(s)
}

// DefuseCell keeps a spreadsheet from running a CSV cell as a formula:
// text that starts with = + - @ or a tab or carriage return gets a leading
// apostrophe, as OWASP advises. Text that already starts with apostrophes
// before one of these gets one more, so that UndefuseCell gives back
// exactly the text that was defused.
func DefuseCell(s string) string {
	if needsDefusing(s) {
		return "'" + s
	}
	return s
}

// UndefuseCell reads a cell DefuseCell wrote back to its text: one leading
// apostrophe before = + - @, a tab or a carriage return is dropped.
func UndefuseCell(s string) string {
	if len(s) > 1 && s[0] == '\'' && needsDefusing(s[1:]) {
		return s[1:]
	}
	return s
}

// needsDefusing: s starts with a formula's first character, maybe after
// apostrophes.
func needsDefusing(s string) bool {
	s = strings.TrimLeft(s, "'")
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

func (c *csvWriter) end() error {
	c.c.Flush()
	if err := c.c.Error(); err != nil {
		return err
	}
	return c.w.Flush()
}

func (c *csvWriter) abort() {}

// isoDate rewrites one of Workfront's dates in RFC 3339: by moving bytes
// for its usual form ("2024-01-08T09:00:00:000+0000" becomes
// "2024-01-08T09:00:00Z"), else through the parser.
func isoDate(s string) (string, bool) {
	if len(s) == 28 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] == ':' &&
		(s[23] == '+' || s[23] == '-') && allDigits(s, 0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22, 24, 25, 26, 27) {
		var b [29]byte
		n := copy(b[:], s[:19])
		if s[20:23] != "000" {
			b[n] = '.'
			n++
			n += copy(b[n:], s[20:23])
		}
		if s[24:28] == "0000" {
			b[n] = 'Z'
			n++
		} else {
			n += copy(b[n:], s[23:26])
			b[n] = ':'
			n++
			n += copy(b[n:], s[26:28])
		}
		return string(b[:n]), true
	}
	if t, ok := asDate(s); ok {
		return t.Format(time.RFC3339Nano), true
	}
	return "", false
}

func allDigits(s string, at ...int) bool {
	for _, i := range at {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// asDate reads a string that is one of Workfront's dates
// ("2024-01-08T09:00:00:000+0000"); other strings are not parsed.
func asDate(s string) (time.Time, bool) {
	if len(s) < 19 || len(s) > 40 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' {
		return time.Time{}, false
	}
	t, err := workfront.ParseDate(s)
	return t, err == nil && !t.IsZero()
}

// jsonWriter: the objects as Workfront sent them (nested references and
// all), in one array or one a line.
type jsonWriter struct {
	w     *bufio.Writer
	enc   *json.Encoder
	array bool
	n     int
}

func (j *jsonWriter) begin() error {
	j.enc = json.NewEncoder(j.w)
	j.enc.SetEscapeHTML(false)
	if j.array {
		_, err := j.w.WriteString("[")
		return err
	}
	return nil
}

func (j *jsonWriter) row(o workfront.Object) error {
	if j.array {
		lead := ",\n"
		if j.n == 0 {
			lead = "\n"
		}
		j.w.WriteString(lead)
	}
	j.n++
	// Encode ends each object with a line break: NDJSON's separator, and
	// harmless inside the array.
	return j.enc.Encode(o)
}

func (j *jsonWriter) abort() {}

func (j *jsonWriter) end() error {
	if j.array {
		j.w.WriteString("]\n")
	}
	return j.w.Flush()
}

// xlsxWriter streams rows into a workbook (excelize's StreamWriter keeps
// them on disk, not in memory) and writes the workbook at the end.
type xlsxWriter struct {
	w         io.Writer
	f         *excelize.File
	sw        *excelize.StreamWriter
	cols      []string
	sheet     string
	rowNum    int
	dateStyle int
	cells     []any
	cut       int    // cells cut to maxCellText
	cutColumn string // the first cut cell's column
	cutRow    int    // and row
}

// maxSheetRows is Excel's limit of rows in a sheet (the header included).
const maxSheetRows = 1048576

// maxCellText is Excel's limit of characters in a cell.
const maxCellText = 32767

func (x *xlsxWriter) begin() error {
	x.f = excelize.NewFile()
	name := sheetName(x.sheet)
	if err := x.f.SetSheetName("Sheet1", name); err != nil {
		return err
	}
	sw, err := x.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	x.sw = sw
	bold, err := x.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	fmtCode := "yyyy-mm-dd hh:mm"
	if x.dateStyle, err = x.f.NewStyle(&excelize.Style{CustomNumFmt: &fmtCode}); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	x.rowNum = 1
	header := make([]any, len(x.cols))
	for i, c := range x.cols {
		header[i] = excelize.Cell{StyleID: bold, Value: x.text(c, i)}
	}
	x.cells = make([]any, len(x.cols))
	return sw.SetRow("A1", header)
}

func (x *xlsxWriter) row(o workfront.Object) error {
	if x.rowNum >= maxSheetRows {
		return msg.New("An Excel sheet holds at most 1,048,576 rows, and this export has more: export to csv or ndjson, or narrow the filters.")
	}
	x.rowNum++
	for i, col := range x.cols {
		v, _ := o.Value(col)
		switch t := v.(type) {
		case nil:
			x.cells[i] = nil
		case float64, bool:
			x.cells[i] = t
		case json.Number:
			f, err := t.Float64()
			if err != nil {
				x.cells[i] = t.String()
			} else {
				x.cells[i] = f
			}
		case string:
			if d, ok := asDate(t); ok {
				// Excel has no time zones: the time as Workfront wrote it.
				wall := time.Date(d.Year(), d.Month(), d.Day(), d.Hour(), d.Minute(), d.Second(), d.Nanosecond(), time.UTC)
				x.cells[i] = excelize.Cell{StyleID: x.dateStyle, Value: wall}
			} else {
				x.cells[i] = x.text(t, i)
			}
		default:
			x.cells[i] = x.text(workfront.ValueText(v), i)
		}
	}
	cell, err := excelize.CoordinatesToCellName(1, x.rowNum)
	if err != nil {
		return err
	}
	return x.sw.SetRow(cell, x.cells)
}

func (x *xlsxWriter) end() error {
	if err := x.sw.Flush(); err != nil {
		return err
	}
	_, err := x.f.WriteTo(x.w)
	if cerr := x.f.Close(); err == nil {
		err = cerr
	}
	return err
}

func (x *xlsxWriter) abort() {
	if x.f != nil {
		x.f.Close()
	}
}

// text is s within Excel's limit of a cell, counting the cut ones (col is
// the column's index) for Result.Warning.
func (x *xlsxWriter) text(s string, col int) string {
	t, cut := cellText(s)
	if cut {
		if x.cut == 0 {
			x.cutColumn, x.cutRow = x.cols[col], x.rowNum
		}
		x.cut++
	}
	return t
}

// cellText keeps text within Excel's limit of a cell, which counts UTF-16
// units (a character outside the BMP, an emoji, is two): a longer text is
// cut and ends with "…".
func cellText(s string) (text string, cut bool) {
	if len(s) <= maxCellText || utf16Len(s) <= maxCellText {
		return s, false // bytes ≥ UTF-16 units
	}
	units := 0
	for i, r := range s {
		n := max(utf16.RuneLen(r), 1) // an invalid byte becomes U+FFFD
		if units+n > maxCellText-1 {
			return s[:i] + "…", true
		}
		units += n
	}
	return s, false
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += max(utf16.RuneLen(r), 1)
	}
	return n
}

// sheetName makes a valid sheet name: at most 31 characters, none of : \ / ? * [ ].
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, s)
	if s == "" {
		return "Export"
	}
	for utf8.RuneCountInString(s) > 31 {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	return s
}
