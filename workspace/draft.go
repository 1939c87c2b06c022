package workspace

import (
	"strings"

	"github.com/wfconnect/wfconnect/store"
)

// FieldErrors maps a form field ("name", "domain", "client_id", "client_secret",
// "redirect_uri", "app_type", "token_auth", "customer_id", "user_id",
// "private_key", "ims_org", "scopes", "ims_url", "api_version") to what is
// wrong with it. auth.KindSpec.Fields names the ones each kind shows.
type FieldErrors map[string]error

func (f FieldErrors) Error() string {
	parts := make([]string, 0, len(f))
	f.Each(func(_ string, err error) { parts = append(parts, err.Error()) })
	return strings.Join(parts, " ")
}

// Each calls fn for every field with an error, in the form's order.
func (f FieldErrors) Each(fn func(field string, err error)) {
	for _, k := range fieldOrder {
		if err, ok := f[k]; ok {
			fn(k, err)
		}
	}
}

// Client secrets from Workfront are a few dozen characters; anything far
// longer is a paste gone wrong, and some keyrings limit an entry's size.
const maxSecretLength = 512

// maxNameLength keeps names usable in lists, menus and keyring entries.
const maxNameLength = 64

var fieldOrder = []string{"name", "domain", "client_id", "client_secret", "redirect_uri", "app_type", "token_auth",
	"customer_id", "user_id", "private_key", "ims_org", "scopes", "ims_url", "api_version"}

// Draft is what a person typed into the profile form or the CLI.
type Draft struct {
	Name, Domain, ClientID, RedirectURI string
	AppType, TokenAuth, APIVersion      string
	Demo                                bool
	// AllowMissingState and NoPKCE are the sign-in's less safe opt-ins.
	AllowMissingState, NoPKCE bool
	// ClientSecret is nil when unchanged (editing); a new profile of a kind
	// that needs one (auth.KindSpec.NeedsSecret) must have it, or CopySecretFrom.
	ClientSecret *string
	// CopySecretFrom names a profile whose client secret (and private
	// key) a duplicate reuses.
	CopySecretFrom string

	// CustomerID and UserID: a Machine to Machine (jwt) app's iss and sub.
	CustomerID, UserID string
	// PrivateKey is a jwt profile's PEM private key (PKCS#1 or PKCS#8 RSA):
	// nil when unchanged (editing). A new jwt profile needs it, or
	// GenerateKey, which makes a new RSA-2048 key on Save.
	PrivateKey  *string
	GenerateKey bool
	// IMSOrg (…@AdobeOrg), Scopes and IMSURL (empty: Adobe's default IMS):
	// an Adobe IMS server-to-server (ims) credential's.
	IMSOrg, Scopes, IMSURL string

	// Writes is the write mode (edit.Mode's spelling); empty keeps the
	// saved one, or for a new connection the environment's default.
	Writes string
}

// DraftOf is a saved profile as a draft, for changing some of it: the
// client secret is left as it is (nil), and the host keeps its scheme.
func DraftOf(p store.Profile) Draft {
	d := Draft{
		Name: p.Name, Domain: p.Host, ClientID: p.ClientID, RedirectURI: p.RedirectURI,
		AppType: p.AppType, TokenAuth: p.TokenAuth, APIVersion: p.APIVersion, Demo: p.Demo,
		AllowMissingState: p.AllowMissingState, NoPKCE: p.NoPKCE,
		CustomerID: p.CustomerID, UserID: p.UserID, IMSOrg: p.IMSOrg, Scopes: p.Scopes, IMSURL: p.IMSURL,
		Writes: p.Writes,
	}
	if p.APIVersionAuto {
		d.APIVersion = "" // still nobody's choice
	}
	return d
}
