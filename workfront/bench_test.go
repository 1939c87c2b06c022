package workfront

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"
)

// The floor the client is measured against: plain net/http (its own
// keep-alive client) and encoding/json into the same generic shape
// ([]map[string]any), on the same wfsim and the same query.

func rawSearch(b *testing.B, client *http.Client, base, sid string, first, limit int) int {
	u := fmt.Sprintf("%s/attask/api/v21.0/proj/search?name_1_Sort=asc&ID_2_Sort=asc&fields=name,status,plannedStartDate,plannedCompletionDate,percentComplete,description,owner:name&$$FIRST=%d&$$LIMIT=%d", base, first, limit)
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("sessionID", sid)
	resp, err := client.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Data []map[string]any `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		b.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	return len(body.Data)
}

func benchEnv(b *testing.B) (*env, *http.Client, string) {
	e := newEnv(b, 50000, Options{HTTPClient: &http.Client{Transport: &http.Transport{}}})
	sid, _ := e.tokens.Token(context.Background())
	return e, &http.Client{Transport: &http.Transport{}}, sid
}

func clientSearch(b *testing.B, c *Client, rows int) {
	if got, err := c.Search(context.Background(), Query{Limit: rows}.Search()); err != nil || len(got) != rows {
		b.Fatal(len(got), err)
	}
}

func clientBrowse(b *testing.B, c *Client) {
	n := 0
	s := Query{Limit: MaxLimit}.Search()
	if err := c.All(context.Background(), s, func(Object) error { n++; return nil }); err != nil || n != 50000 {
		b.Fatal(n, err)
	}
}

func rawBrowse(b *testing.B, raw *http.Client, base, sid string) {
	n := 0
	for first := 0; ; first += MaxLimit {
		got := rawSearch(b, raw, base, sid, first, MaxLimit)
		n += got
		if got < MaxLimit {
			break
		}
	}
	if n != 50000 {
		b.Fatal(n)
	}
}

// sideBySide alternates the client and the raw floor call by call in one
// loop, so both see the same (noisy) machine, and reports both and their
// ratio (.ci/bench.sh reads the ratio).
func sideBySide(b *testing.B, client, raw func()) {
	client()
	raw() // warm up both (wfsim builds its sorted index once)
	var tc, tr time.Duration
	b.ResetTimer()
	timed := func(f func()) time.Duration {
		start := time.Now()
		f()
		return time.Since(start)
	}
	for i := 0; i < b.N; i++ {
		// Who goes first alternates too, so neither always pays for the
		// other's garbage or enjoys a warm cache.
		if i%2 == 0 {
			tc += timed(client)
			tr += timed(raw)
		} else {
			tr += timed(raw)
			tc += timed(client)
		}
	}
	b.ReportMetric(float64(tc)/float64(b.N), "client-ns/op")
	b.ReportMetric(float64(tr)/float64(b.N), "raw-ns/op")
	b.ReportMetric(float64(tc)/float64(tr), "ratio")
}

func benchSearch(b *testing.B, rows int) {
	e, raw, sid := benchEnv(b)
	sideBySide(b, func() { clientSearch(b, e.client, rows) }, func() {
		if n := rawSearch(b, raw, e.sim.URL(), sid, 0, rows); n != rows {
			b.Fatal(n)
		}
	})
}

func BenchmarkSearch100(b *testing.B)  { benchSearch(b, 100) }
func BenchmarkSearch2000(b *testing.B) { benchSearch(b, 2000) }

// BenchmarkBrowse50k pages through 50,000 projects, 2000 at a time.
func BenchmarkBrowse50k(b *testing.B) {
	e, raw, sid := benchEnv(b)
	sideBySide(b, func() { clientBrowse(b, e.client) }, func() { rawBrowse(b, raw, e.sim.URL(), sid) })
}

// BenchmarkSplit has the same figures as separate "client" and "raw"
// sub-benchmarks, for benchstat. (Its name keeps it out of .ci/bench.sh's
// -bench patterns.)
func BenchmarkSplit(b *testing.B) {
	e, raw, sid := benchEnv(b)
	for _, rows := range []int{100, 2000} {
		b.Run(fmt.Sprintf("search%d/client", rows), func(b *testing.B) {
			for range b.N {
				clientSearch(b, e.client, rows)
			}
		})
		b.Run(fmt.Sprintf("search%d/raw", rows), func(b *testing.B) {
			for range b.N {
				if n := rawSearch(b, raw, e.sim.URL(), sid, 0, rows); n != rows {
					b.Fatal(n)
				}
			}
		})
	}
	b.Run("browse50k/client", func(b *testing.B) {
		for range b.N {
			clientBrowse(b, e.client)
		}
	})
	b.Run("browse50k/raw", func(b *testing.B) {
		for range b.N {
			rawBrowse(b, raw, e.sim.URL(), sid)
		}
	})
}

// genericTaskSearch is the generic path's benchmark query: 2000 tasks with
// three reference fields, sorted by name with the ID tiebreak.
var genericTaskSearch = Search{ObjCode: "task", Fields: []string{"name", "status", "project:name", "assignedTo:name", "project:owner:name"},
	Sorts: []Sort{{Field: "name"}}, Limit: 2000}

// BenchmarkGenericTasks2000: the generic path (Search into Objects) against
// raw net/http + encoding/json of the same request into the same generic
// shape ([]map[string]any), call by call.
func BenchmarkGenericTasks2000(b *testing.B) {
	e, raw, sid := benchEnv(b)
	u, err := SearchURL(e.sim.URL(), "v21.0", genericTaskSearch)
	if err != nil {
		b.Fatal(err)
	}
	sideBySide(b, func() {
		rows, err := e.client.Search(context.Background(), genericTaskSearch)
		if err != nil || len(rows) != 2000 {
			b.Fatal(len(rows), err)
		}
	}, func() {
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		req.Header.Set("sessionID", sid)
		resp, err := raw.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		var body struct {
			Data []map[string]any `json:"data"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || len(body.Data) != 2000 {
			b.Fatal(len(body.Data), err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	})
}
