package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/wfsim"
)

// TestNoSecretLeaks goes through a whole journey with --verbose (add, login,
// refresh, projects, status, logout) and then looks for the client secret and
// every access and refresh token in the config directory, in every command's
// output except `token`'s, and in the arguments of every command.
func TestNoSecretLeaks(t *testing.T) {
	r := newRig(t, wfsim.Options{Rotation: true})
	var outputs, args []string
	var tokens []string
	run := func(stdin string, a ...string) string {
		a = append([]string{"--verbose"}, a...)
		args = append(args, a...)
		out, errOut, code := r.run(stdin, a...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", a, code, errOut)
		}
		outputs = append(outputs, errOut)
		if a[1] != "token" {
			outputs = append(outputs, out)
		}
		return out
	}
	r.addProfile("leak", "form")
	run("", "login", "leak")
	collect := func() {
		if blob, ok, _ := r.secrets.Get("leak/tokens"); ok {
			var ts auth.TokenSet
			json.Unmarshal([]byte(blob), &ts)
			tokens = append(tokens, ts.AccessToken, ts.RefreshToken)
		}
	}
	collect()
	r.sim.ExpireAccessTokens()
	run("", "projects", "leak", "--limit", "3") // a 401, a refresh (rotation), a retry
	collect()
	tokens = append(tokens, strings.TrimSpace(run("", "token", "leak")))
	run("", "projects", "leak", "--all", "--json")
	run("", "status", "--json")
	run("", "profile", "list", "--json")
	run("", "logout", "leak")

	secrets := append([]string{r.sim.WebClientSecret()}, tokens...)
	var files []string
	filepath.Walk(r.dir, func(path string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			b, _ := os.ReadFile(path)
			files = append(files, string(b))
		}
		return nil
	})
	if len(files) == 0 || !strings.Contains(strings.Join(outputs, ""), "proj/search") {
		t.Fatal("nothing to scan: the journey did not run")
	}
	for _, s := range secrets {
		if len(s) < 16 {
			t.Fatalf("a secret %q is too short to search for", s)
		}
		for where, texts := range map[string][]string{"config dir": files, "output": outputs, "arguments": args} {
			for _, text := range texts {
				if strings.Contains(text, s) {
					t.Errorf("a secret (%s…) appears in the %s", s[:4], where)
				}
			}
		}
	}
	t.Logf("scanned %d files, %d outputs, %d arguments for %d secrets", len(files), len(outputs), len(args), len(secrets))
}
