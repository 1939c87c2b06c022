package edit

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/wfconnect/wfconnect/journal"
	"github.com/wfconnect/wfconnect/wfsim"
	"github.com/wfconnect/wfconnect/workfront"
)

// Test helpers: wfsim over real HTTP on 127.0.0.1, a sessionID from its
// real consent page and token endpoint, a real client and a real journal.

const testRedirect = "https://example.com/cb"

// simTokens hands the client the sessionID wfsim issued (this package may
// not import auth, whose sources refresh; these tests never need one).
type simTokens struct{ access string }

func (s *simTokens) Token(context.Context) (string, error)           { return s.access, nil }
func (s *simTokens) Refresh(context.Context, string) (string, error) { return s.access, nil }

// rig is a simulator, a client signed in to it, and a journal.
type rig struct {
	sim     *wfsim.Sim
	client  *workfront.Client
	journal *journal.Journal
	meta    workfront.TypeMeta // TASK's
	writes  *writeLog
}

// writeLog is the client's transport: it notes how many objects each
// write (a POST with method=PUT) carried, then sends it for real, so the
// server is still wfsim. wfsim's own log has no bodies.
type writeLog struct {
	mu    sync.Mutex
	sizes []int // objects per bulk write; 1 for a write to one object
}

func (w *writeLog) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil && req.Method == http.MethodPost {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		req.Body = io.NopCloser(bytes.NewReader(b))
		if form, err := url.ParseQuery(string(b)); err == nil && form.Get("method") == "PUT" {
			var items []json.RawMessage
			n := 1
			if json.Unmarshal([]byte(form.Get("updates")), &items) == nil {
				n = len(items)
			}
			w.mu.Lock()
			w.sizes = append(w.sizes, n)
			w.mu.Unlock()
		}
	}
	return http.DefaultTransport.RoundTrip(req)
}

// bulkSizes are the sizes of the writes to several objects, in order.
func (w *writeLog) bulkSizes() []int {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []int
	for _, n := range w.sizes {
		if n > 1 {
			out = append(out, n)
		}
	}
	return out
}

// newRig starts wfsim with n projects (3 tasks each for the first 1,000).
func newRig(t testing.TB, n int) *rig {
	t.Helper()
	sim := wfsim.New(wfsim.Options{Projects: n, RedirectURIs: []string{testRedirect}})
	if err := sim.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	rec := &writeLog{}
	c := workfront.NewClient(sim.URL(), "v21.0", signIn(t, sim), workfront.Options{BaseBackoff: 5 * time.Millisecond,
		HTTPClient: &http.Client{Transport: rec}})
	meta, err := c.TypeMetadata(context.Background(), "TASK")
	if err != nil {
		t.Fatal(err)
	}
	return &rig{sim: sim, client: c, journal: journal.Open(t.TempDir(), "sim"), meta: meta, writes: rec}
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

// taskIDs are the first n tasks' IDs, in ID order.
func (r *rig) taskIDs(t testing.TB, n int) []string {
	t.Helper()
	var ids []string
	for len(ids) < n {
		objs, err := r.client.Search(context.Background(), workfront.Search{ObjCode: "TASK", Fields: []string{"ID"},
			Sorts: []workfront.Sort{{Field: "ID"}}, First: len(ids), Limit: min(n-len(ids), workfront.MaxLimit)})
		if err != nil {
			t.Fatal(err)
		}
		if len(objs) == 0 {
			t.Fatalf("%d tasks, want %d", len(ids), n)
		}
		for _, o := range objs {
			ids = append(ids, o.ID())
		}
	}
	return ids
}

// value is a task's field as wfsim holds it now.
func (r *rig) value(t testing.TB, id, field string) any {
	t.Helper()
	v, ok := r.sim.Value("TASK", id, field)
	if !ok {
		t.Fatalf("wfsim has no TASK %s field %s", id, field)
	}
	return v
}

// puts are the logged write requests: each path.
func (r *rig) puts() []wfsim.Request {
	var out []wfsim.Request
	for _, q := range r.sim.Requests() {
		if q.Verb == "PUT" {
			out = append(out, q)
		}
	}
	return out
}

// change finds the journal's changes of one object.
func (r *rig) changesOf(t testing.TB, id string) []journal.Change {
	t.Helper()
	all, err := r.journal.List(0)
	if err != nil {
		t.Fatal(err)
	}
	var out []journal.Change
	for _, c := range all {
		if c.ObjID == id {
			out = append(out, c)
		}
	}
	return out
}

// percentRows are rows setting percentComplete on each ID.
func percentRows(ids []string, pct float64) []Row {
	rows := make([]Row, len(ids))
	for i, id := range ids {
		rows[i] = Row{ID: id, Set: map[string]any{"percentComplete": pct}}
	}
	return rows
}
