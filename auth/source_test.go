package auth

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

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
			ts, err := tokenCall(context.Background(), cfg, nil, func(ctx context.Context, conf *oauth2.Config) (*oauth2.Token, error) {
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
		_, err := tokenCall(context.Background(), cfg, nil, func(ctx context.Context, conf *oauth2.Config) (*oauth2.Token, error) {
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
