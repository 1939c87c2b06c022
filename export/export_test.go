package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/wfconnect/wfconnect/wfsim"
	"github.com/wfconnect/wfconnect/workfront"
)

const testRedirect = "https://example.com/cb"

// simTokens signs in at wfsim for real: consent, then the code exchange.
type simTokens struct{ access string }

func (s *simTokens) Token(context.Context) (string, error) { return s.access, nil }
func (s *simTokens) Refresh(context.Context, string) (string, error) {
	return "", errors.New("no refresh in these tests")
}

// newSim starts wfsim with n projects on 127.0.0.1 and a client for it.
func newSim(t testing.TB, n int) (*wfsim.Sim, *workfront.Client) {
	t.Helper()
	sim := wfsim.New(wfsim.Options{Projects: n, RedirectURIs: []string{testRedirect}})
	if err := sim.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	return sim, workfront.NewClient(sim.URL(), "v21.0", signIn(t, sim), workfront.Options{BaseBackoff: 5 * time.Millisecond})
}

func signIn(t testing.TB, sim *wfsim.Sim) *simTokens {
	t.Helper()
	q := url.Values{"client_id": {sim.WebClientID()}, "redirect_uri": {testRedirect}, "response_type": {"code"}}
	loc, err := wfsim.Consent(http.DefaultClient, sim.URL()+"/integrations/oauth2/authorize?"+q.Encode(), true)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(loc)
	v := url.Values{"grant_type": {"authorization_code"}, "code": {u.Query().Get("code")}, "client_id": {sim.WebClientID()},
		"client_secret": {sim.WebClientSecret()}, "redirect_uri": {testRedirect}}
	resp, err := http.PostForm(sim.URL()+"/integrations/oauth2/api/v1/token", v)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || body.AccessToken == "" {
		t.Fatalf("token: %v %s", err, resp.Status)
	}
	return &simTokens{access: body.AccessToken}
}

// want is every object the search matches, read page by page on its own.
func want(t testing.TB, c *workfront.Client, s workfront.Search) []workfront.Object {
	t.Helper()
	var out []workfront.Object
	if err := c.All(context.Background(), s, func(o workfront.Object) error { out = append(out, o); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

var testFields = []string{"name", "status", "percentComplete", "plannedStartDate", "owner:name", "DE:Budget"}

// TestFormatsRowForRow: each format, read back, holds every matching
// project once, in order, field for field.
func TestFormatsRowForRow(t *testing.T) {
	_, c := newSim(t, 4100)
	filters := []workfront.Filter{{Key: "status", Value: "CUR,PLN,ONH"}, {Key: "status_Mod", Value: "in"}}
	rows := want(t, c, workfront.Search{ObjCode: "proj", Fields: testFields, Filters: filters})
	if len(rows) < 1000 {
		t.Fatalf("only %d rows", len(rows))
	}
	for _, f := range Formats() {
		t.Run(string(f), func(t *testing.T) {
			var buf bytes.Buffer
			var calls []Progress
			res, err := Run(t.Context(), c, Job{ObjCode: "proj", Filters: filters, Fields: testFields, Format: f, PageSize: 500, Concurrency: 3,
				OnProgress: func(p Progress) { calls = append(calls, p) }}, &buf)
			if err != nil {
				t.Fatal(err)
			}
			if res.Rows != len(rows) || res.Counted != len(rows) || res.Warning() != nil || res.Repeated != 0 {
				t.Errorf("result %+v for %d rows", res, len(rows))
			}
			if last := calls[len(calls)-1]; last.Done != len(rows) || last.Total != len(rows) || last.Fraction() != 1 || last.PerSecond <= 0 {
				t.Errorf("last progress %+v", last)
			}
			for i := 1; i < len(calls); i++ {
				if calls[i].Done < calls[i-1].Done {
					t.Errorf("progress went back: %+v then %+v", calls[i-1], calls[i])
				}
			}
			got := readBack(t, f, buf.Bytes())
			if len(got) != len(rows)+1 {
				t.Fatalf("%d lines, want a header and %d rows", len(got), len(rows))
			}
			if strings.Join(got[0], ",") != "ID,name,status,percentComplete,plannedStartDate,owner:name,DE:Budget" {
				t.Errorf("header %q", got[0])
			}
			for i, o := range rows {
				if w := expected(o); strings.Join(got[i+1], "|") != strings.Join(w, "|") {
					t.Fatalf("row %d:\n got %q\nwant %q", i, got[i+1], w)
				}
			}
		})
	}
}

// expected is a row as every format reads back here: dates in RFC 3339
// (UTC), numbers as Go prints them, a missing value as "".
func expected(o workfront.Object) []string {
	out := []string{o.ID()}
	for _, f := range testFields {
		if tm, ok := o.Time(f); ok {
			out = append(out, tm.UTC().Format(time.RFC3339))
			continue
		}
		out = append(out, o.Text(f))
	}
	return out
}

// readBack reads an export into a header and rows of text.
func readBack(t *testing.T, f Format, b []byte) [][]string {
	t.Helper()
	norm := func(col, s string) string {
		if tm, ok := asDate(s); ok {
			return tm.UTC().Format(time.RFC3339)
		}
		if tm, err := time.Parse(time.RFC3339, s); err == nil {
			return tm.UTC().Format(time.RFC3339)
		}
		return s
	}
	switch f {
	case CSV:
		r := csv.NewReader(bytes.NewReader(b))
		all, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range all[1:] {
			for i := range row {
				row[i] = norm(all[0][i], row[i])
			}
		}
		return all
	case JSON, NDJSON:
		var objs []workfront.Object
		if f == JSON {
			if err := json.Unmarshal(b, &objs); err != nil {
				t.Fatal(err)
			}
		} else {
			for _, line := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
				var o workfront.Object
				if err := json.Unmarshal([]byte(line), &o); err != nil {
					t.Fatalf("line %q: %v", line, err)
				}
				objs = append(objs, o)
			}
		}
		out := [][]string{Columns(testFields)}
		for _, o := range objs {
			row := []string{o.ID()}
			for _, c := range testFields {
				row = append(row, norm(c, o.Text(c)))
			}
			out = append(out, row)
		}
		return out
	case XLSX:
		x, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		sheet := x.GetSheetName(0)
		rows, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r := 1; r < len(rows); r++ {
			for len(rows[r]) < len(rows[0]) {
				rows[r] = append(rows[r], "")
			}
			for i, col := range rows[0] {
				cell, _ := excelize.CoordinatesToCellName(i+1, r+1)
				typ, _ := x.GetCellType(sheet, cell)
				v := rows[r][i]
				switch col {
				case "plannedStartDate":
					// A real date: a serial number with a date format.
					serial, err := strconv.ParseFloat(v, 64)
					if err != nil || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
						t.Fatalf("%s holds %q (type %v), not a date", cell, v, typ)
					}
					tm, err := excelize.ExcelDateToTime(serial, false)
					if err != nil {
						t.Fatal(err)
					}
					v = tm.Round(time.Second).UTC().Format(time.RFC3339)
				case "percentComplete", "DE:Budget":
					if v != "" && typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
						t.Fatalf("%s holds %q as type %v, not a number", cell, v, typ)
					}
				}
				rows[r][i] = v
			}
		}
		return rows
	}
	t.Fatalf("format %s", f)
	return nil
}

// TestCSVOpensInExcel: a CSV file starts with a UTF-8 BOM (Excel needs it
// to read UTF-8) and keeps Chinese text as it is; stdout gets none.
func TestCSVOpensInExcel(t *testing.T) {
	src := &fakeSource{rows: []workfront.Object{{"ID": "1", "name": "项目 Ärende, \"quoted\"", "owner": map[string]any{"name": "王小明"}}}}
	path := filepath.Join(t.TempDir(), "out.csv")
	if _, err := ToFile(t.Context(), src, Job{ObjCode: "proj", Fields: []string{"name", "owner:name"}}, path); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if want := "\uFEFFID,name,owner:name\n1,\"项目 Ärende, \"\"quoted\"\"\",王小明\n"; string(b) != want {
		t.Errorf("file %q, want %q", b, want)
	}
	var out bytes.Buffer
	if _, err := Run(t.Context(), src, Job{ObjCode: "proj", Fields: []string{"name"}}, &out); err != nil || strings.HasPrefix(out.String(), "\uFEFF") {
		t.Errorf("stdout %q %v", out.String(), err)
	}
}

// fakeSource serves rows from memory, pages by $$FIRST.
type fakeSource struct {
	rows  []workfront.Object
	block chan struct{} // when set, searches wait for it
}

func (f *fakeSource) Count(context.Context, string, []workfront.Filter) (int, error) {
	return len(f.rows), nil
}

func (f *fakeSource) Search(ctx context.Context, s workfront.Search) ([]workfront.Object, error) {
	if f.block != nil {
		select {
		case <-f.block:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	for _, fl := range s.Filters {
		if fl.Key == "ID_Mod" {
			return nil, nil
		}
	}
	if s.First >= len(f.rows) {
		return nil, nil
	}
	return f.rows[s.First:min(len(f.rows), s.First+s.Limit)], nil
}

// TestThrottleStormLosesNothing: a 429 every fourth request (with
// Retry-After) loses no row, repeats none, and lowers the concurrency.
func TestThrottleStormLosesNothing(t *testing.T) {
	sim, c := newSim(t, 12000)
	sim.SetThrottle(4, "1")
	var buf bytes.Buffer
	res, err := Run(t.Context(), c, Job{ObjCode: "proj", Fields: []string{"name"}, Format: NDJSON, PageSize: 1000, Concurrency: 4}, &buf)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var o workfront.Object
		json.Unmarshal([]byte(line), &o)
		if ids[o.ID()] {
			t.Fatalf("%s twice", o.ID())
		}
		ids[o.ID()] = true
	}
	if len(ids) != 12000 || res.Rows != 12000 || res.Warning() != nil {
		t.Errorf("%d IDs, result %+v", len(ids), res)
	}
	if res.Throttled == 0 || res.Throttled != sim.Throttled() || res.Concurrency >= 4 {
		t.Errorf("throttled %d (sim %d), concurrency now %d", res.Throttled, sim.Throttled(), res.Concurrency)
	}
	t.Logf("%d requests, %d throttled, concurrency %d at the end, %v", res.Requests, res.Throttled, res.Concurrency, res.Elapsed)
}

// TestRowsAddedMidExport: rows added among the IDs while paging are never
// written twice, and the export says how many rows it lacks; rows added
// after the last ID are all fetched, and then the export is complete.
func TestRowsAddedMidExport(t *testing.T) {
	sim, c := newSim(t, 6000)
	sim.SetGrowth(2, 7, true)
	var buf bytes.Buffer
	res, err := Run(t.Context(), c, Job{ObjCode: "proj", Fields: []string{"name"}, Format: CSV, PageSize: 500, Concurrency: 3}, &buf)
	sim.SetGrowth(0, 0, false)
	if err != nil {
		t.Fatal(err)
	}
	got := csvIDs(t, buf.Bytes())
	all := want(t, c, workfront.Search{ObjCode: "proj", Fields: []string{"ID"}})
	missing := 0
	for _, o := range all {
		if !got[o.ID()] {
			missing++
		}
	}
	if res.Repeated == 0 || missing == 0 {
		t.Errorf("the case does not bite: %d repeated, %d missing (%d added)", res.Repeated, missing, sim.Added())
	}
	if len(got) != res.Rows || res.CountedEnd != len(all) || res.CountedEnd-res.Rows != missing {
		t.Errorf("result %+v; %d written, %d now, %d missing", res, len(got), len(all), missing)
	}
	warn := res.Warning()
	if !errors.Is(warn, ErrDataChanged) || !strings.Contains(warn.Error(), fmt.Sprintf("(%d changed)", missing)) {
		t.Errorf("warning %v", warn)
	}
	t.Logf("%d added, %d repeated (dropped), %d missing; %v", sim.Added(), res.Repeated, missing, warn)

	before := sim.Added()
	sim.SetGrowth(3, 450, false)
	buf.Reset()
	res, err = Run(t.Context(), c, Job{ObjCode: "proj", Fields: []string{"name"}, Format: CSV, PageSize: 500, Concurrency: 3}, &buf)
	sim.SetGrowth(0, 0, false)
	if err != nil {
		t.Fatal(err)
	}
	got = csvIDs(t, buf.Bytes())
	all = want(t, c, workfront.Search{ObjCode: "proj", Fields: []string{"ID"}})
	if res.Warning() != nil || len(got) != len(all) || res.Rows != len(all) || sim.Added()-before < 900 {
		t.Errorf("appended rows: %+v, %d written of %d, %v", res, len(got), len(all), res.Warning())
	}
	t.Logf("appended %d: %d rows, %d in the last pass", sim.Added()-before, res.Rows, res.LatePass)
}

func csvIDs(t *testing.T, b []byte) map[string]bool {
	t.Helper()
	all, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, r := range all[1:] {
		if ids[r[0]] {
			t.Fatalf("%s written twice", r[0])
		}
		ids[r[0]] = true
	}
	return ids
}

// TestInFlightBound: never more requests at once than the concurrency.
func TestInFlightBound(t *testing.T) {
	sim, c := newSim(t, 8000)
	sim.SetLatency(30 * time.Millisecond)
	for _, n := range []int{1, 3, 6} {
		sim.ResetMaxInFlight()
		if _, err := Run(t.Context(), c, Job{ObjCode: "proj", Fields: []string{"name"}, PageSize: 500, Concurrency: n}, io.Discard); err != nil {
			t.Fatal(err)
		}
		if got := sim.MaxInFlight(); got != n {
			t.Errorf("concurrency %d: %d in flight at most", n, got)
		}
	}
}

// TestCancelLeavesNoFile: a cancel mid-export leaves nothing at the path,
// nor anything beside it, and says so.
func TestCancelLeavesNoFile(t *testing.T) {
	for _, f := range Formats() {
		t.Run(string(f), func(t *testing.T) {
			_, c := newSim(t, 5000)
			dir := t.TempDir()
			path := filepath.Join(dir, "out"+f.Extension())
			ctx, cancel := context.WithCancel(t.Context())
			_, err := ToFile(ctx, c, Job{ObjCode: "proj", Fields: []string{"name"}, PageSize: 200, Concurrency: 2,
				OnProgress: func(p Progress) {
					if p.Done > 0 {
						cancel()
					}
				}}, path)
			if !errors.Is(err, ErrCanceled) || !strings.Contains(err.Error(), "Nothing was written at "+path) {
				t.Errorf("error %v", err)
			}
			if left, _ := os.ReadDir(dir); len(left) != 0 {
				t.Errorf("left behind: %v", left)
			}
		})
	}
}

// TestLostNetworkLeavesNoFile: Workfront gone mid-export.
func TestLostNetworkLeavesNoFile(t *testing.T) {
	sim, _ := newSim(t, 5000)
	c := workfront.NewClient(sim.URL(), "v21.0", signIn(t, sim), workfront.Options{BaseBackoff: time.Millisecond, MaxRetries: 2})
	dir := t.TempDir()
	path := filepath.Join(dir, "out.xlsx")
	var once sync.Once
	_, err := ToFile(t.Context(), c, Job{ObjCode: "proj", Fields: []string{"name"}, PageSize: 200, Concurrency: 2,
		OnProgress: func(p Progress) {
			if p.Done > 0 {
				once.Do(func() { sim.Close() })
			}
		}}, path)
	if err == nil || !strings.Contains(err.Error(), "The export stopped after") || !strings.Contains(err.Error(), "Could not reach Workfront") {
		t.Errorf("error %v", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestWriteFailureStops: a writer that fails ends the export with its error.
func TestWriteFailureStops(t *testing.T) {
	src := &fakeSource{}
	for i := range 5000 {
		src.rows = append(src.rows, workfront.Object{"ID": fmt.Sprintf("%05d", i), "name": "x"})
	}
	_, err := Run(t.Context(), src, Job{ObjCode: "proj", Fields: []string{"name"}, PageSize: 100}, &failingWriter{n: 10000})
	if err == nil || !strings.Contains(err.Error(), "no space") {
		t.Errorf("error %v", err)
	}
}

type failingWriter struct{ n int }

func (f *failingWriter) Write(p []byte) (int, error) {
	if f.n -= len(p); f.n < 0 {
		return 0, errors.New("no space left on device")
	}
	return len(p), nil
}

// TestMemoryStaysFlat: 200,000 rows export with the heap growing by far
// less than holding them would take, and never more pages held than the
// window allows.
func TestMemoryStaysFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("200,000 rows")
	}
	sim, c := newSim(t, 200000)
	if n, err := c.Count(t.Context(), "proj", nil); err != nil || n != 200000 {
		t.Fatalf("count %d %v", n, err)
	}
	_ = sim
	// A small GC target, so the heap in use is what is live (plus a
	// little), not garbage that the collector has not needed to collect.
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
		}
	}()
	var out countingWriter
	res, err := Run(t.Context(), c, Job{ObjCode: "proj", Fields: []string{"name", "status", "plannedStartDate", "owner:name"}}, &out)
	close(stop)
	<-sampled
	if err != nil || res.Rows != 200000 {
		t.Fatalf("%+v %v", res, err)
	}
	grew := int64(peak.Load()) - int64(base.HeapInuse)
	t.Logf("200,000 rows, %d MB of CSV: the heap grew by %d MB at most (%v)", out.n>>20, grew>>20, res.Elapsed.Round(time.Millisecond))
	// Holding the rows as objects would take a few hundred MB; the window
	// of pages (and the simulator's answers) takes a few tens.
	if grew > 64<<20 {
		t.Errorf("the heap grew by %d MB", grew>>20)
	}
}

type countingWriter struct{ n int }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += len(p); return len(p), nil }

// TestJobChecks: concurrency out of range, * among the fields, a format
// that does not exist.
func TestJobChecks(t *testing.T) {
	for _, j := range []Job{{ObjCode: "proj", Concurrency: 11}, {ObjCode: "proj", Concurrency: -1}, {ObjCode: "proj", Fields: []string{"*"}}, {ObjCode: "proj", Format: "pdf"}} {
		if _, err := Run(t.Context(), &fakeSource{}, j, io.Discard); err == nil {
			t.Errorf("%+v accepted", j)
		}
	}
	for in, want := range map[string]Format{"a.CSV": CSV, "b.json": JSON, "c.jsonl": NDJSON, "d.ndjson": NDJSON, "e.xlsx": XLSX} {
		if got, ok := FormatOf(in); !ok || got != want {
			t.Errorf("FormatOf(%q) = %v", in, got)
		}
	}
	if _, ok := FormatOf("x.txt"); ok {
		t.Error("txt has a format")
	}
	if got := sheetName("a/b:c[d]*?" + strings.Repeat("x", 40)); len(got) != 31 || strings.ContainsAny(got, `/:[]*?`) {
		t.Errorf("sheet name %q", got)
	}
	if got := Columns([]string{"name", "ID", "name", " owner:name "}); strings.Join(got, ",") != "ID,name,owner:name" {
		t.Errorf("columns %v", got)
	}
}

func TestISODate(t *testing.T) {
	for in, want := range map[string]string{
		"2024-01-08T09:00:00:000+0000": "2024-01-08T09:00:00Z",
		"2017-03-24T17:00:00:000+0400": "2017-03-24T17:00:00+04:00",
		"2017-03-24T17:00:00:250-0530": "2017-03-24T17:00:00.25-05:30",
		"2017-03-24T17:00:00.250-0530": "2017-03-24T17:00:00.25-05:30",
	} {
		got, ok := isoDate(in)
		if !ok {
			t.Errorf("%q: not a date", in)
			continue
		}
		g, err1 := time.Parse(time.RFC3339Nano, got)
		w, err2 := time.Parse(time.RFC3339Nano, want)
		if err1 != nil || err2 != nil || !g.Equal(w) || g.Format(time.RFC3339Nano) != w.Format(time.RFC3339Nano) {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
	for _, in := range []string{"BC-001", "2024-01-08", "2024-01-08T09:00:00:0x0+0000", ""} {
		if got, ok := isoDate(in); ok {
			t.Errorf("%q read as the date %q", in, got)
		}
	}
}

// TestCSVFileDefusesFormulas: in a CSV file made for spreadsheets, text
// that a spreadsheet would run as a formula gets a leading apostrophe;
// numbers stay numbers, and standard output keeps the text as sent.
func TestCSVFileDefusesFormulas(t *testing.T) {
	row := workfront.Object{"ID": "p1", "name": `=HYPERLINK("http://evil.example","click")`, "description": "@SUM(A1)", "priority": -2.0, "owner": map[string]any{"name": "+Ada"}}
	for _, bom := range []bool{true, false} {
		var buf bytes.Buffer
		w, err := newRowWriter(Job{Format: CSV, BOM: bom, Fields: []string{"name", "description", "priority", "owner:name"}}, &buf)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.begin(); err != nil {
			t.Fatal(err)
		}
		if err := w.row(row); err != nil {
			t.Fatal(err)
		}
		if err := w.end(); err != nil {
			t.Fatal(err)
		}
		got := strings.Split(strings.TrimSpace(strings.TrimPrefix(buf.String(), "\ufeff")), "\n")[1]
		want := `p1,"=HYPERLINK(""http://evil.example"",""click"")",@SUM(A1),-2,+Ada`
		if bom {
			want = `p1,"'=HYPERLINK(""http://evil.example"",""click"")",'@SUM(A1),-2,'+Ada`
		}
		if got != want {
			t.Errorf("bom %v:\n%s\nwant\n%s", bom, got, want)
		}
	}
}
