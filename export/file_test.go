package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gofrs/flock"
	"github.com/xuri/excelize/v2"

	"github.com/wfconnect/wfconnect/workfront"
)

// TestCSVHeaderIsDefused: a field asked for as '=HYPERLINK(1)' reaches the
// header row of a CSV file defused, as a cell would be.
func TestCSVHeaderIsDefused(t *testing.T) {
	var buf bytes.Buffer
	w, err := newRowWriter(Job{Format: CSV, BOM: true, Fields: []string{"=HYPERLINK(1)", "@SUM(A1)", "name"}}, &buf)
	if err != nil {
		t.Fatal(err)
	}
	if err := errors.Join(w.begin(), w.end()); err != nil {
		t.Fatal(err)
	}
	header, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).Read()
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"ID", "'=HYPERLINK(1)", "'@SUM(A1)", "name"}; strings.Join(header, "|") != strings.Join(want, "|") {
		t.Errorf("header %q, want %q", header, want)
	}
}

// TestXLSXLongCellsAreCutAndSaid: a cell over Excel's 32,767 characters
// (UTF-16 units, so emoji count twice) is cut with "…", and the result's
// warning says how many were cut and where the first is.
func TestXLSXLongCellsAreCutAndSaid(t *testing.T) {
	long := strings.Repeat("a", 40000)
	emoji := strings.Repeat("😀", 20000) // 20,000 characters, 40,000 units
	src := &fakeSource{rows: []workfront.Object{
		{"ID": "p1", "name": "short", "description": "fine"},
		{"ID": "p2", "name": "short", "description": long},
		{"ID": "p3", "name": emoji, "description": strings.Repeat("b", maxCellText)},
	}}
	path := filepath.Join(t.TempDir(), "long.xlsx")
	res, err := ToFile(context.Background(), src, Job{ObjCode: "proj", Fields: []string{"name", "description"}}, path)
	if err != nil {
		t.Fatal(err)
	}
	warn := res.Warning()
	if !errors.Is(warn, ErrCellsCut) || errors.Is(warn, ErrDataChanged) || res.CutCells != 2 {
		t.Fatalf("warning %v, %d cut", warn, res.CutCells)
	}
	for _, want := range []string{"2 cells", "32,767", "column description, row 3", "csv or json"} {
		if !strings.Contains(warn.Error(), want) {
			t.Errorf("%q lacks %q", warn, want)
		}
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[2][2]; utf16Len(got) != maxCellText || !strings.HasSuffix(got, "…") {
		t.Errorf("the long cell: %d units, ends %q", utf16Len(got), got[len(got)-5:])
	}
	if got := rows[3][1]; utf16Len(got) > maxCellText || !strings.HasSuffix(got, "…") {
		t.Errorf("the emoji cell: %d units", utf16Len(got))
	}
	if got := rows[3][2]; got != strings.Repeat("b", maxCellText) {
		t.Errorf("a cell of exactly 32,767 characters was changed (%d)", len(got))
	}
	res.CountedEnd = res.Rows + 1
	if both := res.Warning(); !errors.Is(both, ErrCellsCut) || !errors.Is(both, ErrDataChanged) || !strings.Contains(both.Error(), "The data changed") {
		t.Errorf("both warnings: %v", both)
	}
}

// TestStalePartialsAreCleaned: the next export to a folder removes the
// partial files a killed export left there (ours by name, old enough, no
// export holding them), and only those.
func TestStalePartialsAreCleaned(t *testing.T) {
	_, c := newSim(t, 20)
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	plant := func(name string, age time.Time) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("half"), 0o600); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, age, age)
		return p
	}
	stale := plant(".a.csv.partial-123456", old)
	fresh := plant(".b.csv.partial-999", time.Now())
	notOurs := plant(".c.csv.partial-abc", old)
	notHidden := plant("d.csv.partial-42", old)
	held := plant(".e.xlsx.partial-77", old)
	running := flock.New(held)
	if ok, err := running.TryLock(); !ok || err != nil {
		t.Fatal(ok, err)
	}
	defer running.Close()
	if _, err := ToFile(context.Background(), c, Job{ObjCode: "proj", Fields: []string{"name"}}, filepath.Join(dir, "out.csv")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(stale); !os.IsNotExist(err) {
		t.Error("the stale partial file is still there")
	}
	for _, kept := range []string{fresh, notOurs, notHidden, held} {
		if _, err := os.Lstat(kept); err != nil {
			t.Errorf("%s was removed", filepath.Base(kept))
		}
	}
}

// partials lists the partial files in dir.
func partials(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.Contains(e.Name(), partialMark) {
			out = append(out, e.Name())
		}
	}
	return out
}

// TestXLSXLongHeaderIsCutInRowOne: a field name over the limit is cut in
// the header, and the warning names row 1.
func TestXLSXLongHeaderIsCutInRowOne(t *testing.T) {
	long := strings.Repeat("f", maxCellText+10)
	src := &fakeSource{rows: []workfront.Object{{"ID": "p1"}}}
	res, err := ToFile(context.Background(), src, Job{ObjCode: "proj", Fields: []string{long}}, filepath.Join(t.TempDir(), "h.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if res.CutCells != 1 || res.CutRow != 1 || !strings.Contains(res.Warning().Error(), "row 1)") {
		t.Errorf("%d cut, row %d: %v", res.CutCells, res.CutRow, res.Warning())
	}
}
