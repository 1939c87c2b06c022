package auth

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wfconnect/wfconnect/wfsim"
)

// memStore is an in-memory TokenStore. The real keyring is tested in store
// and, end to end, in cli's keyring tests.
type memStore struct {
	mu      sync.Mutex
	m       map[string][]byte
	failSet error
	saves   int
}

func newMemStore() *memStore { return &memStore{m: map[string][]byte{}} }

func (s *memStore) LoadTokens(p string) ([]byte, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.m[p]
	return b, ok, nil
}

func (s *memStore) SaveTokens(p string, b []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failSet != nil {
		return s.failSet
	}
	s.saves++
	s.m[p] = append([]byte(nil), b...)
	return nil
}

func (s *memStore) DeleteTokens(p string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, p)
	return nil
}

func (s *memStore) Where() string { return "test memory" }

func (s *memStore) tokens(t *testing.T, p string) *TokenSet {
	t.Helper()
	b, ok, _ := s.LoadTokens(p)
	if !ok {
		return nil
	}
	var ts TokenSet
	if err := json.Unmarshal(b, &ts); err != nil {
		t.Fatal(err)
	}
	return &ts
}

func freeRedirect(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return fmt.Sprintf("http://127.0.0.1:%d/callback", l.Addr().(*net.TCPAddr).Port)
}

func startSim(t *testing.T, opts wfsim.Options) *wfsim.Sim {
	t.Helper()
	if opts.Projects == 0 {
		opts.Projects = 10
	}
	sim := wfsim.New(opts)
	if err := sim.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	return sim
}

func configFor(sim *wfsim.Sim, kind, redirect string) Config {
	sim.AddRedirectURI(redirect)
	cfg := Config{Profile: "p-" + kind, Host: sim.URL(), RedirectURI: redirect, ClientID: sim.WebClientID(), ClientSecret: sim.WebClientSecret(), AppType: AppWeb, TokenAuth: TokenAuth(kind)}
	if kind == "spa" {
		cfg.AppType, cfg.ClientID, cfg.ClientSecret = AppSPA, sim.SPAClientID(), ""
	}
	return cfg
}

// browse plays the person: consent on wfsim's page, then follow the redirect.
func browse(t *testing.T, authURL string, allow bool) (status int, page string) {
	t.Helper()
	to, err := wfsim.Consent(http.DefaultClient, authURL, allow)
	if err != nil {
		t.Fatal(err)
	}
	return get(t, http.MethodGet, to)
}

func TestAuthorizeURL(t *testing.T) {
	for _, kind := range []string{"basic-json", "spa", "no-pkce"} {
		cfg := Config{Profile: "x", Host: "https://acme.my.workfront.com", ClientID: "cid", ClientSecret: "sec", RedirectURI: "https://example.com/cb", AppType: AppWeb, TokenAuth: TokenAuthBasicJSON}
		switch kind {
		case "spa":
			cfg.AppType = AppSPA
		case "no-pkce":
			cfg.NoPKCE = true
		}
		f, err := Begin(context.Background(), cfg, newMemStore(), BeginOptions{})
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(f.AuthURL())
		q := u.Query()
		if u.Scheme+"://"+u.Host+u.Path != "https://acme.my.workfront.com/integrations/oauth2/authorize" {
			t.Errorf("endpoint %s", u)
		}
		if q.Get("client_id") != "cid" || q.Get("redirect_uri") != "https://example.com/cb" || q.Get("response_type") != "code" || len(q.Get("state")) < 22 {
			t.Errorf("params %v", q)
		}
		if q.Has("scope") || strings.Contains(f.AuthURL(), "sec") {
			t.Errorf("unexpected scope or secret in %s", f.AuthURL())
		}
		if kind != "no-pkce" { // PKCE for web apps too, unless turned off
			sum := sha256.Sum256([]byte(f.verifier))
			if q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") != base64.RawURLEncoding.EncodeToString(sum[:]) || len(f.verifier) < 43 {
				t.Errorf("PKCE params %v (verifier %d chars)", q, len(f.verifier))
			}
		} else if q.Has("code_challenge") || f.verifier != "" {
			t.Error("a web app with NoPKCE sent a PKCE challenge")
		}
		if f.Loopback() {
			t.Error("an https redirect got a listener")
		}
		f.Cancel()
	}
}

func TestFlowAgainstWfsimEachForm(t *testing.T) {
	for _, kind := range []string{"basic-json", "form", "spa"} {
		t.Run(kind, func(t *testing.T) {
			sim := startSim(t, wfsim.Options{Domain: "acme", Lane: "preview"})
			cfg := configFor(sim, kind, freeRedirect(t))
			store := newMemStore()
			f, err := Begin(context.Background(), cfg, store, BeginOptions{})
			if err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { _, err := f.Wait(context.Background()); done <- err }()
			status, page := browse(t, f.AuthURL(), true)
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			if status != 200 || !strings.Contains(page, "<h1>Connected to Workfront</h1><p>You can close this tab and return to Workfront Connect.</p>") || !strings.Contains(page, "connection “"+cfg.Profile+"”") {
				t.Errorf("browser got %d:\n%s", status, page)
			}
			ts := store.tokens(t, cfg.Profile)
			if ts == nil || ts.AccessToken == "" || ts.RefreshToken == "" || ts.TokenType != "sessionID" || ts.WID == "" || ts.Domain != "acme" || ts.Lane != "preview" || !ts.Expiry.IsZero() {
				t.Errorf("stored %+v", ts)
			}
			if n := sim.CountGrant("authorization_code"); n != 1 {
				t.Errorf("%d code exchanges", n)
			}
			select {
			case <-f.CodeReceived():
			default:
				t.Error("CodeReceived never fired")
			}
			// The listener is closed after success.
			if _, err := http.Get(cfg.RedirectURI); err == nil {
				t.Error("the listener still answers after success")
			}
		})
	}
}

func TestFlowDenied(t *testing.T) {
	sim := startSim(t, wfsim.Options{})
	cfg := configFor(sim, "form", freeRedirect(t))
	f, err := Begin(context.Background(), cfg, newMemStore(), BeginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := f.Wait(context.Background()); done <- err }()
	_, page := browse(t, f.AuthURL(), false)
	err = <-done
	if err == nil || !strings.Contains(err.Error(), "You denied access") {
		t.Errorf("err %v", err)
	}
	if !strings.Contains(page, "You denied access") {
		t.Errorf("page:\n%s", page)
	}
	if sim.CountGrant("authorization_code") != 0 {
		t.Error("a denied consent sent a token request")
	}
}

func get(t *testing.T, method, u string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, u, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestListenerRejectsAndKeepsWaiting(t *testing.T) {
	sim := startSim(t, wfsim.Options{})
	redirect := freeRedirect(t)
	cfg := configFor(sim, "basic-json", redirect)
	f, err := Begin(context.Background(), cfg, newMemStore(), BeginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Cancel()
	base := strings.TrimSuffix(redirect, "/callback")
	if code, _ := get(t, "GET", base+"/other?code=x&state="+f.state); code != 404 {
		t.Errorf("wrong path: %d", code)
	}
	if code, _ := get(t, "POST", redirect+"?code=x&state="+f.state); code != 405 {
		t.Errorf("wrong method: %d", code)
	}
	if code, page := get(t, "GET", redirect+"?code=x&state=forged"); code != 400 || !strings.Contains(page, "state does not match") {
		t.Errorf("wrong state: %d %s", code, page)
	}
	if code, page := get(t, "GET", redirect+"?state="+f.state); code != 400 || !strings.Contains(page, "carries no code") {
		t.Errorf("no code: %d", code)
	}
	if code, _ := get(t, "GET", redirect+"?error=access_denied&state=forged"); code != 400 {
		t.Errorf("forged error: %d", code)
	}
	// Still waiting: the real consent completes the flow.
	done := make(chan error, 1)
	go func() { _, err := f.Wait(context.Background()); done <- err }()
	to, err := wfsim.Consent(http.DefaultClient, f.AuthURL(), true)
	if err != nil {
		t.Fatal(err)
	}
	if code, _ := get(t, "GET", to); code != 200 {
		t.Errorf("real callback: %d", code)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n := sim.CountGrant("authorization_code"); n != 1 {
		t.Errorf("%d exchanges", n)
	}
}

func TestListenerReplayGetsOneAnswer(t *testing.T) {
	sim := startSim(t, wfsim.Options{})
	cfg := configFor(sim, "form", freeRedirect(t))
	f, err := Begin(context.Background(), cfg, newMemStore(), BeginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	to, err := wfsim.Consent(http.DefaultClient, f.AuthURL(), true)
	if err != nil {
		t.Fatal(err)
	}
	// Accept the first callback while nobody waits yet, then replay it.
	if _, err := f.accept(mustQuery(t, to), false); err != nil {
		t.Fatal(err)
	}
	code, page := get(t, "GET", to)
	if code != http.StatusConflict || !strings.Contains(page, "already completed") {
		t.Errorf("replay: %d %s", code, page)
	}
	if _, err := f.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := sim.CountGrant("authorization_code"); n != 1 {
		t.Errorf("%d exchanges for one code", n)
	}
}

func mustQuery(t *testing.T, raw string) url.Values {
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query()
}

func TestListenerCancelTimeoutPortInUse(t *testing.T) {
	sim := startSim(t, wfsim.Options{})
	redirect := freeRedirect(t)
	cfg := configFor(sim, "form", redirect)

	f, err := Begin(context.Background(), cfg, newMemStore(), BeginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Begin(context.Background(), cfg, newMemStore(), BeginOptions{})
	if !errors.Is(err, ErrPortInUse) || !strings.Contains(err.Error(), "Port "+strings.Split(strings.TrimPrefix(redirect, "http://127.0.0.1:"), "/")[0]) {
		t.Errorf("second listener: %v", err)
	}
	done := make(chan error, 1)
	go func() { _, err := f.Wait(context.Background()); done <- err }()
	f.Cancel()
	if err := <-done; !errors.Is(err, ErrCanceled) {
		t.Errorf("cancel: %v", err)
	}
	if _, err := http.Get(redirect); err == nil {
		t.Error("the listener answers after cancel")
	}

	f, err = Begin(context.Background(), cfg, newMemStore(), BeginOptions{CallbackTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Wait(context.Background()); err == nil || !strings.Contains(err.Error(), "No answer from Workfront") {
		t.Errorf("timeout: %v", err)
	}
	if _, err := http.Get(redirect); err == nil {
		t.Error("the listener answers after a timeout")
	}
}

func TestListenerLoopbackOnly(t *testing.T) {
	sim := startSim(t, wfsim.Options{})
	redirect := freeRedirect(t)
	f, err := Begin(context.Background(), configFor(sim, "form", redirect), newMemStore(), BeginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Cancel()
	port := strings.Split(strings.TrimPrefix(redirect, "http://127.0.0.1:"), "/")[0]
	addrs, _ := net.InterfaceAddrs()
	tried := 0
	for _, a := range addrs {
		ipnet, ok := a.(*net.IPNet)
		if !ok || ipnet.IP.IsLoopback() || ipnet.IP.To4() == nil {
			continue
		}
		tried++
		// Our own address on this machine: a connection here would mean the
		// listener is bound beyond loopback.
		c, err := net.DialTimeout("tcp", net.JoinHostPort(ipnet.IP.String(), port), time.Second)
		if err == nil {
			c.Close()
			t.Errorf("the listener is reachable on %s", ipnet.IP)
		}
	}
	if tried == 0 {
		t.Skip("this machine has no non-loopback IPv4 address to try")
	}
}

func TestPasteAndStates(t *testing.T) {
	sim := startSim(t, wfsim.Options{})
	redirect := "https://example.com/wf-callback"
	cfg := configFor(sim, "basic-json", redirect)
	store := newMemStore()
	f, err := Begin(context.Background(), cfg, store, BeginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"garbage":                                             "doesn't look like the address",
		"https://example.com/wf-callback":                     "doesn't look like the address",
		"https://example.com/wf-callback?x=1":                 "carries no code",
		"https://example.com/wf-callback?code=abc&state=nope": "state does not match",
	} {
		if err := f.SubmitPasted(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("paste %q: %v", in, err)
		}
	}
	landed, err := wfsim.Consent(http.DefaultClient, f.AuthURL(), true)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SubmitPasted("  " + landed + "\n"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if store.tokens(t, cfg.Profile) == nil {
		t.Error("no tokens stored")
	}
}

func TestPastedErrorAndNoState(t *testing.T) {
	cfg := Config{Profile: "x", Host: "https://acme.my.workfront.com", ClientID: "c", ClientSecret: "s", RedirectURI: "https://example.com/cb", AppType: AppWeb}
	f, err := Begin(context.Background(), cfg, newMemStore(), BeginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SubmitPasted("https://example.com/cb?error=server_error&error_description=Boom&state=" + f.state); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Wait(context.Background()); err == nil || !strings.Contains(err.Error(), "Workfront reported an error: Boom") {
		t.Errorf("err %v", err)
	}

	// No state in a pasted address: the person's own act, accepted even
	// while another sign-in is pending; a state it carries must match.
	a, _ := Begin(context.Background(), cfg, newMemStore(), BeginOptions{})
	b, _ := Begin(context.Background(), cfg, newMemStore(), BeginOptions{})
	defer b.Cancel()
	var logged []string
	a.opts.Log = func(s string) { logged = append(logged, s) }
	if err := a.SubmitPasted("https://example.com/cb?code=abc&state=" + b.state); err == nil || !strings.Contains(err.Error(), "state does not match") {
		t.Errorf("another sign-in's state: %v", err)
	}
	if err := a.SubmitPasted("https://example.com/cb?code=abc"); err != nil {
		t.Errorf("no state, two pending: %v", err)
	}
	if len(logged) != 1 || !strings.Contains(logged[0], "no state") {
		t.Errorf("log %q", logged)
	}
	a.Cancel()
}

func TestExpiredCodeIsNeverSent(t *testing.T) {
	// Short in wfsim as well: were the code sent, wfsim would refuse it too,
	// but CountGrant would show it.
	sim := startSim(t, wfsim.Options{CodeTTL: 100 * time.Millisecond})
	cfg := configFor(sim, "form", "https://example.com/late")
	var mu sync.Mutex
	now := time.Now()
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	f, err := Begin(context.Background(), cfg, newMemStore(), BeginOptions{Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	landed, _ := wfsim.Consent(http.DefaultClient, f.AuthURL(), true)
	if err := f.SubmitPasted(landed); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	now = now.Add(CodeValidity + time.Second)
	mu.Unlock()
	if _, err := f.Wait(context.Background()); err == nil || !strings.Contains(err.Error(), "expired") {
		t.Errorf("err %v", err)
	}
	if n := sim.CountGrant("authorization_code"); n != 0 {
		t.Errorf("an expired code was sent %d times", n)
	}
}

func TestWfsimRejectsLateCode(t *testing.T) {
	sim := startSim(t, wfsim.Options{CodeTTL: time.Millisecond})
	cfg := configFor(sim, "basic-json", "https://example.com/late2")
	f, _ := Begin(context.Background(), cfg, newMemStore(), BeginOptions{})
	landed, _ := wfsim.Consent(http.DefaultClient, f.AuthURL(), true)
	time.Sleep(5 * time.Millisecond)
	f.SubmitPasted(landed)
	_, err := f.Wait(context.Background())
	var te *TokenError
	if !errors.As(err, &te) || te.Status != 400 || !strings.Contains(err.Error(), "expired") {
		t.Errorf("err %v", err)
	}
}

func TestCallbackPageFollowsBrowserLanguage(t *testing.T) {
	for accept, want := range map[string]string{
		"":                        "<h1>Connected to Workfront</h1><p>You can close this tab",
		"sv-SE,sv;q=0.9":          "Ansluten till Workfront",
		"zh-CN,zh;q=0.9":          "已连接到 Workfront",
		"zh-TW,zh;q=0.9":          "已連線至 Workfront",
		"fr-FR,fr;q=0.9":          "Connected to Workfront",
		"de;q=0.9, zh-Hant;q=0.8": "已連線至 Workfront",
	} {
		r := httptest.NewRequest("GET", "/callback", nil)
		r.Header.Set("Accept-Language", accept)
		w := httptest.NewRecorder()
		writePage(w, r, 200, true, "ok_title", "ok", nil)
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("Accept-Language %q: page lacks %q", accept, want)
		}
	}
}

// TestCallbackPageSaysWhyInTheBrowsersLanguage: the reason a sign-in failed
// reads in the page's language too, arguments and all.
func TestCallbackPageSaysWhyInTheBrowsersLanguage(t *testing.T) {
	for accept, want := range map[string]string{
		"":               "You denied access in Workfront, so wfconnect was not connected. You can close this tab",
		"sv-SE,sv;q=0.9": "Du nekade åtkomst i Workfront",
		"zh-TW,zh;q=0.9": "您在 Workfront 中拒絕了存取",
	} {
		r := httptest.NewRequest("GET", "/callback", nil)
		r.Header.Set("Accept-Language", accept)
		w := httptest.NewRecorder()
		writePage(w, r, 200, false, "fail_title", "close", consentError("access_denied", ""))
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("Accept-Language %q: page lacks %q:\n%s", accept, want, w.Body.String())
		}
	}
}

func TestAuthorizeURLHasExactlyTheDocumentedParams(t *testing.T) {
	for app, want := range map[AppType][]string{
		AppWeb:           {"client_id", "code_challenge", "code_challenge_method", "redirect_uri", "response_type", "state"},
		AppWeb + "-nopk": {"client_id", "redirect_uri", "response_type", "state"},
		AppSPA:           {"client_id", "code_challenge", "code_challenge_method", "redirect_uri", "response_type", "state"},
	} {
		cfg := Config{Profile: "x", Host: "https://acme.my.workfront.com", ClientID: "cid", RedirectURI: "https://example.com/cb", AppType: app}
		if app == AppWeb+"-nopk" {
			cfg.AppType, cfg.NoPKCE = AppWeb, true
		}
		f, err := Begin(context.Background(), cfg, newMemStore(), BeginOptions{})
		if err != nil {
			t.Fatal(err)
		}
		g, _ := Begin(context.Background(), cfg, newMemStore(), BeginOptions{})
		u, _ := url.Parse(f.AuthURL())
		var keys []string
		for k, v := range u.Query() {
			if len(v) != 1 {
				t.Errorf("%s: %s given %d times", app, k, len(v))
			}
			keys = append(keys, k)
		}
		sortStrings(keys)
		if fmt.Sprint(keys) != fmt.Sprint(want) {
			t.Errorf("%s: params %v, want %v", app, keys, want)
		}
		state, _ := base64.RawURLEncoding.DecodeString(u.Query().Get("state"))
		if len(state) < 16 {
			t.Errorf("state carries %d bits", 8*len(state))
		}
		if v, _ := url.Parse(g.AuthURL()); v.Query().Get("state") == u.Query().Get("state") || (f.verifier != "" && g.verifier == f.verifier) {
			t.Error("two sign-ins share a state or a verifier")
		}
		f.Cancel()
		g.Cancel()
	}
}

func sortStrings(s []string) {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
}

// TestLocalhostRedirect: "localhost" is served on 127.0.0.1 and, where the
// machine has it, on ::1, and a whole sign-in works through it.
func TestLocalhostRedirect(t *testing.T) {
	sim := startSim(t, wfsim.Options{})
	redirect := strings.Replace(freeRedirect(t), "127.0.0.1", "localhost", 1)
	cfg := configFor(sim, "spa", redirect)
	f, err := Begin(context.Background(), cfg, newMemStore(), BeginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	port := strings.Split(strings.TrimPrefix(redirect, "http://localhost:"), "/")[0]
	if code, _ := get(t, "GET", "http://127.0.0.1:"+port+"/elsewhere"); code != 404 {
		t.Errorf("127.0.0.1: %d", code)
	}
	if l, err := net.Listen("tcp", "[::1]:0"); err == nil {
		l.Close()
		if code, _ := get(t, "GET", "http://[::1]:"+port+"/elsewhere"); code != 404 {
			t.Errorf("::1: %d", code)
		}
	}
	done := make(chan error, 1)
	go func() { _, err := f.Wait(context.Background()); done <- err }()
	if status, page := browse(t, f.AuthURL(), true); status != 200 || !strings.Contains(page, "Connected to Workfront") {
		t.Errorf("browser got %d", status)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestPasteWhileListening: a pasted address completes a loopback sign-in
// too, and the browser's own callback arriving later is told so.
func TestPasteWhileListening(t *testing.T) {
	sim := startSim(t, wfsim.Options{})
	cfg := configFor(sim, "form", freeRedirect(t))
	store := newMemStore()
	f, err := Begin(context.Background(), cfg, store, BeginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	landed, err := wfsim.Consent(http.DefaultClient, f.AuthURL(), true)
	if err != nil {
		t.Fatal(err)
	}
	// Only the query, without its "?", as some people copy it.
	if err := f.SubmitPasted(mustURL(t, landed).RawQuery); err != nil {
		t.Fatal(err)
	}
	// The browser's own callback, arriving after the paste (and before
	// the listener closes with the end of the flow), is told so.
	if code, page := get(t, "GET", landed); code != http.StatusConflict || !strings.Contains(page, "already completed") {
		t.Errorf("late browser callback: %d", code)
	}
	if _, err := f.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := f.SubmitPasted(landed); err == nil || !strings.Contains(err.Error(), "already completed") {
		t.Errorf("second paste: %v", err)
	}
	if n := sim.CountGrant("authorization_code"); n != 1 || store.tokens(t, cfg.Profile) == nil {
		t.Errorf("%d exchanges", n)
	}
}

func mustURL(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestCallbackErrors: Workfront's error ends the flow only with the right
// state; the page shows the description escaped.
func TestCallbackErrors(t *testing.T) {
	sim := startSim(t, wfsim.Options{})
	redirect := freeRedirect(t)
	cfg := configFor(sim, "basic-json", redirect)
	f, err := Begin(context.Background(), cfg, newMemStore(), BeginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := f.Wait(context.Background()); done <- err }()
	// Forged: an error with another state must not end the sign-in.
	if code, _ := get(t, "GET", redirect+"?error=access_denied&state=forged"); code != 400 {
		t.Errorf("forged error: %d", code)
	}
	select {
	case err := <-done:
		t.Fatalf("a forged error ended the flow: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	evil := "<script>alert(1)</script>"
	code, page := get(t, "GET", redirect+"?error=server_error&error_description="+url.QueryEscape(evil)+"&state="+f.state)
	if code != 200 || strings.Contains(page, evil) || !strings.Contains(page, "&lt;script&gt;") {
		t.Errorf("error page %d not escaped:\n%s", code, page)
	}
	if err := <-done; err == nil || !strings.Contains(err.Error(), "Workfront reported an error: "+evil) {
		t.Errorf("err %v", err)
	}
	if sim.CountGrant("authorization_code") != 0 {
		t.Error("an error callback sent a token request")
	}
	// Unknown error code without a description.
	g, _ := Begin(context.Background(), cfg, newMemStore(), BeginOptions{})
	if err := g.SubmitPasted("?error=temporarily_unavailable&state=" + g.state); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Wait(context.Background()); err == nil || err.Error() != "Workfront reported an error: temporarily_unavailable." {
		t.Errorf("err %v", err)
	}
	// Deny through the paste path: a clear error, errors.Is ErrDenied.
	h, _ := Begin(context.Background(), Config{Profile: "x", Host: sim.URL(), ClientID: "c", RedirectURI: "https://example.com/cb", AppType: AppSPA}, newMemStore(), BeginOptions{})
	if err := h.SubmitPasted("https://example.com/cb?error=access_denied&state=" + h.state); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Wait(context.Background()); !errors.Is(err, ErrDenied) || !strings.Contains(err.Error(), "You denied access in Workfront") {
		t.Errorf("err %v", err)
	}
}

// TestTimeoutClosesListenerWithoutWait: nobody waiting, the listener still
// closes when CallbackTimeout passes; Wait then reports the timeout.
func TestTimeoutClosesListenerWithoutWait(t *testing.T) {
	sim := startSim(t, wfsim.Options{})
	redirect := freeRedirect(t)
	f, err := Begin(context.Background(), configFor(sim, "form", redirect), newMemStore(), BeginOptions{CallbackTimeout: 30 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(3 * time.Second)
	for {
		// The favicon, which browsers ask for on their own: not a refused
		// callback, so the timeout's message stays "no answer".
		resp, err := http.Get(strings.TrimSuffix(redirect, "/callback") + "/favicon.ico")
		if err != nil {
			break
		}
		resp.Body.Close()
		if time.Now().After(deadline) {
			t.Fatal("the listener is still open after its timeout")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, err := f.Wait(context.Background()); err == nil || !strings.Contains(err.Error(), "No answer from Workfront within") {
		t.Errorf("err %v", err)
	}
	if err := f.SubmitPasted("?code=x&state=" + f.state); err == nil {
		t.Error("a paste after the timeout was accepted")
	}
}

// TestPortTakenByAnotherProgram: the error names the port and the fix.
func TestPortTakenByAnotherProgram(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port
	cfg := Config{Profile: "x", Host: "http://127.0.0.1:1", ClientID: "c", RedirectURI: fmt.Sprintf("http://127.0.0.1:%d/callback", port), AppType: AppSPA}
	_, err = Begin(context.Background(), cfg, newMemStore(), BeginOptions{})
	want := fmt.Sprintf("Port %d on 127.0.0.1 is already in use, so wfconnect cannot receive the callback.", port)
	if !errors.Is(err, ErrPortInUse) || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), fmt.Sprintf("http://127.0.0.1:%d/callback", port+1)) {
		t.Errorf("err %v", err)
	}
	if n := pendingFlows.Load(); n != 0 {
		t.Errorf("a failed Begin left %d sign-ins pending", n)
	}
}

// TestCodeNeverSentTwice: the token endpoint takes the request and drops
// the connection; the exchange fails and is not retried. (A hand-made
// endpoint: wfsim does not break connections.)
func TestCodeNeverSentTwice(t *testing.T) {
	var mu sync.Mutex
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		mu.Lock()
		hits++
		mu.Unlock()
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}))
	defer srv.Close()
	cfg := Config{Profile: "x", Host: srv.URL, ClientID: "c", ClientSecret: "s", RedirectURI: "https://example.com/cb", AppType: AppWeb, TokenAuth: TokenAuthForm}
	store := newMemStore()
	f, err := Begin(context.Background(), cfg, store, BeginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SubmitPasted("https://example.com/cb?code=abc&state=" + f.state); err != nil {
		t.Fatal(err)
	}
	_, err = f.Wait(context.Background())
	if err == nil || !strings.Contains(err.Error(), "Could not reach Workfront's token endpoint") {
		t.Errorf("err %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if hits != 1 {
		t.Errorf("the code was sent %d times", hits)
	}
	if store.tokens(t, "x") != nil {
		t.Error("tokens stored after a failed exchange")
	}
}

// TestLogsAndErrorsHoldNoSecrets runs a sign-in and refreshes (one of
// them failing) and checks that no secret reaches the log or an error.
func TestLogsAndErrorsHoldNoSecrets(t *testing.T) {
	sim := startSim(t, wfsim.Options{Rotation: true})
	cfg := configFor(sim, "basic-json", freeRedirect(t))
	var mu sync.Mutex
	var said []string
	log := func(s string) { mu.Lock(); said = append(said, s); mu.Unlock() }
	store := newMemStore()
	f, err := Begin(context.Background(), cfg, store, BeginOptions{Log: log})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := f.Wait(context.Background()); done <- err }()
	landed, _ := wfsim.Consent(http.DefaultClient, f.AuthURL(), true)
	get(t, "GET", landed)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	secrets := []string{cfg.ClientSecret, mustURL(t, landed).Query().Get("code")}
	src := NewSource(cfg, store, SourceOptions{Log: log, LockDir: t.TempDir()})
	for i := 0; i < 3; i++ {
		ts := store.tokens(t, cfg.Profile)
		secrets = append(secrets, ts.AccessToken, ts.RefreshToken)
		if i == 1 {
			sim.SetTokenFailures(500, 1)
			_, err := src.Refresh(context.Background(), ts.AccessToken)
			log(fmt.Sprint(err))
			log(src.Status(context.Background()).LastError)
		}
		if _, err := src.Refresh(context.Background(), ts.AccessToken); err != nil {
			t.Fatal(err)
		}
	}
	sim.RevokeAll()
	_, err = src.Refresh(context.Background(), store.tokens(t, cfg.Profile).AccessToken)
	log(fmt.Sprint(err))
	mu.Lock()
	defer mu.Unlock()
	all := strings.Join(said, "\n")
	if len(said) < 6 {
		t.Errorf("too little was logged to tell: %q", said)
	}
	for _, s := range secrets {
		if s != "" && strings.Contains(all, s) {
			t.Errorf("a secret reached the log or an error:\n%s", all)
		}
	}
}

// TestCallbackPageNamesTheConnection: the page says which connection it is
// about, in the browser's language, and its text does not repeat the heading.
func TestCallbackPageNamesTheConnection(t *testing.T) {
	f := &Flow{cfg: Config{Profile: "Acme <prod>"}}
	for accept, want := range map[string]string{
		"":      "Workfront Connect · connection “Acme &lt;prod&gt;”",
		"sv":    "Workfront Connect · anslutningen ”Acme &lt;prod&gt;”",
		"zh-CN": "Workfront Connect · 连接“Acme &lt;prod&gt;”",
	} {
		r := httptest.NewRequest("GET", "/callback", nil)
		r.Header.Set("Accept-Language", accept)
		w := httptest.NewRecorder()
		f.page(w, r, 200, true, "ok_title", "ok", nil)
		body := w.Body.String()
		if !strings.Contains(body, want) {
			t.Errorf("Accept-Language %q: the page does not name the connection (%q):\n%s", accept, want, body)
		}
		title := pageText()[pageLanguage(r)]["ok_title"]
		if strings.Count(body, title) != 2 { // <title> and <h1>, not the text again
			t.Errorf("Accept-Language %q: %q appears %d times", accept, title, strings.Count(body, title))
		}
	}
}
