package edit

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestResultsPath(t *testing.T) {
	for in, want := range map[string]string{
		"/d/tasks.results.csv": "/d/tasks.results-2.csv", "/d/tasks.results-2.csv": "/d/tasks.results-3.csv",
		"tasks.csv": "tasks.results.csv", "dir/x.xlsx": "dir/x.results.csv", "X.CSV": "X.results.csv", "noext": "noext.results.csv",
	} {
		if got := ResultsPath(in); got != want {
			t.Errorf("ResultsPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestResultsRoundTrip: WriteResults then ReadRetry gives back the rows
// that failed or were not sent, cells as they were, however odd; cells a
// spreadsheet would run are defused in the file, numbers are not.
func TestResultsRoundTrip(t *testing.T) {
	cols := []string{"status", "name", "=col"}
	rows := []ResultRow{
		{InputRow: InputRow{Line: 2, ID: "t1", Cells: map[string]string{"status": "CPL", "name": "ok"}}, Status: StatusChanged},
		{InputRow: InputRow{Line: 3, ID: "t2", Cells: map[string]string{"status": "BAD", "name": "=HYPERLINK(\"x\")", "=col": "-5"}}, Status: StatusFailed, Error: "=Invalid status"},
		{InputRow: InputRow{Line: 4, ID: "t3", Cells: map[string]string{"name": "a, \"b\"\nc ✓", "=col": "'@y"}}, Status: StatusNotSent},
		{InputRow: InputRow{Line: 5, ID: "t4", Cells: map[string]string{"name": "x"}}, Status: StatusUnchanged},
		{InputRow: InputRow{Line: 6, ID: "t5", Cells: map[string]string{"name": "-1+2"}}, Status: StatusRefused, Error: "not editable"},
	}
	path := filepath.Join(t.TempDir(), "tasks.results.csv")
	if err := WriteResults(path, cols, rows); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	text := string(raw)
	for _, want := range []string{"\uFEFFID,status,error,status,name,'=col\n", `t2,failed,'=Invalid status,BAD,"'=HYPERLINK(""x"")",-5`, "t5,refused,not editable,,'-1+2,"} {
		if !strings.Contains(text, want) {
			t.Errorf("the file lacks %q:\n%s", want, text)
		}
	}
	gotCols, got, err := ReadRetry(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotCols, cols) {
		t.Errorf("columns %q, want %q", gotCols, cols)
	}
	want := []InputRow{
		{Line: 3, ID: "t2", Cells: map[string]string{"status": "BAD", "name": "=HYPERLINK(\"x\")", "=col": "-5"}},
		{Line: 4, ID: "t3", Cells: map[string]string{"name": "a, \"b\"\nc ✓", "=col": "'@y"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("retry rows\n%+v\nwant\n%+v", got, want)
	}
	if _, _, err := ReadRetry(writeFile(t, "in.csv", "ID,name\nt1,a\n")); err == nil || !strings.Contains(err.Error(), "not a results file") {
		t.Errorf("an input file as results: %v", err)
	}
}
