package edit

import (
	"context"
	"testing"
	"time"
)

// benchRows is the bulk update the figure is about; floorRows is
// how many of them the one-object-per-request floor sends for real: at
// 150 ms a request, 2,000 one by one would take five minutes, so the floor
// is timed on fewer rows and extrapolated per row (it is a straight line:
// one request after another, each the latency plus the same work).
const (
	benchRows    = 2000
	floorRows    = 40
	benchLatency = 150 * time.Millisecond
)

// bulkVersusOneByOne times Send of benchRows rows (batched, concurrent,
// rechecked and journaled) and a sequential loop of Update on floorRows
// others, both at benchLatency a request; it returns how many times faster
// Send is per row and the most requests wfsim saw in flight during Send.
func bulkVersusOneByOne(tb testing.TB, r *rig, ids []string, pct float64) (speedup float64, inflight int) {
	tb.Helper()
	ctx := context.Background()
	plan, err := Prepare(ctx, r.client, "TASK", percentRows(ids[:benchRows], pct))
	if err != nil {
		tb.Fatal(err)
	}
	r.sim.SetLatency(benchLatency)
	defer r.sim.SetLatency(0)
	r.sim.ResetMaxInFlight()
	start := time.Now()
	if _, err := Send(ctx, r.client, r.journal, &plan, SendOptions{}); err != nil {
		tb.Fatal(err)
	}
	bulk := time.Since(start)
	inflight = r.sim.MaxInFlight()
	if n := plan.Count(Changed); n+plan.Count(Unchanged) != benchRows || n == 0 {
		tb.Fatalf("Send: %d changed of %d", n, len(plan.Rows))
	}
	start = time.Now()
	for _, id := range ids[benchRows : benchRows+floorRows] {
		if _, err := r.client.Update(ctx, "TASK", id, map[string]any{"percentComplete": pct}, nil); err != nil {
			tb.Fatal(err)
		}
	}
	perRow := time.Since(start) / floorRows
	return float64(perRow*benchRows) / float64(bulk), inflight
}

// TestBulkFasterThanOneByOne is make bench's figure as a test: a 2,000-row
// update at 150 ms a request is at least 3 times faster than one object
// per request, with at most 4 requests in flight.
func TestBulkFasterThanOneByOne(t *testing.T) {
	if testing.Short() {
		t.Skip("takes about 10 s of simulated latency; run without -short (make bench reports it too)")
	}
	r := newRig(t, 1000) // 3,000 tasks
	speedup, inflight := bulkVersusOneByOne(t, r, r.taskIDs(t, benchRows+floorRows), 12.5)
	t.Logf("2,000 rows at 150 ms a request: Send is %.1fx faster than one object per request; %d requests in flight at most", speedup, inflight)
	if speedup < 3 {
		t.Errorf("Send is only %.2fx faster than one by one, want >= 3x", speedup)
	}
	if inflight > 4 {
		t.Errorf("%d requests in flight, want at most 4", inflight)
	}
}

// BenchmarkBulkUpdate2000: the same figure for make bench (speedup and
// inflight, measured in one run).
func BenchmarkBulkUpdate2000(b *testing.B) {
	r := newRig(b, 1000)
	ids := r.taskIDs(b, benchRows+floorRows)
	var speedup float64
	inflight := 0
	b.ResetTimer()
	for i := range b.N {
		s, f := bulkVersusOneByOne(b, r, ids, float64(20+i%50))
		speedup += s
		inflight = max(inflight, f)
	}
	b.ReportMetric(speedup/float64(b.N), "speedup")
	b.ReportMetric(float64(inflight), "inflight")
}
