package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/wfconnect/wfconnect/workfront"
)

// allObjects is `search --all --json`: the data, read another way.
func allObjects(t *testing.T, r *rig, args ...string) []workfront.Object {
	t.Helper()
	out, errOut, code := r.run("", append([]string{"search", "acme"}, append(args, "--all", "--json")...)...)
	var objs []workfront.Object
	if err := json.Unmarshal([]byte(out), &objs); err != nil || code != 0 {
		t.Fatalf("search: exit %d, %v\n%s", code, err, errOut)
	}
	return objs
}

const exportFields = "name,status,percentComplete,plannedCompletionDate,owner:name"

// cellsOf is a row as the CSV shows it.
func cellsOf(o workfront.Object) []string {
	out := []string{o.ID()}
	for _, f := range strings.Split(exportFields, ",") {
		if tm, ok := o.Time(f); ok {
			out = append(out, tm.Format(time.RFC3339))
			continue
		}
		out = append(out, o.Text(f))
	}
	return out
}

// TestExportEachFormat: csv, json, ndjson and xlsx files, and csv and
// xlsx to standard output, row for row against the data.
func TestExportEachFormat(t *testing.T) {
	r := connectedRig(t, 4500)
	data := allObjects(t, r, "proj", "status=CUR,PLN", "status_Mod=in", "--fields", exportFields)
	dir := t.TempDir()
	for _, format := range []string{"csv", "json", "ndjson", "xlsx"} {
		path := filepath.Join(dir, "projects."+format)
		_, errOut, code := r.run("", "export", "acme", "proj", "status=CUR,PLN", "status_Mod=in", "--fields", exportFields, "-o", path)
		if code != 0 || !strings.Contains(errOut, fmt.Sprintf("Exported %d rows to %s.", len(data), path)) {
			t.Fatalf("%s: exit %d: %s", format, code, errOut)
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var rows [][]string
		switch format {
		case "csv":
			if !bytes.HasPrefix(raw, []byte("\uFEFF")) {
				t.Error("a CSV file without the BOM Excel needs")
			}
			rows, err = csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\uFEFF")))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			rows = rows[1:]
		case "json", "ndjson":
			var objs []workfront.Object
			if format == "json" {
				err = json.Unmarshal(raw, &objs)
			} else {
				for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
					var o workfront.Object
					if err = json.Unmarshal([]byte(line), &o); err != nil {
						break
					}
					objs = append(objs, o)
				}
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range objs {
				rows = append(rows, cellsOf(o))
			}
		case "xlsx":
			rows = xlsxRows(t, raw)
		}
		if len(rows) != len(data) {
			t.Fatalf("%s: %d rows, want %d", format, len(rows), len(data))
		}
		for i, o := range data {
			if got, want := strings.Join(rows[i], "|"), strings.Join(cellsOf(o), "|"); got != want {
				t.Fatalf("%s row %d:\n got %s\nwant %s", format, i, got, want)
			}
		}
	}
	out, _, code := r.run("", "export", "acme", "proj", "status=CUR", "--fields", "name")
	if code != 0 || !strings.HasPrefix(out, "ID,name\n") {
		t.Errorf("CSV to standard output: exit %d, %.60q", code, out)
	}
	out, _, code = r.run("", "export", "acme", "proj", "status=CUR", "--fields", "name", "--format", "xlsx")
	if code != 0 || !strings.HasPrefix(out, "PK") {
		t.Errorf("xlsx to a pipe: exit %d, %.20q", code, out)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) != 0 {
		t.Errorf("left beside the files: %v", left)
	}
}

// xlsxRows reads a workbook back as the CSV's cells: dates must be real
// dates, numbers real numbers.
func xlsxRows(t *testing.T, raw []byte) [][]string {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheet := x.GetSheetName(0)
	rows, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	head := rows[0]
	if strings.Join(head, ",") != "ID,"+exportFields {
		t.Fatalf("header %v", head)
	}
	var out [][]string
	for r, row := range rows[1:] {
		for len(row) < len(head) {
			row = append(row, "")
		}
		for i, col := range head {
			cell, _ := excelize.CoordinatesToCellName(i+1, r+2)
			typ, _ := x.GetCellType(sheet, cell)
			switch col {
			case "plannedCompletionDate":
				serial, err := strconv.ParseFloat(row[i], 64)
				if err != nil {
					t.Fatalf("%s: %q is not a date", cell, row[i])
				}
				tm, _ := excelize.ExcelDateToTime(serial, false)
				row[i] = tm.Round(time.Second).Format(time.RFC3339)
			case "percentComplete":
				if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
					t.Fatalf("%s: a number stored as text", cell)
				}
			}
		}
		out = append(out, row)
	}
	return out
}

// TestExportThrottled: a 429 every third request (Retry-After: 1) loses
// nothing and repeats nothing.
func TestExportThrottled(t *testing.T) {
	r := connectedRig(t, 6100)
	r.sim.SetThrottle(3, "1")
	out, errOut, code := r.run("", "export", "acme", "proj", "--fields", "name")
	r.sim.SetThrottle(0, "")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rows, _ := csv.NewReader(strings.NewReader(out)).ReadAll()
	seen := map[string]bool{}
	for _, row := range rows[1:] {
		if seen[row[0]] {
			t.Fatalf("%s twice", row[0])
		}
		seen[row[0]] = true
	}
	if len(seen) != 6100 || r.sim.Throttled() == 0 {
		t.Errorf("%d rows, %d throttled", len(seen), r.sim.Throttled())
	}
}

// TestExportDataChanged: rows added among the IDs while paging: no row
// twice, a warning that says how many changed, exit 4.
func TestExportDataChanged(t *testing.T) {
	r := connectedRig(t, 9000)
	path := filepath.Join(t.TempDir(), "p.csv")
	r.sim.SetGrowth(2, 11, true)
	_, errOut, code := r.run("", "export", "acme", "proj", "--fields", "name", "-o", path, "--concurrency", "3")
	r.sim.SetGrowth(0, 0, false)
	if code != ExitDataChanged || !strings.Contains(errOut, "wfconnect: The data changed during the export: Workfront counted ") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	raw, _ := os.ReadFile(path)
	rows, _ := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\uFEFF")))).ReadAll()
	seen := map[string]bool{}
	for _, row := range rows[1:] {
		if seen[row[0]] {
			t.Fatalf("%s twice", row[0])
		}
		seen[row[0]] = true
	}
	// The first count goes out beside the first pages, so rows may have
	// been added before it: the start is between 9000 and the end.
	m := regexp.MustCompile(`Workfront counted (\d+) rows at the start and (\d+) at the end, and the export has (\d+) \((\d+) changed\)`).FindStringSubmatch(errOut)
	if m == nil {
		t.Fatalf("no counts in: %s", errOut)
	}
	start, _ := strconv.Atoi(m[1])
	end, _ := strconv.Atoi(m[2])
	has, _ := strconv.Atoi(m[3])
	changed, _ := strconv.Atoi(m[4])
	if end != 9000+r.sim.Added() || start < 9000 || start > end || has != len(seen) || changed != end-has {
		t.Errorf("start %d, end %d (%d added), has %d (%d in the file), %d changed: %s", start, end, r.sim.Added(), has, len(seen), changed, errOut)
	}
}

// TestReportMatchesData: hours by project, counted and summed, and
// projects by status, against the objects themselves.
func TestReportMatchesData(t *testing.T) {
	r := connectedRig(t, 1500)
	hours := allObjects(t, r, "hour", "--fields", "hours,project:name")
	sums, counts := map[string]float64{}, map[string]int{}
	total := 0.0
	for _, h := range hours {
		v, _ := h.Number("hours")
		sums[h.Text("project:name")] += v
		counts[h.Text("project:name")]++
		total += v
	}
	out, errOut, code := r.run("", "report", "acme", "hour", "--group-by", "project:name", "--agg", "sum:hours", "--json")
	var groups []map[string]any
	if err := json.Unmarshal([]byte(out), &groups); err != nil || code != 0 {
		t.Fatalf("exit %d, %v: %s\n%s", code, err, errOut, out)
	}
	if len(groups) != len(sums)+1 {
		t.Fatalf("%d groups, want %d and the total", len(groups), len(sums))
	}
	for _, g := range groups[:len(groups)-1] {
		name := g["group"].(string)
		if math.Abs(g["sum_hours"].(float64)-sums[name]) > 1e-9 || int(g["count"].(float64)) != counts[name] {
			t.Errorf("%s: %v, want count %d sum %v", name, g, counts[name], sums[name])
		}
	}
	last := groups[len(groups)-1]
	if last["group"] != nil || int(last["count"].(float64)) != len(hours) || math.Abs(last["sum_hours"].(float64)-total) > 1e-6 {
		t.Errorf("total %v, want %d %v", last, len(hours), total)
	}
	if !strings.HasPrefix(out, "[\n  {\"group\": ") {
		t.Errorf("keys not in order: %.40q", out)
	}

	out, errOut, code = r.run("", "report", "acme", "proj", "--group-by", "status")
	n, _, _ := r.run("", "count", "acme", "proj", "status=CUR")
	if code != 0 || !strings.Contains(out, "CUR (Current)") || !strings.Contains(out, "Total") || !strings.Contains(out, strings.TrimSpace(n)) {
		t.Errorf("table: exit %d\n%s%s", code, out, errOut)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if !strings.Contains(lines[len(lines)-1], "1500") {
		t.Errorf("the total row: %q", lines[len(lines)-1])
	}
	out, _, _ = r.run("", "report", "acme", "proj", "--group-by", "status", "--json")
	if !strings.Contains(out, `{"group": "CUR", "label": "Current", "count": `) {
		t.Errorf("labels in JSON: %.200s", out)
	}
}
