package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/wfsim"
)

// evil is what a hostile Workfront or a planted profiles file sends to a
// terminal: a title change (OSC ... BEL), a screen clear (CSI), a C1 CSI,
// a bidi override and a line break that would fake a line of output.
const evil = "\x1b]0;pwned\x07\x1b[2J\u009b31m\u202eX\nwfconnect: fake"

// escapesIn reports the first character a terminal would act on, outside
// the line breaks and tabs of the output's own layout.
func escapesIn(s string) (rune, bool) {
	for _, r := range s {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f) ||
			(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == utf8.RuneError {
			return r, true
		}
	}
	return 0, false
}

func jsonText(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestNoTerminalEscapesInOutput: what the server sends (names, owners, the
// user, /session's version, the WID) and what the profiles file holds (a
// name, a host) reaches no command's output for people with its escapes;
// the faked line break does not make a line of its own.
func TestNoTerminalEscapesInOutput(t *testing.T) {
	r := newRig(t, wfsim.Options{Projects: 20})
	r.addProfile("acme", "form")
	if _, errOut, code := r.run("", "login", "acme"); code != 0 {
		t.Fatalf("login: exit %d: %s", code, errOut)
	}
	e := jsonText(evil)
	search := wfsim.Answer{ContentType: "application/json", Body: `{"data":[{"ID":"e1","objCode":"PROJ","name":` + e +
		`,"status":` + e + `,"owner":{"ID":"u1","name":` + e + `},"percentComplete":1}]}`}
	session := wfsim.Answer{ContentType: "application/json", Body: `{"data":{"userID":` + e + `,"ID":` + e + `,"name":` + e +
		`,"emailAddr":` + e + `,"objCode":"PROJ","versionInformation":{"currentAPI":` + e + `,"apiVersions":{"v22.0":` + e + `}}}}`}
	check := func(what string, stdout, stderr string) {
		t.Helper()
		for _, out := range []string{stdout, stderr} {
			if r, bad := escapesIn(out); bad {
				t.Errorf("%s printed %U:\n%q", what, r, out)
			}
			for _, line := range strings.Split(out, "\n") {
				if strings.HasPrefix(line, "wfconnect: fake") {
					t.Errorf("%s printed the faked line:\n%q", what, out)
				}
			}
		}
	}
	for _, args := range [][]string{
		{"projects", "acme", "--limit", "2"}, {"search", "acme", "proj", "--limit", "2"},
		{"search", "acme", "proj", "--fields", "name,status,owner:name", "--limit", "2"},
		{"find", "acme", "e1"}, {"get", "acme", "proj", "e1"}, {"whoami", "acme"},
	} {
		for _, a := range []wfsim.Answer{search, session} {
			r.sim.SetAPIAnswers(a, 50)
			stdout, stderr, _ := r.run("", args...)
			check(strings.Join(args, " "), stdout, stderr)
		}
	}
	r.sim.SetAPIAnswers(wfsim.Answer{}, 0)
	// The WID, as the token answer left it in the keyring.
	v := store.Vault{Secrets: r.secrets}
	blob, _, _ := v.LoadTokens("acme")
	var ts auth.TokenSet
	json.Unmarshal(blob, &ts)
	ts.WID = evil
	blob, _ = json.Marshal(&ts)
	v.SaveTokens("acme", blob)
	stdout, stderr, _ := r.run("", "status", "acme")
	if !strings.Contains(stdout, "WID:") {
		t.Errorf("status shows no WID:\n%s", stdout)
	}
	check("status", stdout, stderr)
	// A name and a host planted in the profiles file.
	path := filepath.Join(r.dir, "profiles.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	planted := strings.Replace(string(raw), `"acme"`, e, 1)
	if err := os.WriteFile(path, []byte(planted), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"profile", "list"}, {"status"}} {
		stdout, stderr, _ := r.run("", args...)
		check(strings.Join(args, " ")+" with a planted name", stdout, stderr)
	}
}
