package cli

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wfconnect/wfconnect/wfsim"
)

// addJWT adds a Machine to Machine profile for the rig's simulator; extra
// flags replace nothing (give --user-id … to override the default user).
func (r *rig) addJWT(name string, extra ...string) (pubkey, errOut string, code int) {
	r.t.Helper()
	args := []string{"profile", "add", name, "--kind", "jwt", "--domain", r.sim.URL(), "--client-id", r.sim.JWTClientID(),
		"--customer-id", r.sim.CustomerID(), "--client-secret-stdin"}
	if !strings.Contains(strings.Join(extra, " "), "--user-id") {
		args = append(args, "--user-id", r.sim.SignedInUserID())
	}
	out, errOut, code := r.run(r.sim.JWTClientSecret()+"\n", append(args, extra...)...)
	return out, errOut, code
}

// addIMS adds an IMS server-to-server profile whose IMS is the simulator.
func (r *rig) addIMS(name string, extra ...string) {
	r.t.Helper()
	args := append([]string{"profile", "add", name, "--kind", "ims", "--domain", r.sim.URL(), "--client-id", r.sim.IMSClientID(),
		"--ims-org", r.sim.IMSOrgID(), "--ims-url", r.sim.URL(), "--client-secret-stdin"}, extra...)
	if _, errOut, code := r.run(r.sim.IMSClientSecret()+"\n", args...); code != 0 {
		r.t.Fatalf("profile add %s: exit %d: %s", name, code, errOut)
	}
}

// registerKey posts a public key to the simulator, as the demo and
// scripts do.
func registerKey(t *testing.T, sim *wfsim.Sim, pub string) {
	t.Helper()
	resp, err := http.Post(sim.URL()+wfsim.PublicKeysPath, "application/x-pem-file", strings.NewReader(pub))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("registering the public key: %s", resp.Status)
	}
}

// sessionStatus asks the simulator's /session with a sessionID, as any
// script would, and returns the HTTP status.
func sessionStatus(t *testing.T, sim *wfsim.Sim, header, value string, more ...string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, sim.URL()+"/attask/api/v21.0/session", nil)
	req.Header.Set(header, value)
	for i := 0; i+1 < len(more); i += 2 {
		req.Header.Set(more[i], more[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestJWTJourney: a Machine to Machine profile gets a key pair, prints its
// public key, signs in without a browser, renews by itself after a 401 and
// after its session's known expiry, says who it is, and logs out at
// Workfront.
func TestJWTJourney(t *testing.T) {
	life := 60 // aged past below, within the JWT's own life (auth.JWTLifetime)
	r := newRig(t, wfsim.Options{Projects: 50, ExpiresIn: &life})
	pub, errOut, code := r.addJWT("nightly")
	if code != 0 || !strings.HasPrefix(pub, "-----BEGIN PUBLIC KEY-----") || !strings.Contains(errOut, "Paste this public key into Workfront") {
		t.Fatalf("profile add: exit %d\n%s\n%s", code, pub, errOut)
	}
	if again, _, _ := r.run("", "profile", "pubkey", "nightly"); again != pub {
		t.Errorf("profile pubkey printed another key:\n%s", again)
	}
	registerKey(t, r.sim, pub)
	if _, errOut, code := r.run("", "login", "nightly", "--no-browser"); code != 0 || !strings.Contains(errOut, `Connected "nightly"`) {
		t.Fatalf("login: exit %d: %s", code, errOut)
	}
	if n := r.sim.CountGrant("jwt"); n != 1 {
		t.Errorf("%d JWT exchanges for a login, want 1", n)
	}
	st := r.statusJSON("nightly")
	if st["state"] != "connected" || st["kind"] != "jwt" || st["token_header"] != "sessionID" || st["has_refresh_token"] != false {
		t.Errorf("status %v", st)
	}
	// A 401: a new JWT, by itself, then the retry.
	r.sim.ExpireAccessTokens()
	if _, errOut, code := r.run("", "projects", "nightly", "--limit", "2"); code != 0 {
		t.Fatalf("projects after the session ended: exit %d: %s", code, errOut)
	}
	if n := r.sim.CountGrant("jwt"); n != 2 {
		t.Errorf("%d JWT exchanges after a 401, want 2", n)
	}
	// The known expiry: token renews before using it.
	old, _, _ := r.run("", "token", "nightly")
	r.age("nightly", 61*time.Second)
	if st := r.statusJSON("nightly"); st["state"] != "expired" {
		t.Errorf("status after expiry: %v", st)
	}
	if got := sessionStatus(t, r.sim, "sessionID", strings.TrimSpace(old)); got != http.StatusUnauthorized {
		t.Errorf("Workfront still takes the expired session: %d", got)
	}
	fresh, errOut, code := r.run("", "token", "nightly")
	if code != 0 || strings.TrimSpace(fresh) == "" || fresh == old {
		t.Fatalf("token after expiry: exit %d %q (old %q): %s", code, fresh, old, errOut)
	}
	if n := r.sim.CountGrant("jwt"); n != 3 {
		t.Errorf("%d JWT exchanges after expiry, want 3", n)
	}
	// whoami: the sub's user, an administrator (the simulator's first user).
	out, errOut, code := r.run("", "whoami", "nightly", "--json")
	if code != 0 {
		t.Fatalf("whoami: exit %d: %s", code, errOut)
	}
	var who whoamiJSON
	if err := json.Unmarshal([]byte(out), &who); err != nil {
		t.Fatal(err)
	}
	if who.UserID != r.sim.SignedInUserID() || who.Email != r.sim.SignedInUserEmail() || who.Admin == nil || !*who.Admin ||
		who.CurrentAPI != "v22.0" || len(who.APIVersions) != 3 || who.Environment != "simulated" || who.APIVersion != "v22.0" {
		t.Errorf("whoami %+v", who)
	}
	text, _, code := r.run("", "whoami", "nightly")
	if code != 0 || !strings.Contains(text, "Administrator:") || !strings.Contains(text, "Round trip:") || !strings.Contains(text, "Simulated") {
		t.Errorf("whoami:\n%s", text)
	}
	// logout ends the session at Workfront: the old sessionID gets a 401.
	tok := strings.TrimSpace(fresh)
	if got := sessionStatus(t, r.sim, "sessionID", tok); got != http.StatusOK {
		t.Fatalf("the session does not work before logout: %d", got)
	}
	if _, errOut, code := r.run("", "logout", "nightly"); code != 0 || !strings.Contains(errOut, "Ended the session at Workfront") {
		t.Fatalf("logout: exit %d: %s", code, errOut)
	}
	if got := sessionStatus(t, r.sim, "sessionID", tok); got != http.StatusUnauthorized {
		t.Errorf("the old sessionID got %d after logout, want 401", got)
	}
	// token signs in by itself when nothing is stored.
	if _, errOut, code := r.run("", "token", "nightly"); code != 0 {
		t.Errorf("token with no session: exit %d: %s", code, errOut)
	}
}

// TestJWTRefusals: a key Workfront does not know, a wrong User ID and a
// wrong Customer ID each get the message that says what to do.
func TestJWTRefusals(t *testing.T) {
	r := newRig(t, wfsim.Options{Projects: 10})
	if _, errOut, code := r.addJWT("unknown-key"); code != 0 {
		t.Fatal(errOut)
	}
	_, errOut, code := r.run("", "login", "unknown-key")
	if want := "wfconnect: Workfront does not know the key that signed the JWT of unknown-key. Paste this connection's public key (wfconnect profile pubkey unknown-key, or Copy in the app) into Workfront: Setup > System > OAuth2 Applications > the app > Public Keys."; code != 1 || strings.TrimSpace(errOut) != want {
		t.Errorf("unknown key: exit %d: %s", code, errOut)
	}
	pub, errOut, code := r.addJWT("wrong-sub", "--user-id", "0000000000000000000000000000dead")
	if code != 0 {
		t.Fatal(errOut)
	}
	registerKey(t, r.sim, pub)
	_, errOut, code = r.run("", "login", "wrong-sub")
	if !strings.Contains(errOut, "Workfront refused the User ID 0000000000000000000000000000dead of wrong-sub") || code != 1 {
		t.Errorf("wrong sub: exit %d: %s", code, errOut)
	}
	pub, errOut, code = r.addJWT("wrong-iss", "--customer-id", "nosuchcustomer")
	if code != 0 {
		t.Fatal(errOut)
	}
	registerKey(t, r.sim, pub)
	_, errOut, _ = r.run("", "login", "wrong-iss")
	if !strings.Contains(errOut, "Workfront refused the Customer ID nosuchcustomer of wrong-iss") {
		t.Errorf("wrong iss: %s", errOut)
	}
	if st := r.statusJSON("wrong-iss"); st["state"] != "not_connected" {
		t.Errorf("a refused exchange left state %v", st["state"])
	}
}

// TestJWTImportKey: --private-key-file takes PKCS#1 and PKCS#8 PEM, and
// refuses a public key with a message that says so.
func TestJWTImportKey(t *testing.T) {
	r := newRig(t, wfsim.Options{Projects: 10})
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pkcs1 := filepath.Join(dir, "pkcs1.pem")
	os.WriteFile(pkcs1, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}), 0o600)
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	pkcs8 := filepath.Join(dir, "pkcs8.pem")
	os.WriteFile(pkcs8, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600)
	pubDER, _ := x509.MarshalPKIXPublicKey(&key.PublicKey)
	public := filepath.Join(dir, "public.pem")
	os.WriteFile(public, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}), 0o600)

	first, errOut, code := r.addJWT("one", "--private-key-file", pkcs1)
	if code != 0 {
		t.Fatal(errOut)
	}
	second, errOut, code := r.addJWT("two", "--private-key-file", pkcs8)
	if code != 0 || first != second || first != string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER})) {
		t.Fatalf("the same key imported twice gave different public keys (exit %d: %s)", code, errOut)
	}
	registerKey(t, r.sim, first)
	if _, errOut, code := r.run("", "login", "two"); code != 0 {
		t.Errorf("login with an imported PKCS#8 key: exit %d: %s", code, errOut)
	}
	_, errOut, code = r.addJWT("three", "--private-key-file", public)
	if want := "wfconnect: --private-key-file: That is a public key or a certificate, not the private key. Import the private key; the public key is what goes into Workfront."; code != 1 || strings.TrimSpace(errOut) != want {
		t.Errorf("a public key: exit %d: %s", code, errOut)
	}
	_, errOut, code = r.run("", "profile", "add", "four", "--kind", "jwt", "--domain", r.sim.URL(), "--client-id", "x", "--redirect-uri", "https://example.com/cb")
	if code != 2 || !strings.Contains(errOut, "--redirect-uri does not apply to a jwt connection") {
		t.Errorf("a web flag on a jwt profile: exit %d: %s", code, errOut)
	}
}

// TestIMSJourney: an IMS profile gets a client-credentials token from the
// simulator's IMS, and its API calls carry the bearer token and the org
// header (the simulator refuses either one alone).
func TestIMSJourney(t *testing.T) {
	r := newRig(t, wfsim.Options{Projects: 20})
	r.addIMS("cloud")
	if _, errOut, code := r.run("", "login", "cloud"); code != 0 {
		t.Fatalf("login: exit %d: %s", code, errOut)
	}
	out, errOut, code := r.run("", "projects", "cloud", "--limit", "3")
	if code != 0 || len(strings.Split(strings.TrimSpace(out), "\n")) != 4 {
		t.Fatalf("projects: exit %d:\n%s\n%s", code, out, errOut)
	}
	tok, _, _ := r.run("", "token", "cloud")
	tok = strings.TrimSpace(tok)
	if got := sessionStatus(t, r.sim, "Authorization", "Bearer "+tok, wfsim.IMSOrgHeader, r.sim.IMSOrgID()); got != http.StatusOK {
		t.Errorf("bearer + org header: %d", got)
	}
	if got := sessionStatus(t, r.sim, "Authorization", "Bearer "+tok); got != http.StatusUnauthorized {
		t.Errorf("bearer without the org header: %d, want 401", got)
	}
	if n := r.sim.CountGrant("client_credentials"); n != 1 {
		t.Errorf("%d IMS token requests, want 1", n)
	}
	st := r.statusJSON("cloud")
	if st["kind"] != "ims" || st["token_header"] != "Authorization" || st["ims_org"] != r.sim.IMSOrgID() || st["state"] != "connected" {
		t.Errorf("status %v", st)
	}
	text, _, _ := r.run("", "status", "cloud")
	if !strings.Contains(text, "Token header: Authorization: Bearer $(wfconnect token cloud), with x-gw-ims-org-id: "+r.sim.IMSOrgID()) {
		t.Errorf("status does not say where the token goes:\n%s", text)
	}
	out, _, code = r.run("", "whoami", "cloud", "--json")
	var who whoamiJSON
	if json.Unmarshal([]byte(out), &who); code != 0 || who.UserID != r.sim.TechnicalAccountID() || who.Admin == nil || *who.Admin {
		t.Errorf("whoami: exit %d: %s", code, out)
	}
	// An expired IMS token is renewed by itself.
	r.sim.ExpireIMSTokens()
	if _, errOut, code := r.run("", "count", "cloud", "proj"); code != 0 {
		t.Errorf("count after the IMS token expired: exit %d: %s", code, errOut)
	}
	if n := r.sim.CountGrant("client_credentials"); n != 2 {
		t.Errorf("%d IMS token requests, want 2", n)
	}
	tok, _, _ = r.run("", "token", "cloud")
	if _, errOut, code := r.run("", "logout", "cloud"); code != 0 {
		t.Fatalf("logout: exit %d: %s", code, errOut)
	}
	if got := sessionStatus(t, r.sim, "Authorization", "Bearer "+strings.TrimSpace(tok), wfsim.IMSOrgHeader, r.sim.IMSOrgID()); got != http.StatusUnauthorized {
		t.Errorf("the IMS token works after logout: %d", got)
	}
}

// TestLogoutEndsTheServerSession: a web profile's logout ends its sessionID
// at Workfront; with Workfront unreachable the tokens are still forgotten
// and the message says the server session could not be ended.
func TestLogoutEndsTheServerSession(t *testing.T) {
	r := newRig(t, wfsim.Options{Projects: 10})
	r.addProfile("acme", "form")
	if _, errOut, code := r.run("", "login", "acme"); code != 0 {
		t.Fatal(errOut)
	}
	tok, _, _ := r.run("", "token", "acme")
	if _, errOut, code := r.run("", "logout", "acme"); code != 0 {
		t.Fatalf("logout: exit %d: %s", code, errOut)
	}
	if got := sessionStatus(t, r.sim, "sessionID", strings.TrimSpace(tok)); got != http.StatusUnauthorized {
		t.Errorf("the old sessionID got %d after logout, want 401", got)
	}
	if _, errOut, code := r.run("", "login", "acme"); code != 0 {
		t.Fatal(errOut)
	}
	r.sim.Close()
	_, errOut, code := r.run("", "logout", "acme")
	if code != 1 || !strings.Contains(errOut, `wfconnect: Forgot the tokens of acme on this computer, but could not end the session at Workfront (Could not reach Workfront at `+r.sim.URL()) {
		t.Errorf("logout with Workfront unreachable: exit %d: %s", code, errOut)
	}
	if st := r.statusJSON("acme"); st["state"] != "not_connected" {
		t.Errorf("the tokens were kept: %v", st)
	}
}
