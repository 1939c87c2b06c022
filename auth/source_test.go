package auth

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofrs/flock"
	"golang.org/x/oauth2"

	"github.com/wfconnect/wfconnect/wfsim"
)

// connect runs the real flow against wfsim and returns a token source on
// the stored tokens.
func connect(t *testing.T, sim *wfsim.Sim, kind string, store *memStore, opts SourceOptions) (*Source, Config) {
	t.Helper()
	cfg := configFor(sim, kind, "https://example.com/"+kind)
	f, err := Begin(context.Background(), cfg, store, BeginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	landed, err := wfsim.Consent(http.DefaultClient, f.AuthURL(), true)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SubmitPasted(landed); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	return NewSource(cfg, store, opts), cfg
}

func TestRotationTwentyRefreshesEachForm(t *testing.T) {
	for _, kind := range []string{"basic-json", "form", "spa"} {
		t.Run(kind, func(t *testing.T) {
			sim := startSim(t, wfsim.Options{Rotation: true})
			store := newMemStore()
			src, cfg := connect(t, sim, kind, store, SourceOptions{LockDir: t.TempDir()})
			seen := map[string]bool{store.tokens(t, cfg.Profile).RefreshToken: true}
			for i := 0; i < 20; i++ {
				tok, _ := src.Token(context.Background())
				if _, err := src.Refresh(context.Background(), tok); err != nil {
					t.Fatalf("refresh %d: %v", i+1, err)
				}
				rt := store.tokens(t, cfg.Profile).RefreshToken
				if seen[rt] {
					t.Fatalf("refresh %d: the refresh token did not rotate", i+1)
				}
				seen[rt] = true
			}
			if n := sim.CountGrant("refresh_token"); n != 20 {
				t.Errorf("%d refreshes", n)
			}
			// A fresh source reading only the store is still connected.
			fresh := NewSource(cfg, store, SourceOptions{})
			sim.ExpireAccessTokens()
			if st := fresh.Status(context.Background()); st.State != StateConnected || !st.RotationSeen || st.RefreshedAt.IsZero() {
				t.Errorf("status %+v", st)
			}
			tok, _ := fresh.Token(context.Background())
			if _, err := fresh.Refresh(context.Background(), tok); err != nil {
				t.Errorf("a fresh source cannot refresh: %v", err)
			}
		})
	}
}

func TestRefreshWithoutNewRefreshTokenKeepsOld(t *testing.T) {
	sim := startSim(t, wfsim.Options{Rotation: true})
	store := newMemStore()
	src, cfg := connect(t, sim, "form", store, SourceOptions{})
	sim.SetRefreshReturnsToken(false)
	old := store.tokens(t, cfg.Profile)
	tok, err := src.Refresh(context.Background(), old.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	now := store.tokens(t, cfg.Profile)
	if now.RefreshToken != old.RefreshToken || now.AccessToken != tok || now.AccessToken == old.AccessToken || now.RotationSeen {
		t.Errorf("before %+v after %+v", old, now)
	}
}

func TestHundredCallersOneRefresh(t *testing.T) {
	one := 1
	sim := startSim(t, wfsim.Options{ExpiresIn: &one})
	store := newMemStore()
	var mu sync.Mutex
	clock := time.Now()
	src, _ := connect(t, sim, "basic-json", store, SourceOptions{LockDir: t.TempDir(), Now: func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }})
	mu.Lock()
	clock = clock.Add(5 * time.Second) // expired for everyone
	mu.Unlock()
	sim.SetLatency(50 * time.Millisecond)
	sim.ResetLog()
	var wg sync.WaitGroup
	tokens := make([]string, 100)
	errs := make([]error, 100)
	for i := range tokens {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tokens[i], errs[i] = src.Token(context.Background())
		}()
	}
	wg.Wait()
	for i := range tokens {
		if errs[i] != nil || tokens[i] != tokens[0] {
			t.Fatalf("caller %d: %q %v", i, tokens[i], errs[i])
		}
	}
	if n := sim.CountGrant("refresh_token"); n != 1 {
		t.Errorf("%d refresh requests for 100 callers", n)
	}
}

func TestTwoSourcesShareOneRefresh(t *testing.T) {
	sim := startSim(t, wfsim.Options{Rotation: true})
	store := newMemStore()
	lockDir := t.TempDir()
	a, cfg := connect(t, sim, "form", store, SourceOptions{LockDir: lockDir})
	b := NewSource(cfg, store, SourceOptions{LockDir: lockDir})
	stale := store.tokens(t, cfg.Profile).AccessToken
	var wg sync.WaitGroup
	var ta, tb string
	var ea, eb error
	wg.Add(2)
	go func() { defer wg.Done(); ta, ea = a.Refresh(context.Background(), stale) }()
	go func() { defer wg.Done(); tb, eb = b.Refresh(context.Background(), stale) }()
	wg.Wait()
	if ea != nil || eb != nil || ta != tb {
		t.Fatalf("a %q %v, b %q %v", ta, ea, tb, eb)
	}
	if n := sim.CountGrant("refresh_token"); n != 1 {
		t.Errorf("%d refreshes from two sources (rotation would have killed one)", n)
	}
}

func TestDeadRefreshTokenNeedsConsent(t *testing.T) {
	cases := map[string]func(sim *wfsim.Sim){
		"revoked":    func(sim *wfsim.Sim) { sim.RevokeAll() },
		"absolute":   func(sim *wfsim.Sim) { sim.SetRefreshAbsoluteTTL(time.Millisecond); time.Sleep(5 * time.Millisecond) },
		"inactivity": func(sim *wfsim.Sim) { sim.SetRefreshInactivityTTL(time.Millisecond); time.Sleep(5 * time.Millisecond) },
	}
	for name, kill := range cases {
		t.Run(name, func(t *testing.T) {
			sim := startSim(t, wfsim.Options{Rotation: true})
			store := newMemStore()
			src, cfg := connect(t, sim, "basic-json", store, SourceOptions{})
			kill(sim)
			tok, _ := src.Token(context.Background())
			_, err := src.Refresh(context.Background(), tok)
			if !errors.Is(err, ErrNeedsConsent) || !strings.Contains(err.Error(), "Connect again") {
				t.Fatalf("err %v", err)
			}
			ts := store.tokens(t, cfg.Profile)
			if !ts.NeedsConsent || ts.AccessToken != "" || ts.RefreshToken != "" {
				t.Errorf("stale tokens kept: %+v", ts)
			}
			// Another process sees it too, and does not call Workfront again.
			other := NewSource(cfg, store, SourceOptions{})
			if st := other.Status(context.Background()); st.State != StateNeedsConsent {
				t.Errorf("state %s", st.State)
			}
			before := sim.CountGrant("refresh_token")
			if _, err := other.Token(context.Background()); !errors.Is(err, ErrNeedsConsent) {
				t.Errorf("token: %v", err)
			}
			if sim.CountGrant("refresh_token") != before {
				t.Error("a needs_consent source still called the token endpoint")
			}
		})
	}
}

func TestRefreshNetworkFailuresKeepTokens(t *testing.T) {
	sim := startSim(t, wfsim.Options{Rotation: true})
	store := newMemStore()
	src, cfg := connect(t, sim, "form", store, SourceOptions{HTTPClient: &http.Client{Timeout: 200 * time.Millisecond}})
	before := store.tokens(t, cfg.Profile)

	sim.SetTokenFailures(http.StatusBadGateway, 1)
	_, err := src.Refresh(context.Background(), before.AccessToken)
	if err == nil || errors.Is(err, ErrNeedsConsent) || !strings.Contains(err.Error(), "502") || !strings.Contains(err.Error(), "web page") {
		t.Errorf("502: %v", err)
	}
	if st := src.Status(context.Background()); st.State != StateConnected || !strings.Contains(st.LastError, "502") {
		t.Errorf("status after 502: %+v", st)
	}

	sim.SetLatency(time.Second)
	_, err = src.Refresh(context.Background(), before.AccessToken)
	if err == nil || errors.Is(err, ErrNeedsConsent) || !strings.Contains(err.Error(), "timed out") {
		t.Errorf("timeout: %v", err)
	}
	sim.SetLatency(0)
	if after := store.tokens(t, cfg.Profile); after.RefreshToken != before.RefreshToken || after.NeedsConsent {
		t.Fatal("a failed refresh changed the stored tokens")
	}
	// Tried again later, it works.
	if _, err := src.Refresh(context.Background(), before.AccessToken); err != nil {
		t.Fatalf("retry: %v", err)
	}
	if st := src.Status(context.Background()); st.LastError != "" {
		t.Errorf("stale error shown: %q", st.LastError)
	}
}

func TestRotationSaveFailureIsLoudButKeepsWorking(t *testing.T) {
	sim := startSim(t, wfsim.Options{Rotation: true})
	store := newMemStore()
	var logs []string
	var mu sync.Mutex
	src, cfg := connect(t, sim, "basic-json", store, SourceOptions{Log: func(s string) { mu.Lock(); logs = append(logs, s); mu.Unlock() }})
	stale := store.tokens(t, cfg.Profile).AccessToken
	store.failSet = errors.New("The system keyring is locked or not running (Secret Service).")
	tok, err := src.Refresh(context.Background(), stale)
	if err != nil || tok == "" || tok == stale {
		t.Fatalf("refresh: %q %v", tok, err)
	}
	st := src.Status(context.Background())
	if !strings.Contains(st.LastError, "Could not save the new refresh token") || st.State != StateConnected {
		t.Errorf("status %+v", st)
	}
	// The in-memory rotated token keeps working for this process.
	if _, err := src.Refresh(context.Background(), tok); err != nil {
		t.Errorf("second refresh with the in-memory token: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(strings.Join(logs, "\n"), "Could not save") {
		t.Errorf("not logged: %q", logs)
	}
}

func TestTokenResponseVariants(t *testing.T) {
	cases := []struct {
		name, ctype, body string
		status            int
		wantErr           string
		wantExpiry        bool
	}{
		{"number", "application/json", `{"token_type":"sessionID","access_token":"a","refresh_token":"r","expires_in":3600,"wid":"w"}`, 200, "", true},
		{"string", "application/json", `{"token_type":"sessionID","access_token":"a","refresh_token":"r","expires_in":"3600"}`, 200, "", true},
		{"zero", "application/json", `{"token_type":"sessionID","access_token":"a","expires_in":0}`, 200, "", false},
		{"absent", "application/json", `{"token_type":"sessionID","access_token":"a"}`, 200, "", false},
		{"negative", "application/json", `{"token_type":"sessionID","access_token":"a","expires_in":-5}`, 200, "", false},
		{"no access token", "application/json", `{"token_type":"sessionID","refresh_token":"r"}`, 200, "sent no access_token", false},
		{"html 200", "text/html", `<html>login</html>`, 200, "200 OK", false},
		{"html 502", "text/html", `<html>bad gateway</html>`, 502, "502 Bad Gateway with a web page", false},
		{"empty", "application/json", ``, 200, "200 OK", false},
		{"rfc error", "application/json", `{"error":"invalid_grant","error_description":"Code expired"}`, 400, "answered 400: Code expired", false},
		{"connector error", "application/json", `{"statusCode":400,"error":"Bad Request","type":"x","message":"Invalid code"}`, 400, "answered 400: Invalid code", false},
		{"workfront error", "application/json", `{"error":{"class":"X","message":"Nope"}}`, 401, "answered 401: Nope", false},
		{"huge", "application/json", `{"access_token":"` + strings.Repeat("a", 2<<20) + `"}`, 200, "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// A hand-made token endpoint: these malformed answers are ones
			// wfsim, which follows the docs, never gives.
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tc.ctype)
				w.WriteHeader(tc.status)
				w.Write([]byte(tc.body))
			}))
			defer srv.Close()
			cfg := Config{Profile: "p", Host: srv.URL, ClientID: "c", ClientSecret: "s3cr3t", RedirectURI: "https://example.com/cb", AppType: AppWeb, TokenAuth: TokenAuthBasicJSON}
			ts, err := tokenCall(context.Background(), cfg, nil, nil, func(ctx context.Context, conf *oauth2.Config) (*oauth2.Token, error) {
				return conf.Exchange(ctx, "code")
			})
			if tc.name == "huge" {
				if err == nil {
					t.Error("a 2 MB body was accepted")
				}
				return
			}
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want %q", err, tc.wantErr)
				}
				if strings.Contains(err.Error(), "s3cr3t") {
					t.Error("the error shows the client secret")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if ts.Expiry.IsZero() == tc.wantExpiry || ts.AccessToken != "a" {
				t.Errorf("tokens %+v", ts)
			}
		})
	}
}

func TestWireForms(t *testing.T) {
	type seen struct {
		ctype, auth, body string
	}
	var got seen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := new(strings.Builder)
		_, _ = io.Copy(b, r.Body)
		got = seen{r.Header.Get("Content-Type"), r.Header.Get("Authorization"), b.String()}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"access_token":"a","refresh_token":"r2"}`))
	}))
	defer srv.Close()
	base := Config{Profile: "p", Host: srv.URL, ClientID: "id+1", ClientSecret: "se:cret", RedirectURI: "https://example.com/cb"}
	refresh := func(cfg Config) {
		_, err := tokenCall(context.Background(), cfg, nil, nil, func(ctx context.Context, conf *oauth2.Config) (*oauth2.Token, error) {
			return conf.TokenSource(ctx, &oauth2.Token{RefreshToken: "r1"}).Token()
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	cfg := base
	cfg.AppType, cfg.TokenAuth = AppWeb, TokenAuthBasicJSON
	refresh(cfg)
	if got.ctype != "application/json" || got.auth != "Basic aWQrMTpzZTpjcmV0" || got.body != `{"grant_type":"refresh_token","refresh_token":"r1"}` {
		t.Errorf("basic-json refresh: %+v", got)
	}
	cfg.TokenAuth = TokenAuthForm
	refresh(cfg)
	if got.auth != "" || got.body != "client_id=id%2B1&client_secret=se%3Acret&grant_type=refresh_token&redirect_uri=https%3A%2F%2Fexample.com%2Fcb&refresh_token=r1" {
		t.Errorf("form refresh: %+v", got)
	}
	cfg.AppType = AppSPA
	refresh(cfg)
	if got.auth != "" || got.body != "client_id=id%2B1&grant_type=refresh_token&redirect_uri=https%3A%2F%2Fexample.com%2Fcb&refresh_token=r1" {
		t.Errorf("PKCE refresh: %+v", got)
	}
}

// TestNoRotationKeepsWorkingToken: with rotation off, Workfront returns no
// new refresh token; the one held keeps working, refresh after refresh.
func TestNoRotationKeepsWorkingToken(t *testing.T) {
	sim := startSim(t, wfsim.Options{})
	sim.SetRotation(false)
	store := newMemStore()
	src, cfg := connect(t, sim, "spa", store, SourceOptions{LockDir: t.TempDir()})
	first := store.tokens(t, cfg.Profile)
	for i := 0; i < 3; i++ {
		tok, _ := src.Token(context.Background())
		if _, err := src.Refresh(context.Background(), tok); err != nil {
			t.Fatalf("refresh %d: %v", i+1, err)
		}
	}
	now := store.tokens(t, cfg.Profile)
	if now.RefreshToken != first.RefreshToken || now.RotationSeen || now.AccessToken == first.AccessToken || now.RefreshedAt.IsZero() {
		t.Errorf("before %+v after %+v", first, now)
	}
	if n := sim.CountGrant("refresh_token"); n != 3 {
		t.Errorf("%d refreshes", n)
	}
}

func TestStatusFromTokens(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	cfg := Config{Profile: "p", Host: "https://acme.my.workfront.com"}
	for _, tc := range []struct {
		name string
		t    *TokenSet
		want State
	}{
		{"nothing", nil, StateNotConnected},
		{"empty", &TokenSet{}, StateNotConnected},
		{"unknown expiry", &TokenSet{AccessToken: "a", RefreshToken: "r"}, StateConnected},
		{"unknown expiry, no refresh token", &TokenSet{AccessToken: "a"}, StateConnected},
		{"valid", &TokenSet{AccessToken: "a", RefreshToken: "r", Expiry: now.Add(time.Minute)}, StateConnected},
		{"expired", &TokenSet{AccessToken: "a", RefreshToken: "r", Expiry: now.Add(-time.Second)}, StateExpired},
		{"expired at now", &TokenSet{AccessToken: "a", RefreshToken: "r", Expiry: now}, StateExpired},
		{"expired, nothing to refresh with", &TokenSet{AccessToken: "a", Expiry: now.Add(-time.Second)}, StateNeedsConsent},
		{"marker", &TokenSet{NeedsConsent: true}, StateNeedsConsent},
	} {
		st := StatusFromTokens(cfg, tc.t, now, "test memory")
		if st.State != tc.want || st.Profile != "p" || st.Host != cfg.Host || st.Storage != "test memory" {
			t.Errorf("%s: %+v, want %s", tc.name, st, tc.want)
		}
	}
}

// TestNoRefreshTokenNeedsConsent: an expired access token and nothing to
// refresh with: needs_consent, without calling Workfront.
func TestNoRefreshTokenNeedsConsent(t *testing.T) {
	sim := startSim(t, wfsim.Options{})
	store := newMemStore()
	cfg := configFor(sim, "form", "https://example.com/x")
	now := time.Now()
	blob, _ := json.Marshal(&TokenSet{AccessToken: "old", Expiry: now.Add(-time.Minute), ObtainedAt: now.Add(-time.Hour)})
	store.SaveTokens(cfg.Profile, blob)
	src := NewSource(cfg, store, SourceOptions{})
	if _, err := src.Token(context.Background()); !errors.Is(err, ErrNeedsConsent) {
		t.Errorf("token: %v", err)
	}
	if _, err := src.Refresh(context.Background(), "old"); !errors.Is(err, ErrNeedsConsent) {
		t.Errorf("refresh: %v", err)
	}
	if sim.CountGrant("refresh_token") != 0 {
		t.Error("refreshed without a refresh token")
	}
	if ts := store.tokens(t, cfg.Profile); !ts.NeedsConsent || ts.AccessToken != "" {
		t.Errorf("stored %+v", ts)
	}
}

// TestReconnectAfterNeedsConsent: the same Source picks up the tokens of a
// new sign-in once the person connects again.
func TestReconnectAfterNeedsConsent(t *testing.T) {
	sim := startSim(t, wfsim.Options{Rotation: true})
	store := newMemStore()
	src, cfg := connect(t, sim, "form", store, SourceOptions{})
	sim.RevokeAll()
	tok, _ := src.Token(context.Background())
	if _, err := src.Refresh(context.Background(), tok); !errors.Is(err, ErrNeedsConsent) {
		t.Fatalf("err %v", err)
	}
	connect(t, sim, "form", store, SourceOptions{})
	tok, err := src.Token(context.Background())
	if err != nil || tok != store.tokens(t, cfg.Profile).AccessToken {
		t.Errorf("after reconnecting: %q %v", tok, err)
	}
	if st := src.Status(context.Background()); st.State != StateConnected {
		t.Errorf("state %s", st.State)
	}
}

// TestRefreshFailuresKeepTokens: a 500, a refused connection: not
// needs_consent, tokens kept, the error says what happened.
func TestRefreshFailuresKeepTokens(t *testing.T) {
	sim := startSim(t, wfsim.Options{Rotation: true})
	store := newMemStore()
	src, cfg := connect(t, sim, "basic-json", store, SourceOptions{})
	before := store.tokens(t, cfg.Profile)
	sim.SetTokenFailures(http.StatusInternalServerError, 1)
	if _, err := src.Refresh(context.Background(), before.AccessToken); err == nil || errors.Is(err, ErrNeedsConsent) || !strings.Contains(err.Error(), "500 Internal Server Error") {
		t.Errorf("500: %v", err)
	}

	// Workfront unreachable: a port nobody listens on.
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := "http://" + l.Addr().String()
	l.Close()
	off := cfg
	off.Host = dead
	gone := NewSource(off, store, SourceOptions{})
	_, err := gone.Refresh(context.Background(), before.AccessToken)
	if err == nil || errors.Is(err, ErrNeedsConsent) || !strings.Contains(err.Error(), "Could not reach Workfront's token endpoint") {
		t.Errorf("refused: %v", err)
	}
	st := gone.Status(context.Background())
	if st.State != StateConnected || !strings.Contains(st.LastError, "Could not reach") {
		t.Errorf("status %+v", st)
	}
	if after := store.tokens(t, cfg.Profile); *after != *before {
		t.Errorf("tokens changed: %+v -> %+v", before, after)
	}
}

// TestStatusShowsRefreshing: while a refresh is under way, Status says so.
func TestStatusShowsRefreshing(t *testing.T) {
	sim := startSim(t, wfsim.Options{Rotation: true})
	store := newMemStore()
	src, cfg := connect(t, sim, "form", store, SourceOptions{})
	sim.SetLatency(300 * time.Millisecond)
	done := make(chan error, 1)
	go func() {
		_, err := src.Refresh(context.Background(), store.tokens(t, cfg.Profile).AccessToken)
		done <- err
	}()
	seen := false
	for i := 0; i < 50 && !seen; i++ {
		seen = src.Status(context.Background()).Refreshing
		time.Sleep(5 * time.Millisecond)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !seen || src.Status(context.Background()).Refreshing {
		t.Error("Refreshing not shown during the refresh, or still shown after")
	}
}

// TestRefreshHonoursContextWhileLocked: another process holds the lock; a
// caller whose context ends stops waiting.
func TestRefreshHonoursContextWhileLocked(t *testing.T) {
	sim := startSim(t, wfsim.Options{Rotation: true})
	store := newMemStore()
	dir := t.TempDir()
	src, cfg := connect(t, sim, "form", store, SourceOptions{LockDir: dir})
	os.MkdirAll(filepath.Dir(src.lockPath()), 0o700)
	other := flock.New(src.lockPath())
	if ok, err := other.TryLock(); !ok || err != nil {
		t.Fatal(err)
	}
	defer other.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := src.Refresh(ctx, store.tokens(t, cfg.Profile).AccessToken); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err %v", err)
	}
	if sim.CountGrant("refresh_token") != 0 {
		t.Error("refreshed without the lock")
	}
}

func TestTokenResponseShapesX(t *testing.T) {
	cases := []struct {
		name, ctype, body string
		status            int
		wantErr           string
		wantExpiry        time.Duration // 0: unknown
	}{
		{"json as text/plain", "text/plain", `{"token_type":"sessionID","access_token":"a","refresh_token":"r","expires_in":"1800","wid":"w"}`, 200, "", 1800 * time.Second},
		{"fractional", "application/json", `{"access_token":"a","expires_in":3600.7}`, 200, "", 3600 * time.Second},
		{"fractional string", "application/json", `{"access_token":"a","expires_in":"3600.0"}`, 200, "", 3600 * time.Second},
		{"empty string", "application/json", `{"access_token":"a","expires_in":""}`, 200, "", 0},
		{"word", "application/json", `{"access_token":"a","expires_in":"soon"}`, 200, "", 0},
		{"null", "application/json", `{"access_token":"a","expires_in":null}`, 200, "", 0},
		{"form-encoded", "application/x-www-form-urlencoded", `access_token=a&token_type=sessionID&expires_in=60`, 200, "", 60 * time.Second},
		{"redirect", "text/html", `<a href="/login">moved</a>`, 302, "302 Found with a web page", 0},
		{"error with 200", "application/json", `{"error":"invalid_grant","error_description":"Refresh token revoked"}`, 200, "answered 200: Refresh token revoked", 0},
		{"error object", "application/json", `{"error":{"message":"Bad thing"}}`, 500, "answered 500: Bad thing", 0},
		{"plain text 503", "text/plain", `down for maintenance`, 503, "503 Service Unavailable", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// Hand-made answers wfsim, which follows the docs, never gives.
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tc.ctype)
				if tc.status == 302 {
					w.Header().Set("Location", "/login?next=token")
				}
				w.WriteHeader(tc.status)
				w.Write([]byte(tc.body))
			}))
			defer srv.Close()
			now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
			cfg := Config{Profile: "p", Host: srv.URL, ClientID: "c", ClientSecret: "s3cr3t", RedirectURI: "https://example.com/cb", AppType: AppWeb, TokenAuth: TokenAuthForm}
			ts, err := tokenCall(context.Background(), cfg, nil, func() time.Time { return now }, func(ctx context.Context, conf *oauth2.Config) (*oauth2.Token, error) {
				return conf.TokenSource(ctx, &oauth2.Token{RefreshToken: "r0"}).Token()
			})
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := time.Time{}
			if tc.wantExpiry != 0 {
				want = now.Add(tc.wantExpiry)
			}
			if ts.AccessToken != "a" || !ts.Expiry.Equal(want) {
				t.Errorf("tokens %+v, want expiry %v", ts, want)
			}
		})
	}
}

// TestDeadVersusFailing: which token endpoint answers mean "connect
// again" and which mean "try again later".
func TestDeadVersusFailing(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   string
		dead   bool
	}{
		{400, `{"error":"invalid_grant"}`, true},
		{400, `{"message":"Bad request"}`, true},
		{401, `{"error":"invalid_token"}`, true},
		{200, `{"error":"invalid_grant"}`, true},
		{500, `<html>oops</html>`, false},
		{502, `<html>bad gateway</html>`, false},
		{503, ``, false},
		{429, `{"message":"slow down"}`, false},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(tc.status)
			w.Write([]byte(tc.body))
		}))
		store := newMemStore()
		cfg := Config{Profile: "p", Host: srv.URL, ClientID: "c", RedirectURI: "https://example.com/cb", AppType: AppSPA}
		blob, _ := json.Marshal(&TokenSet{AccessToken: "a", RefreshToken: "r"})
		store.SaveTokens("p", blob)
		_, err := NewSource(cfg, store, SourceOptions{}).Refresh(context.Background(), "a")
		srv.Close()
		if errors.Is(err, ErrNeedsConsent) != tc.dead {
			t.Errorf("%d %s: %v", tc.status, tc.body, err)
		}
		if ts := store.tokens(t, "p"); ts.NeedsConsent != tc.dead || (ts.RefreshToken == "r") == tc.dead {
			t.Errorf("%d %s: stored %+v", tc.status, tc.body, ts)
		}
	}
}

// TestCanceledCallerKeepsRotatedToken: the caller that started a refresh
// stops waiting while its request is at Workfront (a newer search replaced
// its own, or Ctrl+C). With rotation the old refresh token is already dead
// there, so the refresh must finish and save the new one all the same.
func TestCanceledCallerKeepsRotatedToken(t *testing.T) {
	sim := startSim(t, wfsim.Options{Rotation: true})
	store := newMemStore()
	src, cfg := connect(t, sim, "form", store, SourceOptions{LockDir: t.TempDir()})
	before := store.tokens(t, cfg.Profile)
	sim.SetTokenAnswerDelay(300 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := src.Refresh(ctx, before.AccessToken); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("the caller waited on: %v", err)
	}
	settle, done := context.WithTimeout(context.Background(), 5*time.Second)
	defer done()
	src.Settle(settle) // as a quitting process does
	after := store.tokens(t, cfg.Profile)
	if after.RefreshToken == before.RefreshToken {
		t.Fatal("the rotated refresh token was lost with the canceled caller")
	}
	sim.SetTokenAnswerDelay(0)
	if _, err := src.Refresh(context.Background(), after.AccessToken); err != nil {
		t.Fatalf("the next refresh: %v", err)
	}
	if st := src.Status(context.Background()); st.State != StateConnected {
		t.Errorf("state %s after the next refresh", st.State)
	}
}
