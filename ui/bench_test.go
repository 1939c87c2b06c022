package ui

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/wfconnect/wfconnect/workfront"
)

// BenchmarkTableApply2000 applies a 2000-row page to the table model and
// refreshes the (virtualized) table, as a page arrival does.
func BenchmarkTableApply2000(b *testing.B) {
	a := test.NewTempApp(b)
	h := &harness{q: newUIQueue(), clock: &fakeClock{now: time.Now()}, opened: make(chan string, 1)}
	h.app = New(a, newFakeBackend(acme), Options{Do: h.q.do, Now: h.clock.Now, Tick: time.Hour, OpenURL: func(string) error { return nil }})
	v := newProjectsView(h.app.Main, acme)
	h.app.Window.SetContent(v.Content)
	page := make([]workfront.Project, 2000)
	for i := range page {
		page[i] = workfront.Project{ID: fmt.Sprintf("%032x", i), Name: fmt.Sprintf("Project %d", i), Status: "CUR", OwnerName: "Ada Lovelace",
			PlannedCompletion: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), PercentComplete: float64(i % 100)}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v.Rows.Apply(page)
		v.Table.Refresh()
	}
}
