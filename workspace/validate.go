package workspace

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// Validate checks a draft and returns the profile it would save. replacing is
// the name of the profile being edited ("" when adding).
func (w *Workspace) Validate(d Draft, replacing string) (store.Profile, FieldErrors) {
	errs := FieldErrors{}
	p := store.Profile{
		Name:        strings.TrimSpace(d.Name),
		ClientID:    strings.TrimSpace(d.ClientID),
		RedirectURI: strings.TrimSpace(d.RedirectURI),
		AppType:     orDefault(d.AppType, string(auth.AppWeb)),
		TokenAuth:   orDefault(d.TokenAuth, string(auth.TokenAuthBasicJSON)),
		APIVersion:  strings.TrimSpace(d.APIVersion),
		Demo:        d.Demo,
	}
	if p.APIVersion == "" {
		// Nobody chose: the newest wfconnect knows, until the first
		// session says what the instance offers.
		p.APIVersion, p.APIVersionAuto = workfront.NewestKnownVersion(), true
	}
	kind, known := auth.ParseKind(p.AppType)
	spec := kind.Spec()
	switch {
	case p.Name == "":
		errs["name"] = msg.New("Give the connection a name.")
	case IsDemoName(p.Name) || IsDemoName(replacing):
		errs["name"] = msg.New("The demo connection cannot be edited; add your own connection instead.")
	case strings.ContainsAny(p.Name, "/\\"):
		errs["name"] = msg.New("A name cannot contain / or \\.")
	case !utf8.ValidString(p.Name):
		errs["name"] = msg.New("A name must be valid text: this one has bytes that are not UTF-8.")
	case strings.IndexFunc(p.Name, unicode.IsControl) >= 0:
		errs["name"] = msg.New("A name cannot contain tabs, line breaks or other control characters.")
	case utf8.RuneCountInString(p.Name) > maxNameLength:
		errs["name"] = msg.New("A name can have at most %d characters.", maxNameLength)
	case w.nameTaken(p.Name, replacing):
		errs["name"] = msg.New("A connection named %q already exists.", p.Name)
	}
	host, err := auth.NormalizeHost(d.Domain)
	if err != nil {
		errs["domain"] = err
	}
	p.Host = host
	// Typed here, a plain-http loopback host is the person's explicit
	// choice (the simulator, tests); the mark lets checkStored tell it from
	// one planted in the file.
	p.LocalHTTP = IsLocalHTTP(host)
	p.AllowMissingState, p.NoPKCE = d.AllowMissingState, d.NoPKCE
	if d.ClientSecret != nil && len(strings.TrimSpace(*d.ClientSecret)) > maxSecretLength {
		errs["client_secret"] = msg.New("That is too long to be a client secret (%d characters); copy just the secret from Workfront.", len(strings.TrimSpace(*d.ClientSecret)))
	}
	if p.ClientID == "" {
		errs["client_id"] = msg.New("Paste the Client ID from Workfront (Setup > System > OAuth2 Applications).")
	} else if strings.IndexFunc(p.ClientID, func(r rune) bool { return r == utf8.RuneError || unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		errs["client_id"] = msg.New("A Client ID has no spaces: copy it again from Workfront.")
	}
	if !known {
		errs["app_type"] = msg.New("Choose Web Application, Single Page Web Application, Machine to Machine Application or Adobe IMS server-to-server.")
		return p, errs
	}
	if spec.NeedsRedirect {
		if err := auth.ValidateRedirectURI(p.RedirectURI); err != nil {
			errs["redirect_uri"] = err
		}
	} else {
		p.RedirectURI = ""
	}
	if spec.NeedsSecret {
		missing := d.ClientSecret != nil && strings.TrimSpace(*d.ClientSecret) == "" ||
			d.ClientSecret == nil && d.CopySecretFrom == "" && (replacing == "" || w.kindChanged(replacing, kind))
		if missing && kind == auth.AppWeb {
			errs["client_secret"] = msg.New("A Web Application needs its client secret. (Single Page apps use PKCE and have none.)")
		} else if missing {
			errs["client_secret"] = msg.New("This kind of connection needs its client secret.")
		}
	}
	if spec.TokenAuth || kind == auth.AppSPA {
		if p.TokenAuth != string(auth.TokenAuthBasicJSON) && p.TokenAuth != string(auth.TokenAuthForm) {
			errs["token_auth"] = msg.New("Choose basic-json or form.")
		}
	}
	if !spec.PKCEOption {
		p.NoPKCE = false
	}
	if !spec.BrowserStep {
		p.AllowMissingState = false
	}
	if spec.NeedsIDs {
		p.CustomerID, p.UserID = strings.TrimSpace(d.CustomerID), strings.TrimSpace(d.UserID)
		if err := checkID(p.CustomerID, msg.New("Paste the Customer ID from the app's page in Workfront (Setup > System > OAuth2 Applications).")); err != nil {
			errs["customer_id"] = err
		}
		if err := checkID(p.UserID, msg.New("Enter the User ID of the Workfront user the integration acts as.")); err != nil {
			errs["user_id"] = err
		}
	}
	if spec.NeedsKey {
		switch {
		case d.PrivateKey != nil:
			if _, err := auth.ParsePrivateKey(*d.PrivateKey); err != nil {
				errs["private_key"] = err
			}
		case d.GenerateKey, d.CopySecretFrom != "":
		case replacing == "" || w.kindChanged(replacing, kind):
			errs["private_key"] = msg.New("A Machine to Machine connection needs a private key: generate one, or import the PEM file you have.")
		}
	}
	if spec.NeedsIMSOrg {
		p.IMSOrg = strings.TrimSpace(d.IMSOrg)
		if !auth.ValidIMSOrg(p.IMSOrg) {
			errs["ims_org"] = msg.New("Paste the organization ID from the Adobe Developer Console: letters and digits ending in @AdobeOrg.")
		}
	}
	if spec.HasScopes {
		p.Scopes = auth.NormalizeScopes(d.Scopes)
		if hasControlOrBad(p.Scopes) {
			errs["scopes"] = msg.New("Scopes are words separated by commas, as the Adobe Developer Console lists them.")
		}
		ims, err := auth.NormalizeIMSURL(d.IMSURL)
		switch {
		case err != nil:
			errs["ims_url"] = err
		case IsLocalHTTP(ims) && !p.LocalHTTP:
			// The client secret goes there: plain http only along with a
			// local simulator, as the LocalHTTP rule has it for hosts.
			errs["ims_url"] = msg.New("A plain-http IMS address is only for a local simulator together with a local Workfront address; use https.")
		}
		p.IMSURL = ims
	}
	if !validAPIVersion(p.APIVersion) {
		errs["api_version"] = msg.New("Use an API version like v21.0.")
	}
	if len(errs) > 0 {
		return p, errs
	}
	return p, nil
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
