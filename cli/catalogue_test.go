//go:build linux

// The catalogue makes real full and read-only disks with tmpfs mounts,
// which only Linux has.

package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/wfsim"
	"github.com/wfconnect/wfconnect/workspace"
)

// The bad-input catalogue: every kind of bad input a person, a browser, the
// keyring, the disk or Workfront can hand wfconnect, each with the exact
// words a person then sees. Every case starts from the same state, a saved
// and connected profile "keep", and the harness checks that the case did
// not panic, did not hang, and left the profiles file and keep's secrets as
// they were (unless the case says what changed and checks it). The README's
// Troubleshooting table is written from these messages; TestTroubleshooting
// keeps the two in step.

// badInput is one catalogue entry.
type badInput struct {
	name string
	// run feeds the bad input and returns what the person sees: the CLI's
	// exit code and message, a page's status and words, or a message.
	run func(c *caseRig) string
	// want is exactly that, with {sim}, {dir} and {port} filled in.
	want string
	// changes says what the case may change: "" nothing; "profiles" the
	// file, but keep must stay in it as it was; "tokens" keep's tokens (a
	// new sign-in); "file" the file itself, which the case checks. keep's
	// client secret never changes.
	changes string
}

// caseRig is a rig whose profile "keep" is saved and connected.
type caseRig struct {
	*rig
	keepRedirect string
	port         string
}

const caseTimeout = 30 * time.Second

func TestBadInputCatalogue(t *testing.T) {
	cases := catalogue()
	if len(cases) < 40 {
		t.Fatalf("the catalogue has %d cases; it must cover at least 40", len(cases))
	}
	names := map[string]bool{}
	for _, bc := range cases {
		if names[bc.name] {
			t.Fatalf("two cases are named %q", bc.name)
		}
		names[bc.name] = true
		t.Run(bc.name, func(t *testing.T) {
			c := newCaseRig(t)
			before := c.snapshot()
			seen, panicked := c.runGuarded(bc.run)
			if panicked != "" {
				t.Fatalf("panicked: %s", panicked)
			}
			if want := c.expand(bc.want); seen != want {
				t.Errorf("a person sees:\n  %s\nwant:\n  %s", seen, want)
			}
			after := c.snapshot()
			if after.secret != before.secret {
				t.Errorf("keep's client secret changed: %q -> %q", before.secret, after.secret)
			}
			if after.tokens != before.tokens && bc.changes != "tokens" {
				t.Errorf("keep's tokens changed:\nbefore: %s\nafter:  %s", before.tokens, after.tokens)
			}
			switch bc.changes {
			case "", "tokens":
				if after.file != before.file {
					t.Errorf("profiles.json changed:\nbefore: %s\nafter:  %s", before.file, after.file)
				}
			case "profiles":
				if after.keep != before.keep {
					t.Errorf("keep's profile changed:\nbefore: %s\nafter:  %s", before.keep, after.keep)
				}
			}
		})
	}
}

func newCaseRig(t *testing.T) *caseRig {
	t.Helper()
	r := newRig(t, wfsim.Options{Projects: 300})
	c := &caseRig{rig: r}
	c.keepRedirect = r.addProfile("keep", "basic-json")
	if _, errOut, code := r.run("", "login", "keep"); code != 0 {
		t.Fatalf("connecting keep: exit %d\n%s", code, errOut)
	}
	u, _ := url.Parse(c.keepRedirect)
	c.port = u.Port()
	return c
}

// caseStop ends a case early from the case's own goroutine; runGuarded
// turns it into t.Fatal or t.Skip on the test's goroutine, where testing
// requires them.
type caseStop struct {
	skip bool
	msg  string
}

func (c *caseRig) fatalf(format string, args ...any) {
	panic(caseStop{msg: fmt.Sprintf(format, args...)})
}

func (c *caseRig) skipf(format string, args ...any) {
	panic(caseStop{skip: true, msg: fmt.Sprintf(format, args...)})
}

// runGuarded runs a case in its own goroutine, so that a case that outlives
// caseTimeout fails as a hang instead of stalling the suite, and a panic is
// reported as one.
func (c *caseRig) runGuarded(run func(*caseRig) string) (seen, panicked string) {
	type result struct {
		seen, panicked string
		stop           *caseStop
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			switch p := recover().(type) {
			case nil:
			case caseStop:
				done <- result{stop: &p}
			default:
				done <- result{panicked: fmt.Sprintf("%v\n%s", p, debug.Stack())}
			}
		}()
		done <- result{seen: run(c)}
	}()
	select {
	case r := <-done:
		switch {
		case r.stop != nil && r.stop.skip:
			c.t.Skip(r.stop.msg)
		case r.stop != nil:
			c.t.Fatal(r.stop.msg)
		}
		return r.seen, r.panicked
	case <-time.After(caseTimeout):
		c.t.Fatalf("hung: no outcome after %s", caseTimeout)
		return "", ""
	}
}

// status is `status NAME --json`, read from the case's goroutine.
func (c *caseRig) status(name string) map[string]any {
	out, errOut, code := c.run("", "status", name, "--json")
	var st map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &st) != nil {
		c.fatalf("status %s: exit %d: %s", name, code, errOut)
	}
	return st
}

func (c *caseRig) state(name string) string { return fmt.Sprint(c.status(name)["state"]) }

// stored is what must survive a bad input: the profiles file, keep's entry
// in it, and keep's secrets, byte for byte.
type stored struct{ file, keep, secret, tokens string }

func (c *caseRig) snapshot() stored {
	var s stored
	file, err := os.ReadFile(c.profilesPath())
	if err != nil {
		file = []byte("unreadable: " + err.Error())
	}
	s.file = string(file)
	if p, err := store.OpenProfiles(c.dir).Get("keep"); err == nil {
		s.keep = fmt.Sprintf("%+v", p)
	} else {
		s.keep = "missing: " + err.Error()
	}
	s.secret, _, _ = c.secrets.Get("keep/client-secret")
	s.tokens, _, _ = c.secrets.Get("keep/tokens")
	return s
}

func (c *caseRig) expand(s string) string {
	port, _ := strconv.Atoi(c.port)
	return strings.NewReplacer("{sim}", c.sim.URL(), "{simaddr}", strings.TrimPrefix(c.sim.URL(), "http://"),
		"{dir}", c.dir, "{port}", c.port, "{port+1}", strconv.Itoa(port+1)).Replace(s)
}

// cli runs a command and returns "exit N: " and its message: stderr from
// the "wfconnect:" line on, or else its last line.
func (c *caseRig) cli(stdin string, args ...string) string {
	for i, a := range args {
		args[i] = c.expand(a)
	}
	_, errOut, code := c.run(stdin, args...)
	return fmt.Sprintf("exit %d: %s", code, message(errOut))
}

func message(stderr string) string {
	if i := strings.Index(stderr, "wfconnect: "); i >= 0 {
		return strings.Join(strings.Fields(stderr[i:]), " ")
	}
	return lastLine(stderr)
}

// usage runs a command that should be refused as a usage error and returns
// "exit N: " and stderr's first line (the usage text follows it).
func (c *caseRig) usage(args ...string) string {
	_, errOut, code := c.run("", args...)
	first, _, _ := strings.Cut(errOut, "\n")
	return fmt.Sprintf("exit %d: %s", code, first)
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// addWeb adds a web profile by the CLI with the given domain, client ID and
// redirect, and the simulator's secret.
func (c *caseRig) addWeb(name, domain, clientID, redirect string) string {
	return c.cli(c.sim.WebClientSecret()+"\n", "profile", "add", name, "--domain", domain,
		"--client-id", clientID, "--redirect-uri", redirect, "--client-secret-stdin")
}

func (c *caseRig) addGood(name string, extra ...string) string {
	args := append([]string{"profile", "add", name, "--domain", c.sim.URL(), "--client-id", c.sim.WebClientID(),
		"--redirect-uri", "https://example.com/cb", "--client-secret-stdin"}, extra...)
	return c.cli(c.sim.WebClientSecret()+"\n", args...)
}

// addIMS adds an IMS profile whose IMS is the simulator, with extra flags
// added last (a later flag wins).
func (c *caseRig) addIMS(name string, extra ...string) string {
	args := append([]string{"profile", "add", name, "--kind", "ims", "--domain", c.sim.URL(), "--client-id", c.sim.IMSClientID(),
		"--ims-org", c.sim.IMSOrgID(), "--ims-url", c.sim.URL(), "--client-secret-stdin"}, extra...)
	return c.cli(c.sim.IMSClientSecret()+"\n", args...)
}

// page GETs (or POSTs) a URL like a browser and returns "status title: words".
func page(method, u string) string {
	req, _ := http.NewRequest(method, u, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		if errors.Is(err, syscall.ECONNREFUSED) {
			return "connection refused"
		}
		return "error: " + err.Error()
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	m := pageWords.FindSubmatch(body)
	if m == nil {
		return fmt.Sprintf("%d (not a callback page) %s", resp.StatusCode, body)
	}
	return fmt.Sprintf("%d %s: %s", resp.StatusCode, html.UnescapeString(string(m[1])), html.UnescapeString(string(m[2])))
}

var pageWords = regexp.MustCompile(`<h1>(.*?)</h1><p>(.*?)</p>`)

// begin starts keep's sign-in in process and returns the flow, its state
// and its callback URL.
func (c *caseRig) begin(profile string) (workspace.Flow, string, string) {
	ws := c.workspace()
	flow, err := ws.Begin(context.Background(), profile)
	if err != nil {
		c.fatalf("begin: %v", err)
	}
	c.t.Cleanup(flow.Cancel)
	authURL, _ := url.Parse(flow.AuthURL())
	q := authURL.Query()
	return flow, q.Get("state"), q.Get("redirect_uri")
}

func (c *caseRig) workspace() *workspace.Workspace {
	ws, err := workspace.Open(workspace.Options{Dir: c.dir, Secrets: c.secrets, CacheDir: filepath.Join(c.dir, "cache")})
	if err != nil {
		c.fatalf("%v", err)
	}
	return ws
}

// consentCallback consents on wfsim and returns the URL Workfront sends the
// browser to (with code, state, domain and lane), without visiting it.
func (c *caseRig) consentCallback(flow interface{ AuthURL() string }, allow bool) string {
	landed, err := wfsim.Consent(http.DefaultClient, flow.AuthURL(), allow)
	if err != nil {
		c.fatalf("consent: %v", err)
	}
	return landed
}

// waitOutcome waits for a flow's end and returns its message (or "connected").
func waitOutcome(flow interface {
	Wait(context.Context) (*auth.TokenSet, error)
}) string {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := flow.Wait(ctx); err != nil {
		return err.Error()
	}
	return "connected"
}

// loginWithTokenAnswer signs keep in again while the token endpoint sends a.
func (c *caseRig) loginWithTokenAnswer(a wfsim.Answer) string {
	c.sim.SetTokenAnswers(a, 1)
	return c.cli("", "login", "keep")
}

// projectsWithAPIAnswer lists keep's projects while the API sends a, n times.
func (c *caseRig) projectsWithAPIAnswer(a wfsim.Answer, n int) string {
	c.sim.SetAPIAnswers(a, n)
	return c.cli("", "projects", "keep", "--limit", "5")
}

// pasteFlow starts a sign-in for a profile whose redirect is https (so it
// has no listener and waits for a paste).
func (c *caseRig) pasteFlow() (workspace.Flow, string) {
	c.pasteFlowProfileOnly()
	flow, state, _ := c.begin("paste")
	if flow.Loopback() {
		c.fatalf("an https redirect got a listener")
	}
	return flow, state
}

// pasteFlowProfileOnly adds the profile "paste", whose https redirect
// wfconnect cannot listen on.
func (c *caseRig) pasteFlowProfileOnly() {
	redirect := "https://example.com/wf-callback"
	c.sim.AddRedirectURI(redirect)
	if out := c.addWeb("paste", c.sim.URL(), c.sim.WebClientID(), redirect); out != "exit 0: Saved \"paste\" ("+c.sim.URL()+"). Next: wfconnect login paste" {
		c.fatalf("adding paste: %s", out)
	}
}

func errText(err error) string {
	if err == nil {
		return "accepted"
	}
	return err.Error()
}

// stallingClock jumps a little over 2 minutes each time it is read, like a
// machine that stalls (or sleeps) between the callback and the exchange.
type stallingClock struct {
	mu    sync.Mutex
	start time.Time
	reads int
}

func (s *stallingClock) now() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reads++
	return s.start.Add(time.Duration(s.reads) * (auth.CodeValidity + time.Second))
}

// loginExpiry signs keep in while the token endpoint sends a, and returns
// the exit code and the expiry status reports.
func (c *caseRig) loginExpiry(a wfsim.Answer) string {
	c.sim.SetTokenAnswers(a, 1)
	_, errOut, code := c.run("", "login", "keep")
	if code != 0 {
		return fmt.Sprintf("exit %d: %s", code, message(errOut))
	}
	exp, _ := c.status("keep")["access_token_expires_at"].(string)
	if exp == "" {
		return "exit 0: access token expiry unknown"
	}
	at, err := time.Parse(time.RFC3339, exp)
	if err != nil {
		return "exit 0: unreadable expiry " + exp
	}
	return fmt.Sprintf("exit 0: access token valid for %.0f min", time.Until(at).Minutes())
}

func (c *caseRig) profilesPath() string { return filepath.Join(c.dir, "profiles.json") }

func (c *caseRig) writeProfiles(b []byte) {
	if err := os.WriteFile(c.profilesPath(), b, 0o600); err != nil {
		c.fatalf("%v", err)
	}
}

func (c *caseRig) expectProfiles(want []byte) {
	if got, err := os.ReadFile(c.profilesPath()); err != nil || !bytes.Equal(got, want) {
		c.t.Errorf("profiles.json changed: %q %v", got, err)
	}
}

var damagedSuffix = regexp.MustCompile(`\.damaged-\d{8}-\d{6}(-\d+)?`)

// damaged writes content as the profiles file, lists the profiles, checks
// that the file was kept aside byte for byte and that a new profile can be
// added, and returns what the list command said.
func (c *caseRig) damaged(content []byte) string {
	c.writeProfiles(content)
	said := c.cli("", "profile", "list")
	kept, _ := filepath.Glob(c.profilesPath() + ".damaged-*")
	if len(kept) != 1 {
		c.fatalf("kept copies: %v", kept)
	}
	if got, _ := os.ReadFile(kept[0]); !bytes.Equal(got, content) {
		c.t.Errorf("the kept copy differs: %q", got)
	}
	if out := c.addGood("again"); !strings.HasPrefix(out, "exit 0:") {
		c.t.Errorf("adding after the damage: %s", out)
	}
	return damagedSuffix.ReplaceAllString(said, ".damaged-*")
}

// mountTmpfs puts the config directory on a fresh tmpfs (with keep's
// profiles file copied over), so a case can make a real disk full or
// read-only. It needs root (or CAP_SYS_ADMIN).
func (c *caseRig) mountTmpfs(options string) {
	raw, err := os.ReadFile(c.profilesPath())
	if err != nil {
		c.fatalf("%v", err)
	}
	if err := syscall.Mount("tmpfs", c.dir, "tmpfs", 0, options+",mode=0700"); err != nil {
		c.skipf("mounting a tmpfs to make a real full or read-only disk needs root: %v", err)
	}
	c.t.Cleanup(func() { syscall.Unmount(c.dir, syscall.MNT_DETACH) })
	c.writeProfiles(raw)
}

func (c *caseRig) remount(options string) {
	flags := uintptr(syscall.MS_REMOUNT)
	if options == "ro" {
		flags |= syscall.MS_RDONLY
	}
	if err := syscall.Mount("tmpfs", c.dir, "tmpfs", flags, ""); err != nil {
		c.fatalf("remount %s: %v", options, err)
	}
}

// leftBehind names a secret that a failed save left in the keyring.
func (c *caseRig) leftBehind(name string) string {
	if _, found, _ := c.secrets.Get(name + "/client-secret"); found {
		return " (and its client secret was left in the keyring)"
	}
	return ""
}

// fillDisk writes until the tmpfs is full.
func (c *caseRig) fillDisk() {
	f, err := os.Create(filepath.Join(c.dir, "filler"))
	if err != nil {
		c.fatalf("%v", err)
	}
	defer f.Close()
	chunk := make([]byte, 1024)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				c.fatalf("filling the disk: %v", err)
			}
			return
		}
	}
}

// childCLI adds a web profile in a child process, where the keyring is
// really absent (no D-Bus session bus) or is go-keyring's own mock
// returning the error a locked or size-limited keyring returns.
func (c *caseRig) childCLI(keyring string) string {
	_, code, stderr := c.childRun(keyring, "profile", "add", "child", "--domain", c.sim.URL(), "--client-id", "id",
		"--redirect-uri", "https://example.com/cb", "--client-secret-stdin")
	return fmt.Sprintf("exit %d: %s", code, message(stderr))
}

// childRun runs the CLI in a child process with that keyring.
func (c *caseRig) childRun(keyring string, args ...string) (stdout string, code int, stderr string) {
	env := []string{"WFCONNECT_CONFIG_DIR=" + c.dir, "WFCONNECT_TEST_KEYRING_ERROR=" + keyring}
	if keyring == "absent" {
		env = []string{"WFCONNECT_CONFIG_DIR=" + c.dir, "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/wfconnect-test-bus"}
	}
	cmd := runProcess(env, args...)
	cmd.Stdin = strings.NewReader("a-secret\n")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		c.fatalf("%v", err)
	}
	return out.String(), code, errOut.String()
}

// hangingSecrets never answers, like a keyring waiting on an unlock prompt
// nobody sees. (The real locked keyring is TestKeyringLocked in store.)
type hangingSecrets struct{ store.Secrets }

func (hangingSecrets) Get(string) (string, bool, error) { select {} }
func (hangingSecrets) Set(string, string) error         { select {} }
func (hangingSecrets) Delete(string) error              { select {} }

// hangingWrites reads, but never finishes a write.
type hangingWrites struct{ store.Secrets }

func (hangingWrites) Set(string, string) error { select {} }

// loginWithoutBrowser signs keep in with no browser on PATH at all: the CLI
// must say so and take the pasted address instead.
func (c *caseRig) loginWithoutBrowser() string {
	c.browser = nil
	c.t.Setenv("PATH", c.t.TempDir())
	stdinR, stdinW := io.Pipe()
	defer stdinW.Close()
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() { done <- Run([]string{"login", "keep"}, c.env(stdinR, &out, &errb)) }()
	var authURL string
	for deadline := time.Now().Add(10 * time.Second); authURL == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		authURL = authorizeURLPattern.FindString(errb.String())
	}
	landed, err := wfsim.Consent(http.DefaultClient, authURL, true)
	if err != nil {
		return "consent: " + err.Error()
	}
	// The CLI asks for the paste only after the browser failed.
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(errb.String(), "Then paste") && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
	}
	fmt.Fprintln(stdinW, landed)
	code := <-done
	said := ""
	for _, line := range strings.Split(errb.String(), "\n") {
		if strings.HasPrefix(line, "Could not open a browser") {
			said = line
		}
	}
	return fmt.Sprintf("%s | exit %d", said, code)
}

func catalogue() []badInput {
	const sim = "{sim}"
	return []badInput{
		// Domains.
		{name: "domain/empty", want: "exit 1: wfconnect: --domain: Enter your Workfront domain, like acme or acme.my.workfront.com.",
			run: func(c *caseRig) string { return c.addWeb("x", " ", "id", "https://example.com/cb") }},
		{name: "domain/not-workfront", want: "exit 1: wfconnect: --domain: acme.example.com is not a Workfront host: use your Workfront domain, like acme, acme.my.workfront.com or acme.my.workfront.adobe.com.",
			run: func(c *caseRig) string { return c.addWeb("x", "acme.example.com", "id", "https://example.com/cb") }},
		{name: "domain/plain-http", want: `exit 1: wfconnect: --domain: "http://acme.my.workfront.com" must use https: Workfront is only served over https (plain http is accepted for 127.0.0.1 and localhost only).`,
			run: func(c *caseRig) string {
				return c.addWeb("x", "http://acme.my.workfront.com", "id", "https://example.com/cb")
			}},
		{name: "domain/page-address-pasted", changes: "profiles", want: `exit 0: Saved "x" (https://acme.my.workfront.com). Next: wfconnect login x`,
			run: func(c *caseRig) string {
				return c.addWeb("x", "https://acme.my.workfront.com/project/5f00/overview?tab=tasks#top", "id", "https://example.com/cb")
			}},
		{name: "domain/user-name", want: `exit 1: wfconnect: --domain: "me@acme.my.workfront.com" contains a user name; enter only the Workfront domain.`,
			run: func(c *caseRig) string {
				return c.addWeb("x", "me@acme.my.workfront.com", "id", "https://example.com/cb")
			}},
		{name: "domain/port", want: `exit 1: wfconnect: --domain: "acme.my.workfront.com:8443" has a port; Workfront hosts have none.`,
			run: func(c *caseRig) string {
				return c.addWeb("x", "acme.my.workfront.com:8443", "id", "https://example.com/cb")
			}},
		{name: "domain/central-sign-in-host", want: "exit 1: wfconnect: --domain: oauth.my.workfront.com is Workfront's central sign-in host, not your instance: use your own domain, like acme.my.workfront.com.",
			run: func(c *caseRig) string {
				return c.addWeb("x", "oauth.my.workfront.com", "id", "https://example.com/cb")
			}},
		{name: "domain/bad-characters", want: `exit 1: wfconnect: --domain: "acme_corp" is not a valid domain name.`,
			run: func(c *caseRig) string { return c.addWeb("x", "acme_corp", "id", "https://example.com/cb") }},

		// Redirect URIs.
		{name: "redirect/empty", want: "exit 1: wfconnect: --redirect-uri: Enter the redirect URL registered in Workfront, e.g. http://127.0.0.1:8765/callback.",
			run: func(c *caseRig) string { return c.addWeb("x", sim, "id", "") }},
		{name: "redirect/other-scheme", want: `exit 1: wfconnect: --redirect-uri: "ftp://127.0.0.1:8765/cb" must use http (loopback) or https.`,
			run: func(c *caseRig) string { return c.addWeb("x", sim, "id", "ftp://127.0.0.1:8765/cb") }},
		{name: "redirect/fragment", want: `exit 1: wfconnect: --redirect-uri: "http://127.0.0.1:8765/cb#top" has a #fragment; a redirect URL cannot have one.`,
			run: func(c *caseRig) string { return c.addWeb("x", sim, "id", "http://127.0.0.1:8765/cb#top") }},
		{name: "redirect/relative", want: `exit 1: wfconnect: --redirect-uri: "/callback" is not a full URL: it must start with http:// or https:// and name a host.`,
			run: func(c *caseRig) string { return c.addWeb("x", sim, "id", "/callback") }},
		{name: "redirect/non-loopback-http", want: `exit 1: wfconnect: --redirect-uri: "http://example.com/cb" uses plain http on a non-loopback host; use https, or a loopback URL like http://127.0.0.1:8765/callback.`,
			run: func(c *caseRig) string { return c.addWeb("x", sim, "id", "http://example.com/cb") }},
		{name: "redirect/port-0", want: `exit 1: wfconnect: --redirect-uri: "http://127.0.0.1:0/cb" needs an explicit port between 1 and 65535 (e.g. http://127.0.0.1:8765/callback), because it must match the URL registered in Workfront exactly.`,
			run: func(c *caseRig) string { return c.addWeb("x", sim, "id", "http://127.0.0.1:0/cb") }},
		{name: "redirect/no-port", want: `exit 1: wfconnect: --redirect-uri: "http://localhost/cb" needs an explicit port between 1 and 65535 (e.g. http://127.0.0.1:8765/callback), because it must match the URL registered in Workfront exactly.`,
			run: func(c *caseRig) string { return c.addWeb("x", sim, "id", "http://localhost/cb") }},
		{name: "redirect/port-in-use", want: "exit 1: wfconnect: Port {port} on 127.0.0.1 is already in use, so wfconnect cannot receive the callback. Close the other program using it (or another wfconnect sign-in), or register another loopback redirect URL in Workfront, for example http://127.0.0.1:{port+1}/callback, and use it in this connection.",
			run: func(c *caseRig) string {
				l, err := net.Listen("tcp", "127.0.0.1:"+c.port)
				if err != nil {
					c.fatalf("%v", err)
				}
				defer l.Close()
				return c.cli("", "login", "keep")
			}},

		// Names, client IDs and secrets.
		{name: "name/duplicate-other-case", want: `exit 1: wfconnect: NAME: A connection named "KEEP" already exists.`,
			run: func(c *caseRig) string { return c.addGood("KEEP") }},
		{name: "name/slash", want: `exit 1: wfconnect: NAME: A name cannot contain / or \.`,
			run: func(c *caseRig) string { return c.addGood("a/b") }},
		{name: "name/blank", want: "exit 1: wfconnect: NAME: Give the connection a name.",
			run: func(c *caseRig) string { return c.addGood("  ") }},
		{name: "client-id/empty", want: "exit 1: wfconnect: --client-id: Paste the Client ID from Workfront (Setup > System > OAuth2 Applications).",
			run: func(c *caseRig) string { return c.addWeb("x", sim, "", "https://example.com/cb") }},
		{name: "client-id/spaces", want: "exit 1: wfconnect: --client-id: A Client ID has no spaces: copy it again from Workfront.",
			run: func(c *caseRig) string { return c.addWeb("x", sim, "abc def", "https://example.com/cb") }},
		{name: "client-secret/empty", want: "exit 1: wfconnect: --client-secret-stdin: A Web Application needs its client secret. (Single Page apps use PKCE and have none.)",
			run: func(c *caseRig) string {
				return c.cli("\n", "profile", "add", "x", "--domain", c.sim.URL(), "--client-id", "id", "--redirect-uri", "https://example.com/cb", "--client-secret-stdin")
			}},
		{name: "client-secret/not-piped", want: "exit 2: wfconnect: a Web Application needs its client secret: pipe it in with --client-secret-stdin (it is never taken from the command line), or use --spa for a PKCE app",
			run: func(c *caseRig) string {
				return c.usage("profile", "add", "x", "--domain", c.sim.URL(), "--client-id", "id", "--redirect-uri", "https://example.com/cb")
			}},
		{name: "token-auth/unknown", want: "exit 1: wfconnect: --token-auth: Choose basic-json or form.",
			run: func(c *caseRig) string { return c.addGood("x", "--token-auth", "oauth") }},
		{name: "api-version/bad", want: "exit 1: wfconnect: --api-version: Use an API version like v21.0.",
			run: func(c *caseRig) string { return c.addGood("x", "--api-version", "21") }},
		{name: "client-secret/wrong", changes: "profiles", want: "exit 1: wfconnect: Workfront's token endpoint answered 401: The client secret is wrong.",
			run: func(c *caseRig) string {
				l, err := net.Listen("tcp", "127.0.0.1:0")
				if err != nil {
					c.fatalf("%v", err)
				}
				redirect := fmt.Sprintf(loopbackRedirect, l.Addr().(*net.TCPAddr).Port)
				l.Close()
				c.sim.AddRedirectURI(redirect)
				c.cli("not-the-secret\n", "profile", "add", "wrong", "--domain", c.sim.URL(), "--client-id", c.sim.WebClientID(), "--redirect-uri", redirect, "--client-secret-stdin")
				return c.cli("", "login", "wrong")
			}},

		// Machine to Machine (JWT) and Adobe IMS server-to-server.
		{name: "jwt/key-unknown", changes: "profiles", want: "exit 1: wfconnect: Workfront does not know the key that signed the JWT of m2m. Paste this connection's public key (wfconnect profile pubkey m2m, or Copy in the app) into Workfront: Setup > System > OAuth2 Applications > the app > Public Keys.",
			run: func(c *caseRig) string {
				c.addJWT("m2m")
				return c.cli("", "login", "m2m")
			}},
		{name: "jwt/wrong-user", changes: "profiles", want: "exit 1: wfconnect: Workfront refused the User ID 00000000000000000000000000000bad of m2m (The JWT's sub does not name an active user of this Workfront (User ID).). Check it in Workfront: it must be the ID of an active user the app may act as.",
			run: func(c *caseRig) string {
				pub, _, _ := c.addJWT("m2m", "--user-id", "00000000000000000000000000000bad")
				c.sim.RegisterPublicKey(pub)
				return c.cli("", "login", "m2m")
			}},
		{name: "jwt/wrong-customer", changes: "profiles", want: "exit 1: wfconnect: Workfront refused the Customer ID acme-0000 of m2m (The JWT's iss does not match this Workfront's Customer ID.). Copy the Customer ID again from the app's page in Workfront.",
			run: func(c *caseRig) string {
				pub, _, _ := c.addJWT("m2m", "--customer-id", "acme-0000")
				c.sim.RegisterPublicKey(pub)
				return c.cli("", "login", "m2m")
			}},
		{name: "jwt/clock-off", changes: "profiles", want: "Workfront refused the JWT of m2m, and this computer's clock is 3h0m0s off from Workfront's. Set the clock right (turn on automatic time), then try again.",
			run: func(c *caseRig) string {
				pub, _, _ := c.addJWT("m2m")
				c.sim.RegisterPublicKey(pub)
				cfg, err := c.workspace().Config("m2m")
				if err != nil {
					c.fatalf("%v", err)
				}
				slow := func() time.Time { return time.Now().Add(-3 * time.Hour) }
				_, err = auth.NewSource(cfg, store.Vault{Secrets: c.secrets}, auth.SourceOptions{Now: slow}).Token(context.Background())
				return fmt.Sprint(err)
			}},
		{name: "jwt/key-file-public", want: "exit 1: wfconnect: --private-key-file: That is a public key or a certificate, not the private key. Import the private key; the public key is what goes into Workfront.",
			run: func(c *caseRig) string {
				path := filepath.Join(c.t.TempDir(), "key.pem")
				os.WriteFile(path, []byte("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n"), 0o600)
				_, errOut, code := c.addJWT("m2m", "--private-key-file", path)
				return fmt.Sprintf("exit %d: %s", code, message(errOut))
			}},
		{name: "jwt/key-file-not-pem", want: "exit 1: wfconnect: --private-key-file: That is not a PEM private key: it should start with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----.",
			run: func(c *caseRig) string {
				path := filepath.Join(c.t.TempDir(), "key.txt")
				os.WriteFile(path, []byte("ssh-rsa AAAAB3NzaC1yc2E me@host\n"), 0o600)
				_, errOut, code := c.addJWT("m2m", "--private-key-file", path)
				return fmt.Sprintf("exit %d: %s", code, message(errOut))
			}},
		{name: "jwt/ids-missing", want: "exit 1: wfconnect: --customer-id: Paste the Customer ID from the app's page in Workfront (Setup > System > OAuth2 Applications). wfconnect: --user-id: Enter the User ID of the Workfront user the integration acts as.",
			run: func(c *caseRig) string {
				return c.cli(c.sim.JWTClientSecret()+"\n", "profile", "add", "m2m", "--kind", "jwt", "--domain", c.sim.URL(), "--client-id", c.sim.JWTClientID(), "--client-secret-stdin")
			}},
		{name: "jwt/secret-not-piped", want: "exit 2: wfconnect: a jwt connection needs its client secret: pipe it in with --client-secret-stdin (it is never taken from the command line)",
			run: func(c *caseRig) string {
				return c.usage("profile", "add", "m2m", "--kind", "jwt", "--domain", c.sim.URL(), "--client-id", "id", "--customer-id", "c", "--user-id", "u")
			}},
		{name: "jwt/pubkey-of-web-profile", want: "exit 1: wfconnect: keep is not a Machine to Machine connection, so it has no key pair.",
			run: func(c *caseRig) string { return c.cli("", "profile", "pubkey", "keep") }},
		{name: "kind/unknown", want: `exit 2: wfconnect: --kind must be web, spa, jwt or ims, not "desktop"`,
			run: func(c *caseRig) string {
				return c.usage("profile", "add", "x", "--kind", "desktop", "--domain", "acme", "--client-id", "id")
			}},
		{name: "kind/flag-of-another-kind", want: "exit 2: wfconnect: --ims-org does not apply to a jwt connection",
			run: func(c *caseRig) string {
				return c.usage("profile", "add", "x", "--kind", "jwt", "--domain", "acme", "--client-id", "id", "--ims-org", "A@AdobeOrg")
			}},
		{name: "ims/org-bad", want: "exit 1: wfconnect: --ims-org: Paste the organization ID from the Adobe Developer Console: letters and digits ending in @AdobeOrg.",
			run: func(c *caseRig) string { return c.addIMS("cloud", "--ims-org", "1234ABCD") }},
		{name: "ims/url-plain-http", want: "exit 1: wfconnect: --ims-url: The IMS address http://ims.example.com must use https (plain http only for a loopback address such as 127.0.0.1).",
			run: func(c *caseRig) string { return c.addIMS("cloud", "--ims-url", "http://ims.example.com") }},
		{name: "ims/secret-wrong", changes: "profiles", want: "exit 1: wfconnect: Adobe IMS at {sim} refused the token request of cloud (401: invalid client_secret parameter). Check the client ID, the client secret and the scopes in the Adobe Developer Console, and edit the connection.",
			run: func(c *caseRig) string {
				c.cli("wrong\n", "profile", "add", "cloud", "--kind", "ims", "--domain", c.sim.URL(), "--client-id", c.sim.IMSClientID(),
					"--ims-org", c.sim.IMSOrgID(), "--ims-url", c.sim.URL(), "--client-secret-stdin")
				return c.cli("", "login", "cloud")
			}},
		{name: "logout/workfront-unreachable", changes: "tokens", want: "exit 1: wfconnect: Forgot the tokens of keep on this computer, but could not end the session at Workfront (Could not reach Workfront at {sim}: dial tcp {simaddr}: connect: connection refused). It ends by itself after a while without use. | not_connected",
			run: func(c *caseRig) string {
				c.sim.Close()
				out := c.cli("", "logout", "keep")
				return out + " | " + c.state("keep")
			}},

		// The command line.
		{name: "cli/unknown-command", want: `exit 2: wfconnect: unknown command "conect"`,
			run: func(c *caseRig) string { return c.usage("conect", "keep") }},
		{name: "cli/unknown-flag", want: "exit 2: wfconnect: unknown flag: --colour",
			run: func(c *caseRig) string { return c.usage("projects", "keep", "--colour") }},
		{name: "cli/missing-name", want: "exit 2: wfconnect: token needs exactly one connection name",
			run: func(c *caseRig) string { return c.usage("token") }},
		{name: "cli/unknown-profile", want: `exit 1: wfconnect: There is no connection named "nosuch" (see wfconnect profile list).`,
			run: func(c *caseRig) string { return c.cli("", "token", "nosuch") }},
		{name: "cli/login-timeout-zero", want: "exit 2: wfconnect: --timeout must be between 1s and 24h, like 5m or 90s (it is how long login waits for consent)",
			run: func(c *caseRig) string { return c.usage("login", "keep", "--timeout", "0s") }},
		{name: "cli/login-timeout-not-a-duration", want: `exit 2: wfconnect: invalid value "soon" for --timeout: use a duration like 5m or 90s`,
			run: func(c *caseRig) string { return c.usage("login", "keep", "--timeout", "soon") }},
		{name: "cli/limit-out-of-range", want: "exit 2: wfconnect: --limit must be between 1 and 2000 (Workfront's page limit); use --all for everything",
			run: func(c *caseRig) string { return c.usage("projects", "keep", "--limit", "5000") }},
		{name: "cli/token-never-connected", want: `exit 3: wfconnect: fresh is not connected. Run: wfconnect login fresh`,
			run: func(c *caseRig) string {
				c.addGood("fresh")
				return c.cli("", "token", "fresh")
			}, changes: "profiles"},

		// Pasted addresses (the paste path: a redirect wfconnect cannot listen on).
		{name: "paste/garbage", want: "That doesn't look like the address Workfront sent you to. Copy the whole URL from the browser's address bar after you click Allow.",
			run: func(c *caseRig) string {
				flow, _ := c.pasteFlow()
				return errText(flow.SubmitPasted("hello there"))
			}, changes: "profiles"},
		{name: "paste/missing-code", want: "That address carries no code. After you click Allow in Workfront, copy the whole address of the page you land on; it contains ?code=….",
			run: func(c *caseRig) string {
				flow, state := c.pasteFlow()
				return errText(flow.SubmitPasted("https://example.com/wf-callback?state=" + state))
			}, changes: "profiles"},
		{name: "paste/wrong-state", want: "This callback does not belong to the sign-in wfconnect is waiting for (the state does not match). Start again from Workfront Connect.",
			run: func(c *caseRig) string {
				flow, _ := c.pasteFlow()
				return errText(flow.SubmitPasted("https://example.com/wf-callback?code=abc&state=someone-elses"))
			}, changes: "profiles"},
		{name: "paste/consent-denied", want: "You denied access in Workfront, so wfconnect was not connected.",
			run: func(c *caseRig) string {
				flow, _ := c.pasteFlow()
				if err := flow.SubmitPasted(c.consentCallback(flow, false)); err != nil {
					return "paste refused: " + err.Error()
				}
				return waitOutcome(flow)
			}, changes: "profiles"},
		{name: "paste/workfront-error", want: "Workfront reported an error: The server is down for maintenance (temporarily_unavailable).",
			run: func(c *caseRig) string {
				flow, state := c.pasteFlow()
				if err := flow.SubmitPasted("https://example.com/wf-callback?error=temporarily_unavailable&error_description=The+server+is+down+for+maintenance&state=" + state); err != nil {
					return "paste refused: " + err.Error()
				}
				return waitOutcome(flow)
			}, changes: "profiles"},
		{name: "paste/stdin-ends", want: "exit 1: wfconnect: Standard input ended before an address was pasted, so the sign-in was canceled.",
			run: func(c *caseRig) string {
				c.pasteFlowProfileOnly()
				return c.cli("not an address\n", "login", "paste")
			}, changes: "profiles"},

		// Callbacks reaching the loopback listener.
		{name: "callback/wrong-path", want: "404 Not found: This address is not the sign-in callback.",
			run: func(c *caseRig) string {
				_, state, redirect := c.begin("keep")
				return page("GET", strings.TrimSuffix(redirect, "/callback")+"/favicon.ico?code=x&state="+state)
			}},
		{name: "callback/wrong-method", want: "405 Not found: The sign-in callback only accepts GET. This address is not the sign-in callback.",
			run: func(c *caseRig) string {
				_, state, redirect := c.begin("keep")
				return page("POST", redirect+"?code=x&state="+state)
			}},
		{name: "callback/wrong-state", want: "400 Not signed in: This callback does not belong to the sign-in wfconnect is waiting for (the state does not match). Start again from Workfront Connect.",
			run: func(c *caseRig) string {
				_, _, redirect := c.begin("keep")
				return page("GET", redirect+"?code=x&state=forged")
			}},
		{name: "callback/empty-code", want: "400 Not signed in: That address carries no code. After you click Allow in Workfront, copy the whole address of the page you land on; it contains ?code=….",
			run: func(c *caseRig) string {
				_, state, redirect := c.begin("keep")
				return page("GET", redirect+"?code=&state="+state)
			}},
		{name: "callback/replay", want: "200 Connected to Workfront: You can close this tab and return to Workfront Connect. | replayed: connection refused",
			run: func(c *caseRig) string {
				flow, _, _ := c.begin("keep")
				landed := c.consentCallback(flow, true)
				first := make(chan string, 1)
				go func() { first <- page("GET", landed) }()
				waitOutcome(flow)
				return <-first + " | replayed: " + page("GET", landed)
			}, changes: "tokens"},
		{name: "callback/late-after-cancel", want: "connection refused",
			run: func(c *caseRig) string {
				flow, _, _ := c.begin("keep")
				landed := c.consentCallback(flow, true)
				flow.Cancel()
				waitOutcome(flow)
				return page("GET", landed)
			}},
		{name: "callback/consent-denied", want: "exit 1: wfconnect: You denied access in Workfront, so wfconnect was not connected.",
			run: func(c *caseRig) string {
				c.browser = func(u string) error { go scriptedBrowser(u, false); return nil }
				return c.cli("", "login", "keep")
			}},
		{name: "callback/denied-page", want: "200 Not connected: You denied access in Workfront, so wfconnect was not connected. You can close this tab and return to Workfront Connect.",
			run: func(c *caseRig) string {
				flow, _, _ := c.begin("keep")
				return page("GET", c.consentCallback(flow, false))
			}},

		{name: "callback/no-state", want: "400 Not signed in: This callback carried no state, so wfconnect cannot tell that it comes from the sign-in you started, and ignored it. Finish the sign-in in the browser tab wfconnect opened, or copy the address you land on after clicking Allow and paste it into wfconnect.",
			run: func(c *caseRig) string {
				_, _, redirect := c.begin("keep")
				return page("GET", redirect+"?code=an-attackers-code")
			}},
		{name: "callback/no-state-deny-does-not-cancel", want: "400 Not signed in: This callback carried no state, so wfconnect cannot tell that it comes from the sign-in you started, and ignored it. Finish the sign-in in the browser tab wfconnect opened, or copy the address you land on after clicking Allow and paste it into wfconnect. | then: connected",
			run: func(c *caseRig) string {
				flow, _, redirect := c.begin("keep")
				said := page("GET", redirect+"?error=access_denied")
				landed := c.consentCallback(flow, true)
				go page("GET", landed)
				return said + " | then: " + waitOutcome(flow)
			}, changes: "tokens"},
		{name: "callback/foreign-host-header", want: "421 Not signed in: The sign-in listener was reached under another name (rebound.example.com:{port}) and refused the request. Only the redirect URL registered in Workfront, http://127.0.0.1:{port}/callback, is answered.",
			run: func(c *caseRig) string {
				_, state, redirect := c.begin("keep")
				req, _ := http.NewRequest("GET", redirect+"?code=x&state="+state, nil)
				req.Host = "rebound.example.com:" + c.port
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					return err.Error()
				}
				defer resp.Body.Close()
				body, _ := io.ReadAll(resp.Body)
				m := pageWords.FindSubmatch(body)
				if m == nil {
					return fmt.Sprintf("%d %s", resp.StatusCode, body)
				}
				return fmt.Sprintf("%d %s: %s", resp.StatusCode, html.UnescapeString(string(m[1])), html.UnescapeString(string(m[2])))
			}},
		{name: "callback/refused-is-said-at-once", want: "exit 1: wfconnect: a callback was refused: This callback does not belong to the sign-in wfconnect is waiting for (the state does not match). Start again from Workfront Connect. | Still waiting for consent… (Ctrl+C to cancel) | wfconnect: No sign-in arrived within 2s; the last callback was refused: This callback does not belong to the sign-in wfconnect is waiting for (the state does not match). Start again from Workfront Connect. Run wfconnect login keep again; --timeout sets how long it waits.",
			run: func(c *caseRig) string {
				// A "browser" that lands on the callback with a forged state.
				c.browser = func(u string) error {
					au, _ := url.Parse(u)
					go page("GET", au.Query().Get("redirect_uri")+"?code=x&state=forged")
					return nil
				}
				_, errOut, code := c.run("", "login", "keep", "--timeout", "2s")
				var said []string
				for _, line := range strings.Split(strings.TrimSpace(errOut), "\n") {
					if strings.HasPrefix(line, "wfconnect: ") || strings.HasPrefix(line, "Still waiting") {
						said = append(said, line)
					}
				}
				return fmt.Sprintf("exit %d: %s", code, strings.Join(said, " | "))
			}},
		{name: "callback/escapes-in-error-description", want: "exit 1: wfconnect: Workfront reported an error: ]0;owned[2J[32mConnected (server_error).",
			run: func(c *caseRig) string {
				c.browser = func(u string) error {
					au, _ := url.Parse(u)
					q := au.Query()
					go page("GET", q.Get("redirect_uri")+"?error=server_error&error_description=%1b]0%3Bowned%07%1b[2J%1b[32mConnected&state="+q.Get("state"))
					return nil
				}
				_, errOut, code := c.run("", "login", "keep")
				if strings.ContainsAny(errOut, "\x1b\x07") {
					c.t.Errorf("control characters reached the terminal: %q", errOut)
				}
				return fmt.Sprintf("exit %d: %s", code, message(errOut))
			}},
		{name: "token/pkce-refused", want: `exit 1: wfconnect: Workfront's token endpoint refused the PKCE code verifier (400: code_verifier is not supported for this application.). This Workfront seems not to accept PKCE for Web Applications: turn PKCE off for this connection, in the app with the connection's option "Workfront refuses PKCE", or on the command line with wfconnect profile set keep --no-pkce, and connect again. | exit 0: Saved "keep": PKCE off, callbacks without state refused. | exit 0: connected`, changes: "tokens",
			run: func(c *caseRig) string {
				c.sim.SetRefuseCodeVerifier(true)
				refused := c.cli("", "login", "keep")
				set := c.cli("", "profile", "set", "keep", "--no-pkce")
				_, _, code := c.run("", "login", "keep")
				state := c.status("keep")["state"]
				c.cli("", "profile", "set", "keep", "--pkce") // keep as it was, for the harness's check
				return fmt.Sprintf("%s | %s | exit %d: %s", refused, set, code, state)
			}},

		// The authorization code's 2 minutes.
		{name: "code/expired-before-exchange", want: "The authorization code expired (codes are valid for 2 minutes). Click Connect to try again.",
			run: func(c *caseRig) string {
				cfg, err := c.workspace().Config("keep")
				if err != nil {
					c.fatalf("%v", err)
				}
				clock := &stallingClock{start: time.Now()}
				flow, err := auth.Begin(context.Background(), cfg, store.Vault{Secrets: c.secrets}, auth.BeginOptions{Now: clock.now})
				if err != nil {
					c.fatalf("%v", err)
				}
				defer flow.Cancel()
				landed := c.consentCallback(flow, true)
				if err := flow.SubmitPasted(landed); err != nil {
					return "paste refused: " + err.Error()
				}
				return waitOutcome(flow)
			}},
		{name: "code/expired-at-workfront", want: "exit 1: wfconnect: Workfront's token endpoint answered 400: The authorization code expired (codes are valid for 2 minutes).",
			run: func(c *caseRig) string {
				c.sim.SetCodeTTL(time.Nanosecond)
				return c.cli("", "login", "keep")
			}},

		// Token endpoint answers.
		{name: "token/html", want: "exit 1: wfconnect: Workfront's token endpoint answered 200 OK with a web page instead of tokens (a proxy or an outage?).",
			run: func(c *caseRig) string {
				return c.loginWithTokenAnswer(wfsim.Answer{ContentType: "text/html", Body: "<html><body>Please sign in</body></html>"})
			}},
		{name: "token/unknown-type", want: `exit 1: wfconnect: Workfront's token endpoint sent a token of type "mac", which wfconnect cannot use (it knows sessionID and Bearer). Tell your Workfront administrator.`,
			run: func(c *caseRig) string {
				return c.loginWithTokenAnswer(wfsim.Answer{ContentType: "application/json", Body: `{"access_token":"a1","refresh_token":"r1","token_type":"mac"}`})
			}},
		{name: "token/bearer-type", want: "exit 0: Authorization",
			run: func(c *caseRig) string {
				c.loginWithTokenAnswer(wfsim.Answer{ContentType: "application/json", Body: `{"access_token":"a1","refresh_token":"r1","token_type":"Bearer"}`})
				src, err := c.workspace().Source("keep")
				if err != nil {
					return err.Error()
				}
				tok, err := src.Token(context.Background())
				if err != nil {
					return err.Error()
				}
				name, _ := src.HeaderFor(tok)
				return "exit 0: " + name
			}, changes: "tokens"},
		{name: "token/line-break-in-access-token", want: "exit 1: wfconnect: Workfront's token endpoint sent an access token containing control characters (a line break, for example), which wfconnect refuses to send. Try again; if it happens again, something between you and Workfront (a proxy) may be changing its answers.",
			run: func(c *caseRig) string {
				return c.loginWithTokenAnswer(wfsim.Answer{ContentType: "application/json", Body: `{"access_token":"a1\r\nX-Injected: 1","refresh_token":"r1"}`})
			}},
		{name: "token/empty", want: "exit 1: wfconnect: Workfront's token endpoint answered 200 OK with something other than tokens (application/json).",
			run: func(c *caseRig) string {
				return c.loginWithTokenAnswer(wfsim.Answer{ContentType: "application/json"})
			}},
		{name: "token/no-access-token", want: "exit 1: wfconnect: Workfront's token endpoint answered 200 OK but sent no access_token.",
			run: func(c *caseRig) string {
				return c.loginWithTokenAnswer(wfsim.Answer{ContentType: "application/json", Body: `{"refresh_token":"r1","token_type":"bearer"}`})
			}},
		{name: "token/expires-in-string", want: "exit 0: access token valid for 60 min",
			run: func(c *caseRig) string {
				return c.loginExpiry(wfsim.Answer{ContentType: "application/json", Body: `{"access_token":"a1","refresh_token":"r1","expires_in":"3600"}`})
			}, changes: "tokens"},
		{name: "token/expires-in-negative", want: "exit 0: access token expiry unknown",
			run: func(c *caseRig) string {
				return c.loginExpiry(wfsim.Answer{ContentType: "application/json", Body: `{"access_token":"a1","refresh_token":"r1","expires_in":-60}`})
			}, changes: "tokens"},
		{name: "token/huge-body", want: "exit 1: wfconnect: Workfront's token endpoint answered 200 OK with more than 1 MB, which cannot be a token response (a proxy or an outage?).",
			run: func(c *caseRig) string {
				return c.loginWithTokenAnswer(wfsim.Answer{ContentType: "application/json",
					Body: `{"access_token":"a1","refresh_token":"r1","padding":"` + strings.Repeat("x", 8<<20) + `"}`})
			}},
		{name: "token/server-error-page", want: "exit 1: wfconnect: Workfront's token endpoint answered 502 Bad Gateway with a web page instead of tokens (a proxy or an outage?).",
			run: func(c *caseRig) string {
				return c.loginWithTokenAnswer(wfsim.Answer{Status: 502, ContentType: "text/html", Body: "<h1>Bad Gateway</h1>"})
			}},
		{name: "token/truncated", want: "exit 1: wfconnect: Workfront's token answer was cut off before it ended (200 OK). Try again.",
			run: func(c *caseRig) string {
				return c.loginWithTokenAnswer(wfsim.Answer{ContentType: "application/json", Body: `{"access_token":"a1","refresh_token":"r1"}`, Truncated: true})
			}},

		// Workfront's API answers.
		{name: "api/json-error", want: "exit 1: wfconnect: Workfront said: Invalid parameter: name_Mod (422)",
			run: func(c *caseRig) string {
				return c.projectsWithAPIAnswer(wfsim.Answer{Status: 422, ContentType: "application/json",
					Body: `{"error":{"class":"com.attask.common.InvalidParameterException","message":"Invalid parameter: name_Mod"}}`}, 1)
			}},
		{name: "api/html", want: "exit 1: wfconnect: Workfront answered 403 Forbidden with a web page instead of data (a proxy or an outage?).",
			run: func(c *caseRig) string {
				return c.projectsWithAPIAnswer(wfsim.Answer{Status: 403, ContentType: "text/html", Body: "<html>Access denied</html>"}, 1)
			}},
		{name: "api/429-until-retries-run-out", want: "exit 1: wfconnect: Workfront is limiting requests (429 Too Many Requests); try again in a moment.",
			run: func(c *caseRig) string {
				return c.projectsWithAPIAnswer(wfsim.Answer{Status: 429, ContentType: "application/json", RetryAfter: "0",
					Body: `{"error":{"class":"com.attask.common.ServerException","message":"Too many requests"}}`}, 10)
			}},
		{name: "api/500-until-retries-run-out", want: "exit 1: wfconnect: Workfront said: Internal error (500)",
			run: func(c *caseRig) string {
				return c.projectsWithAPIAnswer(wfsim.Answer{Status: 500, ContentType: "application/json",
					Body: `{"error":{"class":"com.attask.common.ServerException","message":"Internal error"}}`}, 10)
			}},
		{name: "api/500-then-recovers", want: "exit 0: Showing the first 5; use --all for every project, or --limit N.",
			run: func(c *caseRig) string {
				return c.projectsWithAPIAnswer(wfsim.Answer{Status: 500, ContentType: "application/json",
					Body: `{"error":{"class":"com.attask.common.ServerException","message":"Internal error"}}`}, 2)
			}},
		{name: "api/truncated", want: "exit 1: wfconnect: Workfront's answer was cut off before it ended (200 OK).",
			run: func(c *caseRig) string {
				return c.projectsWithAPIAnswer(wfsim.Answer{ContentType: "application/json", Body: `{"data":[{"ID":"1","name":"A project"}]}`, Truncated: true}, 10)
			}},
		{name: "api/not-json", want: "exit 1: wfconnect: Workfront answered 200 OK with something other than JSON data (a proxy page?).",
			run: func(c *caseRig) string {
				return c.projectsWithAPIAnswer(wfsim.Answer{ContentType: "text/plain", Body: "maintenance"}, 1)
			}},
		{name: "api/session-revoked", want: "exit 3: wfconnect: Workfront ended the session and it could not be renewed: Workfront no longer accepts the saved sign-in for keep (the refresh token expired or was revoked). Connect again. Run: wfconnect login keep",
			run: func(c *caseRig) string {
				c.sim.RevokeAll()
				return c.cli("", "projects", "keep")
			}, changes: "tokens"},

		{name: "api/redirect-to-another-host", want: "exit 1: wfconnect: Workfront at {sim} answered with a redirect to {other}, another address; wfconnect did not follow it, so your sign-in was not sent there.",
			run: func(c *caseRig) string {
				var seen atomic.Int32
				other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if r.Header.Get("sessionID") != "" || r.Header.Get("Authorization") != "" {
						seen.Add(1)
					}
				}))
				defer other.Close()
				said := c.projectsWithAPIAnswer(wfsim.Answer{Status: 302, Location: other.URL + "/attask/api/v21.0/proj/search"}, 1)
				if seen.Load() != 0 {
					c.t.Errorf("the other host received the sign-in %d times", seen.Load())
				}
				return strings.ReplaceAll(said, other.URL, "{other}")
			}},
		{name: "api/workfront-unreachable", want: "exit 1: wfconnect: Could not reach Workfront at {sim}: dial tcp {simaddr}: connect: connection refused",
			run: func(c *caseRig) string {
				c.sim.Close()
				return c.cli("", "projects", "keep", "--limit", "5")
			}},
		{name: "token/refresh-endpoint-down", want: "exit 1: wfconnect: Workfront ended the session and it could not be renewed: Could not refresh the sign-in of keep; the saved tokens are kept and the refresh will be tried again. Workfront's token endpoint answered 503 Service Unavailable with a web page instead of tokens (a proxy or an outage?).",
			run: func(c *caseRig) string {
				c.sim.ExpireAccessTokens()
				c.sim.SetTokenAnswers(wfsim.Answer{Status: 503, ContentType: "text/html", Body: "<h1>Maintenance</h1>"}, 1)
				return c.cli("", "projects", "keep", "--limit", "5")
			}},

		// The profiles file.
		{name: "profiles/damaged", changes: "file",
			want: "exit 1: wfconnect: Your profiles file was damaged and could not be read. It was kept as {dir}/profiles.json.damaged-*; you can add your connections again.",
			run:  func(c *caseRig) string { return c.damaged([]byte("{\"schema\":1,\"profiles\":[{\"name\":\"ke")) }},
		{name: "profiles/empty-file", changes: "file",
			want: "exit 1: wfconnect: Your profiles file was damaged and could not be read. It was kept as {dir}/profiles.json.damaged-*; you can add your connections again.",
			run:  func(c *caseRig) string { return c.damaged(nil) }},
		{name: "profiles/wrong-shape", changes: "file",
			want: "exit 1: wfconnect: Your profiles file was damaged and could not be read. It was kept as {dir}/profiles.json.damaged-*; you can add your connections again.",
			run:  func(c *caseRig) string { return c.damaged([]byte(`{"schema":1,"profiles":{"keep":true}}`)) }},
		{name: "profiles/newer-schema", changes: "file",
			want: "exit 1: wfconnect: {dir}/profiles.json was written by a newer version of wfconnect (schema 99; this one knows 1). Update wfconnect: the file was left untouched.",
			run: func(c *caseRig) string {
				newer := []byte(`{"schema":99,"profiles":[],"future":"kept"}`)
				c.writeProfiles(newer)
				list := c.cli("", "profile", "list")
				add := c.addGood("another")
				if add != list {
					c.t.Errorf("adding to a newer file: %s", add)
				}
				c.expectProfiles(newer)
				return list
			}},
		{name: "profiles/read-only-disk", want: "exit 1: wfconnect: Could not save your connections to {dir}/profiles.json: the disk is read-only. The previous file is unchanged.",
			run: func(c *caseRig) string {
				c.mountTmpfs("size=1m")
				c.remount("ro")
				return c.addGood("another") + c.leftBehind("another")
			}},
		{name: "profiles/remove-on-read-only-disk", want: "exit 1: wfconnect: Could not save your connections to {dir}/profiles.json: the disk is read-only. The previous file is unchanged.",
			run: func(c *caseRig) string {
				// The snapshot then shows that keep's secrets were put back.
				c.mountTmpfs("size=1m")
				c.remount("ro")
				return c.cli("", "profile", "remove", "keep")
			}},
		{name: "profiles/disk-full", want: "exit 1: wfconnect: Could not save your connections to {dir}/profiles.json: the disk is full. The previous file is unchanged.",
			run: func(c *caseRig) string {
				c.mountTmpfs("size=12k")
				c.fillDisk()
				return c.addGood("another") + c.leftBehind("another")
			}},
		{name: "profiles/is-a-directory", changes: "file",
			want: "exit 1: wfconnect: Could not read your connections from {dir}/profiles.json: it is a directory, not a file.",
			run: func(c *caseRig) string {
				path := filepath.Join(c.dir, "profiles.json")
				os.Rename(path, path+".moved")
				os.Mkdir(path, 0o700)
				return c.cli("", "profile", "list")
			}},
		{name: "profiles/hand-edited-host", changes: "file",
			want: `exit 1: wfconnect: The connection "keep" in {dir}/profiles.json has a domain wfconnect cannot use: evil.example.com is not a Workfront host: use your Workfront domain, like acme, acme.my.workfront.com or acme.my.workfront.adobe.com. Edit the connection to fix it.`,
			run: func(c *caseRig) string {
				path := filepath.Join(c.dir, "profiles.json")
				raw, _ := os.ReadFile(path)
				c.writeProfiles(bytes.Replace(raw, []byte(c.sim.URL()), []byte("https://evil.example.com"), 1))
				return c.cli("", "login", "keep")
			}},

		{name: "profiles/planted-local-http-host", changes: "file",
			want: `exit 1: wfconnect: The connection "planted" in {dir}/profiles.json uses {sim}, a local address without encryption, but it was not added as one on this computer, so wfconnect sends it nothing (only the keyring can allow such an address, never the profiles file). If you meant the simulator or a local test server, open the connection in the app, check its domain and save it, or remove it and add it again with wfconnect profile add --domain {sim}.`,
			run: func(c *caseRig) string {
				// keep's own entry, copied by hand under another name: its
				// local_http line comes along, but the keyring's marker is keep's.
				path := filepath.Join(c.dir, "profiles.json")
				var f struct {
					Schema   int              `json:"schema"`
					Profiles []map[string]any `json:"profiles"`
				}
				raw, _ := os.ReadFile(path)
				json.Unmarshal(raw, &f)
				planted := map[string]any{}
				for k, v := range f.Profiles[0] {
					planted[k] = v
				}
				planted["name"] = "planted"
				f.Profiles = append(f.Profiles, planted)
				raw, _ = json.Marshal(f)
				c.writeProfiles(raw)
				return c.cli("", "login", "planted")
			}},
		{name: "profiles/byte-order-mark", changes: "file",
			want: "exit 0: keep",
			run: func(c *caseRig) string {
				raw, _ := os.ReadFile(c.profilesPath())
				c.writeProfiles(append([]byte("\xef\xbb\xbf"), raw...)) // as Notepad saves it
				out, errOut, code := c.run("", "profile", "list", "--json")
				var list []store.Profile
				json.Unmarshal([]byte(out), &list)
				names := []string{}
				for _, p := range list {
					names = append(names, p.Name)
				}
				return fmt.Sprintf("exit %d: %s%s", code, strings.Join(names, ", "), message(errOut))
			}},
		{name: "profiles/symlink", changes: "file",
			want: "exit 1: wfconnect: {dir}/profiles.json is a symbolic link, so wfconnect did not read it: the connections file must be a plain file, and a link could point anywhere. Replace the link with a copy of the file it points to, or remove it, then try again.",
			run: func(c *caseRig) string {
				planted := filepath.Join(c.t.TempDir(), "someone-elses.json")
				os.WriteFile(planted, []byte(`{"schema":1,"profiles":[{"name":"evil","host":"https://evil.my.workfront.com"}]}`), 0o644)
				path := c.profilesPath()
				os.Rename(path, path+".moved")
				os.Symlink(planted, path)
				return c.cli("", "profile", "list")
			}},
		{name: "profiles/duplicate-names", changes: "file",
			want: `exit 1: wfconnect: The name "acme" matches more than one connection in {dir}/profiles.json ("acme", "ACME"), so wfconnect did not pick one. Edit the file so that each name appears once, then try again.`,
			run: func(c *caseRig) string {
				c.addGood("acme")
				path := c.profilesPath()
				var f struct {
					Schema   int              `json:"schema"`
					Profiles []map[string]any `json:"profiles"`
				}
				raw, _ := os.ReadFile(path)
				json.Unmarshal(raw, &f)
				twin := map[string]any{}
				for k, v := range f.Profiles[1] {
					twin[k] = v
				}
				twin["name"] = "ACME" // a hand-edited copy: names compare ignoring case
				f.Profiles = append(f.Profiles, twin)
				twinned, _ := json.Marshal(f)
				c.writeProfiles(twinned)
				said := c.cli("", "profile", "remove", "acme")
				c.expectProfiles(twinned)
				return said
			}},
		{name: "profiles/config-dir-world-writable", changes: "file",
			want: "exit 0: drwx------",
			run: func(c *caseRig) string {
				os.Chmod(c.dir, 0o777)
				_, code, errOut := c.childRun("memory", "profile", "list")
				st, _ := os.Stat(c.dir)
				return fmt.Sprintf("exit %d: %s%s", code, st.Mode(), message(errOut))
			}},
		{name: "profiles/config-dir-of-another-user", changes: "file",
			want: "exit 1: wfconnect: The config directory {dir} belongs to another user (uid 65534), so wfconnect will not keep your connections there. Remove it or make it yours (chown), or set WFCONNECT_CONFIG_DIR to a directory of your own.",
			run: func(c *caseRig) string {
				if os.Getuid() != 0 {
					c.skipf("giving the config directory to another user needs root")
				}
				if err := os.Chown(c.dir, 65534, 65534); err != nil {
					c.fatalf("%v", err)
				}
				defer os.Chown(c.dir, 0, 0)
				_, code, errOut := c.childRun("memory", "profile", "list")
				return fmt.Sprintf("exit %d: %s", code, message(errOut))
			}},

		// The keyring.
		{name: "keyring/absent", want: "exit 1: wfconnect: The system keyring is locked or not running (Secret Service). Unlock it, or start gnome-keyring or KWallet. (dial unix /nonexistent/wfconnect-test-bus: connect: no such file or directory)",
			run: func(c *caseRig) string { return c.childCLI("absent") }},
		{name: "keyring/locked", want: "exit 1: wfconnect: The system keyring is locked or not running (Secret Service). Unlock it, or start gnome-keyring or KWallet. (failed to unlock correct collection '/org/freedesktop/secrets/collection/login')",
			run: func(c *caseRig) string { return c.childCLI("locked") }},
		{name: "keyring/absent-status", want: "exit 0: keep unknown | keep: The system keyring is locked or not running (Secret Service). Unlock it, or start gnome-keyring or KWallet. (dial unix /nonexistent/wfconnect-test-bus: connect: no such file or directory)",
			run: func(c *caseRig) string {
				out, code, _ := c.childRun("absent", "status", "--json")
				var list []map[string]any
				if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) != 1 {
					return "unreadable status: " + out
				}
				return fmt.Sprintf("exit %d: keep %v | keep: %v", code, list[0]["state"], list[0]["last_error"])
			}},
		{name: "keyring/too-big", want: "exit 1: wfconnect: The secret is too large for this system's keyring (Windows and macOS limit the size of an entry).",
			run: func(c *caseRig) string { return c.childCLI("too-big") }},
		{name: "keyring/slow", want: "exit 1: wfconnect: The system keyring did not answer within 200ms. It may be locked and waiting for a password: unlock it (for example in Passwords and Keys), or start gnome-keyring or KWallet.",
			run: func(c *caseRig) string {
				c.wrapSecrets = func(s store.Secrets) store.Secrets { return store.WithTimeout(hangingSecrets{s}, 200*time.Millisecond) }
				return c.cli("", "token", "keep")
			}},
		{name: "keyring/slow-when-saving-new-tokens",
			want: "exit 1: wfconnect: Workfront accepted the sign-in, but the tokens could not be saved: The system keyring did not answer within 200ms. It may be locked and waiting for a password: unlock it (for example in Passwords and Keys), or start gnome-keyring or KWallet.",
			run: func(c *caseRig) string {
				// The snapshot then shows keep's earlier tokens untouched.
				c.wrapSecrets = func(s store.Secrets) store.Secrets { return store.WithTimeout(hangingWrites{s}, 200*time.Millisecond) }
				return c.cli("", "login", "keep")
			}},
		{name: "client-secret/too-long", want: "exit 1: wfconnect: --client-secret-stdin: That is too long to be a client secret (5000 characters); copy just the secret from Workfront.",
			run: func(c *caseRig) string {
				return c.cli(strings.Repeat("s", 5000)+"\n", "profile", "add", "x", "--domain", c.sim.URL(), "--client-id", "id", "--redirect-uri", "https://example.com/cb", "--client-secret-stdin")
			}},

		{name: "keyring/tokens-damaged", changes: "tokens",
			want: "exit 3: wfconnect: The saved tokens of keep are damaged, so wfconnect cannot use them. Connect again. Run: wfconnect login keep | status: needs_consent",
			run: func(c *caseRig) string {
				c.secrets.Set("keep/tokens", `{"access_token":"a1","refre`)
				said := c.cli("", "token", "keep")
				return said + " | status: " + c.state("keep")
			}},
		{name: "profiles/read-only-disk-refresh", changes: "tokens", want: "exit 0: Showing the first 5; use --all for every project, or --limit N.",
			run: func(c *caseRig) string {
				// The refresh lock cannot be created; the refresh goes ahead
				// without it, since the tokens live in the keyring.
				c.mountTmpfs("size=1m")
				c.remount("ro")
				c.sim.ExpireAccessTokens()
				return c.cli("", "projects", "keep", "--limit", "5")
			}},
		{name: "api/huge-body", want: "exit 1: wfconnect: Workfront answered 200 OK with more than 64 MB, far more than any page of projects (a proxy or an outage?).",
			run: func(c *caseRig) string {
				return c.projectsWithAPIAnswer(wfsim.Answer{ContentType: "application/json",
					Body: `{"data":[{"ID":"1","name":"` + strings.Repeat("x", 65<<20) + `"}]}`}, 1)
			}},
		{name: "api/empty-body", want: "exit 1: wfconnect: Workfront's answer was cut off before it ended (200 OK).",
			run: func(c *caseRig) string {
				return c.projectsWithAPIAnswer(wfsim.Answer{ContentType: "application/json"}, 10)
			}},
		{name: "token/access-token-not-a-string", want: "exit 1: wfconnect: Workfront's token endpoint answered 200 OK with something other than tokens (application/json).",
			run: func(c *caseRig) string {
				return c.loginWithTokenAnswer(wfsim.Answer{ContentType: "application/json", Body: `{"access_token":12345,"refresh_token":"r1"}`})
			}},
		{name: "paste/line-too-long", changes: "profiles",
			want: "That line is longer than 64 KB, so it is not the address. | exit 1: wfconnect: Standard input ended before an address was pasted, so the sign-in was canceled.",
			run: func(c *caseRig) string {
				c.pasteFlowProfileOnly()
				_, errOut, code := c.run(strings.Repeat("x", 100<<10)+"\n", "login", "paste")
				tooLong := ""
				for _, line := range strings.Split(errOut, "\n") {
					if strings.HasPrefix(line, "That line is longer") {
						tooLong = line
					}
				}
				return fmt.Sprintf("%s | exit %d: %s", tooLong, code, message(errOut))
			}},
		{name: "name/control-character", want: "exit 1: wfconnect: NAME: A name cannot contain tabs, line breaks or other control characters.",
			run: func(c *caseRig) string { return c.addGood("two\nlines") }},
		{name: "name/invalid-utf8", want: "exit 1: wfconnect: NAME: A name must be valid text: this one has bytes that are not UTF-8.",
			run: func(c *caseRig) string { return c.addGood("bad\xffname") }},
		{name: "client-id/control-character", want: "exit 1: wfconnect: --client-id: A Client ID has no spaces: copy it again from Workfront.",
			run: func(c *caseRig) string { return c.addWeb("x", "{sim}", "abc\x07def", "https://example.com/cb") }},
		{name: "name/too-long", want: "exit 1: wfconnect: NAME: A name can have at most 64 characters.",
			run: func(c *caseRig) string { return c.addGood(strings.Repeat("n", 65)) }},
		{name: "domain/case-space-and-slash-forgiven", changes: "profiles", want: `exit 0: Saved "y" (https://acme.my.workfront.com). Next: wfconnect login y`,
			run: func(c *caseRig) string {
				return c.addWeb("y", "  HTTPS://ACME.my.Workfront.com/ ", "id", "https://example.com/cb")
			}},
		{name: "profiles/hand-edited-app-type", changes: "file",
			want: `exit 1: wfconnect: The connection "keep" in {dir}/profiles.json has an unknown application type "desktop". Edit the connection to fix it.`,
			run: func(c *caseRig) string {
				raw, _ := os.ReadFile(c.profilesPath())
				c.writeProfiles(bytes.Replace(raw, []byte(`"app_type": "web"`), []byte(`"app_type": "desktop"`), 1))
				return c.cli("", "token", "keep")
			}},

		{name: "keyring/client-secret-missing", changes: "profiles",
			want: `status: not_connected | exit 1: wfconnect: The client secret of "ns" is not in the keyring: edit the connection and enter it again.`,
			run: func(c *caseRig) string {
				c.addGood("ns")
				c.secrets.Delete("ns/client-secret")
				return "status: " + c.state("ns") + " | " + c.cli("", "login", "ns")
			}},
		{name: "status/one-broken-among-many", changes: "file",
			want: `exit 0: bad: The connection "bad" in {dir}/profiles.json has a domain wfconnect cannot use: ftp.example.com is not a Workfront host: use your Workfront domain, like acme, acme.my.workfront.com or acme.my.workfront.adobe.com. Edit the connection to fix it. | keep listed: true`,
			run: func(c *caseRig) string {
				c.addGood("bad")
				raw, _ := os.ReadFile(c.profilesPath())
				i := bytes.LastIndex(raw, []byte(c.sim.URL()))
				c.writeProfiles(append(append(raw[:i:i], "https://ftp.example.com"...), raw[i+len(c.sim.URL()):]...))
				out, errOut, code := c.run("", "status")
				return fmt.Sprintf("exit %d: %s | keep listed: %v", code, lastLine(errOut), strings.Contains(out, "keep  "))
			}},

		// Exports and reports.
		{name: "export/no-fields", want: "exit 2: wfconnect: export needs --fields: the columns after ID, like --fields name,status,owner:name",
			run: func(c *caseRig) string { return c.usage("export", "keep", "proj") }},
		{name: "export/concurrency-out-of-range", want: "exit 2: wfconnect: --concurrency must be between 1 and 10 (pages fetched at once)",
			run: func(c *caseRig) string {
				return c.usage("export", "keep", "proj", "--fields", "name", "--concurrency", "20")
			}},
		{name: "export/unknown-format", want: `exit 2: wfconnect: --format: "pdf" is not an export format: use csv, json, ndjson or xlsx.`,
			run: func(c *caseRig) string {
				return c.usage("export", "keep", "proj", "--fields", "name", "--format", "pdf")
			}},
		{name: "export/star-fields", want: "exit 1: wfconnect: An export needs its columns named: list the fields instead of *.",
			run: func(c *caseRig) string { return c.cli("", "export", "keep", "proj", "--fields", "*") }},
		{name: "export/folder-as-output", want: "exit 1: wfconnect: {dir} is a folder: name the file to export to.",
			run: func(c *caseRig) string { return c.cli("", "export", "keep", "proj", "--fields", "name", "-o", "{dir}") }},
		{name: "export/missing-folder", want: "exit 1: wfconnect: The folder of {dir}/nosuch/p.csv does not exist.",
			run: func(c *caseRig) string {
				return c.cli("", "export", "keep", "proj", "--fields", "name", "-o", "{dir}/nosuch/p.csv")
			}},
		{name: "export/unknown-field", want: "exit 1: wfconnect: The export stopped after 0 of 300 rows: Workfront said: APIModel V22_0 does not support field budgt (Project) (422) Nothing was written at {dir}/p.csv.",
			run: func(c *caseRig) string {
				return c.cli("", "export", "keep", "proj", "--fields", "name,budgt", "-o", "{dir}/p.csv")
			}},
		{name: "export/disk-full", changes: "file",
			want: "exit 1: wfconnect: The disk is full, so the export could not be written; nothing was written at {dir}/p.csv. | left: none",
			run: func(c *caseRig) string {
				c.mountTmpfs("size=1m")
				c.fillDisk()
				said := c.cli("", "export", "keep", "proj", "--fields", "name,description,owner:name", "-o", "{dir}/p.csv")
				os.Remove(filepath.Join(c.dir, "filler"))
				left, _ := filepath.Glob(filepath.Join(c.dir, "*p.csv*"))
				if len(left) == 0 {
					return said + " | left: none"
				}
				return fmt.Sprintf("%s | left: %v", said, left)
			}},
		{name: "export/data-changed",
			want: "exit 4: wfconnect: The data changed during the export: Workfront counted 2300 rows at the start and 2315 at the end, and the export has 2305 (10 changed). Export again for an exact copy.",
			run: func(c *caseRig) string {
				// 2000 more projects (two pages), then 5 more among the IDs
				// before every project search: the second page then repeats
				// 5 rows of the first, and misses the 5 added behind it.
				c.sim.SetGrowth(1, 2000, false)
				c.cli("", "search", "keep", "proj", "--limit", "1")
				c.sim.SetGrowth(1, 5, true)
				defer c.sim.SetGrowth(0, 0, false)
				return c.cli("", "export", "keep", "proj", "--fields", "name", "-o", "{dir}/p.csv", "--concurrency", "1")
			}},
		{name: "export/429-until-retries-run-out",
			want: "exit 1: wfconnect: The export stopped before the first row: Workfront is limiting requests (429 Too Many Requests); try again in a moment. Nothing was written at {dir}/p.csv. | left: none",
			run: func(c *caseRig) string {
				c.sim.SetThrottle(1, "")
				said := c.cli("", "export", "keep", "proj", "--fields", "name", "-o", "{dir}/p.csv")
				c.sim.SetThrottle(0, "")
				if left, _ := filepath.Glob(filepath.Join(c.dir, "*p.csv*")); len(left) > 0 {
					return fmt.Sprintf("%s | left: %v", said, left)
				}
				return said + " | left: none"
			}},
		{name: "report/no-group-by", want: "exit 2: wfconnect: report needs --group-by FIELD, like --group-by status or --group-by owner:name",
			run: func(c *caseRig) string { return c.usage("report", "keep", "proj") }},
		{name: "report/bad-aggregate", want: `exit 2: wfconnect: --agg: "median:hours" is not an aggregate: write FUNC:FIELD, where FUNC is sum, avg, min, max, count or dcount (like sum:hours).`,
			run: func(c *caseRig) string {
				return c.usage("report", "keep", "hour", "--group-by", "project:name", "--agg", "median:hours")
			}},
		{name: "report/unknown-field", want: "exit 1: wfconnect: Workfront said: APIModel V22_0 does not support field budgt (Project) (422)",
			run: func(c *caseRig) string { return c.cli("", "report", "keep", "proj", "--group-by", "budgt") }},

		// The browser.
		{name: "browser/none-installed", want: "Could not open a browser: none was found (xdg-open, x-www-browser or www-browser). Open the link above yourself. | exit 0",
			run: func(c *caseRig) string { return c.loginWithoutBrowser() }, changes: "tokens"},
	}
}

// TestTroubleshooting keeps the README's Troubleshooting table true: each
// message it quotes must be what some catalogue case shows (pieces between
// "…" in order), and the common problems must be in it.
func TestTroubleshooting(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, found := strings.Cut(string(readme), "## Troubleshooting")
	if !found {
		t.Fatal("the README has no Troubleshooting section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	rows := regexp.MustCompile(`(?m)^\| \*(.+?)\* \|`).FindAllStringSubmatch(section, -1)
	if len(rows) < 20 {
		t.Fatalf("only %d rows in Troubleshooting", len(rows))
	}
	cases := catalogue()
	documented := map[string]bool{}
	for _, row := range rows {
		quote := row[1]
		matched := false
		for _, bc := range cases {
			if containsInOrder(bc.want, strings.Split(quote, "…")) {
				matched, documented[bc.name] = true, true
			}
		}
		if !matched {
			t.Errorf("the README quotes %q, which no catalogue case shows", quote)
		}
	}
	for _, name := range []string{"keyring/absent", "keyring/slow", "redirect/port-in-use", "domain/not-workfront",
		"paste/garbage", "paste/wrong-state", "code/expired-before-exchange", "callback/consent-denied",
		"client-secret/wrong", "token/html", "api/session-revoked", "api/429-until-retries-run-out",
		"profiles/damaged", "profiles/newer-schema", "profiles/disk-full", "profiles/read-only-disk", "browser/none-installed",
		"callback/no-state", "callback/refused-is-said-at-once", "callback/foreign-host-header", "token/pkce-refused", "token/unknown-type",
		"token/line-break-in-access-token", "api/redirect-to-another-host", "profiles/symlink", "profiles/duplicate-names",
		"profiles/planted-local-http-host", "profiles/config-dir-of-another-user"} {
		if !documented[name] {
			t.Errorf("the README's Troubleshooting does not explain the case %s", name)
		}
	}
}

func containsInOrder(s string, pieces []string) bool {
	for _, p := range pieces {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return true
}
