package auth

import "github.com/wfconnect/wfconnect/msg"

// Kind is the kind of a Workfront connection: how it signs in and how its
// tokens are renewed. Its values are what profiles.json keeps in app_type.
type Kind string

// Renewal says how a kind gets a new access token when the old one expired
// or Workfront answered 401.
type Renewal int

const (
	// RenewRefreshToken uses the refresh token (web and SPA apps); when it is
	// dead, only a new consent in the browser helps.
	RenewRefreshToken Renewal = iota
	// RenewJWT signs a new JWT and exchanges it (Machine to Machine).
	RenewJWT
	// RenewClientCredentials asks Adobe IMS for a new token (IMS server-to-server).
	RenewClientCredentials
)

// KindSpec is what one kind of connection needs, in one place: validation,
// the form, the CLI, status and the token source all read it.
type KindSpec struct {
	Kind Kind
	// Label is the kind's name for people (English; also its translation
	// key), e.g. "Machine to Machine Application (JWT)".
	Label string
	// Register says what an administrator registers in Workfront (or Adobe's
	// console) for this kind (English; also its translation key).
	Register string
	// What the kind needs.
	NeedsSecret   bool // a client secret, kept in the keyring
	NeedsRedirect bool // a redirect URI registered with the app
	NeedsKey      bool // an RSA private key, kept in the keyring
	BrowserStep   bool // signing in needs a person to consent in a browser
	NeedsIMSOrg   bool // an IMS org ID, sent as x-gw-ims-org-id
	HasScopes     bool // scopes for the token request
	NeedsIDs      bool // Customer ID and User ID (the JWT's iss and sub)
	TokenAuth     bool // the choice of token request form (basic-json or form)
	PKCEOption    bool // PKCE can be turned off (a web app whose Workfront refuses it)
	// Renew is how the kind's tokens are renewed (renewerOf picks the way).
	Renew Renewal
	// SecretMissing is what a kind that NeedsSecret says when it is given
	// no client secret: a message for people, shared, so never changed.
	SecretMissing error
	// Fields are the form's field keys this kind shows, in order; the same
	// keys workspace.FieldErrors uses ("name", "domain", "client_id",
	// "client_secret", "redirect_uri", "token_auth", "customer_id",
	// "user_id", "private_key", "ims_org", "scopes", "ims_url",
	// "api_version").
	Fields []string
}

// errSecretMissing is the missing secret of a kind with no wording of its own.
var errSecretMissing = msg.New("This kind of connection needs its client secret.")

// kinds is the table, in the order the form offers the kinds.
var kinds = []KindSpec{
	{
		Kind: AppWeb, Label: "Web Application (client secret)",
		Register:    "In Workfront: Setup > System > OAuth2 Applications > Create app integration > Web Application. Copy the Client ID and the client secret, and add the redirect URL.",
		NeedsSecret: true, NeedsRedirect: true, BrowserStep: true, TokenAuth: true, PKCEOption: true,
		Renew:         RenewRefreshToken,
		SecretMissing: msg.New("A Web Application needs its client secret. (Single Page apps use PKCE and have none.)"),
		Fields:        []string{"name", "domain", "client_id", "client_secret", "redirect_uri", "token_auth", "api_version"},
	},
	{
		Kind: AppSPA, Label: "Single Page Web Application (PKCE, no secret)",
		Register:      "In Workfront: Setup > System > OAuth2 Applications > Create app integration > Single Page Web Application. Copy the Client ID and add the redirect URL; there is no secret.",
		NeedsRedirect: true, BrowserStep: true,
		Renew:  RenewRefreshToken,
		Fields: []string{"name", "domain", "client_id", "redirect_uri", "api_version"},
	},
	{
		Kind: AppJWT, Label: "Machine to Machine Application (JWT)",
		Register:    "In Workfront: Setup > System > OAuth2 Applications > Create app integration > Machine to Machine Application. Copy the Client ID, the client secret and the Customer ID, choose the user the integration acts as (its User ID), and paste wfconnect's public key under Public Keys.",
		NeedsSecret: true, NeedsKey: true, NeedsIDs: true,
		Renew:         RenewJWT,
		SecretMissing: errSecretMissing,
		Fields:        []string{"name", "domain", "client_id", "client_secret", "customer_id", "user_id", "private_key", "api_version"},
	},
	{
		Kind: AppIMS, Label: "Adobe IMS server-to-server (OAuth client credentials)",
		Register:    "In the Adobe Developer Console: a project with the Workfront API and an OAuth Server-to-Server credential. Copy the Client ID, the client secret, the organization ID (…@AdobeOrg) and the scopes.",
		NeedsSecret: true, NeedsIMSOrg: true, HasScopes: true,
		Renew:         RenewClientCredentials,
		SecretMissing: errSecretMissing,
		Fields:        []string{"name", "domain", "client_id", "client_secret", "ims_org", "scopes", "ims_url", "api_version"},
	},
}

// Kinds lists every kind of connection, in the order the form offers them;
// the form maps its choices to kinds by index, never by label.
func Kinds() []KindSpec {
	out := make([]KindSpec, len(kinds))
	copy(out, kinds)
	return out
}

// SpecOf returns the table's entry for k; ok is false for an unknown kind.
func SpecOf(k Kind) (KindSpec, bool) {
	for _, s := range kinds {
		if s.Kind == k {
			return s, true
		}
	}
	return KindSpec{}, false
}

// ParseKind reads a kind as profiles.json and the CLI's --kind write it
// ("web", "spa", "jwt", "ims"); "" is web, the default.
func ParseKind(s string) (Kind, bool) {
	if s == "" {
		return AppWeb, true
	}
	_, ok := SpecOf(Kind(s))
	return Kind(s), ok
}

// Spec is k's entry in the table (the web app's for an unknown kind, which
// validation refuses before it gets this far).
func (k Kind) Spec() KindSpec {
	if s, ok := SpecOf(k); ok {
		return s
	}
	return kinds[0]
}

// Shows reports whether the kind's form shows the field (a FieldErrors key).
func (s KindSpec) Shows(field string) bool {
	for _, f := range s.Fields {
		if f == field {
			return true
		}
	}
	return false
}

// Interactive reports whether signing in needs a person in a browser.
func (k Kind) Interactive() bool { return k.Spec().BrowserStep }

// TokenHeader names the header an access token of this kind travels in:
// "sessionID" for Workfront's own sessions, "Authorization" (Bearer) for
// IMS tokens.
func (k Kind) TokenHeader() string {
	if k.Spec().Renew == RenewClientCredentials {
		return "Authorization"
	}
	return "sessionID"
}

// HeaderFor says how an access token of this kind travels: an IMS token in
// Authorization: Bearer whatever its answer called it (Adobe IMS may leave
// token_type out); Workfront's own tokens as their answer's type says,
// Bearer when it said so, else the sessionID header.
func (k Kind) HeaderFor(tokenType, token string) (name, value string) {
	if k.TokenHeader() == "Authorization" || isBearer(tokenType) {
		return "Authorization", "Bearer " + token
	}
	return "sessionID", token
}
