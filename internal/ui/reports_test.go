package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/export"
	"github.com/wfconnect/wfconnect/workfront"
)

func until(h *harness, t *testing.T, what string, done chan struct{}) {
	t.Helper()
	h.q.until(t, what, func() bool {
		select {
		case <-done:
			return true
		default:
			return false
		}
	})
}

// TestReportsChartAndDrill: the first ready-made report (projects by
// status) draws one bar per status, named, with a table and a total; a
// click on a bar opens the explorer on that status; the chart saves as a
// PNG.
func TestReportsChartAndDrill(t *testing.T) {
	b := newFakeBackend(acme)
	b.setStatus(auth.Status{Profile: "Acme", State: auth.StateConnected, HasRefreshToken: true})
	h, _ := showAcme(t, b)
	m := h.app.Main
	m.Tabs.Select(m.reportsTab)
	v := m.Reports
	h.q.until(t, "the chart", func() bool { return len(v.Chart.Bars) == 9 })
	total := 0.0
	current := -1
	for i, bar := range v.Chart.Bars {
		total += bar.Value
		if bar.Label == "Current" {
			current = i
		}
	}
	if total != 250 || current < 0 || v.Chart.Bars[current].Value != 28 {
		t.Fatalf("bars %+v", v.Chart.Bars)
	}
	var order []string
	for _, bar := range v.Chart.Bars {
		order = append(order, bar.Label)
	}
	if strings.Join(order, ",") != "Idea,Requested,Approved,Rejected,Planning,Current,On Hold,Complete,Dead" {
		t.Errorf("statuses in the order %v, not a project's life", order)
	}
	if last := v.rows[len(v.rows)-1]; last[0] != "Total" || last[1] != "250" || len(v.rows) != 10 {
		t.Errorf("table %v", v.rows)
	}
	v.Chart.Tapped(&fyne.PointEvent{Position: fyne.NewPos(200, v.Chart.rowHeight()*(float32(current)+0.5))})
	h.q.until(t, "the group in Explore", func() bool {
		return m.Tabs.Selected() == m.exploreTab && m.Explore.objCode == "PROJ" && len(m.Explore.Grid.Objects) == 28
	})
	for _, o := range m.Explore.Grid.Objects {
		if o.Text("status") != "CUR" {
			t.Fatalf("a %s project in the Current group", o.Text("status"))
		}
	}
	if !strings.Contains(m.Explore.Trail.Text, "Status: Current") {
		t.Errorf("trail %q", m.Explore.Trail.Text)
	}
	h.q.until(t, "the type picker", func() bool { return m.Explore.TypePicker.Text == "Project (PROJ)" })

	path := filepath.Join(t.TempDir(), "projects.png")
	v.SavePNG(path)
	h.q.until(t, "the PNG written", func() bool { _, err := os.Stat(path); return err == nil })
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil || img.Bounds().Dx() < 600 {
		t.Fatalf("PNG %v %v", img.Bounds(), err)
	}
}

// TestReportFromExplore: Report… carries the explorer's type and search
// to the Reports tab; a sum of a numeric field adds its column.
func TestReportFromExplore(t *testing.T) {
	h, e, _ := showExplore(t)
	m := h.app.Main
	e.Search.SetText("Task 1")
	test.Tap(e.ReportButton)
	v := m.Reports
	h.q.until(t, "the task report", func() bool { return v.objCode == "TASK" && len(v.Chart.Bars) == 1 })
	if v.Chart.Bars[0].Label != "NEW" || v.Chart.Bars[0].Value != 3 || !strings.Contains(v.Filters.Text, `"Task 1"`) {
		t.Errorf("bars %+v, filters %q", v.Chart.Bars, v.Filters.Text)
	}
	v.AggFunc.SetSelectedIndex(1) // Sum
	v.AggField.SetSelectedIndex(0)
	h.q.until(t, "the sum", func() bool {
		return len(v.Report.Query.Aggs) == 1 && len(v.Chart.Bars) == 1 && v.Chart.Bars[0].Value == 60
	})
	if v.header(2) != "Sum: Percent Complete" || v.rows[0][2] != "60" {
		t.Errorf("header %q, row %v", v.header(2), v.rows[0])
	}
	test.Tap(v.NoFilters)
	h.q.until(t, "every task", func() bool {
		return len(v.Report.Query.Filters) == 0 && len(v.Chart.Bars) == 1 && v.Chart.Bars[0].Value == 120
	})
}

// TestExportFromExplore: Export… writes the search on show, every row with
// the columns on show; a canceled export leaves nothing at the path.
func TestExportFromExplore(t *testing.T) {
	h, v, b := showExplore(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "tasks.csv")
	run := v.ExportTo(path, export.CSV)
	until(h, t, "the export", run.Done)
	if run.Err != nil || run.Result.Rows != 6 {
		t.Fatalf("%+v %v", run.Result, run.Err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(strings.TrimPrefix(string(data), "\ufeff")), "\n")
	if len(lines) != 7 || strings.TrimSpace(lines[0]) != "ID,name,status,project:name,assignedTo:name,percentComplete" {
		t.Errorf("file:\n%s", data)
	}
	if !strings.HasPrefix(h.app.Main.Toast.Text, "Exported 6 rows to ") {
		t.Errorf("toast %q", h.app.Main.Toast.Text)
	}

	// A slow Workfront, and Cancel.
	b.fewProjects = false
	v.SetType("PROJ")
	h.q.until(t, "projects", func() bool { return v.objCode == "PROJ" && len(v.Grid.Objects) == PageSize })
	slow := make(chan struct{})
	defer close(slow)
	b.projects.mu.Lock()
	b.projects.hold[""] = slow
	b.projects.mu.Unlock()
	path = filepath.Join(dir, "projects.xlsx")
	run = v.ExportTo(path, export.XLSX)
	test.Tap(run.Cancel)
	until(h, t, "the canceled export", run.Done)
	if run.Err == nil {
		t.Fatal("a canceled export ended without an error")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "tasks.csv" {
			t.Errorf("%s left behind", e.Name())
		}
	}
}

// TestExportAndReportFromProjects: the Projects view exports and reports
// the projects its search finds, as the explorer does.
func TestExportAndReportFromProjects(t *testing.T) {
	h, v := showProjects(t, newFakeBackend(acme))
	v.Status.Toggle("CUR", true)
	h.q.until(t, "current projects", func() bool { return v.Total.Text == "1–28 of 28" })
	path := filepath.Join(t.TempDir(), "current.csv")
	run := v.ExportTo(path, export.CSV)
	until(h, t, "the export", run.Done)
	data, err := os.ReadFile(path)
	if err != nil || run.Err != nil || run.Result.Rows != 28 {
		t.Fatalf("%+v %v %v", run.Result, run.Err, err)
	}
	if header := strings.SplitN(strings.TrimPrefix(string(data), "\ufeff"), "\n", 2)[0]; !strings.HasPrefix(header, "ID,name,status,") {
		t.Errorf("header %q", header)
	}
	test.Tap(v.ReportButton)
	r := h.app.Main.Reports
	h.q.until(t, "the report", func() bool { return r.objCode == "PROJ" && len(r.Chart.Bars) == 1 })
	if r.Chart.Bars[0].Label != "Current" || r.Chart.Bars[0].Value != 28 || !strings.Contains(r.Filters.Text, "Current") {
		t.Errorf("bars %+v, filters %q", r.Chart.Bars, r.Filters.Text)
	}
}

// TestReportsAndExploreOfferConnect: while the connection is not signed in,
// Reports and Explore say so with Connect, as Projects does, and load once
// it signs in (issue 20, item 6).
func TestReportsAndExploreOfferConnect(t *testing.T) {
	b := newFakeBackend(acme)
	h, _ := showAcme(t, b) // not connected
	m := h.app.Main
	m.Tabs.Select(m.reportsTab)
	m.Tabs.Select(m.exploreTab)
	for name, st := range map[string]*pageStatus{"Reports": m.Reports.status, "Explore": m.Explore.status} {
		if !st.Box.Visible() || !st.Reconnect.Visible() || st.Reconnect.Text != "Connect" || st.Retry.Visible() {
			t.Errorf("%s: prompt %q, Connect shown %v (%q), Retry shown %v", name, st.Problem.Text, st.Reconnect.Visible(), st.Reconnect.Text, st.Retry.Visible())
		}
	}
	if len(m.Reports.Chart.Bars) != 0 || len(m.Explore.Grid.Objects) != 0 {
		t.Error("a tab loaded data without a sign-in")
	}
	b.setStatus(auth.Status{Profile: "Acme", State: auth.StateConnected, HasRefreshToken: true})
	m.Conn.loadStatus()
	h.q.until(t, "the tabs loaded after the sign-in", func() bool {
		return len(m.Reports.Chart.Bars) == 9 && len(m.Explore.Grid.Objects) > 0
	})
}

// TestReportSortsByAColumn: a click on a header orders the groups, names
// as people read them (#999 before #1691) and numbers largest first; again
// reverses; the bars follow the table, so a bar still opens its group.
func TestReportSortsByAColumn(t *testing.T) {
	b := newFakeBackend(acme)
	b.setStatus(auth.Status{Profile: "Acme", State: auth.StateConnected, HasRefreshToken: true})
	h, _ := showAcme(t, b)
	m := h.app.Main
	m.Tabs.Select(m.reportsTab)
	v := m.Reports
	h.q.until(t, "the chart", func() bool { return len(v.Chart.Bars) > 0 })
	v.show(workfront.Report{Query: workfront.ReportQuery{ObjCode: "TASK", GroupBy: "name"}, Groups: []workfront.ReportGroup{
		{Value: "Task #1691", Count: 2}, {Value: "Task #999", Count: 5}, {Value: "task #1000", Count: 1}}})
	order := func() string {
		var labels []string
		for i, bar := range v.Chart.Bars {
			if v.rows[i][0] != bar.Label || v.Report.Groups[i].Value != bar.Label {
				t.Errorf("bar %d is %q, its row %q, its group %q", i, bar.Label, v.rows[i][0], v.Report.Groups[i].Value)
			}
			labels = append(labels, bar.Label)
		}
		return strings.Join(labels, ",")
	}
	for _, step := range []struct {
		col  int
		want string
	}{{0, "Task #999,task #1000,Task #1691"}, {0, "Task #1691,task #1000,Task #999"}, {1, "Task #999,Task #1691,task #1000"}, {1, "task #1000,Task #1691,Task #999"}} {
		v.SortBy(step.col)
		if got := order(); got != step.want {
			t.Errorf("sorted by column %d: %s, want %s", step.col, got, step.want)
		}
	}
}

// TestExportWarningTitles: a finished export's warning is titled by what
// happened: the data moved, or cells were too long for Excel.
func TestExportWarningTitles(t *testing.T) {
	for _, c := range []struct {
		res  export.Result
		want string
	}{
		{export.Result{Rows: 6, Counted: 6, CountedEnd: 7}, "Exported, but the data changed"},
		{export.Result{Rows: 6, Counted: 6, CountedEnd: 6, CutCells: 2, CutColumn: "B", CutRow: 3}, "Exported, but some cells were cut"},
		{export.Result{Rows: 6, Counted: 6, CountedEnd: 7, CutCells: 1, CutColumn: "B", CutRow: 3}, "Exported, but the data changed"},
	} {
		if got := exportWarningTitle(c.res.Warning()); got != c.want {
			t.Errorf("%+v: %q, want %q", c.res, got, c.want)
		}
	}
}
