package workspace

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/wfsim"
)

// The keyring here is store.NewMemory(), the explicit session-only storage
// wfconnect itself offers, so these tests never touch the keyring of the
// person running them; cli's TestKeyringLocalHTTPMarker does the same
// against the real Secret Service (.ci/keyring-tests.sh runs it).

// countingServer is a plain-http listener on 127.0.0.1 that counts what
// reaches it.
func countingServer(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		http.Error(w, "{}", http.StatusUnauthorized)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// editFile rewrites the profile name in the profiles file as a person (or
// another program) could, by hand.
func editFile(t *testing.T, ws *Workspace, name string, edit func(map[string]any)) {
	t.Helper()
	path := ws.profiles.Path()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Schema   int              `json:"schema"`
		Profiles []map[string]any `json:"profiles"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	for _, p := range f.Profiles {
		if p["name"] == name {
			edit(p)
		}
	}
	raw, _ = json.Marshal(f)
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
}

// refusedBeforeAnyRequest asks for everything that would talk to the
// profile's host and checks that each is refused with the message saying
// how to allow it, and that nothing reached the listener.
func refusedBeforeAnyRequest(t *testing.T, ws *Workspace, name, host string, hits *atomic.Int64) {
	t.Helper()
	ctx := context.Background()
	want := "uses " + host + ", a local address without encryption, but it was not added as one on this computer"
	if _, err := ws.Config(name); err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "wfconnect profile add --domain "+host) {
		t.Errorf("Config: %v; want %q and how to allow it", err, want)
	}
	if err := ws.Check(name); err == nil {
		t.Error("Check allowed it")
	}
	if _, err := ws.Begin(ctx, name); err == nil {
		t.Error("a sign-in began")
	}
	if _, err := ws.Token(ctx, name); err == nil {
		t.Error("a token was asked for")
	}
	if _, err := ws.WhoAmI(ctx, name); err == nil {
		t.Error("whoami was asked")
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("%d requests reached the planted host, want 0", n)
	}
}

// TestLocalHTTPFlagInFileGrantsNothing: local_http=true written into the
// file by hand, on a connection added with an https host, or on a local
// connection moved to another port, allows nothing.
func TestLocalHTTPFlagInFileGrantsNothing(t *testing.T) {
	ws, secrets := open(t)
	srv, hits := countingServer(t)
	jwt := func(name, host string) Draft {
		return Draft{Name: name, Domain: host, ClientID: "id", AppType: string(auth.AppJWT), CustomerID: "c", UserID: "u", GenerateKey: true, ClientSecret: ptr("s3cret")}
	}
	if _, err := ws.Save(jwt("secure", "https://acme.my.workfront.com"), ""); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := secrets.Get("secure/local-http"); found {
		t.Error("an https connection got a local-http marker")
	}
	editFile(t, ws, "secure", func(p map[string]any) { p["host"], p["local_http"] = srv.URL, true })
	refusedBeforeAnyRequest(t, ws, "secure", srv.URL, hits)

	// A marker for another address allows only that one.
	sim := wfsim.New(wfsim.Options{Projects: 10})
	if err := sim.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	if _, err := ws.Save(jwt("local", sim.URL()), ""); err != nil {
		t.Fatal(err)
	}
	editFile(t, ws, "local", func(p map[string]any) { p["host"] = srv.URL })
	refusedBeforeAnyRequest(t, ws, "local", srv.URL, hits)
}

// TestLocalHTTPAddedProperly: a connection saved with a local host works;
// its marker follows a rename, goes when the host becomes https, and goes
// with the connection.
func TestLocalHTTPAddedProperly(t *testing.T) {
	ws, secrets := open(t)
	sim := wfsim.New(wfsim.Options{Projects: 10})
	if err := sim.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	d := Draft{Name: "local", Domain: sim.URL(), ClientID: sim.JWTClientID(), AppType: string(auth.AppJWT),
		CustomerID: sim.CustomerID(), UserID: sim.SignedInUserID(), GenerateKey: true, ClientSecret: ptr(sim.JWTClientSecret())}
	if _, err := ws.Save(d, ""); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := secrets.Get("local/local-http"); got != sim.URL() {
		t.Fatalf("marker %q, want %q", got, sim.URL())
	}
	pub, err := ws.PublicKey("local")
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.RegisterPublicKey(pub); err != nil {
		t.Fatal(err)
	}
	if _, err := ws.WhoAmI(context.Background(), "local"); err != nil {
		t.Fatalf("a connection added with a local host: %v", err)
	}

	d.Name, d.GenerateKey, d.ClientSecret = "renamed", false, nil
	if _, err := ws.Save(d, "local"); err != nil {
		t.Fatal(err)
	}
	_, oldFound, _ := secrets.Get("local/local-http")
	if got, _, _ := secrets.Get("renamed/local-http"); got != sim.URL() || oldFound {
		t.Errorf("after a rename: marker %q, the old name's kept: %v", got, oldFound)
	}
	if err := ws.Check("renamed"); err != nil {
		t.Errorf("renamed: %v", err)
	}

	d.Domain = "https://acme.my.workfront.com"
	if _, err := ws.Save(d, "renamed"); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := secrets.Get("renamed/local-http"); found {
		t.Error("the marker outlived the local host")
	}
	d.Domain = sim.URL()
	if _, err := ws.Save(d, "renamed"); err != nil {
		t.Fatal(err)
	}
	if err := ws.Remove("renamed"); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := secrets.Get("renamed/local-http"); found {
		t.Error("removing the connection left its marker")
	}
}

// TestLocalHTTPDemoAllowedInMemory: the demo's connections talk to the
// simulator StartDemo started, allowed in its memory vault, not the keyring.
func TestLocalHTTPDemoAllowedInMemory(t *testing.T) {
	ws, secrets := open(t)
	if _, err := ws.StartDemo(); err != nil {
		t.Fatal(err)
	}
	if _, err := ws.StartMachineDemo(); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{DemoName, DemoMachineName} {
		if _, err := ws.Config(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if _, found, _ := secrets.Get(name + "/local-http"); found {
			t.Errorf("%s: its marker reached the keyring", name)
		}
	}
	if _, err := ws.WhoAmI(context.Background(), DemoMachineName); err != nil {
		t.Errorf("the demo's machine connection: %v", err)
	}
}
