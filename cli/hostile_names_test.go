package cli

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/wfsim"
)

// hostileName is a field name, label or value a hostile Workfront sends:
// evil's escapes and faked line, and what hides or reorders text (zero
// width, bidi isolates and marks), a CR and a backspace.
const hostileName = evil + "\u200b\u2066\u061c\u200f\r\bX\ufeff"

// hostileWorkfront is a plain-http server on 127.0.0.1 in front of wfsim
// (frontServer) that answers the metadata and the searches of projects
// itself, with hostile names, labels and enum labels everywhere.
func hostileWorkfront(t *testing.T, sim *wfsim.Sim) *httptest.Server {
	t.Helper()
	e := jsonText(hostileName)
	field := `{"label":` + e + `,"fieldType":"string","enumType":` + e + `,"flags":["FILTERABLE","SORTABLE"],` +
		`"possibleValues":[{"value":"CUR","label":` + e + `},{"value":` + e + `,"label":` + e + `}]}`
	ref := `{"label":` + e + `,"typeObjCode":"USER","fieldType":"User","url":null}`
	return frontServer(t, sim, map[string]string{
		"/metadata": `{"data":{"objects":{` + e + `:{"objCode":"PROJ","name":` + e + `,"label":` + e + `}}}}`,
		"/proj/metadata": `{"data":{"objCode":"PROJ","name":` + e + `,"label":` + e + `,"fields":{"name":` + field + `,"status":` + field + `,` + e + `:` + field +
			`},"references":{` + e + `:` + ref + `},"collections":{` + e + `:` + ref + `}}}`,
		"/proj/search": `{"data":[{"ID":"e1","objCode":` + e + `,"name":` + e + `,"status":` + e + `,"percentComplete":1,` + e + `:` + e +
			`,"owner":{"ID":"u1","name":` + e + `,` + e + `:` + e + `}}]}`,
	})
}

// frontServer is a plain-http server on 127.0.0.1 in front of sim: an API
// path ending in one of answers' keys (/attask/api/VERSION then the key)
// gets its JSON, everything else (the sign-in among it) goes to sim.
func frontServer(t *testing.T, sim *wfsim.Sim, answers map[string]string) *httptest.Server {
	t.Helper()
	target, _ := url.Parse(sim.URL())
	proxy := httputil.NewSingleHostReverseProxy(target)
	direct := proxy.Director
	proxy.Director = func(r *http.Request) { direct(r); r.Host = target.Host } // wfsim answers its own name only
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for suffix, body := range answers {
			if strings.HasPrefix(r.URL.Path, "/attask/api/") && strings.HasSuffix(strings.ToLower(r.URL.Path), suffix) &&
				strings.Count(r.URL.Path, "/") == strings.Count("/attask/api/v"+suffix, "/") {
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprint(w, body)
				return
			}
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// addFront adds the connection name to front, signed in: a direct
// connection to wfsim signs in and hands it its tokens (the sign-in is
// not what these tests test).
func (r *rig) addFront(name string, front *httptest.Server) {
	r.t.Helper()
	redirect := fmt.Sprintf(loopbackRedirect, freePort(r.t))
	r.sim.AddRedirectURI(redirect)
	if _, errOut, code := r.run(r.sim.WebClientSecret()+"\n", "profile", "add", name, "--domain", front.URL, "--redirect-uri", redirect,
		"--client-id", r.sim.WebClientID(), "--client-secret-stdin"); code != 0 {
		r.t.Fatalf("profile add: %s", errOut)
	}
	r.addProfile(name+"-direct", "form")
	if _, errOut, code := r.run("", "login", name+"-direct"); code != 0 {
		r.t.Fatalf("login: %s", errOut)
	}
	blob, _, _ := r.secrets.Get(name + "-direct/tokens")
	r.secrets.Set(name+"/tokens", blob)
}

// terminalActsOn reports the first character of out a terminal would act
// on or that hides or reorders text, outside the output's own line breaks
// and tabs.
func terminalActsOn(out string) (rune, bool) {
	if r, bad := escapesIn(out); bad {
		return r, true
	}
	for _, r := range out {
		if msg.Invisible(r) || r == 0x2028 || r == 0x2029 {
			return r, true
		}
	}
	return 0, false
}

// TestHostileFieldNamesNeverReachTheTerminal: field names, labels, enum
// labels and values from a hostile Workfront's /metadata and searches,
// through the CLI's real commands in every output form (table, CSV and
// --json, which escapes), reach neither stdout nor stderr with a
// character a terminal acts on, nor fake a line of their own.
func TestHostileFieldNamesNeverReachTheTerminal(t *testing.T) {
	r := newRig(t, wfsim.Options{Projects: 20})
	srv := hostileWorkfront(t, r.sim)
	r.addFront("hostile", srv)
	for _, args := range [][]string{
		{"metadata", "hostile"}, {"metadata", "hostile", "--json"},
		{"metadata", "hostile", "proj"}, {"metadata", "hostile", "proj", "--json"},
		{"search", "hostile", "proj", "--fields", "name,status,owner"}, {"search", "hostile", "proj", "--fields", "name,owner", "--csv"},
		{"search", "hostile", "proj", "--fields", "name,owner", "--json"}, {"search", "hostile", "proj", "--all", "--csv"},
		{"projects", "hostile"}, {"projects", "hostile", "--json"}, {"find", "hostile", "e1"},
		{"report", "hostile", "proj", "--group-by", "status"}, {"report", "hostile", "proj", "--group-by", "status", "--json"},
		{"whoami", "hostile"}, {"status", "hostile"},
	} {
		stdout, stderr, code := r.run("", args...)
		what := strings.Join(args, " ")
		for _, out := range []string{stdout, stderr} {
			if c, bad := terminalActsOn(out); bad {
				t.Errorf("%s (exit %d) printed %U:\n%q", what, code, c, out)
			}
			for _, line := range strings.Split(out, "\n") {
				// CSV keeps a value's line break, inside the quotes it puts
				// around the value (the data, not a line of its own).
				if strings.HasPrefix(line, "wfconnect: fake") && !slices.Contains(args, "--csv") {
					t.Errorf("%s printed the faked line:\n%q", what, out)
				}
			}
		}
		if code != 0 && !strings.HasPrefix(args[0], "find") {
			t.Logf("%s: exit %d: %s", what, code, stderr)
		}
	}
}

// TestExportCutCellsExitsZero: an XLSX export whose only difference from
// what Workfront sent is a cell cut to Excel's 32,767 characters is
// complete: exit 0, the file written, the cut said on stderr.
func TestExportCutCellsExitsZero(t *testing.T) {
	r := newRig(t, wfsim.Options{Projects: 5})
	long := strings.Repeat("x", 40000)
	front := frontServer(t, r.sim, map[string]string{
		"/proj/count":  `{"data":{"count":1}}`,
		"/proj/search": `{"data":[{"ID":"p1","objCode":"PROJ","name":"` + long + `"}]}`,
	})
	r.addFront("long", front)
	path := filepath.Join(t.TempDir(), "p.xlsx")
	_, errOut, code := r.run("", "export", "long", "proj", "--fields", "name", "-o", path)
	if code != ExitOK || !strings.Contains(errOut, "wfconnect: 1 cells held more than 32,767 characters") || !strings.Contains(errOut, "Exported 1 rows") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	if st, err := os.Stat(path); err != nil || st.Size() == 0 {
		t.Errorf("no workbook: %v", err)
	}
}
