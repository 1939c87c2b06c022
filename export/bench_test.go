package export

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/wfconnect/wfconnect/workfront"
)

// The floor an export is measured against: plain net/http, encoding/json
// into maps and encoding/csv, page after page over the same search, to the
// same io.Discard.

var benchFields = []string{"name", "status", "percentComplete", "plannedStartDate", "owner:name"}

func rawExport(b *testing.B, client *http.Client, base, sid string, want int) {
	w := csv.NewWriter(io.Discard)
	w.Write(append([]string{"ID"}, benchFields...))
	rec := make([]string, 1+len(benchFields))
	n := 0
	for first := 0; ; first += workfront.MaxLimit {
		u := fmt.Sprintf("%s/attask/api/v21.0/proj/search?ID_Sort=asc&fields=name,status,percentComplete,plannedStartDate,owner:name&$$FIRST=%d&$$LIMIT=%d", base, first, workfront.MaxLimit)
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		req.Header.Set("sessionID", sid)
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		var body struct {
			Data []map[string]any `json:"data"`
		}
		err = json.NewDecoder(resp.Body).Decode(&body)
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil {
			b.Fatal(err)
		}
		for _, o := range body.Data {
			rec[0], _ = o["ID"].(string)
			for i, f := range benchFields {
				var v any
				if f == "owner:name" {
					owner, _ := o["owner"].(map[string]any)
					v = owner["name"]
				} else {
					v = o[f]
				}
				switch x := v.(type) {
				case string:
					rec[i+1] = x
				case float64:
					rec[i+1] = strconv.FormatFloat(x, 'f', -1, 64)
				default:
					rec[i+1] = ""
				}
			}
			w.Write(rec)
		}
		n += len(body.Data)
		if len(body.Data) < workfront.MaxLimit {
			break
		}
	}
	w.Flush()
	if n != want {
		b.Fatal(n, want)
	}
}

func benchRun(b *testing.B, c *workfront.Client, concurrency, want int) {
	res, err := Run(context.Background(), c, Job{ObjCode: "proj", Fields: benchFields, Concurrency: concurrency}, io.Discard)
	if err != nil || res.Rows != want || res.Warning() != nil {
		b.Fatal(res, err)
	}
}

// alternate runs a and b in turn, who goes first alternating too, and
// returns their total times.
func alternate(n int, a, c func()) (ta, tc time.Duration) {
	timed := func(f func()) time.Duration {
		start := time.Now()
		f()
		return time.Since(start)
	}
	for i := range n {
		if i%2 == 0 {
			ta += timed(a)
			tc += timed(c)
		} else {
			tc += timed(c)
			ta += timed(a)
		}
	}
	return ta, tc
}

// BenchmarkExportCSV50k: 50,000 rows to CSV, the export (one page at a
// time, like the floor, and at the default concurrency) against the raw
// loop, in one run. ratio is the export at --concurrency 1 over the floor.
func BenchmarkExportCSV50k(b *testing.B) {
	sim, c := newSim(b, 50000)
	raw := &http.Client{Transport: &http.Transport{}}
	sid := signIn(b, sim).access
	one := func() { benchRun(b, c, 1, 50000) }
	def := func() { benchRun(b, c, DefaultConcurrency, 50000) }
	floor := func() { rawExport(b, raw, sim.URL(), sid, 50000) }
	one()
	floor()
	b.ResetTimer()
	t1, tr := alternate(b.N, one, floor)
	td, tr2 := alternate(b.N, def, floor)
	b.ReportMetric(float64(t1)/float64(b.N), "export-ns/op")
	b.ReportMetric(float64(tr+tr2)/float64(2*b.N), "raw-ns/op")
	b.ReportMetric(float64(t1)/float64(tr), "ratio")
	b.ReportMetric(float64(td)/float64(tr2), "default-ratio")
}

// BenchmarkExportLatency20k: 20,000 rows with 150 ms of latency per
// request, at the default concurrency against --concurrency 1, in one run;
// speedup is how many times faster the default is, inflight the most
// requests wfsim saw at once during the default runs.
func BenchmarkExportLatency20k(b *testing.B) {
	sim, c := newSim(b, 20000)
	sim.SetLatency(150 * time.Millisecond)
	one := func() { benchRun(b, c, 1, 20000) }
	inflight := 0
	def := func() {
		sim.ResetMaxInFlight()
		benchRun(b, c, DefaultConcurrency, 20000)
		inflight = max(inflight, sim.MaxInFlight())
	}
	b.ResetTimer()
	t1, td := alternate(b.N, one, def)
	b.ReportMetric(float64(t1)/float64(b.N), "c1-ns/op")
	b.ReportMetric(float64(td)/float64(b.N), "default-ns/op")
	b.ReportMetric(float64(t1)/float64(td), "speedup")
	b.ReportMetric(float64(inflight), "inflight")
}
