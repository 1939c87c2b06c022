package workspace

import (
	"maps"
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/store"
)

// validDrafts holds one draft per kind that Validate accepts as it is.
func validDrafts() map[auth.Kind]Draft {
	return map[auth.Kind]Draft{
		auth.AppWeb: {Name: "Acme", Domain: "acme", ClientID: "id", RedirectURI: "http://127.0.0.1:8765/callback", ClientSecret: ptr("s"), AppType: "web"},
		auth.AppSPA: {Name: "Acme", Domain: "acme", ClientID: "id", RedirectURI: "http://127.0.0.1:8765/callback", AppType: "spa"},
		auth.AppJWT: {Name: "Acme", Domain: "acme", ClientID: "id", ClientSecret: ptr("s"), AppType: "jwt", CustomerID: "c", UserID: "u", GenerateKey: true},
		auth.AppIMS: {Name: "Acme", Domain: "acme", ClientID: "id", ClientSecret: ptr("s"), AppType: "ims", IMSOrg: "AB12@AdobeOrg"},
	}
}

// everyKind is the same message for each kind.
func everyKind(message string) map[auth.Kind]string {
	return map[auth.Kind]string{auth.AppWeb: message, auth.AppSPA: message, auth.AppJWT: message, auth.AppIMS: message}
}

const (
	noAppType      = "Choose Web Application, Single Page Web Application, Machine to Machine Application or Adobe IMS server-to-server."
	webNeedsSecret = "A Web Application needs its client secret. (Single Page apps use PKCE and have none.)"
	needsSecret    = "This kind of connection needs its client secret."
)

// TestValidateEachKindEachField sets one field of each kind's valid draft
// to a bad value and checks that Validate says exactly this, under that
// field, and nothing else: a kind that does not show the field says nothing.
func TestValidateEachKindEachField(t *testing.T) {
	ws, _ := open(t)
	if err := ws.profiles.Put(store.Profile{Name: "Taken", Host: "https://acme.my.workfront.com", ClientID: "id", AppType: "web", RedirectURI: "http://127.0.0.1:8765/callback"}, ""); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		field, what string
		set         func(d *Draft)
		want        map[auth.Kind]string // per kind, the message under field; absent: no error at all
	}{
		{"name", "empty", func(d *Draft) { d.Name = " " }, everyKind("Give the connection a name.")},
		{"name", "the demo's", func(d *Draft) { d.Name = DemoMachineName }, everyKind("The demo connection cannot be edited; add your own connection instead.")},
		{"name", "a slash", func(d *Draft) { d.Name = `a\b` }, everyKind(`A name cannot contain / or \.`)},
		{"name", "not UTF-8", func(d *Draft) { d.Name = "a\xffb" }, everyKind("A name must be valid text: this one has bytes that are not UTF-8.")},
		{"name", "a tab", func(d *Draft) { d.Name = "a\tb" }, everyKind("A name cannot contain tabs, line breaks or other control characters.")},
		{"name", "too long", func(d *Draft) { d.Name = strings.Repeat("n", 65) }, everyKind("A name can have at most 64 characters.")},
		{"name", "taken", func(d *Draft) { d.Name = "taken" }, everyKind(`A connection named "taken" already exists.`)},
		{"domain", "empty", func(d *Draft) { d.Domain = "" }, everyKind("Enter your Workfront domain, like acme or acme.my.workfront.com.")},
		{"domain", "not a host", func(d *Draft) { d.Domain = "not a host!" }, everyKind(`"not a host!" is not a web address. Enter your Workfront domain, like acme or acme.my.workfront.com.`)},
		{"client_id", "empty", func(d *Draft) { d.ClientID = "" }, everyKind("Paste the Client ID from Workfront (Setup > System > OAuth2 Applications).")},
		{"client_id", "a space", func(d *Draft) { d.ClientID = "a b" }, everyKind("A Client ID has no spaces: copy it again from Workfront.")},
		{"client_secret", "too long", func(d *Draft) { d.ClientSecret = ptr(strings.Repeat("s", 600)) }, everyKind("That is too long to be a client secret (600 characters); copy just the secret from Workfront.")},
		{"client_secret", "blank", func(d *Draft) { d.ClientSecret = ptr(" ") }, map[auth.Kind]string{auth.AppWeb: webNeedsSecret, auth.AppJWT: needsSecret, auth.AppIMS: needsSecret}},
		{"client_secret", "none", func(d *Draft) { d.ClientSecret = nil }, map[auth.Kind]string{auth.AppWeb: webNeedsSecret, auth.AppJWT: needsSecret, auth.AppIMS: needsSecret}},
		{"redirect_uri", "plain http", func(d *Draft) { d.RedirectURI = "http://example.com/cb" }, map[auth.Kind]string{
			auth.AppWeb: `"http://example.com/cb" uses plain http on a non-loopback host; use https, or a loopback URL like http://127.0.0.1:8765/callback.`,
			auth.AppSPA: `"http://example.com/cb" uses plain http on a non-loopback host; use https, or a loopback URL like http://127.0.0.1:8765/callback.`,
		}},
		{"app_type", "unknown", func(d *Draft) { d.AppType = "desktop" }, everyKind(noAppType)},
		// A Single Page app shows no choice of form, but a wrong one is refused all the same.
		{"token_auth", "unknown", func(d *Draft) { d.TokenAuth = "oauth" }, map[auth.Kind]string{auth.AppWeb: "Choose basic-json or form.", auth.AppSPA: "Choose basic-json or form."}},
		{"customer_id", "empty", func(d *Draft) { d.CustomerID = " " }, map[auth.Kind]string{auth.AppJWT: "Paste the Customer ID from the app's page in Workfront (Setup > System > OAuth2 Applications)."}},
		{"customer_id", "two words", func(d *Draft) { d.CustomerID = "a,b" }, map[auth.Kind]string{auth.AppJWT: "An ID has no spaces: copy it again from Workfront."}},
		{"user_id", "empty", func(d *Draft) { d.UserID = "" }, map[auth.Kind]string{auth.AppJWT: "Enter the User ID of the Workfront user the integration acts as."}},
		{"user_id", "a space", func(d *Draft) { d.UserID = "a b" }, map[auth.Kind]string{auth.AppJWT: "An ID has no spaces: copy it again from Workfront."}},
		{"private_key", "not PEM", func(d *Draft) { d.GenerateKey, d.PrivateKey = false, ptr("garbage") }, map[auth.Kind]string{auth.AppJWT: "That is not a PEM private key: it should start with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----."}},
		{"private_key", "none", func(d *Draft) { d.GenerateKey = false }, map[auth.Kind]string{auth.AppJWT: "A Machine to Machine connection needs a private key: generate one, or import the PEM file you have."}},
		{"ims_org", "no @AdobeOrg", func(d *Draft) { d.IMSOrg = "1234" }, map[auth.Kind]string{auth.AppIMS: "Paste the organization ID from the Adobe Developer Console: letters and digits ending in @AdobeOrg."}},
		{"scopes", "a control character", func(d *Draft) { d.Scopes = "read\rwrite" }, map[auth.Kind]string{auth.AppIMS: "Scopes are words separated by commas, as the Adobe Developer Console lists them."}},
		{"ims_url", "not an address", func(d *Draft) { d.IMSURL = "ftp://x" }, map[auth.Kind]string{auth.AppIMS: `"ftp://x" is not an IMS address; use https://ims-na1.adobelogin.com or your region's IMS host.`}},
		{"ims_url", "plain http", func(d *Draft) { d.IMSURL = "http://127.0.0.1:9" }, map[auth.Kind]string{auth.AppIMS: "A plain-http IMS address is only for a local simulator together with a local Workfront address; use https."}},
		{"api_version", "no v", func(d *Draft) { d.APIVersion = "14" }, everyKind("Use an API version like v21.0.")},
		{"api_version", "four digits", func(d *Draft) { d.APIVersion = "v1000.0" }, everyKind("Use an API version like v21.0.")},
	}
	for _, tc := range cases {
		for kind, d := range validDrafts() {
			tc.set(&d)
			_, errs := ws.Validate(d, "")
			if m, ok := tc.want[kind]; ok {
				if got := messages(errs); got[tc.field] != m || len(got) != 1 {
					t.Errorf("%s, %s %s: %q, want only %s: %q", kind, tc.field, tc.what, got, tc.field, m)
				}
				continue
			}
			if errs != nil {
				t.Errorf("%s, %s %s: %q, want no error", kind, tc.field, tc.what, messages(errs))
			}
		}
	}
}

func messages(errs FieldErrors) map[string]string {
	out := map[string]string{}
	errs.Each(func(field string, err error) { out[field] = err.Error() })
	return out
}

// TestValidateSavesEachKindEachField sets one field of each kind's valid
// draft to a good value and checks what the profile keeps of it: the
// cleaned value when the kind shows the field, else what Validate leaves.
func TestValidateSavesEachKindEachField(t *testing.T) {
	ws, _ := open(t)
	all := func(v string) map[auth.Kind]string {
		return map[auth.Kind]string{auth.AppWeb: v, auth.AppSPA: v, auth.AppJWT: v, auth.AppIMS: v}
	}
	cases := []struct {
		field string
		set   func(d *Draft)
		saved func(p store.Profile) string
		want  map[auth.Kind]string
	}{
		{"name", func(d *Draft) { d.Name = "  Acme prod " }, func(p store.Profile) string { return p.Name }, all("Acme prod")},
		{"domain", func(d *Draft) { d.Domain = "ACME.my.workfront.com/" }, func(p store.Profile) string { return p.Host }, all("https://acme.my.workfront.com")},
		{"client_id", func(d *Draft) { d.ClientID = " abc " }, func(p store.Profile) string { return p.ClientID }, all("abc")},
		{"redirect_uri", func(d *Draft) { d.RedirectURI = " https://example.com/cb " }, func(p store.Profile) string { return p.RedirectURI }, map[auth.Kind]string{
			auth.AppWeb: "https://example.com/cb", auth.AppSPA: "https://example.com/cb", auth.AppJWT: "", auth.AppIMS: ""}},
		{"app_type", func(d *Draft) { d.AppType = " " + d.AppType + " " }, func(p store.Profile) string { return p.AppType }, map[auth.Kind]string{
			auth.AppWeb: "web", auth.AppSPA: "spa", auth.AppJWT: "jwt", auth.AppIMS: "ims"}},
		{"token_auth", func(d *Draft) { d.TokenAuth = "form" }, func(p store.Profile) string { return p.TokenAuth }, all("form")},
		{"token_auth", func(d *Draft) { d.TokenAuth = "" }, func(p store.Profile) string { return p.TokenAuth }, all("basic-json")},
		{"customer_id", func(d *Draft) { d.CustomerID = " C1 " }, func(p store.Profile) string { return p.CustomerID }, map[auth.Kind]string{
			auth.AppWeb: "", auth.AppSPA: "", auth.AppJWT: "C1", auth.AppIMS: ""}},
		{"user_id", func(d *Draft) { d.UserID = " U1 " }, func(p store.Profile) string { return p.UserID }, map[auth.Kind]string{
			auth.AppWeb: "", auth.AppSPA: "", auth.AppJWT: "U1", auth.AppIMS: ""}},
		{"private_key", func(d *Draft) { d.GenerateKey, d.CopySecretFrom = false, "Other" }, func(store.Profile) string { return "" }, all("")},
		{"ims_org", func(d *Draft) { d.IMSOrg = " AB12@AdobeOrg " }, func(p store.Profile) string { return p.IMSOrg }, map[auth.Kind]string{
			auth.AppWeb: "", auth.AppSPA: "", auth.AppJWT: "", auth.AppIMS: "AB12@AdobeOrg"}},
		{"scopes", func(d *Draft) { d.Scopes = " openid, AdobeID openid " }, func(p store.Profile) string { return p.Scopes }, map[auth.Kind]string{
			auth.AppWeb: "", auth.AppSPA: "", auth.AppJWT: "", auth.AppIMS: "openid,AdobeID"}},
		{"scopes", func(d *Draft) { d.Scopes = "" }, func(p store.Profile) string { return p.Scopes }, map[auth.Kind]string{
			auth.AppWeb: "", auth.AppSPA: "", auth.AppJWT: "", auth.AppIMS: auth.DefaultIMSScopes}},
		{"ims_url", func(d *Draft) { d.IMSURL = "https://IMS-eu1.adobelogin.com/ims/token/v3" }, func(p store.Profile) string { return p.IMSURL }, map[auth.Kind]string{
			auth.AppWeb: "", auth.AppSPA: "", auth.AppJWT: "", auth.AppIMS: "https://ims-eu1.adobelogin.com"}},
		{"ims_url", func(d *Draft) { d.IMSURL = "" }, func(p store.Profile) string { return p.IMSURL }, map[auth.Kind]string{
			auth.AppWeb: "", auth.AppSPA: "", auth.AppJWT: "", auth.AppIMS: auth.DefaultIMSURL}},
		{"api_version", func(d *Draft) { d.APIVersion = " v19.0 " }, func(p store.Profile) string { return p.APIVersion }, all("v19.0")},
		{"no_pkce", func(d *Draft) { d.NoPKCE = true }, func(p store.Profile) string { return yes(p.NoPKCE) }, map[auth.Kind]string{
			auth.AppWeb: "yes", auth.AppSPA: "no", auth.AppJWT: "no", auth.AppIMS: "no"}},
		{"allow_missing_state", func(d *Draft) { d.AllowMissingState = true }, func(p store.Profile) string { return yes(p.AllowMissingState) }, map[auth.Kind]string{
			auth.AppWeb: "yes", auth.AppSPA: "yes", auth.AppJWT: "no", auth.AppIMS: "no"}},
	}
	for _, tc := range cases {
		for kind, d := range validDrafts() {
			tc.set(&d)
			p, errs := ws.Validate(d, "")
			if errs != nil {
				t.Errorf("%s, %s: %q, want no error", kind, tc.field, messages(errs))
			}
			if got := tc.saved(p); got != tc.want[kind] {
				t.Errorf("%s, %s: the profile keeps %q, want %q", kind, tc.field, got, tc.want[kind])
			}
		}
	}
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// TestValidateUnknownKind: a draft of a kind wfconnect does not know is
// told about its name, domain, Client ID and secret's length, and then
// only that the kind is unknown; the profile keeps what was typed.
func TestValidateUnknownKind(t *testing.T) {
	ws, _ := open(t)
	d := Draft{Domain: "", ClientID: "a b", AppType: "desktop", ClientSecret: ptr(strings.Repeat("s", 513)), RedirectURI: " http://example.com/cb ",
		TokenAuth: "oauth", APIVersion: "14", IMSOrg: "x", CustomerID: "a b", NoPKCE: true, AllowMissingState: true}
	p, errs := ws.Validate(d, "")
	want := map[string]string{
		"name":          "Give the connection a name.",
		"domain":        "Enter your Workfront domain, like acme or acme.my.workfront.com.",
		"client_id":     "A Client ID has no spaces: copy it again from Workfront.",
		"client_secret": "That is too long to be a client secret (513 characters); copy just the secret from Workfront.",
		"app_type":      noAppType,
	}
	if got := messages(errs); !maps.Equal(got, want) {
		t.Errorf("%q, want %q", got, want)
	}
	if p.RedirectURI != "http://example.com/cb" || p.TokenAuth != "oauth" || p.APIVersion != "14" || !p.NoPKCE || !p.AllowMissingState || p.IMSOrg != "" || p.CustomerID != "" {
		t.Errorf("%+v", p)
	}
}

// TestValidateSecretsOfAnEdit: an edit that keeps the kind needs no secret
// or key again; one that changes the kind, and a new profile, need the new
// kind's; a duplicate takes the original's.
func TestValidateSecretsOfAnEdit(t *testing.T) {
	ws, _ := open(t)
	web := validDrafts()[auth.AppWeb]
	web.Name = "Old web"
	if _, err := ws.Save(web, ""); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		what      string
		kind      auth.Kind
		replacing string
		set       func(d *Draft)
		want      map[string]string
	}{
		{"a web edit without the secret", auth.AppWeb, "Old web", func(d *Draft) { d.ClientSecret = nil }, nil},
		{"a web edit blanking the secret", auth.AppWeb, "Old web", func(d *Draft) { d.ClientSecret = ptr("") }, map[string]string{"client_secret": webNeedsSecret}},
		{"a web duplicate", auth.AppWeb, "", func(d *Draft) { d.Name, d.ClientSecret, d.CopySecretFrom = "Copy", nil, "Old web" }, nil},
		{"web to jwt without secret or key", auth.AppJWT, "Old web", func(d *Draft) { d.ClientSecret, d.GenerateKey = nil, false }, map[string]string{
			"client_secret": needsSecret,
			"private_key":   "A Machine to Machine connection needs a private key: generate one, or import the PEM file you have.",
		}},
		{"web to ims without secret", auth.AppIMS, "Old web", func(d *Draft) { d.ClientSecret = nil }, map[string]string{"client_secret": needsSecret}},
		{"a jwt duplicate", auth.AppJWT, "", func(d *Draft) {
			d.Name, d.ClientSecret, d.GenerateKey, d.CopySecretFrom = "Copy", nil, false, "Old web"
		}, nil},
		{"web to spa", auth.AppSPA, "Old web", func(d *Draft) {}, nil},
		{"a renamed web edit", auth.AppWeb, "Old web", func(d *Draft) { d.Name, d.ClientSecret = "New web", nil }, nil},
	}
	for _, tc := range cases {
		d := validDrafts()[tc.kind]
		d.Name = "Old web"
		tc.set(&d)
		_, errs := ws.Validate(d, tc.replacing)
		if got := messages(errs); !maps.Equal(got, tc.want) {
			t.Errorf("%s: %q, want %q", tc.what, got, tc.want)
		}
	}
}
