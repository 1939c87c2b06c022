package workfront

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

// rawSearch is the floor: plain net/http and encoding/json on the same query.
func rawSearch(b *testing.B, client *http.Client, base, sid string, first, limit int) int {
	q := Query{First: first, Limit: limit}
	req, _ := http.NewRequest("GET", base+"/attask/api/v21.0/proj/search?"+encodeParams(q.searchParams()), nil)
	req.Header.Set("sessionID", sid)
	resp, err := client.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Data []wireProject `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		b.Fatal(err)
	}
	return len(body.Data)
}

// sideBySide alternates the client and the raw floor in one loop, so both
// see the same machine, and reports their ratio.
func sideBySide(b *testing.B, client, raw func()) {
	client()
	raw() // warm up both (the simulator builds its sorted index once)
	var tc, tr time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		client()
		mid := time.Now()
		raw()
		tc += mid.Sub(start)
		tr += time.Since(mid)
	}
	b.ReportMetric(float64(tc)/float64(b.N), "client-ns/op")
	b.ReportMetric(float64(tr)/float64(b.N), "raw-ns/op")
	b.ReportMetric(float64(tc)/float64(tr), "ratio")
}

func benchSearch(b *testing.B, rows int) {
	sim, c, tokens := setup(b, 50000)
	raw := &http.Client{}
	sid, _ := tokens.Token(context.Background())
	sideBySide(b, func() {
		if p, err := c.SearchProjects(context.Background(), Query{Limit: rows}); err != nil || len(p.Projects) != rows {
			b.Fatal(err)
		}
	}, func() {
		if n := rawSearch(b, raw, sim.URL(), sid, 0, rows); n != rows {
			b.Fatal(n)
		}
	})
}

func BenchmarkSearch100(b *testing.B)  { benchSearch(b, 100) }
func BenchmarkSearch2000(b *testing.B) { benchSearch(b, 2000) }

func BenchmarkBrowse50k(b *testing.B) {
	sim, c, tokens := setup(b, 50000)
	raw := &http.Client{}
	sid, _ := tokens.Token(context.Background())
	sideBySide(b, func() {
		n := 0
		c.AllProjects(context.Background(), Query{}, func(Project) error { n++; return nil })
		if n != 50000 {
			b.Fatal(n)
		}
	}, func() {
		n := 0
		for first := 0; ; first += MaxLimit {
			got := rawSearch(b, raw, sim.URL(), sid, first, MaxLimit)
			n += got
			if got < MaxLimit {
				break
			}
		}
		if n != 50000 {
			b.Fatal(n)
		}
	})
}
