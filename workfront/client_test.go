package workfront

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wfconnect/wfconnect/wfsim"
)

// simTokens is a test double for auth.Source that does Workfront's real
// refresh against wfsim's token endpoint (form parameters).
type simTokens struct {
	sim       *wfsim.Sim
	mu        sync.Mutex
	access    string
	refresh   string
	refreshes int
}

const testRedirect = "https://example.com/cb"

func newSimTokens(t testing.TB, sim *wfsim.Sim) *simTokens {
	t.Helper()
	q := url.Values{"client_id": {sim.WebClientID()}, "redirect_uri": {testRedirect}, "response_type": {"code"}}
	loc, err := wfsim.Consent(http.DefaultClient, sim.URL()+"/integrations/oauth2/authorize?"+q.Encode(), true)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(loc)
	st := &simTokens{sim: sim}
	if err := st.post(url.Values{"grant_type": {"authorization_code"}, "code": {u.Query().Get("code")}}); err != nil {
		t.Fatal(err)
	}
	return st
}

func (s *simTokens) post(v url.Values) error {
	v.Set("client_id", s.sim.WebClientID())
	v.Set("client_secret", s.sim.WebClientSecret())
	v.Set("redirect_uri", testRedirect)
	resp, err := http.PostForm(s.sim.URL()+"/integrations/oauth2/api/v1/token", v)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var tok struct{ AccessToken, RefreshToken string }
	var raw map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&raw); err != nil {
		return err
	}
	tok.AccessToken, _ = raw["access_token"].(string)
	tok.RefreshToken, _ = raw["refresh_token"].(string)
	if tok.AccessToken == "" {
		return fmt.Errorf("token endpoint: %v", raw)
	}
	s.access = tok.AccessToken
	if tok.RefreshToken != "" {
		s.refresh = tok.RefreshToken
	}
	return nil
}

func (s *simTokens) Token(ctx context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.access, nil
}

func (s *simTokens) Refresh(ctx context.Context, stale string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.access != stale {
		return s.access, nil
	}
	s.refreshes++
	if err := s.post(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {s.refresh}}); err != nil {
		return "", err
	}
	return s.access, nil
}

func setup(t testing.TB, projects int) (*wfsim.Sim, *Client, *simTokens) {
	sim := wfsim.New(wfsim.Options{Projects: projects, RedirectURIs: []string{testRedirect}, Rotation: true})
	if err := sim.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	tokens := newSimTokens(t, sim)
	return sim, NewClient(sim.URL(), "v21.0", tokens, Options{BaseBackoff: 5 * time.Millisecond}), tokens
}

func TestFiltersAndMods(t *testing.T) {
	_, c, _ := setup(t, 3000)
	ctx := context.Background()
	all, err := c.CountProjects(ctx, Query{})
	if err != nil || all != 3000 {
		t.Fatalf("count %d %v", all, err)
	}
	page, err := c.SearchProjects(ctx, Query{Text: "WEBSITE", Limit: 2000})
	if err != nil || len(page.Projects) == 0 {
		t.Fatalf("text: %v", err)
	}
	for _, p := range page.Projects {
		if !strings.Contains(strings.ToLower(p.Name), "website") {
			t.Fatalf("%q does not match", p.Name)
		}
	}
	one, _ := c.SearchProjects(ctx, Query{Statuses: []string{"CUR"}, Limit: 2000})
	two, _ := c.SearchProjects(ctx, Query{Statuses: []string{"CUR", "PLN"}, Limit: 2000})
	n2, _ := c.CountProjects(ctx, Query{Statuses: []string{"CUR", "PLN"}})
	if len(one.Projects) == 0 || len(two.Projects) <= len(one.Projects) || n2 != len(two.Projects) {
		t.Errorf("statuses: one %d two %d count %d", len(one.Projects), len(two.Projects), n2)
	}
	for _, p := range two.Projects {
		if p.Status != "CUR" && p.Status != "PLN" {
			t.Fatalf("status %s", p.Status)
		}
	}
	p := one.Projects[0]
	if p.ID == "" || p.OwnerName == "" || p.PlannedCompletion.IsZero() || p.PlannedStart.IsZero() {
		t.Errorf("fields %+v", p)
	}
}

func TestPagingIsStableAndComplete(t *testing.T) {
	_, c, _ := setup(t, 4500)
	ctx := context.Background()
	seen := map[string]bool{}
	for _, sortField := range []string{"status", "name"} {
		clear(seen)
		q := Query{SortField: sortField, Limit: 700}
		for {
			page, err := c.SearchProjects(ctx, q)
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
		if len(seen) != 4500 {
			t.Errorf("sorted by %s: %d of 4500", sortField, len(seen))
		}
	}
	var ids []string
	if err := c.AllProjects(ctx, Query{}, func(p Project) error { ids = append(ids, p.ID); return nil }); err != nil || len(ids) != 4500 {
		t.Errorf("AllProjects: %d %v", len(ids), err)
	}
	stop := errors.New("stop")
	if err := c.AllProjects(ctx, Query{}, func(Project) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("callback error: %v", err)
	}
}

func TestSortDescending(t *testing.T) {
	_, c, _ := setup(t, 1000)
	page, err := c.SearchProjects(context.Background(), Query{SortField: "percentComplete", SortDesc: true, Limit: 300})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(page.Projects); i++ {
		if page.Projects[i].PercentComplete > page.Projects[i-1].PercentComplete {
			t.Fatalf("not descending at %d", i)
		}
	}
}

func TestCountShapes(t *testing.T) {
	sim, c, _ := setup(t, 100)
	for _, wrapped := range []bool{true, false} {
		sim.SetCountShape(wrapped)
		if n, err := c.CountProjects(context.Background(), Query{}); err != nil || n != 100 {
			t.Errorf("wrapped=%v: %d %v", wrapped, n, err)
		}
	}
}

func TestRetriesAndGivingUp(t *testing.T) {
	sim, c, _ := setup(t, 100)
	var logged []int
	var mu sync.Mutex
	c.opts.Log = func(_, _ string, status int, _ time.Duration) {
		mu.Lock()
		logged = append(logged, status)
		mu.Unlock()
	}
	sim.SetAPIFailures(429, 2, "0")
	if _, err := c.CountProjects(context.Background(), Query{}); err != nil {
		t.Fatalf("after two 429s: %v", err)
	}
	sim.SetAPIFailures(500, 1, "")
	if _, err := c.CountProjects(context.Background(), Query{}); err != nil {
		t.Fatalf("after a 500: %v", err)
	}
	sim.SetAPIFailures(500, 100, "")
	_, err := c.CountProjects(context.Background(), Query{})
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != 500 {
		t.Errorf("giving up: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if want := []int{429, 429, 200, 500, 200, 500, 500, 500, 500, 500}; fmt.Sprint(logged) != fmt.Sprint(want) {
		t.Errorf("attempts %v, want %v", logged, want)
	}
	sim.SetAPIFailures(0, 0, "")
}

func TestRetryAfterHeader(t *testing.T) {
	if d := retryAfter("3"); d != 3*time.Second {
		t.Error(d)
	}
	if d := retryAfter("999"); d != 30*time.Second {
		t.Error(d)
	}
	if d := retryAfter(time.Now().Add(2 * time.Second).UTC().Format(http.TimeFormat)); d <= 0 || d > 2*time.Second {
		t.Error(d)
	}
	if d := retryAfter("soon"); d != 0 {
		t.Error(d)
	}
}

func TestUnauthenticatedRefreshesOnceThenRetries(t *testing.T) {
	sim, c, tokens := setup(t, 100)
	sim.ExpireAccessTokens()
	if _, err := c.CountProjects(context.Background(), Query{}); err != nil {
		t.Fatalf("after expiry: %v", err)
	}
	if tokens.refreshes != 1 {
		t.Errorf("%d refreshes", tokens.refreshes)
	}
	// A second refusal after the refresh is an error, not a loop.
	sim.ExpireAccessTokens()
	sim.SetAccessTTL(-time.Second) // every new session is born expired
	_, err := c.CountProjects(context.Background(), Query{})
	if !IsUnauthenticated(err) || !strings.Contains(err.Error(), "not currently logged in") {
		t.Errorf("err %v", err)
	}
	if tokens.refreshes != 2 {
		t.Errorf("%d refreshes, want 2 (one per call)", tokens.refreshes)
	}
}

func TestPostForLongQueries(t *testing.T) {
	sim, c, _ := setup(t, 100)
	sim.ResetLog()
	if _, err := c.SearchProjects(context.Background(), Query{Text: strings.Repeat("x", 9000)}); err != nil {
		t.Fatal(err)
	}
	reqs := sim.Requests()
	if len(reqs) != 1 || reqs[0].Method != "POST" {
		t.Errorf("requests %+v", reqs)
	}
}

func TestErrorBodies(t *testing.T) {
	cases := []struct {
		name, ctype, body string
		status            int
		want              string
		unauth            bool
	}{
		{"json", "application/json", `{"error":{"class":"com.attask.common.InvalidParameterException","message":"Bad filter"}}`, 422, "Workfront said: Bad filter (422)", false},
		{"auth class on 500", "application/json", `{"error":{"class":"com.attask.common.AuthenticationException","message":"You are not currently logged in."}}`, 403, "not currently logged in", true},
		{"html", "text/html", `<html><body>Bad gateway</body></html>`, 502, "502 Bad Gateway with a web page", false},
		{"truncated", "application/json", `{"data":[{"ID":"1","name":"x"`, 200, "cut off", false},
		{"html 200", "text/html", `<html>login</html>`, 200, "something other than JSON", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// These are proxy pages and broken answers that wfsim, which
			// follows Workfront's format, does not produce.
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tc.ctype)
				w.WriteHeader(tc.status)
				w.Write([]byte(tc.body))
			}))
			defer srv.Close()
			c := NewClient(srv.URL, "v21.0", staticTokens{}, Options{MaxRetries: 1, BaseBackoff: time.Millisecond})
			_, err := c.SearchProjects(context.Background(), Query{})
			if err == nil || !strings.Contains(err.Error(), tc.want) || IsUnauthenticated(err) != tc.unauth {
				t.Errorf("err %v (unauth %v)", err, IsUnauthenticated(err))
			}
		})
	}
}

type staticTokens struct{}

func (staticTokens) Token(context.Context) (string, error)           { return "s", nil }
func (staticTokens) Refresh(context.Context, string) (string, error) { return "s", nil }

func TestDatesAndLinks(t *testing.T) {
	tm, err := ParseDate("2017-03-24T17:00:00:000+0400")
	if err != nil || tm.UTC().Format(time.RFC3339) != "2017-03-24T13:00:00Z" {
		t.Errorf("%v %v", tm, err)
	}
	if FormatDate(tm) != "2017-03-24T17:00:00:000+0400" {
		t.Errorf("format %s", FormatDate(tm))
	}
	for _, s := range []string{"2017-03-24T17:00:00.000+0400", "2017-03-24T13:00:00Z", "2017-03-24"} {
		if _, err := ParseDate(s); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
	if z, err := ParseDate(""); err != nil || !z.IsZero() {
		t.Error("empty date")
	}
	if _, err := ParseDate("24/03/2017"); err == nil {
		t.Error("garbage parsed")
	}
	if got := ProjectURL("https://acme.my.workfront.com/", "5f0a"); got != "https://acme.my.workfront.com/project/5f0a/overview" {
		t.Error(got)
	}
	if StatusName("ONH") != "On Hold" || StatusName("XYZ") != "XYZ" {
		t.Error("status names")
	}
}
