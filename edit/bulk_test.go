package edit

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wfconnect/wfconnect/journal"
)

// writeCSV writes a bulk file: ID and percentComplete for each ID, and at
// bad an assignee that is no user (the metadata takes any text for an ID
// field; Workfront refuses it).
func writeCSV(t *testing.T, ids []string, pct string, bad int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("ID,percentComplete,assignedToID\n")
	for i, id := range ids {
		assignee := ""
		if i == bad {
			assignee = "0000000000000000000000000000dead"
		}
		fmt.Fprintf(&b, "%s,%s,%s\n", id, pct, assignee)
	}
	path := filepath.Join(t.TempDir(), "tasks.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// A 250-row file goes in 3 bulk requests of at most 100; the one row
// Workfront refuses is reported failed, with Workfront's words, and every
// other row is applied and journaled.
func TestBulkFileThreeBatchesOneBadRow(t *testing.T) {
	r := newRig(t, 100) // 300 tasks
	ctx := context.Background()
	ids := r.taskIDs(t, 250)
	const bad = 130
	fr, err := RowsFromFile(r.meta, writeCSV(t, ids, "61.25", bad))
	if err != nil {
		t.Fatal(err)
	}
	if len(fr.Rows) != 250 || fr.Rows[bad].Set["assignedToID"] == nil || fr.Rows[0].Line != 2 {
		t.Fatalf("%d rows; row %d: %+v", len(fr.Rows), bad, fr.Rows[bad])
	}
	plan, err := Prepare(ctx, r.client, "TASK", fr.Rows)
	if err != nil || plan.Count(WillChange) != 250 {
		t.Fatalf("%v: %d to change", err, plan.Count(WillChange))
	}
	if reqs := Requests(r.sim.URL(), "v21.0", plan, false); len(reqs) != 3 {
		t.Fatalf("the preview shows %d requests, want 3", len(reqs))
	}
	if _, err := Send(ctx, r.client, r.journal, &plan, SendOptions{}); err != nil {
		t.Fatal(err)
	}
	if sizes := r.writes.bulkSizes(); len(sizes) != 3 || slices.Max(sizes) > BatchSize || sizes[0]+sizes[1]+sizes[2] != 250 {
		t.Fatalf("bulk writes of %v objects, want 3 of at most 100 making 250", sizes)
	}
	bulk := 0
	for _, q := range r.puts() {
		if strings.HasSuffix(q.Path, "/task") {
			bulk++
		}
	}
	if bulk != 3 {
		t.Errorf("%d bulk PUTs in wfsim's log, want 3", bulk)
	}
	if plan.Count(Changed) != 249 || plan.Count(Failed) != 1 || plan.Rows[bad].Status != Failed {
		t.Fatalf("%d changed, %d failed, row %d %s", plan.Count(Changed), plan.Count(Failed), bad, plan.Rows[bad].Status)
	}
	if why := plan.Rows[bad].Why; !strings.Contains(why, "assignedToID") {
		t.Errorf("the failed row's reason: %q", why)
	}
	for i, id := range ids {
		if got := r.value(t, id, "percentComplete"); Same(got, 61.25) != (i != bad) {
			t.Fatalf("row %d holds %v", i, got)
		}
	}
	all, err := r.journal.List(0)
	if err != nil || len(all) != 250 {
		t.Fatalf("journal: %d changes, %v", len(all), err)
	}
	for _, c := range all {
		want := journal.Changed
		if c.ObjID == ids[bad] {
			want = journal.Failed
		}
		if c.Outcome != want {
			t.Fatalf("journal: %s %s, want %s", c.ObjID, c.Outcome, want)
		}
	}
}

// A query update over its limit is refused after the count, before any
// other read and before any write.
func TestQueryOverLimitRefused(t *testing.T) {
	r := newRig(t, 100)
	ctx := context.Background()
	rows, err := RowsFromQuery(ctx, r.client, "TASK", nil, map[string]any{"percentComplete": 5.0}, 299)
	if !IsTooMany(err) || rows != nil || !strings.Contains(err.Error(), "300") {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	if r.sim.CountWrites() != 0 {
		t.Fatal("a refused query update wrote")
	}
	for _, q := range r.sim.Requests() {
		if strings.HasSuffix(q.Path, "/search") {
			t.Fatalf("a refused query update searched: %s", q.Path)
		}
	}
	rows, err = RowsFromQuery(ctx, r.client, "TASK", nil, map[string]any{"percentComplete": 5.0}, 300)
	if err != nil || len(rows) != 300 {
		t.Fatalf("at the limit: %d rows, %v", len(rows), err)
	}
}

// Cancel after the first batch: the rows sent are changed (or unknown),
// the rest not sent; the journal and the results file say exactly which.
// wfsim's SetLatency makes every request slow enough to cancel between.
func TestCancelMidway(t *testing.T) {
	r := newRig(t, 200) // 600 tasks
	ids := r.taskIDs(t, 500)
	path := writeCSV(t, ids, "88.5", -1)
	fr, err := RowsFromFile(r.meta, path)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := Prepare(context.Background(), r.client, "TASK", fr.Rows)
	if err != nil {
		t.Fatal(err)
	}
	r.sim.SetLatency(100 * time.Millisecond)
	r.sim.SetUpdateAnswerFailures(http.StatusBadGateway, 1) // the first write is applied, its answer lost
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err = Send(ctx, r.client, r.journal, &plan, SendOptions{Concurrency: 2, Progress: func(Progress) { cancel() }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Send: %v", err)
	}
	changed, unknown, notSent := plan.Count(Changed), plan.Count(Unknown), plan.Count(NotSent)
	if unknown < BatchSize || changed+unknown > 2*BatchSize || notSent < 300 || changed+unknown+notSent+plan.Count(Unchanged) != 500 {
		t.Fatalf("%d changed, %d unknown, %d not sent", changed, unknown, notSent)
	}
	r.sim.SetLatency(0)
	byID := map[string]journal.Change{}
	all, _ := r.journal.List(0)
	for _, c := range all {
		byID[c.ObjID] = c
	}
	results := filepath.Join(filepath.Dir(path), "tasks.results.csv")
	if err := WriteResults(results, fr.Columns, ResultRows(plan, fr.Input)); err != nil {
		t.Fatal(err)
	}
	_, retry, err := ReadRetry(results)
	if err != nil {
		t.Fatal(err)
	}
	retried := map[string]bool{}
	for _, in := range retry {
		retried[in.ID] = true
	}
	for _, p := range plan.Rows {
		c, journaled := byID[p.ID]
		applied := Same(r.value(t, p.ID, "percentComplete"), 88.5)
		switch p.Status {
		case Changed:
			if !journaled || c.Outcome != journal.Changed || !applied || retried[p.ID] {
				t.Fatalf("changed %s: journal %+v, applied %v, retried %v", p.ID, c, applied, retried[p.ID])
			}
		case Unknown:
			if !journaled || c.Outcome != journal.Unknown || !retried[p.ID] {
				t.Fatalf("unknown %s: journal %+v, retried %v", p.ID, c, retried[p.ID])
			}
		case NotSent:
			if journaled || applied || !retried[p.ID] {
				t.Fatalf("not sent %s: journal %+v, applied %v, retried %v", p.ID, c, applied, retried[p.ID])
			}
		default:
			t.Fatalf("%s: %s", p.ID, p.Status)
		}
	}
	if len(retry) != unknown+notSent {
		t.Errorf("Retry failed reads %d rows, want %d", len(retry), unknown+notSent)
	}
	text, _ := os.ReadFile(results)
	if n := strings.Count(string(text), ",unknown,"); n != unknown {
		t.Errorf("the results file calls %d rows unknown, want %d", n, unknown)
	}
}
