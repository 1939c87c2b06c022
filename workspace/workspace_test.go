package workspace

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/wfsim"
	"github.com/wfconnect/wfconnect/workfront"
)

func open(t *testing.T) (*Workspace, store.Secrets) {
	t.Helper()
	secrets := store.NewMemory()
	ws, err := Open(Options{Dir: t.TempDir(), Secrets: secrets})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ws.Close)
	return ws, secrets
}

func ptr(s string) *string { return &s }

func TestValidateNamesEachField(t *testing.T) {
	ws, _ := open(t)
	_, errs := ws.Validate(Draft{Domain: "acme.example.com", ClientID: "a b", RedirectURI: "http://example.com/cb", APIVersion: "14", ClientSecret: ptr(" ")}, "")
	for _, field := range []string{"name", "domain", "client_id", "redirect_uri", "api_version", "client_secret"} {
		if errs[field] == nil || errs[field].Error() == "" {
			t.Errorf("no message for %s (%v)", field, errs)
		}
	}
	p, errs := ws.Validate(Draft{Name: "Acme", Domain: "acme", ClientID: "id", RedirectURI: "http://127.0.0.1:8765/callback", AppType: "spa"}, "")
	if errs != nil || p.Host != "https://acme.my.workfront.com" || p.TokenAuth != "basic-json" || p.APIVersion != workfront.NewestKnownVersion() || !p.APIVersionAuto {
		t.Errorf("%+v %v", p, errs)
	}
}

func TestSaveRenameDuplicateRemove(t *testing.T) {
	ws, secrets := open(t)
	d := Draft{Name: "Acme", Domain: "acme", ClientID: "id", RedirectURI: "https://example.com/cb", ClientSecret: ptr("s3cret")}
	if _, err := ws.Save(d, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := ws.Save(d, ""); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("duplicate name: %v", err)
	}
	secrets.Set("Acme/tokens", `{"access_token":"a"}`)
	// Rename without retyping the secret: secret and tokens move along.
	d.Name, d.ClientSecret = "Acme prod", nil
	if _, err := ws.Save(d, "Acme"); err != nil {
		t.Fatal(err)
	}
	if v, ok, _ := secrets.Get("Acme prod/client-secret"); !ok || v != "s3cret" {
		t.Error("the secret did not move with the rename")
	}
	if _, ok, _ := secrets.Get("Acme/tokens"); ok {
		t.Error("the old name kept its tokens")
	}
	// Duplicate reuses the secret.
	if _, err := ws.Save(Draft{Name: "Copy", Domain: "acme", ClientID: "id", RedirectURI: "https://example.com/cb", CopySecretFrom: "Acme prod"}, ""); err != nil {
		t.Fatal(err)
	}
	if v, _, _ := secrets.Get("Copy/client-secret"); v != "s3cret" {
		t.Error("duplicate has no secret")
	}
	if err := ws.Remove("Acme prod"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := secrets.Get("Acme prod/client-secret"); ok {
		t.Error("remove left the secret")
	}
	if _, err := ws.Profile("Acme prod"); !errors.Is(err, store.ErrNoProfile) {
		t.Errorf("profile still there: %v", err)
	}
}

// TestDemoJourney runs the demo the way the desktop app does: the simulator
// in process, the real flow with a scripted browser, then projects.
func TestDemoJourney(t *testing.T) {
	ws, _ := open(t)
	p, err := ws.StartDemo()
	if err != nil {
		t.Fatal(err)
	}
	if !p.Demo || p.Name != DemoName || !strings.HasPrefix(p.Host, "http://127.0.0.1:") {
		t.Fatalf("demo profile %+v", p)
	}
	if _, err := ws.Save(Draft{Name: "x", Domain: "acme", ClientID: "i", RedirectURI: "https://e.com/c", ClientSecret: ptr("s")}, DemoName); err == nil {
		t.Error("the demo profile was editable")
	}
	flow, err := ws.Begin(context.Background(), DemoName)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		to, err := wfsim.Consent(http.DefaultClient, flow.AuthURL(), true)
		if err == nil {
			if resp, err := http.Get(to); err == nil {
				resp.Body.Close()
			}
		}
	}()
	if _, err := flow.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	st, err := ws.Status(context.Background(), DemoName)
	if err != nil || st.State != auth.StateConnected || !strings.Contains(st.Storage, "this session only") {
		t.Errorf("status %+v %v", st, err)
	}
	src, err := ws.Objects(DemoName)
	if err != nil {
		t.Fatal(err)
	}
	n, err := src.Count(context.Background(), "PROJ", nil)
	if err != nil || n != 50000 {
		t.Errorf("count %d %v", n, err)
	}
	if err := ws.RefreshNow(context.Background(), DemoName); err != nil {
		t.Errorf("refresh: %v", err)
	}
	list, _ := ws.Profiles()
	if len(list) != 1 {
		t.Errorf("profiles %v", list)
	}
	if err := ws.Remove(DemoName); err != nil {
		t.Fatal(err)
	}
	if list, _ := ws.Profiles(); len(list) != 0 {
		t.Errorf("the demo outlived its removal: %v", list)
	}
}

// TestLocalHTTPOnlyWhenAddedAsSuch: a plain-http loopback host exists for
// the simulator and tests. Typed in, it is saved with the LocalHTTP mark; a
// profile planted in the file with such a host but without the mark is
// refused before any secret is read or sent.
func TestLocalHTTPOnlyWhenAddedAsSuch(t *testing.T) {
	ws, secrets := open(t)
	sim := wfsim.New(wfsim.Options{Projects: 10})
	if err := sim.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	d := Draft{Name: "local", Domain: sim.URL(), ClientID: sim.WebClientID(), RedirectURI: "https://example.com/cb", ClientSecret: ptr("s3cret")}
	p, err := ws.Save(d, "")
	if err != nil {
		t.Fatal(err)
	}
	if !p.LocalHTTP || p.Host != sim.URL() {
		t.Fatalf("typed %s, saved host %q with LocalHTTP=%v; want the same host, marked", sim.URL(), p.Host, p.LocalHTTP)
	}
	if _, err := ws.Config("local"); err != nil {
		t.Fatalf("a marked local host is refused: %v", err)
	}
	https, err := ws.Save(Draft{Name: "secure", Domain: "https://127.0.0.1:8443", ClientID: "id", RedirectURI: "https://example.com/cb", ClientSecret: ptr("s")}, "")
	if err != nil || https.LocalHTTP {
		t.Errorf("an https loopback host: %+v %v; want no LocalHTTP mark", https, err)
	}

	// The same host planted in the file without the mark.
	planted := p
	planted.Name, planted.LocalHTTP = "planted", false
	if err := ws.profiles.Put(planted, ""); err != nil {
		t.Fatal(err)
	}
	secrets.Set("planted/client-secret", "planted-secret")
	_, err = ws.Config("planted")
	want := "uses " + sim.URL() + ", a local address without encryption, but it was not added as one on this computer, so wfconnect sends it nothing"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("Config of a planted http host: %v; want %q", err, want)
	}
	if _, err := ws.Begin(context.Background(), "planted"); err == nil {
		t.Error("a sign-in began against a planted http host")
	}
	if _, err := ws.Token(context.Background(), "planted"); err == nil {
		t.Error("a token was asked for a planted http host")
	}
}

// The demo's Machine to Machine connection signs in with a JWT, no browser,
// and reads the simulated Workfront; removing it leaves the demo running.
func TestMachineDemo(t *testing.T) {
	ws, err := Open(Options{Dir: t.TempDir(), Secrets: store.NewMemory(), CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	p, err := ws.StartMachineDemo()
	if err != nil || p.Name != DemoMachineName || p.AppType != "jwt" || !p.Demo {
		t.Fatalf("%+v %v", p, err)
	}
	again, err := ws.StartMachineDemo()
	if err != nil || again.Name != p.Name {
		t.Fatalf("twice: %+v %v", again, err)
	}
	ctx := context.Background()
	if _, err := ws.SignIn(ctx, p.Name); err != nil {
		t.Fatal(err)
	}
	c, err := ws.Objects(p.Name)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := c.Count(ctx, "PROJ", nil); err != nil || n != 50000 {
		t.Fatalf("count %d %v", n, err)
	}
	list, _ := ws.Profiles()
	if len(list) != 2 {
		t.Errorf("%d profiles listed, want the demo and its machine", len(list))
	}
	if _, errs := ws.Validate(DraftOf(p), p.Name); errs["name"] == nil {
		t.Error("the demo machine can be edited")
	}
	if err := ws.Remove(p.Name); err != nil {
		t.Fatal(err)
	}
	if list, _ := ws.Profiles(); len(list) != 1 || list[0].Name != DemoName {
		t.Errorf("after removing the machine: %v", list)
	}
}
