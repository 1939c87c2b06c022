package ui

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/workfront"
)

// BenchmarkExploreTable2000 shows a page of 2000 objects × 12 columns in
// the Explore table, against a bare widget.Table fed the same strings
// (each cell the object's plain Object.Text), call by call, alternating
// which goes first; the ratio is what .ci/bench.sh reads.
func BenchmarkExploreTable2000(b *testing.B) {
	a := test.NewTempApp(b)
	h := &harness{q: newUIQueue(), clock: &fakeClock{now: time.Now()}, opened: make(chan string, 1)}
	h.app = New(a, newFakeBackend(acme), Options{Do: h.q.do, Now: h.clock.Now, Tick: time.Hour, OpenURL: func(string) error { return nil }})
	v := newBrowser(h.app.Main.viewDeps(), acme, explorePreset())
	h.app.Window.SetContent(v.Content)
	v.meta = fakeMeta["TASK"]
	v.columns = []string{"name", "status", "percentComplete", "project:name", "assignedTo:name", "plannedCompletionDate",
		"workRequired", "DE:Risk", "priority", "entryDate", "description", "ID"}
	v.showColumns()
	page := make([]workfront.Object, 2000)
	for i := range page {
		page[i] = workfront.Object{"ID": fmt.Sprintf("%032x", i), "name": fmt.Sprintf("Task %d", i), "objCode": "TASK", "status": "INP",
			"percentComplete": float64(i % 100), "project": map[string]any{"ID": "p1", "name": "Apollo"},
			"assignedTo": map[string]any{"ID": "u1", "name": "Ada Lovelace"}, "plannedCompletionDate": "2026-05-01T17:00:00:000+0000",
			"workRequired": 480.0, "DE:Risk": "High", "priority": 2.0, "entryDate": "2026-01-01T09:00:00:000+0000", "description": "Sample task"}
	}
	var bareCells [][]string
	bare := widget.NewTable(func() (int, int) { return len(bareCells), 12 },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(bareCells[id.Row][id.Col]) })
	w := a.NewWindow("bare")
	w.SetContent(bare)
	w.Resize(h.app.Window.Canvas().Size())
	ours := func() { v.apply(page) }
	floor := func() {
		bareCells = make([][]string, len(page))
		for i, o := range page {
			row := make([]string, len(v.columns))
			for j, col := range v.columns {
				row[j] = o.Text(col)
			}
			bareCells[i] = row
		}
		bare.Refresh()
	}
	var tOurs, tFloor time.Duration
	timed := func(f func()) time.Duration { start := time.Now(); f(); return time.Since(start) }
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%2 == 0 {
			tOurs += timed(ours)
			tFloor += timed(floor)
		} else {
			tFloor += timed(floor)
			tOurs += timed(ours)
		}
	}
	b.ReportMetric(float64(tOurs)/float64(tFloor), "ratio")
	b.ReportMetric(float64(tOurs.Nanoseconds())/float64(b.N), "explore-ns/op")
	b.ReportMetric(float64(tFloor.Nanoseconds())/float64(b.N), "bare-ns/op")
}
