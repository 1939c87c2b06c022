package auth

import "time"

// AppType is the older name of Kind, kept for the code that uses it.
type AppType = Kind

const (
	// AppWeb is a Workfront "Web Application": authorization code with a client secret.
	AppWeb Kind = "web"
	// AppSPA is a "Single Page Web Application": PKCE, no client secret.
	AppSPA Kind = "spa"
	// AppJWT is a "Machine to Machine Application": a signed JWT exchanged
	// for a sessionID, no browser.
	AppJWT Kind = "jwt"
	// AppIMS is an Adobe IMS server-to-server credential: client
	// credentials at Adobe IMS, a bearer token plus the IMS org header.
	AppIMS Kind = "ims"
)

// TokenAuth is the documented shape of a token request for web apps.
type TokenAuth string

const (
	// TokenAuthBasicJSON sends Authorization: Basic base64(id:secret) and a JSON body.
	TokenAuthBasicJSON TokenAuth = "basic-json"
	// TokenAuthForm sends application/x-www-form-urlencoded with client_id and client_secret.
	TokenAuthForm TokenAuth = "form"
)

// Config is everything the flow needs to know about one connection.
type Config struct {
	Profile      string // profile name; keys the token store and the lock file
	Host         string // normalized base URL, e.g. https://acme.my.workfront.com (no trailing slash)
	ClientID     string
	ClientSecret string    // empty for AppSPA
	RedirectURI  string    // exactly as registered in Workfront; browser kinds only
	AppType      Kind      // AppWeb, AppSPA, AppJWT or AppIMS
	TokenAuth    TokenAuth // the kinds with KindSpec.TokenAuth (AppWeb) only; the others ignore it
	// CustomerID, UserID and PrivateKeyPEM are a Machine to Machine app's:
	// the JWT's iss and sub, and the RSA key that signs it (keyring only).
	CustomerID, UserID string
	PrivateKeyPEM      string
	// IMSOrg, Scopes and IMSURL are an IMS server-to-server credential's:
	// the org ID (…@AdobeOrg) sent in x-gw-ims-org-id, the scopes (comma
	// separated, as Adobe's console lists them) and the IMS base URL.
	IMSOrg, Scopes, IMSURL string
	// AllowMissingState accepts a callback without state, only while exactly
	// one sign-in is pending and its domain and lane match Host.
	AllowMissingState bool
	// NoPKCE sends no code_challenge for AppWeb (SPA always uses PKCE).
	NoPKCE bool
}

// TokenSet is what the token endpoint gave us, plus when.
// It is stored as JSON in the keyring; field names are part of that format.
type TokenSet struct {
	AccessToken  string    `json:"access_token"`
	RefreshToken string    `json:"refresh_token,omitempty"`
	TokenType    string    `json:"token_type,omitempty"`
	WID          string    `json:"wid,omitempty"`
	Expiry       time.Time `json:"expiry,omitempty"`        // zero: unknown, refreshed when Workfront answers 401
	ObtainedAt   time.Time `json:"obtained_at"`             // when the consent's code was exchanged
	RefreshedAt  time.Time `json:"refreshed_at,omitempty"`  // last successful refresh
	RotationSeen bool      `json:"rotation_seen,omitempty"` // a refresh ever returned a new refresh token
	Domain       string    `json:"domain,omitempty"`        // from the callback
	Lane         string    `json:"lane,omitempty"`          // from the callback
	// NeedsConsent marks tokens Workfront refused: every process then
	// reports needs_consent until the person connects again.
	NeedsConsent bool `json:"needs_consent,omitempty"`
}

// State is the token state shown by the UI and the CLI.
type State string

const (
	StateNotConnected State = "not_connected"
	StateConnected    State = "connected"
	StateExpired      State = "expired"       // access token expired; renewed on next use (refresh token, new JWT or IMS token)
	StateNeedsConsent State = "needs_consent" // refresh token dead: the user must consent again
	StateUnknown      State = "unknown"       // the stored tokens could not be read (the keyring failed)
)

// Status is a snapshot of one profile's tokens, safe to show (no secrets).
type Status struct {
	Profile         string
	Host            string
	Kind            Kind // how it signs in and renews ("" read as web)
	State           State
	AccessExpiresAt time.Time // zero: unknown
	HasRefreshToken bool
	WID             string
	ObtainedAt      time.Time
	RefreshedAt     time.Time
	RotationSeen    bool
	Refreshing      bool
	Storage         string // where tokens live, e.g. "system keyring (Secret Service)"
	LastError       string // last refresh error a person can read; empty when none
	LastErr         error  // the same error, for showing it translated; nil when none
}

// TokenStore keeps one opaque blob per profile. store.Vault satisfies it,
// over the OS keyring (store.NewKeyring) or this process's memory
// (store.NewMemory); auth never imports store.
type TokenStore interface {
	// LoadTokens returns found=false (and no error) when nothing is stored.
	LoadTokens(profile string) (blob []byte, found bool, err error)
	SaveTokens(profile string, blob []byte) error
	DeleteTokens(profile string) error
	// Where names the storage for people, e.g. "system keyring (Secret Service)".
	Where() string
}
