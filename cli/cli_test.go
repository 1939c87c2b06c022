package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/wfsim"
	"github.com/wfconnect/wfconnect/workspace"
)

// TestMain lets the test binary play two other programs:
//   - a scripted browser, installed as a fake xdg-open on PATH, which submits
//     wfsim's consent form and follows the redirect like a browser would;
//   - the wfconnect CLI itself, for the tests that start several processes.
func TestMain(m *testing.M) {
	switch {
	case os.Getenv("WFCONNECT_FAKE_BROWSER") != "":
		if err := scriptedBrowser(os.Args[len(os.Args)-1], os.Getenv("WFCONNECT_FAKE_BROWSER") == "allow"); err != nil {
			fmt.Fprintln(os.Stderr, "fake browser:", err)
			os.Exit(1)
		}
		os.Exit(0)
	case os.Getenv("WFCONNECT_RUN_CLI") != "":
		switch os.Getenv("WFCONNECT_TEST_KEYRING_ERROR") {
		case "locked":
			// What go-keyring's Secret Service provider returns when the
			// unlock prompt is dismissed (seen with a locked gnome-keyring
			// and no display; store's TestKeyringLocked shows it for real).
			keyring.MockInitWithError(errors.New(lockedKeyringError))
		case "too-big":
			keyring.MockInitWithError(keyring.ErrSetDataTooBig)
		case "memory":
			keyring.MockInit() // an empty keyring that answers at once
			// Secrets a test hands over (a connection signed in in the
			// test's own process), as JSON {"acme/tokens": "…"}.
			var seed map[string]string
			json.Unmarshal([]byte(os.Getenv("WFCONNECT_TEST_KEYRING_SEED")), &seed)
			for k, v := range seed {
				keyring.Set(store.Service, k, v)
			}
		}
		args := strings.Split(os.Getenv("WFCONNECT_RUN_CLI"), "\x1f")
		os.Exit(Run(args, Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}))
	}
	os.Exit(m.Run())
}

// lockedKeyringError is go-keyring's error for a locked collection whose
// unlock prompt was dismissed, as seen here with a locked gnome-keyring.
const lockedKeyringError = "failed to unlock correct collection '/org/freedesktop/secrets/collection/login'"

// scriptedBrowser consents on wfsim's page and then visits the redirect, as a
// person's browser would.
func scriptedBrowser(authorizeURL string, allow bool) error {
	redirect, err := wfsim.Consent(http.DefaultClient, authorizeURL, allow)
	if err != nil {
		return err
	}
	resp, err := http.Get(redirect)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// syncBuffer is a bytes.Buffer that the command's goroutines may share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// rig is one config directory, one secrets store and one simulator.
type rig struct {
	t       *testing.T
	dir     string
	secrets store.Secrets
	sim     *wfsim.Sim
	browser func(string) error
	// wrapSecrets, when set, stands between the commands and secrets.
	wrapSecrets func(store.Secrets) store.Secrets
}

const loopbackRedirect = "http://127.0.0.1:%d/callback"

func newRig(t *testing.T, opts wfsim.Options) *rig {
	t.Helper()
	if opts.Projects == 0 {
		opts.Projects = 3000
	}
	sim := wfsim.New(opts)
	if err := sim.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	r := &rig{t: t, dir: t.TempDir(), secrets: store.NewMemory(), sim: sim}
	// The in-process scripted browser: consent, then follow the redirect.
	r.browser = func(u string) error { go scriptedBrowser(u, true); return nil }
	return r
}

// env is what a command run in process gets: this rig's config directory
// and secrets, and the scripted browser.
func (r *rig) env(stdin io.Reader, stdout, stderr io.Writer) Env {
	return Env{
		Stdin: stdin, Stdout: stdout, Stderr: stderr, Locale: "C",
		Open: func(o workspace.Options) (*workspace.Workspace, error) {
			o.Dir, o.Secrets, o.CacheDir = r.dir, r.secrets, filepath.Join(r.dir, "cache")
			if r.wrapSecrets != nil {
				o.Secrets = r.wrapSecrets(r.secrets)
			}
			return workspace.Open(o)
		},
		OpenBrowser: r.browser,
	}
}

// run executes one command in process, with stdin as given.
func (r *rig) run(stdin string, args ...string) (stdout, stderr string, code int) {
	r.t.Helper()
	var out, errb syncBuffer
	code = Run(args, r.env(strings.NewReader(stdin), &out, &errb))
	return out.String(), errb.String(), code
}

// freePort finds a port for a loopback redirect URI.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// addProfile registers a redirect in wfsim and adds a profile for it.
func (r *rig) addProfile(name, kind string) string {
	r.t.Helper()
	redirect := fmt.Sprintf(loopbackRedirect, freePort(r.t))
	r.sim.AddRedirectURI(redirect)
	args := []string{"profile", "add", name, "--domain", r.sim.URL(), "--redirect-uri", redirect}
	stdin := ""
	switch kind {
	case "spa":
		args = append(args, "--client-id", r.sim.SPAClientID(), "--spa")
	default:
		args = append(args, "--client-id", r.sim.WebClientID(), "--client-secret-stdin", "--token-auth", kind)
		stdin = r.sim.WebClientSecret() + "\n"
	}
	if _, errOut, code := r.run(stdin, args...); code != 0 {
		r.t.Fatalf("profile add: exit %d: %s", code, errOut)
	}
	return redirect
}

func (r *rig) statusJSON(name string) map[string]any {
	r.t.Helper()
	out, errOut, code := r.run("", "status", name, "--json")
	if code != 0 {
		r.t.Fatalf("status: exit %d: %s", code, errOut)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		r.t.Fatalf("status --json is not JSON: %v\n%s", err, out)
	}
	return v
}

// age makes profile's sign-in d older without waiting: the stored token
// set's times move d back (the CLI keeps the real clock and judges expiry
// by the stored Expiry), and the simulator's clock moves d ahead.
func (r *rig) age(profile string, d time.Duration) {
	r.t.Helper()
	v := store.Vault{Secrets: r.secrets}
	blob, found, err := v.LoadTokens(profile)
	if err != nil || !found {
		r.t.Fatalf("the stored sign-in of %s: found %v, %v", profile, found, err)
	}
	var ts auth.TokenSet
	if err := json.Unmarshal(blob, &ts); err != nil {
		r.t.Fatalf("the stored sign-in of %s: %v", profile, err)
	}
	if ts.Expiry.IsZero() {
		r.t.Fatalf("the stored sign-in of %s has no expiry to age past", profile)
	}
	for _, at := range []*time.Time{&ts.Expiry, &ts.ObtainedAt, &ts.RefreshedAt} {
		if !at.IsZero() {
			*at = at.Add(-d)
		}
	}
	blob, _ = json.Marshal(&ts)
	if err := v.SaveTokens(profile, blob); err != nil {
		r.t.Fatalf("saving the aged sign-in of %s: %v", profile, err)
	}
	r.sim.Advance(d)
}

func TestProfileAddListRemove(t *testing.T) {
	r := newRig(t, wfsim.Options{})
	r.addProfile("acme", "basic-json")
	out, _, code := r.run("", "profile", "list", "--json")
	if code != 0 {
		t.Fatal(code)
	}
	var list []store.Profile
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) != 1 || list[0].Name != "acme" || list[0].TokenAuth != "basic-json" {
		t.Fatalf("list %v %s", err, out)
	}
	raw, err := os.ReadFile(filepath.Join(r.dir, "profiles.json"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(r.sim.WebClientSecret())) {
		t.Fatal("the client secret reached the profiles file")
	}
	if v, _, _ := r.secrets.Get("acme/client-secret"); v != r.sim.WebClientSecret() {
		t.Error("the client secret is not in the secrets store")
	}
	out, _, _ = r.run("", "profile", "list")
	if !strings.Contains(out, "acme") || !strings.Contains(out, "NAME") {
		t.Errorf("human list:\n%s", out)
	}
	if _, errOut, code := r.run("", "profile", "remove", "acme"); code != 0 {
		t.Fatalf("remove: %d %s", code, errOut)
	}
	if _, found, _ := r.secrets.Get("acme/client-secret"); found {
		t.Error("removing the profile left its secret behind")
	}
}

func TestProfileAddBadInput(t *testing.T) {
	r := newRig(t, wfsim.Options{})
	cases := []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"no secret source", "", []string{"profile", "add", "x", "--domain", "acme", "--client-id", "i", "--redirect-uri", "https://example.com/cb"}, ExitUsage, "--client-secret-stdin"},
		{"bad domain", "s\n", []string{"profile", "add", "x", "--domain", "acme.example.com", "--client-id", "i", "--redirect-uri", "https://example.com/cb", "--client-secret-stdin"}, ExitError, "acme.example.com"},
		{"empty secret", "\n", []string{"profile", "add", "x", "--domain", "acme", "--client-id", "i", "--redirect-uri", "https://example.com/cb", "--client-secret-stdin"}, ExitError, "client secret"},
		{"unknown flag", "", []string{"profile", "add", "x", "--colour"}, ExitUsage, "colour"},
		{"no name", "", []string{"profile", "add"}, ExitUsage, "exactly one connection name"},
		{"unknown command", "", []string{"frobnicate"}, ExitUsage, "unknown command"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := r.run(tc.stdin, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d (want %d), stderr:\n%s", code, tc.code, errOut)
			}
		})
	}
	r.addProfile("dup", "form")
	_, errOut, code := r.run("s\n", "profile", "add", "DUP", "--domain", "acme", "--client-id", "i", "--redirect-uri", "https://example.com/cb", "--client-secret-stdin")
	if code != ExitError || !strings.Contains(errOut, "already exists") {
		t.Errorf("duplicate: exit %d: %s", code, errOut)
	}
}

func TestLoginTokenStatusLogoutEachForm(t *testing.T) {
	for _, kind := range []string{"basic-json", "form", "spa"} {
		t.Run(kind, func(t *testing.T) {
			r := newRig(t, wfsim.Options{})
			r.addProfile("acme", kind)
			if st := r.statusJSON("acme"); st["state"] != "not_connected" {
				t.Fatalf("before login: %v", st)
			}
			_, errOut, code := r.run("", "login", "acme")
			if code != 0 {
				t.Fatalf("login: exit %d\n%s", code, errOut)
			}
			if n := r.sim.CountGrant("authorization_code"); n != 1 {
				t.Errorf("%d authorization_code requests, want exactly 1", n)
			}
			st := r.statusJSON("acme")
			if st["state"] != "connected" || st["has_refresh_token"] != true || st["host"] != r.sim.URL() {
				t.Errorf("status after login: %v", st)
			}
			for _, key := range []string{"profile", "host", "state", "access_token_expires_at", "has_refresh_token", "wid", "obtained_at", "storage"} {
				if _, ok := st[key]; !ok {
					t.Errorf("status --json lacks %q", key)
				}
			}
			out, errOut, code := r.run("", "token", "acme")
			if code != 0 || strings.Count(out, "\n") != 1 || len(strings.TrimSpace(out)) < 10 {
				t.Fatalf("token: exit %d out %q err %s", code, out, errOut)
			}
			if _, _, code := r.run("", "logout", "acme"); code != 0 {
				t.Fatal("logout failed")
			}
			if st := r.statusJSON("acme"); st["state"] != "not_connected" {
				t.Errorf("after logout: %v", st)
			}
			_, errOut, code = r.run("", "token", "acme")
			if code == 0 || !strings.Contains(errOut, "wfconnect login acme") {
				t.Errorf("token after logout: exit %d: %s", code, errOut)
			}
		})
	}
}

var authorizeURLPattern = regexp.MustCompile(`https?://\S+/integrations/oauth2/authorize\S+`)

func TestLoginPasteForHTTPSRedirect(t *testing.T) {
	r := newRig(t, wfsim.Options{})
	redirect := "https://example.com/wf-callback"
	r.sim.AddRedirectURI(redirect)
	if _, errOut, code := r.run(r.sim.WebClientSecret()+"\n", "profile", "add", "paste", "--domain", r.sim.URL(),
		"--client-id", r.sim.WebClientID(), "--redirect-uri", redirect, "--client-secret-stdin"); code != 0 {
		t.Fatal(errOut)
	}
	stdinR, stdinW := io.Pipe()
	var out, errb syncBuffer
	done := make(chan int)
	go func() {
		done <- Run([]string{"login", "paste"}, r.env(stdinR, &out, &errb))
	}()
	var authURL string
	for deadline := time.Now().Add(5 * time.Second); authURL == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		authURL = authorizeURLPattern.FindString(errb.String())
	}
	if authURL == "" {
		t.Fatalf("no authorize URL printed:\n%s", errb.String())
	}
	landed, err := wfsim.Consent(http.DefaultClient, authURL, true)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(stdinW, "this is not it")
	fmt.Fprintln(stdinW, landed)
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("login: exit %d\n%s", code, errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("login did not finish:\n%s", errb.String())
	}
	if !strings.Contains(errb.String(), "Paste the address again") {
		t.Errorf("the bad paste got no message:\n%s", errb.String())
	}
	if st := r.statusJSON("paste"); st["state"] != "connected" {
		t.Errorf("status %v", st)
	}
	if out.String() != "" {
		t.Errorf("login wrote to stdout: %q", out.String())
	}
}

func TestLoginDenied(t *testing.T) {
	r := newRig(t, wfsim.Options{})
	r.addProfile("acme", "form")
	r.browser = func(u string) error { go scriptedBrowser(u, false); return nil }
	_, errOut, code := r.run("", "login", "acme")
	if code != ExitError || !strings.Contains(strings.ToLower(errOut), "denied") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	if st := r.statusJSON("acme"); st["state"] != "not_connected" {
		t.Errorf("status %v", st)
	}
}

// TestLoginWithFakeXdgOpen goes through pkg/browser for real: a fake
// xdg-open on PATH is this test binary acting as the browser.
func TestLoginWithFakeXdgOpen(t *testing.T) {
	r := newRig(t, wfsim.Options{})
	r.addProfile("acme", "basic-json")
	r.browser = nil
	bin := t.TempDir()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	script := fmt.Sprintf("#!/bin/sh\nWFCONNECT_FAKE_BROWSER=allow exec %q \"$@\"\n", self)
	if err := os.WriteFile(filepath.Join(bin, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	_, errOut, code := r.run("", "login", "acme")
	if code != 0 {
		t.Fatalf("login: exit %d\n%s", code, errOut)
	}
	if st := r.statusJSON("acme"); st["state"] != "connected" {
		t.Errorf("status %v", st)
	}
}

func TestNeedsConsentExitCode(t *testing.T) {
	r := newRig(t, wfsim.Options{})
	r.addProfile("acme", "form")
	if _, errOut, code := r.run("", "login", "acme"); code != 0 {
		t.Fatal(errOut)
	}
	r.sim.RevokeAll()
	_, errOut, code := r.run("", "projects", "acme")
	if code != ExitNeedsConsent || !strings.Contains(errOut, "wfconnect login acme") {
		t.Errorf("projects after revoke: exit %d: %s", code, errOut)
	}
	if st := r.statusJSON("acme"); st["state"] != "needs_consent" {
		t.Errorf("status %v", st)
	}
	_, errOut, code = r.run("", "token", "acme")
	if code != ExitNeedsConsent {
		t.Errorf("token: exit %d: %s", code, errOut)
	}
}

func TestProjectsCommand(t *testing.T) {
	r := newRig(t, wfsim.Options{Projects: 4500})
	r.addProfile("acme", "basic-json")
	if _, errOut, code := r.run("", "login", "acme"); code != 0 {
		t.Fatal(errOut)
	}
	out, errOut, code := r.run("", "projects", "acme", "--limit", "5")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 6 || !strings.HasPrefix(lines[0], "ID") {
		t.Errorf("table:\n%s", out)
	}
	out, _, code = r.run("", "projects", "acme", "--all", "--json", "--status", "CUR,PLN")
	if code != 0 {
		t.Fatal(code)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, row := range rows {
		id, _ := row["ID"].(string)
		if seen[id] {
			t.Fatalf("duplicate %s", id)
		}
		seen[id] = true
		if s := row["status"]; s != "CUR" && s != "PLN" {
			t.Fatalf("status %v", s)
		}
		if _, ok := row["name"]; !ok {
			t.Fatal("no name")
		}
	}
	if len(rows) == 0 {
		t.Fatal("no rows")
	}
	out, _, _ = r.run("", "projects", "acme", "--all", "--json")
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 4500 {
		t.Errorf("--all gave %d rows (%v), want 4500", len(rows), err)
	}
	_, errOut, code = r.run("", "projects", "acme", "--limit", "5000")
	if code != ExitUsage || !strings.Contains(errOut, "2000") {
		t.Errorf("limit: exit %d: %s", code, errOut)
	}
}

// runProcess prepares this test binary to run as the wfconnect CLI. It
// fails nothing itself, so a case on its own goroutine may call it too.
func runProcess(env []string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0])
	// English, whatever the machine's locale, unless the case sets LANG.
	cmd.Env = append(append(append(os.Environ(), "LC_ALL=", "LC_MESSAGES=", "LANG=C"), env...), "WFCONNECT_RUN_CLI="+strings.Join(args, "\x1f"))
	return cmd
}
