package edit

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestReadCSV: a BOM is skipped, the ID column is found in any case and
// place, names are trimmed, blank cells and blank rows are left out,
// defused cells read as they were, and lines count a quoted line break.
func TestReadCSV(t *testing.T) {
	path := writeFile(t, "tasks.csv", "\uFEFFstatus , id,DE:Budget Code,'=x\n"+
		"CPL,t1,\"BC,\n9\",a\n"+
		",t2,  ,\n"+
		",,,\n"+
		"'=HYPERLINK(1),T3,'-x,''@y\n")
	cols, rows, err := ReadInput(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"status", "DE:Budget Code", "=x"}; !reflect.DeepEqual(cols, want) {
		t.Errorf("columns %q, want %q", cols, want)
	}
	want := []InputRow{
		{Line: 2, ID: "t1", Cells: map[string]string{"status": "CPL", "DE:Budget Code": "BC,\n9", "=x": "a"}},
		{Line: 4, ID: "t2", Cells: map[string]string{}},
		{Line: 6, ID: "T3", Cells: map[string]string{"status": "=HYPERLINK(1)", "DE:Budget Code": "-x", "=x": "'@y"}},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows\n%+v\nwant\n%+v", rows, want)
	}
}

// TestReadCSVWithSemicolons: Excel in Swedish locales separates with ;.
func TestReadCSVWithSemicolons(t *testing.T) {
	cols, rows, err := ReadInput(writeFile(t, "x.csv", "ID;name;DE:Kostnad\nt1;Ny, bättre;12,5\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cols, []string{"name", "DE:Kostnad"}) || rows[0].Cells["name"] != "Ny, bättre" || rows[0].Cells["DE:Kostnad"] != "12,5" {
		t.Errorf("%q %+v", cols, rows)
	}
	// A comma in the header: the separator is the comma.
	cols, rows, err = ReadInput(writeFile(t, "y.csv", "ID,name\nt1,a;b\n"))
	if err != nil || !reflect.DeepEqual(cols, []string{"name"}) || rows[0].Cells["name"] != "a;b" {
		t.Errorf("%q %+v %v", cols, rows, err)
	}
}

// TestReadInputRefuses each kind of bad file with a message naming the line.
func TestReadInputRefuses(t *testing.T) {
	cases := []struct{ name, content, want string }{
		{"no ID", "name,status\nx,CPL\n", "has no ID column"},
		{"duplicate column", "ID,status,name,Status\nt1,a,b,c\n", "has the column Status twice (columns 2 and 4)"},
		{"two ID columns", "ID,name,id\nt1,a,t1\n", "has the column id twice"},
		{"empty ID", "ID,name\nt1,a\n ,b\n", "Line 3 of"},
		{"same ID twice", "ID,name\nt1,a\nt2,b\nT1,c\n", "The ID T1 is on line 2 and again on line 4"},
		{"more cells", "ID,name\nt1,a\nt2,b,c\n", "Line 3 of"},
		{"unnamed column", "ID,,name\nt1,x,a\n", "Line 2 of"},
		{"latin-1", "ID,name\nt1,ok\nt2,caf\xe9\n", "is not UTF-8 text (line 3)"},
		{"utf-16", "\xff\xfeI\x00D\x00", "is not UTF-8 text"},
		{"bad quotes", "ID,name\nt1,\"a\"b\n", "Line 2 of"},
		{"empty", "", "is empty"},
	}
	for _, c := range cases {
		_, _, err := ReadInput(writeFile(t, "in.csv", c.content))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	// Blank cells beyond the header's columns are harmless (Excel adds them).
	if _, rows, err := ReadInput(writeFile(t, "in.csv", "ID,name\nt1,a,,\n")); err != nil || len(rows) != 1 {
		t.Errorf("blank extra cells: %v", err)
	}
	if _, _, err := ReadInput(writeFile(t, "in.txt", "ID\nt1\n")); err == nil || !strings.Contains(err.Error(), "neither a CSV nor an Excel") {
		t.Errorf("a .txt file: %v", err)
	}
	if _, _, err := ReadInput(t.TempDir()); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a folder: %v", err)
	}
}

// TestReadInputLimits: over 50 MB or 100,000 rows is refused.
func TestReadInputLimits(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big.csv")
	f, _ := os.Create(big)
	f.WriteString("ID,name\n")
	f.Truncate(MaxInputBytes + 1)
	f.Close()
	if _, _, err := ReadInput(big); err == nil || !strings.Contains(err.Error(), "larger than 50 MB") {
		t.Errorf("51 MB: %v", err)
	}
	var b strings.Builder
	b.WriteString("ID\n")
	for i := 0; i < MaxInputRows; i++ {
		b.WriteString("t")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString("\n")
	}
	path := writeFile(t, "rows.csv", b.String())
	if _, _, err := ReadInput(path); err == nil || strings.Contains(err.Error(), "100,000") {
		// 100,000 rows are allowed (their IDs repeat here, which is refused).
		if err == nil || !strings.Contains(err.Error(), "again on line") {
			t.Errorf("100,000 rows: %v", err)
		}
	}
	os.WriteFile(path, []byte(b.String()+"t-last\n"), 0o600)
	if _, _, err := ReadInput(path); err == nil || !strings.Contains(err.Error(), "more than 100,000 rows") {
		t.Errorf("100,001 rows: %v", err)
	}
}

// TestReadXLSX: the first sheet; a formula gives its saved value; numbers
// as written, dates as dates, booleans as true/false; defused text read
// back; rows numbered as Excel shows them.
func TestReadXLSX(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "TASK")
	f.NewSheet("Other")
	f.SetSheetRow("Other", "A1", &[]any{"nothing", "here"})
	f.SetSheetRow("TASK", "A1", &[]any{"ID", "percentComplete", "plannedCompletionDate", "DE:Done", "name", "DE:Sum"})
	f.SetSheetRow("TASK", "A2", &[]any{"t1", 12.5, time.Date(2026, 3, 4, 9, 30, 0, 0, time.UTC), true, "'=x", 42})
	f.SetCellFormula("TASK", "F2", "=20+22")
	f.SetSheetRow("TASK", "A4", &[]any{"t2", 1234567.25, time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC), false, "Ny ✓"})
	dateOnly := "yyyy-mm-dd"
	style, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &dateOnly})
	f.SetCellStyle("TASK", "C4", "C4", style)
	thousands, _ := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	f.SetCellStyle("TASK", "B4", "B4", thousands)
	path := filepath.Join(t.TempDir(), "tasks.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	cols, rows, err := ReadInput(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"percentComplete", "plannedCompletionDate", "DE:Done", "name", "DE:Sum"}; !reflect.DeepEqual(cols, want) {
		t.Errorf("columns %q", cols)
	}
	want := []InputRow{
		{Line: 2, ID: "t1", Cells: map[string]string{"percentComplete": "12.5", "plannedCompletionDate": "2026-03-04T09:30:00", "DE:Done": "true", "name": "=x", "DE:Sum": "42"}},
		{Line: 4, ID: "t2", Cells: map[string]string{"percentComplete": "1234567.25", "plannedCompletionDate": "2026-03-05", "DE:Done": "false", "name": "Ny ✓"}},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows\n%+v\nwant\n%+v", rows, want)
	}
	dup := excelize.NewFile()
	dup.SetSheetRow("Sheet1", "A1", &[]any{"ID", "name"})
	dup.SetSheetRow("Sheet1", "A2", &[]any{"t1", "a"})
	dup.SetSheetRow("Sheet1", "A7", &[]any{"t1", "b"})
	dup.SaveAs(path)
	if _, _, err := ReadInput(path); err == nil || !strings.Contains(err.Error(), "on line 2 and again on line 7") {
		t.Errorf("a repeated ID in a workbook: %v", err)
	}
	os.WriteFile(path, []byte("ID,name\n"), 0o600)
	if _, _, err := ReadInput(path); err == nil || !strings.Contains(err.Error(), "as an Excel workbook") {
		t.Errorf("a CSV named .xlsx: %v", err)
	}
}
