package workspace

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// TestValidatePerKind: each kind asks for its own fields, named by the
// keys its table entry shows.
func TestValidatePerKind(t *testing.T) {
	ws, _ := open(t)
	_, errs := ws.Validate(Draft{Name: "m", Domain: "acme", ClientID: "id", AppType: "jwt", ClientSecret: ptr("s")}, "")
	for _, field := range []string{"customer_id", "user_id", "private_key"} {
		if errs[field] == nil || !auth.AppJWT.Spec().Shows(field) {
			t.Errorf("jwt: no message for %s (%v)", field, errs)
		}
	}
	if errs["redirect_uri"] != nil {
		t.Errorf("jwt needs no redirect: %v", errs["redirect_uri"])
	}
	_, errs = ws.Validate(Draft{Name: "i", Domain: "acme", ClientID: "id", AppType: "ims", ClientSecret: ptr("s"), IMSOrg: "1234", IMSURL: "http://ims.example.com"}, "")
	if errs["ims_org"] == nil || errs["ims_url"] == nil || errs["redirect_uri"] != nil {
		t.Errorf("ims: %v", errs)
	}
	p, errs := ws.Validate(Draft{Name: "i", Domain: "acme.my.workfront.adobe.com", ClientID: "id", AppType: "ims", ClientSecret: ptr("s"), IMSOrg: "1234AB@AdobeOrg"}, "")
	if errs != nil || p.IMSURL != auth.DefaultIMSURL || p.Scopes != auth.DefaultIMSScopes || p.RedirectURI != "" {
		t.Errorf("ims: %+v %v", p, errs)
	}
	_, errs = ws.Validate(Draft{Name: "x", Domain: "acme", ClientID: "id", AppType: "desktop"}, "")
	if errs["app_type"] == nil {
		t.Errorf("an unknown kind: %v", errs)
	}
}

// TestJWTKeyLifecycle: a generated key goes to the vault only, moves with
// a rename, is copied by a duplicate and goes with Remove.
func TestJWTKeyLifecycle(t *testing.T) {
	ws, secrets := open(t)
	d := Draft{Name: "m2m", Domain: "acme", ClientID: "id", AppType: "jwt", ClientSecret: ptr("s"), CustomerID: "c", UserID: "u", GenerateKey: true}
	if _, err := ws.Save(d, ""); err != nil {
		t.Fatal(err)
	}
	key, ok, _ := secrets.Get("m2m/private-key")
	if !ok || !strings.Contains(key, "PRIVATE KEY") {
		t.Fatal("no key in the vault")
	}
	pub, err := ws.PublicKey("m2m")
	if err != nil || !strings.HasPrefix(pub, "-----BEGIN PUBLIC KEY-----") {
		t.Fatalf("PublicKey: %v", err)
	}
	d = DraftOf(mustProfile(t, ws, "m2m"))
	d.Name = "nightly"
	if _, err := ws.Save(d, "m2m"); err != nil {
		t.Fatal(err)
	}
	if moved, _, _ := secrets.Get("nightly/private-key"); moved != key {
		t.Error("the key did not move with the rename")
	}
	if _, ok, _ := secrets.Get("m2m/private-key"); ok {
		t.Error("the old name kept the key")
	}
	if _, err := ws.Save(Draft{Name: "copy", Domain: "acme", ClientID: "id", AppType: "jwt", CustomerID: "c", UserID: "u", CopySecretFrom: "nightly"}, ""); err != nil {
		t.Fatal(err)
	}
	if copied, _, _ := secrets.Get("copy/private-key"); copied != key {
		t.Error("the duplicate has no key")
	}
	if err := ws.Remove("nightly"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := secrets.Get("nightly/private-key"); ok {
		t.Error("remove left the key")
	}
	if _, err := ws.PublicKey("copy"); err != nil {
		t.Error(err)
	}
}

func mustProfile(t *testing.T, ws *Workspace, name string) store.Profile {
	t.Helper()
	p, err := ws.Profile(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestVersionWarning(t *testing.T) {
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	advice, to := VersionWarning(store.Profile{APIVersion: "v14.0"}, []string{"v20.0", "v21.0", "v22.0"}, now)
	if advice != workfront.VersionDeprecated || to != "v22.0" {
		t.Errorf("v14.0: %d %s", advice, to)
	}
	if advice, _ := VersionWarning(store.Profile{APIVersion: "v17.0"}, nil, now); advice != workfront.VersionRetiresThisYear {
		t.Errorf("v17.0: %d", advice)
	}
}

// TestDemoJWT: a Machine to Machine connection to the demo signs in once
// its key is registered with the demo's simulator.
func TestDemoJWT(t *testing.T) {
	ws, _ := open(t)
	if _, err := ws.StartDemo(); err != nil {
		t.Fatal(err)
	}
	host, id, secret, customer, user, ok := ws.DemoMachineApp()
	if !ok {
		t.Fatal("no demo")
	}
	if _, err := ws.Save(Draft{Name: "demo m2m", Domain: host, ClientID: id, AppType: "jwt", ClientSecret: &secret, CustomerID: customer, UserID: user, GenerateKey: true}, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := ws.SignIn(context.Background(), "demo m2m"); err == nil {
		t.Fatal("signed in before the key was registered")
	}
	if err := ws.RegisterWithDemo("demo m2m"); err != nil {
		t.Fatal(err)
	}
	st, err := ws.SignIn(context.Background(), "demo m2m")
	if err != nil || st.State != auth.StateConnected {
		t.Fatalf("%v %+v", err, st)
	}
	who, err := ws.WhoAmI(context.Background(), "demo m2m")
	if err != nil || who.UserID != user || !who.Admin {
		t.Errorf("%v %+v", err, who)
	}
}

// TestIMSURLPlainHTTP: a plain-http IMS address goes only with a local
// simulator's host, and one planted in the file is refused.
func TestIMSURLPlainHTTP(t *testing.T) {
	ws, _ := open(t)
	_, errs := ws.Validate(Draft{Name: "i", Domain: "acme", ClientID: "id", AppType: "ims", ClientSecret: ptr("s"), IMSOrg: "AB12@AdobeOrg", IMSURL: "http://127.0.0.1:9"}, "")
	if errs["ims_url"] == nil {
		t.Error("a plain-http IMS with a real Workfront host was accepted")
	}
	p := store.Profile{Name: "planted", Host: "https://acme.my.workfront.com", ClientID: "id", AppType: "ims", IMSOrg: "AB12@AdobeOrg", IMSURL: "http://127.0.0.1:9"}
	if _, err := ws.checkStored(p); err == nil || !strings.Contains(err.Error(), "sends its client secret to http://127.0.0.1:9") {
		t.Errorf("a planted plain-http IMS: %v", err)
	}
}

// TestStoredIMSTokensTravelAsBearer: signing out of an IMS connection sends
// its stored token as Bearer even when the stored answer had no type.
func TestStoredIMSTokensTravelAsBearer(t *testing.T) {
	for _, typ := range []string{"", "sessionID"} {
		if name, value := (storedTokens{kind: auth.AppIMS, typ: typ}).HeaderFor("t1"); name != "Authorization" || value != "Bearer t1" {
			t.Errorf("type %q: %s: %s", typ, name, value)
		}
	}
	if name, _ := (storedTokens{kind: auth.AppWeb}).HeaderFor("t1"); name != "sessionID" {
		t.Errorf("a web session travels in %s", name)
	}
}

// TestIMSURLOnlyAdobe: --ims-url (through Validate) and a hand-edited
// profiles file accept Adobe's IMS hosts only.
func TestIMSURLOnlyAdobe(t *testing.T) {
	ws, _ := open(t)
	for _, bad := range []string{"https://evil.example", "https://ims-na1.adobelogin.com.evil.example", "https://169.254.169.254"} {
		_, errs := ws.Validate(Draft{Name: "i", Domain: "acme", ClientID: "id", AppType: "ims", ClientSecret: ptr("s"), IMSOrg: "AB12@AdobeOrg", IMSURL: bad}, "")
		if errs["ims_url"] == nil || !strings.Contains(errs["ims_url"].Error(), "not an Adobe IMS address") {
			t.Errorf("Validate %s: %v", bad, errs["ims_url"])
		}
		p := store.Profile{Name: "planted", Host: "https://acme.my.workfront.com", ClientID: "id", AppType: "ims", IMSOrg: "AB12@AdobeOrg", IMSURL: bad}
		if _, err := ws.checkStored(p); err == nil || !strings.Contains(err.Error(), "not an Adobe IMS address") {
			t.Errorf("a planted %s: %v", bad, err)
		}
	}
	p, errs := ws.Validate(Draft{Name: "i", Domain: "acme", ClientID: "id", AppType: "ims", ClientSecret: ptr("s"), IMSOrg: "AB12@AdobeOrg", IMSURL: "https://ims-eu1.adobelogin.com"}, "")
	if errs != nil || p.IMSURL != "https://ims-eu1.adobelogin.com" {
		t.Errorf("an Adobe host: %v %q", errs, p.IMSURL)
	}
}
