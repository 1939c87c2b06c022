package workfront

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wfconnect/wfconnect/wfsim"
)

// Test helpers: wfsim over real HTTP on 127.0.0.1, a sessionID from
// wfsim's real consent page and token endpoint, and a recorder of what the
// client sent.

const testRedirect = "https://example.com/cb"

// errNeedsConsent stands in for auth.ErrNeedsConsent (this package must not
// import auth): the token endpoint refused the refresh token.
var errNeedsConsent = errors.New("the person must consent again")

// simTokens is a test double for auth.Source (which this package may not
// import). It does the real thing against wfsim, though: consent, the code
// exchange, and a refresh at wfsim's token endpoint (form-encoded, web app
// with its secret) when the client reports a stale sessionID.
type simTokens struct {
	sim *wfsim.Sim

	mu        sync.Mutex
	access    string
	refresh   string
	refreshes int
}

func newSimTokens(t testing.TB, sim *wfsim.Sim) *simTokens {
	t.Helper()
	q := url.Values{"client_id": {sim.WebClientID()}, "redirect_uri": {testRedirect}, "response_type": {"code"}}
	loc, err := wfsim.Consent(http.DefaultClient, sim.URL()+"/integrations/oauth2/authorize?"+q.Encode(), true)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(loc)
	if err != nil || u.Query().Get("code") == "" {
		t.Fatalf("consent redirect %q: %v", loc, err)
	}
	st := &simTokens{sim: sim}
	if err := st.post(context.Background(), url.Values{"grant_type": {"authorization_code"}, "code": {u.Query().Get("code")}}); err != nil {
		t.Fatal(err)
	}
	return st
}

// post calls the token endpoint; the caller holds mu (or owns s).
func (s *simTokens) post(ctx context.Context, v url.Values) error {
	v.Set("client_id", s.sim.WebClientID())
	v.Set("client_secret", s.sim.WebClientSecret())
	v.Set("redirect_uri", testRedirect)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.sim.URL()+"/integrations/oauth2/api/v1/token", strings.NewReader(v.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
		Error        string `json:"error"`
		Message      string `json:"message"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return err
	}
	switch {
	case body.Error == "invalid_grant":
		return fmt.Errorf("%w (%s)", errNeedsConsent, body.Message)
	case resp.StatusCode != http.StatusOK || body.AccessToken == "":
		return fmt.Errorf("token endpoint answered %s: %s", resp.Status, body.Message)
	}
	s.access = body.AccessToken
	if body.RefreshToken != "" {
		s.refresh = body.RefreshToken
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
		return s.access, nil // someone else refreshed already
	}
	s.refreshes++
	if err := s.post(ctx, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {s.refresh}}); err != nil {
		return "", err
	}
	return s.access, nil
}

func (s *simTokens) refreshCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refreshes
}

// sent is one request as the client sent it.
type sent struct {
	Method, Path, RawQuery, ContentType, Body, SessionID string
}

// recorder is an http.RoundTripper that notes each request and then sends
// it for real (http.DefaultTransport), so the server is still the real wfsim.
type recorder struct {
	mu   sync.Mutex
	reqs []sent
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	s := sent{Method: req.Method, Path: req.URL.Path, RawQuery: req.URL.RawQuery, ContentType: req.Header.Get("Content-Type"), SessionID: req.Header.Get("sessionID")}
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		s.Body = string(b)
		req.Body = io.NopCloser(strings.NewReader(s.Body))
	}
	r.mu.Lock()
	r.reqs = append(r.reqs, s)
	r.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

func (r *recorder) take() []sent {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.reqs
	r.reqs = nil
	return out
}

// attempts collects Options.Log calls.
type attempts struct {
	mu    sync.Mutex
	lines []string
}

func (a *attempts) log(method, path string, status int, _ time.Duration) {
	a.mu.Lock()
	a.lines = append(a.lines, fmt.Sprintf("%s %s %d", method, path, status))
	a.mu.Unlock()
}

// statuses is the attempts' statuses, space-separated.
func (a *attempts) statuses() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []string
	for _, l := range a.lines {
		out = append(out, l[strings.LastIndexByte(l, ' ')+1:])
	}
	return strings.Join(out, " ")
}

func (a *attempts) all() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.lines...)
}

type env struct {
	sim    *wfsim.Sim
	client *Client
	tokens *simTokens
	rec    *recorder
	log    *attempts
}

// newEnv starts a wfsim with n projects on 127.0.0.1 and a client for it
// with short backoffs, recording requests unless opts has its own HTTPClient.
func newEnv(t testing.TB, n int, opts Options) *env {
	t.Helper()
	sim := wfsim.New(wfsim.Options{Projects: n, RedirectURIs: []string{testRedirect}, Rotation: true})
	if err := sim.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	e := &env{sim: sim, tokens: newSimTokens(t, sim), rec: &recorder{}, log: &attempts{}}
	if opts.HTTPClient == nil {
		opts.HTTPClient = &http.Client{Transport: e.rec}
	}
	if opts.BaseBackoff == 0 {
		opts.BaseBackoff = 2 * time.Millisecond
	}
	opts.Log = e.log.log
	e.client = NewClient(sim.URL(), "v21.0", e.tokens, opts)
	return e
}

// newLog gives the client a fresh attempt log.
func (e *env) newLog() {
	e.log = &attempts{}
	e.client.opts.Log = e.log.log
}
