package usage

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wfconnect/wfconnect/wfsim"
	"github.com/wfconnect/wfconnect/workfront"
)

const testRedirect = "https://example.com/cb"

type session string

func (s session) Token(context.Context) (string, error) { return string(s), nil }
func (s session) Refresh(context.Context, string) (string, error) {
	return "", errors.New("no refresh here")
}

// simClient is a client signed in to a fresh wfsim over HTTP.
func simClient(tb testing.TB, projects int) (*wfsim.Sim, *workfront.Client) {
	tb.Helper()
	sim := wfsim.New(wfsim.Options{Projects: projects, RedirectURIs: []string{testRedirect}})
	if err := sim.Start("127.0.0.1:0"); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { sim.Close() })
	id, err := sim.SignIn(testRedirect)
	if err != nil {
		tb.Fatal(err)
	}
	return sim, workfront.NewClient(sim.URL(), "v21.0", session(id), workfront.Options{BaseBackoff: 5 * time.Millisecond})
}

// TestCountMatchesPlainCounts: over HTTP against wfsim, each field's
// count is the plain notnull count; at most 4 counts go at once; never
// used fields first; progress reaches the end.
func TestCountMatchesPlainCounts(t *testing.T) {
	sim, c := simClient(t, 500)
	ctx := context.Background()
	meta, err := c.TypeMetadata(ctx, "proj")
	if err != nil {
		t.Fatal(err)
	}
	fields := Countable(meta, false)
	var last atomic.Int32
	sim.ResetMaxInFlight()
	got, err := Count(ctx, c, "PROJ", fields, func(done, total int) { last.Store(int32(done)) })
	if err != nil || len(got) != len(fields) || int(last.Load()) != len(fields) {
		t.Fatalf("%d of %d, progress %d, %v", len(got), len(fields), last.Load(), err)
	}
	if n := sim.MaxInFlight(); n > MaxInFlight {
		t.Errorf("%d requests in flight", n)
	}
	for i, f := range got {
		want, _ := c.Count(ctx, "PROJ", []workfront.Filter{{Key: f.Name, Value: ""}, {Key: f.Name + "_Mod", Value: "notnull"}})
		if f.Error != "" || f.Set != want || f.Total != 500 {
			t.Errorf("%s: %d, plain %d (%s)", f.Name, f.Set, want, f.Error)
		}
		if i > 0 && f.Share < got[i-1].Share {
			t.Error("not sorted by share")
		}
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Count(cancelled, c, "PROJ", fields, nil); err == nil {
		t.Error("a cancelled count says so")
	}
}

// BenchmarkFieldUsage30 counts 30 fields (and the total) at 150 ms a
// request, four at a time, against the 30 counts one at a time, in turn
// each round; .ci/bench.sh reads the speedup and the most requests in
// flight. wfsim's projects have 3 custom fields, so the 30 are the type's
// fields, custom and built-in: each is one count request either way.
func BenchmarkFieldUsage30(b *testing.B) {
	sim, c := simClient(b, 2000)
	meta, err := c.TypeMetadata(context.Background(), "proj")
	if err != nil {
		b.Fatal(err)
	}
	fields := Countable(meta, false)
	for len(fields) < 30 {
		fields = append(fields, fields...)
	}
	fields = fields[:30]
	sim.SetLatency(150 * time.Millisecond)
	one := func() {
		for _, f := range fields {
			c.Count(context.Background(), "PROJ", []workfront.Filter{{Key: f.Name, Value: ""}, {Key: f.Name + "_Mod", Value: "notnull"}})
		}
	}
	inflight := 0
	many := func() {
		sim.ResetMaxInFlight()
		if _, err := Count(context.Background(), c, "PROJ", fields, nil); err != nil {
			b.Fatal(err)
		}
		inflight = max(inflight, sim.MaxInFlight())
	}
	var t1, t4 time.Duration
	for i := 0; i < b.N; i++ {
		start := time.Now()
		one()
		t1 += time.Since(start)
		start = time.Now()
		many()
		t4 += time.Since(start)
	}
	b.ReportMetric(float64(t1)/float64(t4), "speedup")
	b.ReportMetric(float64(inflight), "inflight")
}
