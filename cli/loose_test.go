package cli

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/wfsim"
)

// plantToken replaces the stored access token of profile.
func (r *rig) plantToken(profile, token string) {
	r.t.Helper()
	v := store.Vault{Secrets: r.secrets}
	blob, found, err := v.LoadTokens(profile)
	if err != nil || !found {
		r.t.Fatalf("the stored sign-in of %s: found %v, %v", profile, found, err)
	}
	var ts auth.TokenSet
	if err := json.Unmarshal(blob, &ts); err != nil {
		r.t.Fatal(err)
	}
	ts.AccessToken = token
	blob, _ = json.Marshal(&ts)
	if err := v.SaveTokens(profile, blob); err != nil {
		r.t.Fatal(err)
	}
}

// TestTokenRefusesLineBreaks: a stored token holding CR or LF is not
// printed (it would inject a header or a line into whatever uses it); the
// command says why and what to run.
func TestTokenRefusesLineBreaks(t *testing.T) {
	r := newRig(t, wfsim.Options{Projects: 5})
	r.addProfile("acme", "form")
	if _, errOut, code := r.run("", "login", "acme"); code != 0 {
		t.Fatalf("login: exit %d: %s", code, errOut)
	}
	for _, tok := range []string{"abc\r\nX-Injected: 1", "abc\ndef", "abc\rdef", "abc\x00def"} {
		r.plantToken("acme", tok)
		stdout, stderr, code := r.run("", "token", "acme")
		if code == 0 || stdout != "" || !strings.Contains(stderr, "control character") || !strings.Contains(stderr, "wfconnect login acme") {
			t.Errorf("token %q: exit %d, printed %q: %s", tok, code, stdout, stderr)
		}
	}
}

// TestShellHintsQuoteNames: the commands the CLI suggests (Next: wfconnect
// login NAME, the $(wfconnect token NAME) header lines) quote the name so
// that a shell reads it back as it is, whatever it holds.
func TestShellHintsQuoteNames(t *testing.T) {
	r := newRig(t, wfsim.Options{Projects: 5})
	redirect := r.addProfile("plain", "form")
	for _, name := range []string{"a;id", "x|y", "$(id)", "a&b", "a>b", "~x", "*", "a b", "it's", "#x", "a(b)", "ä"} {
		_, stderr, code := r.run(r.sim.WebClientSecret()+"\n", "profile", "add", name, "--domain", r.sim.URL(), "--client-id", r.sim.WebClientID(),
			"--redirect-uri", redirect, "--client-secret-stdin")
		if code != 0 {
			continue // a name refused at creation needs no quoting
		}
		_, hint, _ := strings.Cut(strings.TrimSpace(stderr), "Next: ")
		if got := shellWords(t, hint); len(got) != 3 || got[2] != name {
			t.Errorf("profile add %q hints %q, which a shell reads as %q", name, hint, got)
		}
		out, _, _ := r.run("", "status", name)
		_, next, _ := strings.Cut(out, "Next: ")
		if got := shellWords(t, strings.TrimSpace(next)); len(got) != 3 || got[2] != name {
			t.Errorf("status %q hints %q, which a shell reads as %q", name, next, got)
		}
	}
}

// TestSearchAllStopsAtTheCount: with --all, a Workfront that keeps sending
// full pages (its projects grow by a page before every search) is read up
// to the count it gave at the start, and the command says it stopped.
func TestSearchAllStopsAtTheCount(t *testing.T) {
	r := newRig(t, wfsim.Options{Projects: 2500})
	r.addProfile("acme", "form")
	if _, errOut, code := r.run("", "login", "acme"); code != 0 {
		t.Fatalf("login: exit %d: %s", code, errOut)
	}
	r.sim.SetGrowth(1, 2000, false)
	type result struct {
		stdout, stderr string
		code           int
	}
	done := make(chan result, 1)
	go func() {
		stdout, stderr, code := r.run("", "search", "acme", "proj", "--all", "--csv", "--fields", "ID")
		done <- result{stdout, stderr, code}
	}()
	select {
	case res := <-done:
		rows := strings.Count(res.stdout, "\n") - 1 // the header
		if res.code != 0 || rows != 2500 || !strings.Contains(res.stderr, "counted at the start, so the search stopped at 2500") {
			t.Errorf("search --all: exit %d, %d rows: %s", res.code, rows, res.stderr)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("search --all kept reading a Workfront that never stops (%d projects added)", r.sim.Added())
	}
}

// TestProjectsCustomStatus: --status takes a status the instance's own
// project metadata lists (a custom one), by code or by name, and sends it
// to Workfront. The metadata comes as a raw answer of the simulator (its
// sample instance has no custom status), the search from the simulator.
func TestProjectsCustomStatus(t *testing.T) {
	r := newRig(t, wfsim.Options{Projects: 20})
	r.addProfile("acme", "form")
	if _, errOut, code := r.run("", "login", "acme"); code != 0 {
		t.Fatalf("login: exit %d: %s", code, errOut)
	}
	meta := wfsim.Answer{ContentType: "application/json", Body: `{"data":{"objCode":"PROJ","name":"Project","label":"Project","fields":{` +
		`"status":{"label":"Status","fieldType":"string","enumType":"com.attask.common.constants.ProjectStatusEnum",` +
		`"possibleValues":[{"value":"CUR","label":"Current"},{"value":"LEG","label":"Waiting on Legal"}]}}}}`}
	for _, status := range []string{"LEG", "waiting on legal", "CUR,leg"} {
		os.RemoveAll(filepath.Join(r.dir, "cache")) // the metadata is read again each time
		r.sim.SetAPIAnswers(meta, 1)
		_, stderr, code := r.run("", "projects", "acme", "--status", status, "--json")
		if code != 0 {
			t.Errorf("--status %q: exit %d: %s", status, code, stderr)
			continue
		}
		if last := r.sim.Requests()[len(r.sim.Requests())-1]; !strings.Contains(last.Path, "search") {
			t.Errorf("--status %q: the last request was %s", status, last.Path)
		}
	}
	os.RemoveAll(filepath.Join(r.dir, "cache"))
	r.sim.SetAPIAnswers(meta, 1)
	if _, stderr, code := r.run("", "projects", "acme", "--status", "LEGAL"); code != ExitError || !strings.Contains(stderr, "LEG (Waiting on Legal)") {
		t.Errorf("--status LEGAL: exit %d: %s", code, stderr)
	}
}

// TestStatusStalledKeyringOneDeadline: with a keyring that never answers,
// status reads six connections at once: with the keyring's own 3 s
// timeout it takes about 3 s, not 18; without one, the command's deadline
// ends it and says so for each.
func TestStatusStalledKeyringOneDeadline(t *testing.T) {
	r := newRig(t, wfsim.Options{Projects: 5})
	for i := range 6 {
		r.addProfile(fmt.Sprintf("p%d", i), "spa")
	}
	for _, tc := range []struct {
		wrap  func(store.Secrets) store.Secrets
		most  time.Duration
		words string
	}{
		{func(s store.Secrets) store.Secrets { return store.WithTimeout(hangingSecrets{s}, 3*time.Second) }, 4500 * time.Millisecond, "keyring"},
		{func(s store.Secrets) store.Secrets { return hangingSecrets{s} }, statusDeadline + 1500*time.Millisecond, "could not be read within 5s"},
	} {
		r.wrapSecrets = tc.wrap
		done := make(chan string, 1)
		start := time.Now()
		go func() { _, stderr, _ := r.run("", "status"); done <- stderr }()
		select {
		case stderr := <-done:
			if took := time.Since(start); took > tc.most || strings.Count(stderr, tc.words) < 6 {
				t.Errorf("status of 6 connections on a stalled keyring took %s (at most %s):\n%s", took, tc.most, stderr)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("status on a stalled keyring did not end in 30 s")
		}
	}
}

// TestSlowWorkfrontHasOneDeadline: a Workfront whose count answer comes at
// 1 byte a second (a test server in front of the simulator, which has no
// such knob, trickles it; everything else is the simulator's) stops count
// at the command's deadline, and the message says so, instead of waiting
// out each attempt's own timeout.
func TestSlowWorkfrontHasOneDeadline(t *testing.T) {
	r := newRig(t, wfsim.Options{Projects: 5})
	stop := make(chan struct{})
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if !strings.HasSuffix(req.URL.Path, "/count") {
			r.sim.Handler().ServeHTTP(w, req)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "1000")
		for i := 0; i < 1000; i++ {
			w.Write([]byte(" "))
			w.(http.Flusher).Flush()
			select {
			case <-time.After(time.Second):
			case <-req.Context().Done():
				return
			case <-stop:
				return
			}
		}
	}))
	defer front.Close()
	defer close(stop)
	redirect := fmt.Sprintf(loopbackRedirect, freePort(t))
	r.sim.AddRedirectURI(redirect)
	if _, errOut, code := r.run(r.sim.WebClientSecret()+"\n", "profile", "add", "slow", "--domain", front.URL, "--client-id", r.sim.WebClientID(),
		"--redirect-uri", redirect, "--client-secret-stdin"); code != 0 {
		t.Fatalf("profile add: exit %d: %s", code, errOut)
	}
	if _, errOut, code := r.run("", "login", "slow"); code != 0 {
		t.Fatalf("login: exit %d: %s", code, errOut)
	}
	saved := commandDeadline
	commandDeadline = 2 * time.Second
	defer func() { commandDeadline = saved }()
	done := make(chan string, 1)
	start := time.Now()
	go func() { _, stderr, _ := r.run("", "count", "slow", "proj"); done <- stderr }()
	select {
	case stderr := <-done:
		if took := time.Since(start); took > 5*time.Second || !strings.Contains(stderr, "did not finish answering within 2s, the most wfconnect count waits") {
			t.Errorf("count on a trickling Workfront: %s after %s", stderr, took)
		}
	case <-time.After(40 * time.Second):
		t.Fatal("count on a trickling Workfront did not end in 40 s")
	}
}

// TestLogoutIMSEitherWay: whether Workfront's /logout ends an IMS token is
// not documented. When it does, logout says the session ended; when the
// token still works afterwards, logout forgets it all the same, says that
// it stays valid until it expires, and exits 0.
func TestLogoutIMSEitherWay(t *testing.T) {
	for _, ends := range []bool{true, false} {
		r := newRig(t, wfsim.Options{Projects: 5})
		r.sim.SetLogoutEndsIMSToken(ends)
		r.addIMS("cloud")
		tok, errOut, code := r.run("", "token", "cloud")
		if code != 0 {
			t.Fatalf("token: exit %d: %s", code, errOut)
		}
		tok = strings.TrimSpace(tok)
		_, stderr, code := r.run("", "logout", "cloud")
		works := sessionStatus(t, r.sim, "Authorization", "Bearer "+tok, "x-gw-ims-org-id", r.sim.IMSOrgID()) == http.StatusOK
		if code != 0 || works == ends {
			t.Errorf("/logout ends IMS tokens %v: exit %d, the token works after: %v: %s", ends, code, works, stderr)
		}
		said := strings.Contains(stderr, "did not end its Adobe IMS token, which stays valid until")
		if said == ends || ends != strings.Contains(stderr, "Ended the session at Workfront") {
			t.Errorf("/logout ends IMS tokens %v: logout said %q", ends, stderr)
		}
		if st := r.statusJSON("cloud"); st["state"] != "not_connected" {
			t.Errorf("/logout ends IMS tokens %v: status after logout %v", ends, st)
		}
	}
}
