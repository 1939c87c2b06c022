package workfront

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

const wireFields = "fields=name%2Cstatus%2CplannedStartDate%2CplannedCompletionDate%2CpercentComplete%2Cdescription%2Cowner%3Aname"

// The exact parameters, in order, that reach wfsim, and wfsim accepts them.
func TestQueryParameters(t *testing.T) {
	e := newEnv(t, 300, Options{})
	ctx := context.Background()
	cases := []struct {
		q           Query
		want        string
		first, lim  int
		countParams string
	}{
		{Query{}, "name_1_Sort=asc&ID_2_Sort=asc&" + wireFields + "&$$FIRST=0&$$LIMIT=100", 0, 100, ""},
		{Query{Text: "Web Site", Statuses: []string{"CUR"}, SortField: "plannedCompletionDate", SortDesc: true, First: 40, Limit: 25},
			"name=Web+Site&name_Mod=cicontains&status=CUR&status_Mod=eq&plannedCompletionDate_1_Sort=desc&ID_2_Sort=asc&" + wireFields + "&$$FIRST=40&$$LIMIT=25", 40, 25,
			"name=Web+Site&name_Mod=cicontains&status=CUR&status_Mod=eq"},
		{Query{Statuses: []string{"CUR", "PLN"}, SortField: "ID", SortDesc: true, First: -3, Limit: 5000},
			"status=CUR&status=PLN&status_Mod=in&ID_Sort=desc&" + wireFields + "&$$FIRST=0&$$LIMIT=2000", 0, 2000,
			"status=CUR&status=PLN&status_Mod=in"},
		{Query{Text: "a&b=c %", SortField: "status", Limit: 7},
			"name=a%26b%3Dc+%25&name_Mod=cicontains&status_1_Sort=asc&ID_2_Sort=asc&" + wireFields + "&$$FIRST=0&$$LIMIT=7", 0, 7,
			"name=a%26b%3Dc+%25&name_Mod=cicontains"},
	}
	for _, tc := range cases {
		page, err := searchProjects(e.client, ctx, tc.q)
		if err != nil {
			t.Fatalf("%+v: %v", tc.q, err)
		}
		if page.First != tc.first || page.Limit != tc.lim {
			t.Errorf("%+v: page first %d limit %d", tc.q, page.First, page.Limit)
		}
		if _, err := countProjects(e.client, ctx, tc.q); err != nil {
			t.Fatalf("count %+v: %v", tc.q, err)
		}
		reqs := e.rec.take()
		if len(reqs) != 2 {
			t.Fatalf("%d requests", len(reqs))
		}
		s, c := reqs[0], reqs[1]
		if s.Method != "GET" || s.Path != "/attask/api/v21.0/proj/search" || s.RawQuery != tc.want || s.Body != "" {
			t.Errorf("search sent %s %s?%s body %q\nwant          GET /attask/api/v21.0/proj/search?%s", s.Method, s.Path, s.RawQuery, s.Body, tc.want)
		}
		if c.Method != "GET" || c.Path != "/attask/api/v21.0/proj/count" || c.RawQuery != tc.countParams {
			t.Errorf("count sent %s %s?%s, want ?%s", c.Method, c.Path, c.RawQuery, tc.countParams)
		}
		tok, _ := e.tokens.Token(ctx)
		if s.SessionID != tok || c.SessionID != tok {
			t.Error("the sessionID header does not carry the token")
		}
	}
}

// allProjects pages through a query with AllProjects and fails on a duplicate.
func allProjects(t *testing.T, c *Client, q Query) []Project {
	t.Helper()
	var out []Project
	seen := map[string]bool{}
	err := allProjectRows(c, context.Background(), q, func(p Project) error {
		if seen[p.ID] {
			return fmt.Errorf("%s came twice", p.ID)
		}
		seen[p.ID] = true
		out = append(out, p)
		return nil
	})
	if err != nil {
		t.Fatalf("%+v: %v", q, err)
	}
	return out
}

func ids(ps []Project) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.ID
	}
	slices.Sort(out)
	return out
}

// Every filter and _Mod against a ground truth computed here from all rows.
func TestFilters(t *testing.T) {
	e := newEnv(t, 5000, Options{})
	ctx := context.Background()
	all := allProjects(t, e.client, Query{})
	if len(all) != 5000 {
		t.Fatalf("%d of 5000 projects", len(all))
	}
	cases := []struct {
		q    Query
		keep func(Project) bool
	}{
		{Query{Text: "WEBSITE relaunch"}, func(p Project) bool { return strings.Contains(strings.ToLower(p.Name), "website relaunch") }},
		{Query{Text: "#42"}, func(p Project) bool { return strings.Contains(p.Name, "#42") }},
		{Query{Statuses: []string{"ONH"}}, func(p Project) bool { return p.Status == "ONH" }},
		{Query{Statuses: []string{"CUR", "PLN", "IDA"}}, func(p Project) bool { return p.Status == "CUR" || p.Status == "PLN" || p.Status == "IDA" }},
		{Query{Text: "phase", Statuses: []string{"CPL", "DED"}}, func(p Project) bool {
			return strings.Contains(strings.ToLower(p.Name), "phase") && (p.Status == "CPL" || p.Status == "DED")
		}},
		{Query{Text: "no project is called this"}, func(Project) bool { return false }},
	}
	for _, tc := range cases {
		var want []Project
		for _, p := range all {
			if tc.keep(p) {
				want = append(want, p)
			}
		}
		if len(want) == 0 && tc.q.Text != "no project is called this" {
			t.Fatalf("%+v: the ground truth is empty; the test data changed", tc.q)
		}
		n, err := countProjects(e.client, ctx, tc.q)
		if err != nil || n != len(want) {
			t.Errorf("count %+v: %d %v, want %d", tc.q, n, err, len(want))
		}
		got := allProjects(t, e.client, tc.q)
		if !slices.Equal(ids(got), ids(want)) {
			t.Errorf("search %+v: %d rows, want %d", tc.q, len(got), len(want))
		}
	}
}

// Paging through more than 4000 rows, sorted by fields with many ties:
// nothing twice, nothing missing, and as many as the count says.
func TestPagingIsStableAndComplete(t *testing.T) {
	e := newEnv(t, 4500, Options{})
	ctx := context.Background()
	total, err := countProjects(e.client, ctx, Query{})
	if err != nil || total != 4500 {
		t.Fatalf("count %d %v", total, err)
	}
	for _, sortField := range []string{"status", "percentComplete", "name"} {
		seen := map[string]bool{}
		q := Query{SortField: sortField, Limit: 700}
		for pages := 0; ; pages++ {
			if pages > 10 {
				t.Fatal("paging does not end")
			}
			page, err := searchProjects(e.client, ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range page.Projects {
				if seen[p.ID] {
					t.Fatalf("sorted by %s: %s appears twice", sortField, p.ID)
				}
				seen[p.ID] = true
			}
			if len(page.Projects) < q.Limit {
				break
			}
			q.First += q.Limit
		}
		if len(seen) != total {
			t.Errorf("sorted by %s: %d of %d", sortField, len(seen), total)
		}
	}
}

func TestAllProjectsPages(t *testing.T) {
	e := newEnv(t, 4500, Options{})
	e.rec.take()
	if got := allProjects(t, e.client, Query{SortField: "status"}); len(got) != 4500 {
		t.Errorf("%d of 4500", len(got))
	}
	var firsts []string
	for _, r := range e.rec.take() {
		firsts = append(firsts, r.RawQuery[strings.Index(r.RawQuery, "$$FIRST"):])
	}
	if want := "$$FIRST=0&$$LIMIT=2000 $$FIRST=2000&$$LIMIT=2000 $$FIRST=4000&$$LIMIT=2000"; strings.Join(firsts, " ") != want {
		t.Errorf("pages %v, want %s", firsts, want)
	}

	// A Limit of its own, and a start.
	if got := allProjects(t, e.client, Query{Limit: 1000, First: 4000}); len(got) != 500 {
		t.Errorf("from 4000 by 1000: %d rows, want 500", len(got))
	}
	if n := len(e.rec.take()); n != 1 {
		t.Errorf("from 4000 by 1000: %d requests, want 1", n)
	}

	// An error from each stops it and comes back.
	stop := errors.New("stop")
	calls := 0
	err := allProjectRows(e.client, context.Background(), Query{}, func(Project) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 || len(e.rec.take()) != 1 {
		t.Errorf("each's error: %v after %d calls", err, calls)
	}

	// So does a cancelled context, between pages.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls = 0
	err = allProjectRows(e.client, ctx, Query{}, func(Project) error { calls++; cancel(); return nil })
	if !errors.Is(err, context.Canceled) || calls != 2000 || len(e.rec.take()) != 1 {
		t.Errorf("cancelled: %v after %d rows", err, calls)
	}
}

// Ascending and descending sorts, ties broken by ID ascending.
func TestSorting(t *testing.T) {
	e := newEnv(t, 3000, Options{})
	keys := map[string]func(a, b Project) int{
		"name":                  func(a, b Project) int { return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) },
		"status":                func(a, b Project) int { return strings.Compare(a.Status, b.Status) },
		"percentComplete":       func(a, b Project) int { return cmp.Compare(a.PercentComplete, b.PercentComplete) },
		"plannedCompletionDate": func(a, b Project) int { return a.PlannedCompletion.Compare(b.PlannedCompletion) },
		"ID":                    func(a, b Project) int { return strings.Compare(a.ID, b.ID) },
	}
	for field, key := range keys {
		for _, desc := range []bool{false, true} {
			rows := allProjects(t, e.client, Query{SortField: field, SortDesc: desc})
			if len(rows) != 3000 {
				t.Fatalf("%s: %d rows", field, len(rows))
			}
			ties := 0
			for i := 1; i < len(rows); i++ {
				a, b := rows[i-1], rows[i]
				c := key(a, b)
				if desc {
					c = -c
				}
				if c == 0 {
					ties++
				}
				if c > 0 || c == 0 && a.ID >= b.ID {
					t.Fatalf("sorted by %s (desc %v): row %d (%s %s) before row %d (%s %s)", field, desc, i-1, a.ID, a.Name, i, b.ID, b.Name)
				}
			}
			if field == "status" && ties < 2000 {
				t.Errorf("only %d ties by status: the tiebreak is not being tested", ties)
			}
		}
	}
}

func TestCountShapes(t *testing.T) {
	e := newEnv(t, 120, Options{})
	for _, wrapped := range []bool{true, false, true} {
		e.sim.SetCountShape(wrapped)
		if n, err := countProjects(e.client, context.Background(), Query{Statuses: []string{"CUR", "PLN", "CPL", "DED", "ONH", "REQ", "APR", "REJ", "IDA"}}); err != nil || n != 120 {
			t.Errorf("wrapped=%v: %d %v", wrapped, n, err)
		}
	}
}

// What comes from wfsim decodes into every field.
func TestDecodedFields(t *testing.T) {
	e := newEnv(t, 500, Options{})
	page, err := searchProjects(e.client, context.Background(), Query{Limit: 500})
	if err != nil || len(page.Projects) != 500 {
		t.Fatalf("%d %v", len(page.Projects), err)
	}
	wfDate := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d:\d{3}[+-]\d{4}$`)
	statuses := map[string]bool{}
	for _, p := range page.Projects {
		if len(p.ID) != 32 || p.Name == "" || p.OwnerName == "" || p.Description == "" || p.Extra != nil {
			t.Fatalf("%+v", p)
		}
		if p.PlannedStart.IsZero() || !p.PlannedCompletion.After(p.PlannedStart) || !wfDate.MatchString(FormatDate(p.PlannedStart)) {
			t.Fatalf("dates %v %v", p.PlannedStart, p.PlannedCompletion)
		}
		if p.PercentComplete < 0 || p.PercentComplete > 100 || p.Status == "CPL" && p.PercentComplete != 100 {
			t.Fatalf("%s %v%%", p.Status, p.PercentComplete)
		}
		statuses[p.Status] = true
	}
	if len(statuses) != len(Statuses()) {
		t.Errorf("statuses %v", statuses)
	}
}

// Query.Fields asks for more, and they come back in Extra.
func TestExtraFields(t *testing.T) {
	e := newEnv(t, 50, Options{})
	page, err := searchProjects(e.client, context.Background(), Query{Fields: []string{"priority", "entryDate", "condition"}, Limit: 50})
	if err != nil || len(page.Projects) != 50 {
		t.Fatalf("%d %v", len(page.Projects), err)
	}
	if q := e.rec.take()[0].RawQuery; !strings.Contains(q, "owner%3Aname%2Cpriority%2CentryDate%2Ccondition&") {
		t.Errorf("fields not asked for: %s", q)
	}
	for _, p := range page.Projects {
		_, prio := p.Extra["priority"].(float64)
		entry, _ := p.Extra["entryDate"].(string)
		if _, err := ParseDate(entry); !prio || entry == "" || err != nil || p.Extra["condition"] == nil || len(p.Extra) != 3 {
			t.Fatalf("extra %v", p.Extra)
		}
		if p.Name == "" || p.OwnerName == "" || p.PlannedStart.IsZero() {
			t.Fatalf("the known fields are lost: %+v", p)
		}
	}
}

// wfsim's own error answer (a sort it does not support) is Workfront's JSON
// error: read, not retried, and said for people.
func TestJSONError(t *testing.T) {
	e := newEnv(t, 10, Options{})
	_, err := searchProjects(e.client, context.Background(), Query{SortField: "nonsense"})
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != 422 || ae.Class != "com.attask.common.InvalidParameterException" || ae.HTML {
		t.Fatalf("%#v", err)
	}
	if err.Error() != "Workfront said: APIModel V21_0 does not support field nonsense (Project) (422)" {
		t.Errorf("message %q", err)
	}
	if IsUnauthenticated(err) || e.log.statuses() != "422" {
		t.Errorf("unauthenticated %v, attempts %s", IsUnauthenticated(err), e.log.statuses())
	}
}

// countingTokens is a fixed sessionID that counts refreshes; used with
// the httptest servers below, which are not wfsim and check no session.
type countingTokens struct{ refreshes atomic.Int32 }

func (*countingTokens) Token(context.Context) (string, error) { return "s", nil }
func (c *countingTokens) Refresh(context.Context, string) (string, error) {
	c.refreshes.Add(1)
	return "s2", nil
}

// Answers wfsim does not give, because it follows Workfront's format: a
// proxy's web pages, cut-off bodies, an error inside a 200. Served by small
// httptest servers.
func TestBrokenAnswers(t *testing.T) {
	const authErr = `{"error":{"class":"com.attask.common.AuthenticationException","message":"You are not currently logged in."}}`
	cases := []struct {
		name     string
		serve    func(w http.ResponseWriter)
		want     string
		attempts string
		unauth   bool
		html     bool
	}{
		{"proxy page 502", func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(502)
			fmt.Fprint(w, "<html><body><h1>502 Bad Gateway</h1></body></html>")
		}, "Workfront answered 502 Bad Gateway with a web page instead of data (a proxy or an outage?).", "502 502 502", false, true},
		{"login page 200", func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<!DOCTYPE html><html>Sign in</html>")
		}, "Workfront answered 200 OK with something other than JSON data (a proxy page?).", "200", false, false},
		{"cut off, connection dropped", func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", "5000")
			fmt.Fprint(w, `{"data":[{"ID":"1","name":"x"},{"ID":"2","na`)
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler)
		}, "Workfront's answer was cut off before it ended (200 OK).", "200 200 200", false, false},
		{"cut off, clean end", func(w http.ResponseWriter) {
			fmt.Fprint(w, `{"data":[{"ID":"1","name":"x"`)
		}, "Workfront's answer was cut off before it ended (200 OK).", "200 200 200", false, false},
		{"auth error in a 200", func(w http.ResponseWriter) {
			fmt.Fprint(w, authErr)
		}, "Workfront said: You are not currently logged in. (200)", "200 200", true, false},
		{"auth error in a 403", func(w http.ResponseWriter) {
			w.WriteHeader(403)
			fmt.Fprint(w, authErr)
		}, "Workfront said: You are not currently logged in. (403)", "403 403", true, false},
		{"401 with nothing", func(w http.ResponseWriter) {
			w.WriteHeader(401)
		}, "Workfront answered 401 Unauthorized.", "401 401", true, false},
		{"other error with title only", func(w http.ResponseWriter) {
			w.WriteHeader(400)
			fmt.Fprint(w, `{"error":{"class":"com.attask.common.InvalidParameterException","title":"Bad filter","msgKey":"x","attributes":[],"code":400}}`)
		}, "Workfront said: Bad filter (400)", "400", false, false},
		{"429 without Retry-After", func(w http.ResponseWriter) {
			w.WriteHeader(429)
		}, "Workfront is limiting requests (429 Too Many Requests); try again in a moment.", "429 429 429", false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { tc.serve(w) }))
			defer srv.Close()
			log := &attempts{}
			tokens := &countingTokens{}
			c := NewClient(srv.URL, "v21.0", tokens, Options{MaxRetries: 2, BaseBackoff: time.Millisecond, Log: log.log})
			_, err := searchProjects(c, context.Background(), Query{})
			if err == nil || err.Error() != tc.want {
				t.Errorf("error %q\nwant       %q", err, tc.want)
			}
			if IsUnauthenticated(err) != tc.unauth {
				t.Errorf("unauthenticated: %v", IsUnauthenticated(err))
			}
			var ae *APIError
			if errors.As(err, &ae) && ae.HTML != tc.html {
				t.Errorf("HTML %v", ae.HTML)
			}
			if got := log.statuses(); got != tc.attempts {
				t.Errorf("attempts %q, want %q", got, tc.attempts)
			}
			if wantRefreshes := map[bool]int32{true: 1}[tc.unauth]; tokens.refreshes.Load() != wantRefreshes {
				t.Errorf("%d refreshes", tokens.refreshes.Load())
			}
		})
	}
}

// Odd but valid rows: a percent as a string, null and empty dates, dates
// with a dot, no owner, unknown fields (kept as sent). wfsim always sends the tidy form,
// so a small httptest server sends these.
func TestTolerantRows(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"data":[
			{"ID":"a","name":"A","objCode":"PROJ","status":"CUR","percentComplete":"12.5","plannedStartDate":null,"plannedCompletionDate":"","owner":null,"customThing":{"x":1}},
			{"ID":"b","name":"B","percentComplete":null,"plannedStartDate":"2017-03-24T17:00:00.250+0400","plannedCompletionDate":"2017-03-24","owner":{"ID":"u","name":"Ada","objCode":"USER"}},
			{"ID":"c","name":"C\u00e9","percentComplete":"n/a","plannedStartDate":"soon","plannedCompletionDate":"2017-03-24T13:00:00Z"}]}`)
	}))
	defer srv.Close()
	c := NewClient(srv.URL, "v21.0", &countingTokens{}, Options{})
	page, err := searchProjects(c, context.Background(), Query{})
	if err != nil || len(page.Projects) != 3 {
		t.Fatalf("%v %v", page, err)
	}
	a, b, cc := page.Projects[0], page.Projects[1], page.Projects[2]
	if a.PercentComplete != 12.5 || !a.PlannedStart.IsZero() || !a.PlannedCompletion.IsZero() || a.OwnerName != "" || a.Extra["customThing"] == nil {
		t.Errorf("a %+v", a)
	}
	if b.OwnerName != "Ada" || b.PercentComplete != 0 || b.PlannedStart.UTC() != time.Date(2017, 3, 24, 13, 0, 0, 250e6, time.UTC) ||
		b.PlannedCompletion.UTC() != time.Date(2017, 3, 24, 0, 0, 0, 0, time.UTC) {
		t.Errorf("b %+v", b)
	}
	if cc.Name != "Cé" || cc.PercentComplete != 0 || !cc.PlannedStart.IsZero() || cc.PlannedCompletion.UTC() != time.Date(2017, 3, 24, 13, 0, 0, 0, time.UTC) {
		t.Errorf("c %+v", cc)
	}
}

// 429 and 5xx from wfsim are retried with backoff, Retry-After is honoured,
// and after MaxRetries the client gives up with the last error.
func TestRetries(t *testing.T) {
	e := newEnv(t, 30, Options{MaxRetries: 2})
	ctx := context.Background()

	e.sim.SetAPIFailures(500, 2, "")
	if n, err := countProjects(e.client, ctx, Query{}); err != nil || n != 30 {
		t.Fatalf("after two 500s: %d %v", n, err)
	}
	if got := e.log.statuses(); got != "500 500 200" {
		t.Errorf("attempts %s", got)
	}

	e.newLog()
	e.sim.SetAPIFailures(429, 1, "1")
	start := time.Now()
	if _, err := searchProjects(e.client, ctx, Query{}); err != nil {
		t.Fatalf("after a 429: %v", err)
	}
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Errorf("Retry-After: 1 was not honoured: retried after %s", d)
	}
	if got := e.log.statuses(); got != "429 200" {
		t.Errorf("attempts %s", got)
	}

	e.newLog()
	e.sim.SetAPIFailures(503, 10, "")
	_, err := searchProjects(e.client, ctx, Query{})
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != 503 || err.Error() != "Workfront said: The simulated Workfront is failing on purpose. (503)" {
		t.Errorf("giving up: %v", err)
	}
	if got := e.log.statuses(); got != "503 503 503" {
		t.Errorf("attempts %s, want three", got)
	}

	// A backoff sleep ends when the context does.
	e.sim.SetAPIFailures(429, 10, "30")
	ctx2, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	start = time.Now()
	_, err = searchProjects(e.client, ctx2, Query{})
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Errorf("cancelled backoff: %v after %s", err, time.Since(start))
	}
	e.sim.SetAPIFailures(0, 0, "")
}

func TestRetryAfterHeader(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	cases := map[string]time.Duration{
		"3": 3 * time.Second, " 7 ": 7 * time.Second, "999": 30 * time.Second, "0": 0, "-4": 0, "soon": 0, "": 0,
		now.Add(2 * time.Second).Format(http.TimeFormat):  2 * time.Second,
		now.Add(-time.Minute).Format(http.TimeFormat):     0,
		now.Add(10 * time.Minute).Format(http.TimeFormat): 30 * time.Second,
	}
	for h, want := range cases {
		if got := retryAfter(h, now); got != want {
			t.Errorf("Retry-After %q: %s, want %s", h, got, want)
		}
	}
}

// A dropped connection is retried; with nothing listening the client gives
// up with a message that names the host but not the query.
func TestNetworkErrors(t *testing.T) {
	e := newEnv(t, 30, Options{})
	var dropped atomic.Bool
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if dropped.CompareAndSwap(false, true) {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close() // reset before any answer
			}
			return
		}
		e.sim.Handler().ServeHTTP(w, r)
	}))
	defer front.Close()
	log := &attempts{}
	c := NewClient(front.URL, "v21.0", e.tokens, Options{BaseBackoff: time.Millisecond, Log: log.log})
	if n, err := countProjects(c, context.Background(), Query{}); err != nil || n != 30 {
		t.Fatalf("after a dropped connection: %d %v", n, err)
	}
	if got := log.statuses(); got != "0 200" {
		t.Errorf("attempts %s", got)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + ln.Addr().String()
	ln.Close()
	log = &attempts{}
	c = NewClient(dead, "v21.0", e.tokens, Options{MaxRetries: 2, BaseBackoff: time.Millisecond, Log: log.log})
	_, err = searchProjects(c, context.Background(), Query{Text: "quarterly plan"})
	if err == nil || !strings.HasPrefix(err.Error(), "Could not reach Workfront at "+dead+": ") || strings.Contains(err.Error(), "quarterly") {
		t.Errorf("error %q", err)
	}
	if got := log.statuses(); got != "0 0 0" {
		t.Errorf("attempts %s", got)
	}

	// A cancelled context is not retried.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	log = &attempts{}
	c = NewClient(e.sim.URL(), "v21.0", e.tokens, Options{BaseBackoff: time.Millisecond, Log: log.log})
	if _, err := searchProjects(c, ctx, Query{}); !errors.Is(err, context.Canceled) || len(log.all()) > 1 {
		t.Errorf("cancelled: %v after %v", err, log.all())
	}
}

// An expired session gets one refresh and one retry; a second refusal is
// an error, not a loop; a failed refresh comes back wrapped.
func TestUnauthenticated(t *testing.T) {
	e := newEnv(t, 40, Options{})
	ctx := context.Background()
	old, _ := e.tokens.Token(ctx)

	e.sim.ExpireAccessTokens()
	if n, err := countProjects(e.client, ctx, Query{}); err != nil || n != 40 {
		t.Fatalf("after expiry: %d %v", n, err)
	}
	fresh, _ := e.tokens.Token(ctx)
	if got := e.log.statuses(); got != "401 200" || e.tokens.refreshCount() != 1 || e.sim.CountGrant("refresh_token") != 1 || fresh == old {
		t.Errorf("attempts %s, %d refreshes", got, e.tokens.refreshCount())
	}
	reqs := e.rec.take()
	if len(reqs) != 2 || reqs[0].SessionID != old || reqs[1].SessionID != fresh {
		t.Error("the retry did not carry the new sessionID")
	}

	// Every new session is born expired: the retry is refused too.
	e.newLog()
	e.sim.SetAccessTTL(-time.Second)
	e.sim.ExpireAccessTokens()
	_, err := searchProjects(e.client, ctx, Query{})
	if !IsUnauthenticated(err) || err.Error() != "Workfront said: You are not currently logged in. (401)" {
		t.Errorf("second refusal: %v", err)
	}
	if got := e.log.statuses(); got != "401 401" || e.tokens.refreshCount() != 2 {
		t.Errorf("attempts %s, %d refreshes: want one refresh and one retry", got, e.tokens.refreshCount())
	}

	// The refresh token is revoked too: the refresh's error comes back.
	e.newLog()
	e.sim.SetAccessTTL(time.Hour)
	e.sim.RevokeAll()
	_, err = countProjects(e.client, ctx, Query{})
	if !errors.Is(err, errNeedsConsent) || !strings.Contains(err.Error(), "could not be renewed") {
		t.Errorf("failed refresh: %v", err)
	}
	if got := e.log.statuses(); got != "401" {
		t.Errorf("attempts %s", got)
	}
	// No secret in what a person or the log sees.
	e.tokens.mu.Lock()
	secrets := []string{old, fresh, e.tokens.access, e.tokens.refresh, e.sim.WebClientSecret()}
	e.tokens.mu.Unlock()
	for _, s := range secrets {
		for _, line := range append(e.log.all(), err.Error()) {
			if s != "" && strings.Contains(line, s) {
				t.Errorf("a secret in %q", line)
			}
		}
	}
}

// A query too long for a URL goes as a POST form with method=GET, and
// wfsim applies its filters.
func TestLongQueryIsPosted(t *testing.T) {
	e := newEnv(t, 2000, Options{})
	ctx := context.Background()
	short := Query{Statuses: []string{"CUR", "PLN"}, Limit: 2000}
	want, err := searchProjects(e.client, ctx, short)
	if err != nil || len(want.Projects) == 0 {
		t.Fatal(err)
	}
	long := short
	for i := range 1500 {
		long.Statuses = append(long.Statuses, fmt.Sprintf("Z%04d", i))
	}
	e.rec.take()
	got, err := searchProjects(e.client, ctx, long)
	if err != nil {
		t.Fatal(err)
	}
	n, err := countProjects(e.client, ctx, long)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids(got.Projects), ids(want.Projects)) || n != len(want.Projects) {
		t.Errorf("posted: %d rows, count %d; by GET %d rows", len(got.Projects), n, len(want.Projects))
	}
	for _, r := range e.rec.take() {
		if r.Method != "POST" || r.RawQuery != "" || r.ContentType != "application/x-www-form-urlencoded" ||
			!strings.HasPrefix(r.Body, "status=CUR&status=PLN&status=Z0000&") || !strings.HasSuffix(r.Body, "&method=GET") {
			t.Errorf("sent %s ?%s %s %.60q…", r.Method, r.RawQuery, r.ContentType, r.Body)
		}
	}

	// Long search text too (nothing matches it).
	page, err := searchProjects(e.client, ctx, Query{Text: strings.Repeat("x", 9000)})
	if err != nil || len(page.Projects) != 0 {
		t.Errorf("%d rows, %v", len(page.Projects), err)
	}
	if r := e.rec.take(); len(r) != 1 || r[0].Method != "POST" || !strings.HasPrefix(r[0].Body, "name=xxxx") {
		t.Errorf("long text sent %+v", r[0].Method)
	}
	if reqs := e.sim.Requests(); reqs[len(reqs)-1].Method != "POST" {
		t.Errorf("wfsim saw %+v", reqs[len(reqs)-1])
	}

	// Just under the limit stays a GET.
	base := len(e.sim.URL() + "/attask/api/v21.0/proj/search?")
	rest := len(encodeParams(Query{Text: "x"}.Search().params())) - 1
	if _, err := searchProjects(e.client, ctx, Query{Text: strings.Repeat("x", maxURL-base-rest)}); err != nil {
		t.Fatal(err)
	}
	if r := e.rec.take(); r[0].Method != "GET" {
		t.Errorf("a URL of %d bytes went as %s", maxURL, r[0].Method)
	}
}

// The log has method, path and status: never the query or a header.
func TestLogLines(t *testing.T) {
	e := newEnv(t, 10, Options{})
	if _, err := searchProjects(e.client, context.Background(), Query{Text: "my private search"}); err != nil {
		t.Fatal(err)
	}
	if _, err := countProjects(e.client, context.Background(), Query{Text: "my private search"}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(e.log.all(), "|"); got != "GET /attask/api/v21.0/proj/search 200|GET /attask/api/v21.0/proj/count 200" {
		t.Errorf("log %q", got)
	}
}

func TestDates(t *testing.T) {
	utc := func(s string) string {
		tm, err := ParseDate(s)
		if err != nil {
			t.Errorf("%q: %v", s, err)
		}
		return tm.UTC().Format(time.RFC3339Nano)
	}
	for in, want := range map[string]string{
		"2017-03-24T17:00:00:000+0400":   "2017-03-24T13:00:00Z",
		"2017-03-24T17:00:00:123-0530":   "2017-03-24T22:30:00.123Z",
		"2017-03-24T17:00:00.000+0400":   "2017-03-24T13:00:00Z",
		"2017-03-24T17:00:00:5+0400":     "2017-03-24T13:00:00.5Z",
		"2017-03-24T17:00:00+0400":       "2017-03-24T13:00:00Z",
		"2017-03-24T13:00:00Z":           "2017-03-24T13:00:00Z",
		"2017-03-24T17:00:00.25+04:00":   "2017-03-24T13:00:00.25Z",
		"2017-03-24":                     "2017-03-24T00:00:00Z",
		" 2017-03-24T17:00:00:000+0000 ": "2017-03-24T17:00:00Z",
	} {
		if got := utc(in); got != want {
			t.Errorf("%q: %s, want %s", in, got, want)
		}
	}
	for _, s := range []string{"", "null"} {
		if tm, err := ParseDate(s); err != nil || !tm.IsZero() {
			t.Errorf("%q: %v %v", s, tm, err)
		}
	}
	for _, s := range []string{"24/03/2017", "2017-02-30T10:00:00:000+0000", "2017-13-01T10:00:00:000+0000", "2017-03-24T25:00:00:000+0000", "2017-03-24T17:00:00:000+04", "soon"} {
		if tm, err := ParseDate(s); err == nil {
			t.Errorf("%q parsed as %v", s, tm)
		}
	}
	// Round trips, zone kept.
	for _, s := range []string{"2017-03-24T17:00:00:000+0400", "2026-12-31T23:59:59:999-0930", "2001-01-01T00:00:00:007+0000"} {
		tm, err := ParseDate(s)
		if err != nil || FormatDate(tm) != s {
			t.Errorf("%q -> %v -> %q (%v)", s, tm, FormatDate(tm), err)
		}
	}
	tm := time.Date(2024, 2, 29, 8, 30, 15, 456789000, time.FixedZone("", -7*3600))
	if got := FormatDate(tm); got != "2024-02-29T08:30:15:456-0700" {
		t.Errorf("format %s", got)
	}
	if back, err := ParseDate(FormatDate(tm)); err != nil || !back.Equal(tm.Truncate(time.Millisecond)) {
		t.Errorf("round trip %v %v", back, err)
	}
	if FormatDate(time.Time{}) != "" || LocalDate(time.Time{}) != "" {
		t.Error("zero time")
	}
	noon := time.Date(2017, 3, 24, 12, 0, 0, 0, time.Local)
	if got := LocalDate(noon.UTC()); got != "24 Mar 2017" {
		t.Errorf("LocalDate %q", got)
	}
}

func TestLinksAndStatuses(t *testing.T) {
	for host, want := range map[string]string{
		"https://acme.my.workfront.com":  "https://acme.my.workfront.com/project/5f0a/overview",
		"https://acme.my.workfront.com/": "https://acme.my.workfront.com/project/5f0a/overview",
	} {
		if got := ProjectURL(host, "5f0a"); got != want {
			t.Errorf("%s: %s", host, got)
		}
	}
	if got := ProjectURL("https://a.my.workfront.com", "a/b c"); got != "https://a.my.workfront.com/project/a%2Fb%20c/overview" {
		t.Errorf("escaping: %s", got)
	}
	if len(Statuses()) != 9 || StatusName("ONH") != "On Hold" || StatusName("CUR") != "Current" || StatusName("XYZ") != "XYZ" {
		t.Error("status names")
	}
}
