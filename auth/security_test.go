package auth

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/wfsim"
)

// rejections collects what OnRejected hears.
type rejections struct {
	mu   sync.Mutex
	errs []error
}

func (r *rejections) add(err error) { r.mu.Lock(); r.errs = append(r.errs, err); r.mu.Unlock() }

func (r *rejections) list() []error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]error(nil), r.errs...)
}

func waitDone(t *testing.T, f *Flow) chan error {
	done := make(chan error, 1)
	go func() { _, err := f.Wait(context.Background()); done <- err }()
	return done
}

func stillWaiting(t *testing.T, done chan error, what string) {
	t.Helper()
	select {
	case err := <-done:
		t.Fatalf("%s ended the sign-in: %v", what, err)
	case <-time.After(50 * time.Millisecond):
	}
}

// TestStatelessCallbackRefused: a tenant that returns no state (wfsim's
// knob). Without the opt-in the listener refuses the callback with a
// message that says what to do, on the page (400) and to OnRejected; a
// stateless access_denied does not cancel the sign-in; the flow keeps
// waiting and the person's paste of the same address completes it.
func TestStatelessCallbackRefused(t *testing.T) {
	sim := startSim(t, wfsim.Options{})
	sim.SetOmitState(true)
	redirect := freeRedirect(t)
	cfg := configFor(sim, "form", redirect)
	var heard rejections
	f, err := Begin(context.Background(), cfg, newMemStore(), BeginOptions{OnRejected: heard.add})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Cancel()
	done := waitDone(t, f)
	landed, err := wfsim.Consent(http.DefaultClient, f.AuthURL(), true)
	if err != nil {
		t.Fatal(err)
	}
	if mustURL(t, landed).Query().Has("state") {
		t.Fatal("wfsim echoed the state")
	}
	const why = "This callback carried no state, so wfconnect cannot tell that it comes from the sign-in you started"
	if code, page := get(t, "GET", landed); code != 400 || !strings.Contains(page, why) || !strings.Contains(page, "paste it into wfconnect") {
		t.Errorf("stateless callback: %d\n%s", code, page)
	}
	if code, _ := get(t, "GET", redirect+"?error=access_denied"); code != 400 {
		t.Errorf("stateless access_denied: %d", code)
	}
	stillWaiting(t, done, "a stateless callback")
	got := heard.list()
	if len(got) != 2 || !strings.Contains(got[0].Error(), why) {
		t.Errorf("OnRejected heard %v", got)
	}
	var m *msg.Error
	for _, err := range got {
		if !errors.As(err, &m) {
			t.Errorf("OnRejected got %T, not a *msg.Error", err)
		}
	}
	if sim.CountGrant("authorization_code") != 0 {
		t.Error("a refused callback's code was exchanged")
	}
	if err := f.SubmitPasted(landed); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// rewrite sends every request for an https Workfront host to the simulator,
// so that a connection can have a real Workfront host shape in tests.
type rewrite struct{ to *url.URL }

func (r rewrite) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.URL.Scheme, req.URL.Host = r.to.Scheme, r.to.Host
	req.Host = r.to.Host
	return http.DefaultTransport.RoundTrip(req)
}

// TestStatelessCallbackOptIn: with AllowMissingState, a stateless callback
// is accepted only while exactly one sign-in is pending and only when its
// domain and lane name the connection's host; a loopback host gives
// nothing to check, so it is refused there even with the opt-in.
func TestStatelessCallbackOptIn(t *testing.T) {
	if n := pendingFlows.Load(); n != 0 {
		t.Fatalf("%d sign-ins leaked by earlier tests", n)
	}
	sim := startSim(t, wfsim.Options{Domain: "acme", Lane: "preview"})
	sim.SetOmitState(true)
	client := &http.Client{Transport: rewrite{mustURL(t, sim.URL())}}
	redirect := freeRedirect(t)
	cfg := configFor(sim, "basic-json", redirect)
	cfg.Host, cfg.AllowMissingState = "https://acme.preview.workfront.com", true
	var heard rejections
	var logs []string
	var mu sync.Mutex
	store := newMemStore()
	f, err := Begin(context.Background(), cfg, store, BeginOptions{HTTPClient: client, OnRejected: heard.add, Log: func(s string) { mu.Lock(); logs = append(logs, s); mu.Unlock() }})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Cancel()
	done := waitDone(t, f)
	landed, err := wfsim.Consent(client, f.AuthURL(), true)
	if err != nil {
		t.Fatal(err)
	}
	q := mustURL(t, landed).Query()

	// Two sign-ins pending: ambiguous.
	other, _ := Begin(context.Background(), Config{Profile: "y", Host: sim.URL(), ClientID: "c", RedirectURI: "https://example.com/cb", AppType: AppSPA}, newMemStore(), BeginOptions{})
	if code, page := get(t, "GET", redirect+"?"+q.Encode()); code != 400 || !strings.Contains(page, "more than one sign-in") {
		t.Errorf("two pending: %d", code)
	}
	other.Cancel()
	// Another tenant's domain or lane, or none.
	for _, change := range []func(url.Values){
		func(v url.Values) { v.Set("domain", "evil") },
		func(v url.Values) { v.Set("lane", "my") },
		func(v url.Values) { v.Del("domain"); v.Del("lane") },
	} {
		v := url.Values{}
		for k, x := range q {
			v[k] = x
		}
		change(v)
		if code, page := get(t, "GET", redirect+"?"+v.Encode()); code != 400 || !strings.Contains(page, "its domain and lane do not name this connection") {
			t.Errorf("%v: %d", v, code)
		}
	}
	if code, _ := get(t, "GET", redirect+"?error=access_denied&domain=evil&lane=preview"); code != 400 {
		t.Errorf("foreign stateless access_denied: %d", code)
	}
	stillWaiting(t, done, "a refused stateless callback")
	if n := len(heard.list()); n != 5 {
		t.Errorf("OnRejected heard %d refusals, want 5", n)
	}
	// The right one, in another case: accepted.
	q.Set("domain", "ACME")
	if code, page := get(t, "GET", redirect+"?"+q.Encode()); code != 200 {
		t.Errorf("matching stateless callback: %d\n%s", code, page)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if ts := store.tokens(t, cfg.Profile); ts == nil || ts.Domain != "ACME" {
		t.Errorf("stored %+v", ts)
	}
	mu.Lock()
	if !strings.Contains(strings.Join(logs, "\n"), "callback carried no state; accepted") {
		t.Errorf("log %q", logs)
	}
	mu.Unlock()

	// A loopback host (the simulator's own) cannot be checked: refused.
	cfg2 := configFor(sim, "form", freeRedirect(t))
	cfg2.AllowMissingState = true
	g, err := Begin(context.Background(), cfg2, newMemStore(), BeginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Cancel()
	landed, _ = wfsim.Consent(http.DefaultClient, g.AuthURL(), true)
	if code, _ := get(t, "GET", landed); code != 400 {
		t.Errorf("stateless callback for a loopback host: %d", code)
	}
}

// TestHostDomainLane: which hosts name a domain and lane.
func TestHostDomainLane(t *testing.T) {
	for host, want := range map[string]string{
		"https://acme.my.workfront.com":         "acme my",
		"https://ACME.Preview.workfront.com":    "acme preview",
		"https://acme.my.workfront.adobe.com":   "acme my",
		"http://127.0.0.1:8080":                 "",
		"https://my.workfront.com":              "",
		"https://a.b.c.workfront.com":           "",
		"https://acme.my.workfront.com.evil.io": "",
	} {
		d, l, ok := hostDomainLane(host)
		got := ""
		if ok {
			got = d + " " + l
		}
		if got != want {
			t.Errorf("%s: %q, want %q", host, got, want)
		}
	}
}

// TestOnRejectedAndTimeoutSaysWhy: every refused callback (wrong path,
// method, Host or state) is reported at once, a favicon request is not,
// and the timeout then says what was refused instead of "no answer".
func TestOnRejectedAndTimeoutSaysWhy(t *testing.T) {
	sim := startSim(t, wfsim.Options{})
	redirect := freeRedirect(t)
	var heard rejections
	f, err := Begin(context.Background(), configFor(sim, "form", redirect), newMemStore(), BeginOptions{OnRejected: heard.add, CallbackTimeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	base := strings.TrimSuffix(redirect, "/callback")
	get(t, "GET", base+"/favicon.ico")
	get(t, "GET", base+"/cb?code=x&state="+f.state)
	get(t, "POST", redirect+"?code=x&state="+f.state)
	req, _ := http.NewRequest("GET", redirect+"?code=x&state="+f.state, nil)
	req.Host = "attacker.example:" + mustURL(t, redirect).Port()
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("foreign Host: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
	get(t, "GET", redirect+"?code=x&state=forged")
	got := heard.list()
	wants := []string{"A callback arrived at /cb, but wfconnect waits for it at /callback", "only accepts GET", "reached under another name (attacker.example:", "state does not match"}
	if len(got) != len(wants) {
		t.Fatalf("OnRejected heard %d: %v", len(got), got)
	}
	for i, w := range wants {
		if !strings.Contains(got[i].Error(), w) {
			t.Errorf("refusal %d: %v, want %q", i, got[i], w)
		}
	}
	_, err = f.Wait(context.Background())
	if err == nil || strings.Contains(err.Error(), "No answer from Workfront") || !strings.Contains(err.Error(), "No sign-in arrived within 2s; the last callback was refused: This callback does not belong") {
		t.Errorf("timeout: %v", err)
	}
	if strings.Count(fmt.Sprint(heard.list()), "state") != 1 {
		t.Error("a refusal was reported twice")
	}
}

// TestListenerHostHeader: only the redirect's own names (any case) are
// answered; another name (DNS rebinding) gets 421 and a page.
func TestListenerHostHeader(t *testing.T) {
	sim := startSim(t, wfsim.Options{})
	redirect := freeRedirect(t)
	f, err := Begin(context.Background(), configFor(sim, "form", redirect), newMemStore(), BeginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Cancel()
	port := mustURL(t, redirect).Port()
	for host, want := range map[string]int{
		"127.0.0.1:" + port:           404,
		"LocalHost:" + port:           404,
		"[::1]:" + port:               404,
		"rebound.example:" + port:     421,
		"127.0.0.1":                   421,
		"127.0.0.1:1" + port:          421,
		"localhost.evil.test:" + port: 421,
	} {
		req, _ := http.NewRequest("GET", strings.TrimSuffix(redirect, "/callback")+"/elsewhere", nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: %d, want %d", host, resp.StatusCode, want)
		}
		if want == 421 && !strings.Contains(string(page), "reached under another name") {
			t.Errorf("Host %s: page\n%s", host, page)
		}
	}
}

// TestCallbackPageSecurityHeaders: every answer, success and refusal alike,
// forbids scripts, framing, referrers, sniffing and caching.
func TestCallbackPageSecurityHeaders(t *testing.T) {
	sim := startSim(t, wfsim.Options{})
	redirect := freeRedirect(t)
	f, err := Begin(context.Background(), configFor(sim, "form", redirect), newMemStore(), BeginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	done := waitDone(t, f)
	landed, _ := wfsim.Consent(http.DefaultClient, f.AuthURL(), true)
	check := func(name string, req *http.Request, status int) {
		t.Helper()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		h := resp.Header
		if resp.StatusCode != status || h.Get("Content-Security-Policy") != "default-src 'none'; style-src 'unsafe-inline'" || h.Get("X-Frame-Options") != "DENY" ||
			h.Get("Referrer-Policy") != "no-referrer" || h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: %d %v", name, resp.StatusCode, h)
		}
	}
	req := func(method, u, host string) *http.Request {
		r, _ := http.NewRequest(method, u, nil)
		if host != "" {
			r.Host = host
		}
		return r
	}
	check("wrong path", req("GET", strings.TrimSuffix(redirect, "/callback")+"/x", ""), 404)
	check("wrong method", req("POST", redirect, ""), 405)
	check("wrong host", req("GET", redirect, "evil.example"), 421)
	check("wrong state", req("GET", redirect+"?code=x&state=no", ""), 400)
	check("success", req("GET", landed, ""), 200)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestLocalhostPortTakenOnIPv6: for a localhost redirect, ::1's port taken
// by another program fails the sign-in as 127.0.0.1's does.
func TestLocalhostPortTakenOnIPv6(t *testing.T) {
	redirect := strings.Replace(freeRedirect(t), "127.0.0.1", "localhost", 1)
	port := mustURL(t, redirect).Port()
	l, err := net.Listen("tcp", "[::1]:"+port)
	if err != nil {
		if noIPv6(err) {
			t.Skipf("this machine has no ::1 to occupy (%v)", err)
		}
		t.Skipf("cannot occupy [::1]:%s for the test: %v", port, err)
	}
	defer l.Close()
	cfg := Config{Profile: "x", Host: "http://127.0.0.1:1", ClientID: "c", RedirectURI: redirect, AppType: AppSPA}
	f, err := Begin(context.Background(), cfg, newMemStore(), BeginOptions{})
	if err == nil {
		f.Cancel()
		t.Fatal("the sign-in started with ::1's port taken")
	}
	if !errors.Is(err, ErrPortInUse) || !strings.Contains(err.Error(), "Port "+port+" on ::1 is already in use") {
		t.Errorf("err %v", err)
	}
	// 127.0.0.1's half was let go: the port is free there again.
	l4, err := net.Listen("tcp", "127.0.0.1:"+port)
	if err != nil {
		t.Errorf("127.0.0.1:%s still held: %v", port, err)
	} else {
		l4.Close()
	}
	if n := pendingFlows.Load(); n != 0 {
		t.Errorf("a failed Begin left %d sign-ins pending", n)
	}
}

// TestListenerConnectionCap: 200 idle connections cost the listener no
// more than its cap; idle ones are closed, and a real callback still gets
// through.
func TestListenerConnectionCap(t *testing.T) {
	saved := callbackServerLimits
	callbackServerLimits.readHeader, callbackServerLimits.idle = 300*time.Millisecond, 300*time.Millisecond
	defer func() { callbackServerLimits = saved }()
	limit := callbackServerLimits.conns
	sim := startSim(t, wfsim.Options{})
	redirect := freeRedirect(t)
	f, err := Begin(context.Background(), configFor(sim, "form", redirect), newMemStore(), BeginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	done := waitDone(t, f)
	addr := mustURL(t, redirect).Host
	// A kept-alive connection is closed after its idle time.
	kept, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer kept.Close()
	fmt.Fprintf(kept, "GET /favicon.ico HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
	br := bufio.NewReader(kept)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	kept.SetReadDeadline(time.Now().Add(3 * time.Second))
	if _, err := br.ReadByte(); err != io.EOF {
		t.Errorf("a kept-alive connection was not closed for idling: %v", err)
	}
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for i := 0; i < 200; i++ {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatalf("connection %d: %v", i, err)
		}
		conns = append(conns, c)
	}
	most := 0
	deadline := time.Now().Add(200 * time.Millisecond)
	for time.Now().Before(deadline) {
		most = max(most, f.conns.held())
		time.Sleep(5 * time.Millisecond)
	}
	if most == 0 || most > limit || most > 64 {
		t.Errorf("the listener held %d of 200 connections at once; cap %d", most, limit)
	}
	// The first ones were closed by the server for idling.
	conns[0].SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, err := conns[0].Read(make([]byte, 1)); err == nil || n != 0 {
		t.Errorf("an idle connection stayed open: %d %v", n, err)
	}
	landed, _ := wfsim.Consent(http.DefaultClient, f.AuthURL(), true)
	if code, _ := get(t, "GET", landed); code != 200 {
		t.Errorf("real callback behind the idle ones: %d", code)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	for _, c := range conns {
		c.Close()
	}
	conns = nil
	if n := f.conns.held(); n > limit {
		t.Errorf("held %d", n)
	}
}

// TestPKCERefusedSaysHowToTurnItOff: a web app's Workfront that refuses
// the code_verifier gets a message naming both ways to turn PKCE off; with
// NoPKCE the same Workfront signs in.
func TestPKCERefusedSaysHowToTurnItOff(t *testing.T) {
	for _, kind := range []string{"basic-json", "form"} {
		sim := startSim(t, wfsim.Options{})
		sim.SetRefuseCodeVerifier(true)
		cfg := configFor(sim, kind, "https://example.com/pk")
		cfg.Profile = "acme"
		f, _ := Begin(context.Background(), cfg, newMemStore(), BeginOptions{})
		landed, _ := wfsim.Consent(http.DefaultClient, f.AuthURL(), true)
		if err := f.SubmitPasted(landed); err != nil {
			t.Fatal(err)
		}
		_, err := f.Wait(context.Background())
		if err == nil || !strings.Contains(err.Error(), `the connection's option "Workfront refuses PKCE"`) || !strings.Contains(err.Error(), "wfconnect profile set acme --no-pkce") {
			t.Errorf("%s: %v", kind, err)
		}
		cfg.NoPKCE = true
		f, _ = Begin(context.Background(), cfg, newMemStore(), BeginOptions{})
		if strings.Contains(f.AuthURL(), "code_challenge") {
			t.Error("NoPKCE sent a challenge")
		}
		landed, _ = wfsim.Consent(http.DefaultClient, f.AuthURL(), true)
		f.SubmitPasted(landed)
		if _, err := f.Wait(context.Background()); err != nil {
			t.Errorf("%s with NoPKCE: %v", kind, err)
		}
	}
}

// TestWebAppVerifierChecked: a web app's exchange proves the verifier:
// wfsim refuses the code when the verifier sent is not the challenge's.
func TestWebAppVerifierChecked(t *testing.T) {
	sim := startSim(t, wfsim.Options{})
	for _, kind := range []string{"basic-json", "form"} {
		cfg := configFor(sim, kind, "https://example.com/v")
		f, _ := Begin(context.Background(), cfg, newMemStore(), BeginOptions{})
		landed, _ := wfsim.Consent(http.DefaultClient, f.AuthURL(), true)
		// Not the one the challenge was made from (changing its first
		// character to "x" alone left it unchanged 1 time in 64).
		wrong := "x"
		if f.verifier[0] == 'x' {
			wrong = "y"
		}
		f.verifier = wrong + f.verifier[1:]
		f.SubmitPasted(landed)
		// A mismatch is not a Workfront refusing PKCE: no advice to turn it off.
		if _, err := f.Wait(context.Background()); err == nil || !strings.Contains(err.Error(), "code_verifier does not match") || strings.Contains(err.Error(), "--no-pkce") {
			t.Errorf("%s: %v", kind, err)
		}
	}
}
