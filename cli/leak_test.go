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

// TestNoSecretLeaksJWTAndIMS does the same for a Machine to Machine and an
// IMS journey: the client secrets, the private key (any line of its PEM)
// and every token stay out of the config directory, the outputs (but
// token's) and the arguments.
func TestNoSecretLeaksJWTAndIMS(t *testing.T) {
	r := newRig(t, wfsim.Options{Projects: 30})
	var outputs, args, tokens []string
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
	collect := func(name string) {
		if blob, ok, _ := r.secrets.Get(name + "/tokens"); ok {
			var ts auth.TokenSet
			json.Unmarshal([]byte(blob), &ts)
			tokens = append(tokens, ts.AccessToken)
		}
	}
	pub := run(r.sim.JWTClientSecret()+"\n", "profile", "add", "m2m", "--kind", "jwt", "--domain", r.sim.URL(), "--client-id", r.sim.JWTClientID(),
		"--customer-id", r.sim.CustomerID(), "--user-id", r.sim.SignedInUserID(), "--client-secret-stdin")
	registerKey(t, r.sim, pub)
	run("", "login", "m2m")
	collect("m2m")
	r.sim.ExpireAccessTokens()
	run("", "projects", "m2m", "--limit", "3") // a 401 and a new JWT
	collect("m2m")
	tokens = append(tokens, strings.TrimSpace(run("", "token", "m2m")))
	run("", "whoami", "m2m", "--json")
	run("", "profile", "pubkey", "m2m")
	run(r.sim.IMSClientSecret()+"\n", "profile", "add", "cloud", "--kind", "ims", "--domain", r.sim.URL(), "--client-id", r.sim.IMSClientID(),
		"--ims-org", r.sim.IMSOrgID(), "--ims-url", r.sim.URL(), "--client-secret-stdin")
	run("", "login", "cloud")
	collect("cloud")
	run("", "projects", "cloud", "--all", "--json")
	tokens = append(tokens, strings.TrimSpace(run("", "token", "cloud")))
	run("", "status", "--json")
	run("", "status")
	run("", "profile", "list", "--json")
	key, found, _ := r.secrets.Get("m2m/private-key")
	if !found || !strings.Contains(key, "PRIVATE KEY") {
		t.Fatal("the private key is not in the keyring")
	}
	run("", "logout", "m2m")
	run("", "logout", "cloud")

	secrets := append([]string{r.sim.JWTClientSecret(), r.sim.IMSClientSecret()}, tokens...)
	for _, line := range strings.Split(key, "\n") {
		if len(line) >= 16 && !strings.HasPrefix(line, "-----") {
			secrets = append(secrets, line)
		}
	}
	var files []string
	filepath.Walk(r.dir, func(path string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			b, _ := os.ReadFile(path)
			files = append(files, string(b))
		}
		return nil
	})
	joined := strings.Join(outputs, "")
	if len(files) == 0 || !strings.Contains(joined, "proj/search") || !strings.Contains(joined, "jwt/exchange") || !strings.Contains(joined, "/ims/token/v3") {
		t.Fatal("nothing to scan: the journeys did not run")
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
