package workspace

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// Validate checks a draft and returns the profile it would save. replacing is
// the name of the profile being edited ("" when adding). Each field has one
// check (fieldChecks); a draft gets those of the fields its kind shows.
func (w *Workspace) Validate(d Draft, replacing string) (store.Profile, FieldErrors) {
	v := &validation{w: w, d: d, replacing: replacing, p: profileOf(d), errs: FieldErrors{}}
	kind, known := auth.ParseKind(v.p.AppType)
	if known {
		v.kind, v.spec = kind, kind.Spec()
	}
	// The form's order: the domain's check marks a local host before the
	// IMS address's check reads the mark.
	for _, field := range fieldOrder {
		if check, ok := fieldChecks[field]; ok && v.checks(field, known) {
			if err := check(v); err != nil {
				v.errs[field] = err
			}
		}
	}
	if !known {
		v.errs["app_type"] = msg.New("Choose Web Application, Single Page Web Application, Machine to Machine Application or Adobe IMS server-to-server.")
		return v.p, v.errs
	}
	v.dropUnused()
	if err := v.checkWrites(); err != nil {
		v.errs["writes"] = err
	}
	if len(v.errs) > 0 {
		return v.p, v.errs
	}
	return v.p, nil
}

// validation is one run of Validate: the draft, the profile it makes and
// what is wrong with it so far.
type validation struct {
	w         *Workspace
	d         Draft
	replacing string
	kind      auth.Kind
	spec      auth.KindSpec // the zero spec while the kind is unknown
	p         store.Profile
	errs      FieldErrors
}

// A fieldCheck checks what was typed into one field of the form (a
// FieldErrors key) and puts the cleaned value into the profile.
type fieldCheck func(v *validation) error

// fieldChecks has the check of each field.
var fieldChecks = map[string]fieldCheck{
	"name":          (*validation).checkName,
	"domain":        (*validation).checkDomain,
	"client_id":     (*validation).checkClientID,
	"client_secret": (*validation).checkClientSecret,
	"redirect_uri":  (*validation).checkRedirectURI,
	"token_auth":    (*validation).checkTokenAuth,
	"customer_id":   (*validation).checkCustomerID,
	"user_id":       (*validation).checkUserID,
	"private_key":   (*validation).checkPrivateKey,
	"ims_org":       (*validation).checkIMSOrg,
	"scopes":        (*validation).checkScopes,
	"ims_url":       (*validation).checkIMSURL,
	"api_version":   (*validation).checkAPIVersion,
}

// everyDraft are the fields checked whatever the kind, even one wfconnect
// does not know. The client secret is among them: one pasted for a kind
// that has none is still refused when it cannot be a secret at all.
var everyDraft = []string{"name", "domain", "client_id", "client_secret"}

// checks reports whether the draft's field is checked: one of everyDraft,
// or one its known kind shows. A Single Page app shows no choice of token
// request form, but its profile keeps one as the web app's does (both ask
// Workfront's token endpoint), so an unknown form is refused there too.
func (v *validation) checks(field string, known bool) bool {
	switch {
	case slices.Contains(everyDraft, field):
		return true
	case !known:
		return false
	case field == "token_auth" && v.spec.BrowserStep:
		return true
	}
	return v.spec.Shows(field)
}

// profileOf is the draft as a profile, trimmed, with the defaults of what
// was left empty; the checks add the rest.
func profileOf(d Draft) store.Profile {
	p := store.Profile{
		Name:              strings.TrimSpace(d.Name),
		ClientID:          strings.TrimSpace(d.ClientID),
		RedirectURI:       strings.TrimSpace(d.RedirectURI),
		AppType:           orDefault(d.AppType, string(auth.AppWeb)),
		TokenAuth:         orDefault(d.TokenAuth, string(auth.TokenAuthBasicJSON)),
		APIVersion:        strings.TrimSpace(d.APIVersion),
		Demo:              d.Demo,
		AllowMissingState: d.AllowMissingState,
		NoPKCE:            d.NoPKCE,
		Writes:            strings.TrimSpace(d.Writes),
	}
	if p.APIVersion == "" {
		// Nobody chose: the newest wfconnect knows, until the first
		// session says what the instance offers.
		p.APIVersion, p.APIVersionAuto = workfront.NewestKnownVersion(), true
	}
	return p
}

// dropUnused forgets what the kind has no use for.
func (v *validation) dropUnused() {
	if !v.spec.Shows("redirect_uri") {
		v.p.RedirectURI = ""
	}
	if !v.spec.PKCEOption {
		v.p.NoPKCE = false
	}
	if !v.spec.BrowserStep {
		v.p.AllowMissingState = false
	}
}

// newSecrets reports whether the draft must bring the kind's secrets: a new
// profile, or an edit that changes the kind.
func (v *validation) newSecrets() bool {
	return v.replacing == "" || v.w.kindChanged(v.replacing, v.kind)
}

func (v *validation) checkName() error {
	name := v.p.Name
	switch {
	case name == "":
		return msg.New("Give the connection a name.")
	case IsDemoName(name) || IsDemoName(v.replacing):
		return msg.New("The demo connection cannot be edited; add your own connection instead.")
	case strings.ContainsAny(name, "/\\"):
		return msg.New("A name cannot contain / or \\.")
	case !utf8.ValidString(name):
		return msg.New("A name must be valid text: this one has bytes that are not UTF-8.")
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return msg.New("A name cannot contain tabs, line breaks or other control characters.")
	case utf8.RuneCountInString(name) > maxNameLength:
		return msg.New("A name can have at most %d characters.", maxNameLength)
	case v.w.nameTaken(name, v.replacing):
		return msg.New("A connection named %q already exists.", name)
	}
	return nil
}

func (v *validation) checkDomain() error {
	host, err := auth.NormalizeHost(v.d.Domain)
	v.p.Host = host
	// Typed here, a plain-http loopback host is the person's explicit
	// choice (the simulator, tests); the mark lets checkStored tell it from
	// one planted in the file.
	v.p.LocalHTTP = IsLocalHTTP(host)
	return err
}

func (v *validation) checkClientID() error {
	switch {
	case v.p.ClientID == "":
		return msg.New("Paste the Client ID from Workfront (Setup > System > OAuth2 Applications).")
	case hasControlOrBad(v.p.ClientID):
		return msg.New("A Client ID has no spaces: copy it again from Workfront.")
	}
	return nil
}

// checkClientSecret refuses a secret too long to be one, whatever the
// kind, and a missing one when the kind needs it. Editing, no secret
// (nil) keeps the saved one.
func (v *validation) checkClientSecret() error {
	given := v.d.ClientSecret
	if given != nil && len(strings.TrimSpace(*given)) > maxSecretLength {
		return msg.New("That is too long to be a client secret (%d characters); copy just the secret from Workfront.", len(strings.TrimSpace(*given)))
	}
	if !v.spec.NeedsSecret {
		return nil
	}
	if given != nil && strings.TrimSpace(*given) == "" || given == nil && v.d.CopySecretFrom == "" && v.newSecrets() {
		return v.spec.SecretMissing
	}
	return nil
}

func (v *validation) checkRedirectURI() error {
	return auth.ValidateRedirectURI(v.p.RedirectURI)
}

func (v *validation) checkTokenAuth() error {
	if v.p.TokenAuth != string(auth.TokenAuthBasicJSON) && v.p.TokenAuth != string(auth.TokenAuthForm) {
		return msg.New("Choose basic-json or form.")
	}
	return nil
}

func (v *validation) checkCustomerID() error {
	v.p.CustomerID = strings.TrimSpace(v.d.CustomerID)
	return checkID(v.p.CustomerID, msg.New("Paste the Customer ID from the app's page in Workfront (Setup > System > OAuth2 Applications)."))
}

func (v *validation) checkUserID() error {
	v.p.UserID = strings.TrimSpace(v.d.UserID)
	return checkID(v.p.UserID, msg.New("Enter the User ID of the Workfront user the integration acts as."))
}

// checkPrivateKey: a key given must be usable; none given is fine when
// one is to be generated, copied, or kept from the saved profile.
func (v *validation) checkPrivateKey() error {
	switch {
	case v.d.PrivateKey != nil:
		_, err := auth.ParsePrivateKey(*v.d.PrivateKey)
		return err
	case v.d.GenerateKey, v.d.CopySecretFrom != "":
		return nil
	case v.newSecrets():
		return msg.New("A Machine to Machine connection needs a private key: generate one, or import the PEM file you have.")
	}
	return nil
}

func (v *validation) checkIMSOrg() error {
	v.p.IMSOrg = strings.TrimSpace(v.d.IMSOrg)
	if !auth.ValidIMSOrg(v.p.IMSOrg) {
		return msg.New("Paste the organization ID from the Adobe Developer Console: letters and digits ending in @AdobeOrg.")
	}
	return nil
}

func (v *validation) checkScopes() error {
	v.p.Scopes = auth.NormalizeScopes(v.d.Scopes)
	if hasControlOrBad(v.p.Scopes) {
		return msg.New("Scopes are words separated by commas, as the Adobe Developer Console lists them.")
	}
	return nil
}

func (v *validation) checkIMSURL() error {
	ims, err := auth.NormalizeIMSURL(v.d.IMSURL)
	v.p.IMSURL = ims
	switch {
	case err != nil:
		return err
	case IsLocalHTTP(ims) && !v.p.LocalHTTP:
		// The client secret goes there: plain http only along with a
		// local simulator, as the LocalHTTP rule has it for hosts.
		return msg.New("A plain-http IMS address is only for a local simulator together with a local Workfront address; use https.")
	}
	return nil
}

func (v *validation) checkAPIVersion() error {
	if !validAPIVersion(v.p.APIVersion) {
		return msg.New("Use an API version like v21.0.")
	}
	return nil
}

// checkID checks a Customer ID or User ID: present, one word.
func checkID(id string, missing error) error {
	switch {
	case id == "":
		return missing
	case hasControlOrBad(id) || strings.ContainsAny(id, ", "):
		return msg.New("An ID has no spaces: copy it again from Workfront.")
	}
	return nil
}

// hasControlOrBad reports spaces inside, control characters or invalid UTF-8.
func hasControlOrBad(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r == utf8.RuneError || unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0
}

// kindChanged reports whether the saved profile named name is of another
// kind than k (so an edit that changes the kind needs the new kind's secrets).
func (w *Workspace) kindChanged(name string, k auth.Kind) bool {
	p, err := w.Profile(name)
	if err != nil {
		return false
	}
	old, _ := auth.ParseKind(p.AppType)
	return old != k
}

// nameTaken reports whether another saved profile has the name (ignoring case).
func (w *Workspace) nameTaken(name, replacing string) bool {
	existing, _ := w.profiles.Load()
	for _, e := range existing {
		if strings.EqualFold(e.Name, name) && !strings.EqualFold(e.Name, replacing) {
			return true
		}
	}
	return false
}

// IsLocalHTTP reports whether a normalized host is a plain-http loopback
// address: the simulator or a test server, reached without encryption.
func IsLocalHTTP(host string) bool { return strings.HasPrefix(host, "http://") }

func validAPIVersion(v string) bool {
	if !strings.HasPrefix(v, "v") || !strings.HasSuffix(v, ".0") {
		return false
	}
	digits := strings.TrimSuffix(strings.TrimPrefix(v, "v"), ".0")
	if digits == "" || len(digits) > 3 {
		return false
	}
	for _, r := range digits {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return strings.TrimSpace(s)
}
