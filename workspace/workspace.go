// Package workspace wires the parts together for the desktop app and the CLI:
// the profiles file, the secrets vault, one token source per profile and the
// Workfront API clients. It holds no Fyne, so the CLI and the UI share it.
package workspace

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// Options configures Open.
type Options struct {
	Dir        string        // config directory; empty: store.ConfigDir()
	Secrets    store.Secrets // nil: the OS keyring with a 3 s timeout
	HTTPClient *http.Client  // nil: a client with sane timeouts
	Log        func(string)  // activity log; never receives secrets
	// CacheDir holds the instances' metadata (never a secret); empty:
	// $WFCONNECT_CACHE_DIR, else os.UserCacheDir()/wfconnect, else none.
	CacheDir string
}

// Workspace is the set of profiles a person has, with what it takes to use them.
type Workspace struct {
	dir      string
	profiles *store.Profiles
	vault    store.Vault
	http     *http.Client
	log      func(string)
	cacheDir string // "" when there is no cache

	mu      sync.Mutex
	sources map[string]*auth.Source
	demo    *demo
}

// Open prepares a workspace. It does no keyring work, so it is fast enough to
// call before the first frame.
func Open(opts Options) (*Workspace, error) {
	dir := opts.Dir
	if dir == "" {
		d, err := store.ConfigDir()
		if err != nil {
			return nil, err // it says which directory and what to do
		}
		dir = d
	}
	secrets := opts.Secrets
	if secrets == nil {
		secrets = store.NewKeyring(3 * time.Second)
	}
	client := opts.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 60 * time.Second}
	}
	log := func(string) {}
	if opts.Log != nil {
		sink := opts.Log
		log = func(line string) { sink(Redact(line)) } // the one place the log is written
	}
	return &Workspace{
		cacheDir: cacheDir(opts.CacheDir),
		dir:      dir,
		profiles: store.OpenProfiles(dir),
		vault:    store.Vault{Secrets: secrets},
		http:     client,
		log:      log,
		sources:  map[string]*auth.Source{},
	}, nil
}

// Close finishes refreshes in flight (briefly) and stops the demo's simulator.
func (w *Workspace) Close() {
	w.settle(10 * time.Second)
	w.StopDemo()
}

// settle waits, up to limit, for refreshes in flight, so that quitting
// never drops a refresh token Workfront has just rotated.
func (w *Workspace) settle(limit time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	w.mu.Lock()
	sources := make([]*auth.Source, 0, len(w.sources))
	for _, src := range w.sources {
		sources = append(sources, src)
	}
	w.mu.Unlock()
	for _, src := range sources {
		src.Settle(ctx)
	}
}

// Dir is the config directory.
func (w *Workspace) Dir() string { return w.dir }

// Storage names where secrets live, for people.
func (w *Workspace) Storage() string { return w.vault.Where() }

// Profiles lists the saved profiles, and the demo's when it runs.
func (w *Workspace) Profiles() ([]store.Profile, error) {
	list, err := w.profiles.Load()
	for _, name := range []string{DemoName, DemoMachineName} {
		if p, ok := w.demoProfile(name); ok {
			list = append(list, p)
		}
	}
	return list, err
}

// Profile returns one profile.
func (w *Workspace) Profile(name string) (store.Profile, error) {
	if p, ok := w.demoProfile(name); ok {
		return p, nil
	}
	return w.profiles.Get(name)
}

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
	// ClientSecret is nil when unchanged (editing) and must be set for a new web profile.
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
}

// DraftOf is a saved profile as a draft, for changing some of it: the
// client secret is left as it is (nil), and the host keeps its scheme.
func DraftOf(p store.Profile) Draft {
	d := Draft{
		Name: p.Name, Domain: p.Host, ClientID: p.ClientID, RedirectURI: p.RedirectURI,
		AppType: p.AppType, TokenAuth: p.TokenAuth, APIVersion: p.APIVersion, Demo: p.Demo,
		AllowMissingState: p.AllowMissingState, NoPKCE: p.NoPKCE,
		CustomerID: p.CustomerID, UserID: p.UserID, IMSOrg: p.IMSOrg, Scopes: p.Scopes, IMSURL: p.IMSURL,
	}
	if p.APIVersionAuto {
		d.APIVersion = "" // still nobody's choice
	}
	return d
}

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

// Save validates and saves a profile; its client secret goes to the vault
// first, so a saved profile never points at a missing secret. Renaming moves
// the secrets and the tokens. When any step fails, the secrets are put back
// as they were, so a failed save loses nothing and leaves nothing behind.
func (w *Workspace) Save(d Draft, replacing string) (store.Profile, error) {
	p, errs := w.Validate(d, replacing)
	if errs != nil {
		return p, errs
	}
	var undo undoList
	fail := func(err error) (store.Profile, error) {
		undo.run()
		return p, err
	}
	renamed := replacing != "" && replacing != p.Name
	spec := auth.Kind(p.AppType).Spec()
	if spec.NeedsKey {
		if err := w.saveKey(&undo, d, p.Name, replacing, renamed); err != nil {
			return fail(err)
		}
	}
	if spec.NeedsSecret {
		secret, found := "", false
		var err error
		switch {
		case d.ClientSecret != nil:
			secret, found = strings.TrimSpace(*d.ClientSecret), true
		case d.CopySecretFrom != "":
			secret, found, err = w.vaultFor(d.CopySecretFrom).ClientSecret(d.CopySecretFrom)
			if err == nil && !found {
				err = FieldErrors{"client_secret": msg.New("Enter the client secret: the original connection has none saved.")}
			}
		case renamed:
			secret, found, err = w.vault.ClientSecret(replacing)
		}
		if err != nil {
			return fail(err)
		}
		if found {
			if err := putSecret(&undo, secretSlot(w.vault, p.Name), secret); err != nil {
				return fail(err)
			}
		}
	}
	if renamed {
		blob, found, err := w.vault.LoadTokens(replacing)
		if err != nil {
			return fail(err)
		}
		if found {
			if err := putSecret(&undo, tokensSlot(w.vault, p.Name), string(blob)); err != nil {
				return fail(err)
			}
		}
	}
	if err := w.profiles.Put(p, replacing); err != nil {
		return fail(err)
	}
	if renamed {
		// The profile is saved under its new name; what is left under the
		// old one is a copy, so failing to delete it loses nothing.
		if err := w.vault.Forget(replacing); err != nil {
			w.log(fmt.Sprintf("could not delete the secrets under the old name %q: %v", replacing, err))
		}
		w.forgetSource(replacing)
	}
	w.forgetSource(p.Name)
	return p, nil
}

// saveKey puts a jwt profile's private key in the vault: the one given,
// a new one (GenerateKey), the duplicated profile's, or, on a rename, the
// old name's.
func (w *Workspace) saveKey(undo *undoList, d Draft, name, replacing string, renamed bool) error {
	key, found := "", false
	var err error
	switch {
	case d.PrivateKey != nil:
		key, found = strings.TrimSpace(*d.PrivateKey)+"\n", true
	case d.GenerateKey:
		key, err = auth.GenerateKey()
		found = err == nil
	case d.CopySecretFrom != "":
		key, found, err = w.vaultFor(d.CopySecretFrom).PrivateKey(d.CopySecretFrom)
		if err == nil && !found {
			err = FieldErrors{"private_key": msg.New("Generate or import a private key: the original connection has none saved.")}
		}
	case renamed:
		key, found, err = w.vault.PrivateKey(replacing)
	}
	if err != nil || !found {
		return err
	}
	return putSecret(undo, keySlot(w.vault, name), key)
}

// undoList puts secrets back, newest change first.
type undoList []func()

func (u undoList) run() {
	for i := len(u) - 1; i >= 0; i-- {
		u[i]()
	}
}

// slot is one secret of one profile in the vault.
type slot struct {
	get func() (string, bool, error)
	set func(string) error
	del func() error
}

func secretSlot(v store.Vault, name string) slot {
	return slot{
		get: func() (string, bool, error) { return v.ClientSecret(name) },
		set: func(s string) error { return v.SetClientSecret(name, s) },
		del: func() error { return v.DeleteClientSecret(name) },
	}
}

func keySlot(v store.Vault, name string) slot {
	return slot{
		get: func() (string, bool, error) { return v.PrivateKey(name) },
		set: func(s string) error { return v.SetPrivateKey(name, s) },
		del: func() error { return v.DeletePrivateKey(name) },
	}
}

func tokensSlot(v store.Vault, name string) slot {
	return slot{
		get: func() (string, bool, error) { b, found, err := v.LoadTokens(name); return string(b), found, err },
		set: func(s string) error { return v.SaveTokens(name, []byte(s)) },
		del: func() error { return v.DeleteTokens(name) },
	}
}

// putSecret stores value in s and records how to put back what was there.
func putSecret(undo *undoList, s slot, value string) error {
	old, found, err := s.get()
	if err != nil {
		return err
	}
	if err := s.set(value); err != nil {
		return err
	}
	*undo = append(*undo, func() {
		if found {
			s.set(old)
		} else {
			s.del()
		}
	})
	return nil
}

// dropSecret deletes what s holds and records how to put it back.
func dropSecret(undo *undoList, s slot) error {
	old, found, err := s.get()
	if err != nil || !found {
		return err
	}
	if err := s.del(); err != nil {
		return err
	}
	*undo = append(*undo, func() { s.set(old) })
	return nil
}

// Remove deletes a profile and every secret it had. If the profiles file
// cannot be saved, the secrets are put back, so the profile stays whole.
func (w *Workspace) Remove(name string) error {
	if _, ok := w.demoProfile(name); ok {
		if name == DemoMachineName {
			w.forgetDemoMachine()
		} else {
			w.StopDemo()
		}
		return nil
	}
	p, err := w.profiles.Get(name)
	if err != nil {
		return err
	}
	var undo undoList
	for _, s := range []slot{secretSlot(w.vault, p.Name), keySlot(w.vault, p.Name), tokensSlot(w.vault, p.Name)} {
		if err := dropSecret(&undo, s); err != nil {
			undo.run()
			return err
		}
	}
	if err := w.profiles.Remove(p.Name); err != nil {
		undo.run()
		return err
	}
	w.forgetSource(p.Name)
	return nil
}

// checkStored re-checks a profile read from the file, which a person (or
// another program) may have edited by hand: wfconnect sends the client
// secret only to a Workfront host it would have accepted in the form.
func (w *Workspace) checkStored(p store.Profile) (store.Profile, error) {
	host, err := auth.NormalizeHost(p.Host)
	if err != nil {
		return p, msg.New("The connection %q in %s has a domain wfconnect cannot use: %s Edit the connection to fix it.", p.Name, w.profiles.Path(), err)
	}
	p.Host = host
	if IsLocalHTTP(host) && !p.LocalHTTP {
		return p, msg.New("The connection %q in %s uses %s, a local address without encryption, but it was not added as one, so wfconnect sends it nothing. If you meant the simulator or a local test server, add the connection again with that address (in the app, or wfconnect profile add --domain).", p.Name, w.profiles.Path(), host)
	}
	kind, known := auth.ParseKind(p.AppType)
	if !known {
		return p, msg.New("The connection %q in %s has an unknown application type %q. Edit the connection to fix it.", p.Name, w.profiles.Path(), p.AppType)
	}
	p.AppType = string(kind)
	spec := kind.Spec()
	if spec.NeedsRedirect {
		if err := auth.ValidateRedirectURI(p.RedirectURI); err != nil {
			return p, msg.New("The connection %q in %s has a redirect URL wfconnect cannot use: %s Edit the connection to fix it.", p.Name, w.profiles.Path(), err)
		}
	}
	if spec.TokenAuth && p.TokenAuth != string(auth.TokenAuthBasicJSON) && p.TokenAuth != string(auth.TokenAuthForm) {
		return p, msg.New("The connection %q in %s has an unknown token request form %q. Edit the connection to fix it.", p.Name, w.profiles.Path(), p.TokenAuth)
	}
	if spec.NeedsIMSOrg && !auth.ValidIMSOrg(p.IMSOrg) {
		return p, msg.New("The connection %q in %s has an IMS organization ID wfconnect cannot use (%q). Edit the connection to fix it.", p.Name, w.profiles.Path(), p.IMSOrg)
	}
	if spec.HasScopes {
		// The client secret goes to this address: only one the form
		// would have accepted.
		ims, err := auth.NormalizeIMSURL(p.IMSURL)
		if err != nil {
			return p, msg.New("The connection %q in %s has an IMS address wfconnect cannot use: %s Edit the connection to fix it.", p.Name, w.profiles.Path(), err)
		}
		if IsLocalHTTP(ims) && !p.LocalHTTP {
			return p, msg.New("The connection %q in %s sends its client secret to %s, a local address without encryption, but it was not added as one, so wfconnect sends it nothing. Add the connection again.", p.Name, w.profiles.Path(), ims)
		}
		p.IMSURL = ims
	}
	return p, nil
}

// Config builds the flow's configuration, reading the client secret from the vault.
func (w *Workspace) Config(name string) (auth.Config, error) {
	cfg, err := w.configWithoutSecret(name)
	if err != nil {
		return cfg, err
	}
	spec := cfg.AppType.Spec()
	if spec.NeedsSecret {
		secret, found, err := w.vaultFor(cfg.Profile).ClientSecret(cfg.Profile)
		if err != nil {
			return cfg, err
		}
		if !found {
			return cfg, msg.New("The client secret of %q is not in the keyring: edit the connection and enter it again.", cfg.Profile)
		}
		cfg.ClientSecret = secret
	}
	if spec.NeedsKey {
		key, found, err := w.vaultFor(cfg.Profile).PrivateKey(cfg.Profile)
		if err != nil {
			return cfg, err
		}
		if !found {
			return cfg, msg.New("The private key of %q is not in the keyring: edit the connection and generate or import one (then paste its public key into Workfront).", cfg.Profile)
		}
		cfg.PrivateKeyPEM = key
	}
	return cfg, nil
}

// configWithoutSecret is the flow's configuration minus the client secret,
// which reading the token state does not need.
func (w *Workspace) configWithoutSecret(name string) (auth.Config, error) {
	p, err := w.Profile(name)
	if err != nil {
		return auth.Config{}, err
	}
	if p, err = w.checkStored(p); err != nil {
		return auth.Config{}, err
	}
	return auth.Config{
		Profile:     p.Name,
		Host:        p.Host,
		ClientID:    p.ClientID,
		RedirectURI: p.RedirectURI,
		AppType:     auth.AppType(p.AppType),
		TokenAuth:   auth.TokenAuth(p.TokenAuth),

		AllowMissingState: p.AllowMissingState,
		NoPKCE:            p.NoPKCE,
		CustomerID:        p.CustomerID,
		UserID:            p.UserID,
		IMSOrg:            p.IMSOrg,
		Scopes:            p.Scopes,
		IMSURL:            p.IMSURL,
	}, nil
}

// Flow is a sign-in in progress.
type Flow interface {
	AuthURL() string
	Loopback() bool
	SubmitPasted(raw string) error
	CodeReceived() <-chan time.Time
	Wait(ctx context.Context) (*auth.TokenSet, error)
	Cancel()
	// Rejected yields each callback the listener refused (wrong state,
	// path, Host…), at once, while the sign-in keeps waiting.
	Rejected() <-chan error
}

// Begin starts a sign-in: the authorize URL is ready and, for a loopback
// redirect, the listener is up when it returns.
func (w *Workspace) Begin(ctx context.Context, name string) (Flow, error) {
	return w.BeginFor(ctx, name, 0)
}

// BeginFor is Begin with how long to wait for consent (0: auth's default,
// 10 minutes).
func (w *Workspace) BeginFor(ctx context.Context, name string, wait time.Duration) (Flow, error) {
	cfg, err := w.Config(name)
	if err != nil {
		return nil, err
	}
	w.forgetSource(name)
	rejected := make(chan error, 16)
	flow, err := auth.Begin(ctx, cfg, w.vaultFor(name), auth.BeginOptions{
		HTTPClient: w.http, Log: w.log, CallbackTimeout: wait,
		OnRejected: func(err error) {
			select {
			case rejected <- err:
			default: // nobody is reading fast enough; the timeout still names the last one
			}
		},
	})
	if err != nil {
		return nil, err
	}
	return signIn{flow, rejected}, nil
}

// signIn is an auth.Flow that also hands out the callbacks it refused.
type signIn struct {
	*auth.Flow
	rejected chan error
}

func (s signIn) Rejected() <-chan error { return s.rejected }

// The API client sends each token in the header its type goes with.
var _ workfront.HeaderProvider = (*auth.Source)(nil)

// Source returns the profile's token source, one per profile per process.
func (w *Workspace) Source(name string) (*auth.Source, error) {
	w.mu.Lock()
	src, ok := w.sources[name]
	w.mu.Unlock()
	if ok {
		return src, nil
	}
	cfg, err := w.Config(name)
	if err != nil {
		return nil, err
	}
	vault := w.vaultFor(name)
	w.mu.Lock()
	defer w.mu.Unlock()
	if src, ok := w.sources[name]; ok {
		return src, nil
	}
	src = auth.NewSource(cfg, vault, auth.SourceOptions{LockDir: w.dir, HTTPClient: w.http, Log: w.log})
	w.sources[name] = src
	return src, nil
}

func (w *Workspace) forgetSource(name string) {
	w.mu.Lock()
	delete(w.sources, name)
	w.mu.Unlock()
}

// Status reports the profile's token state without refreshing. It needs
// no client secret, so a connection whose secret is missing still shows
// its tokens' state.
func (w *Workspace) Status(ctx context.Context, name string) (auth.Status, error) {
	if src := w.cachedSource(name); src != nil {
		return src.Status(ctx), nil
	}
	cfg, err := w.configWithoutSecret(name)
	if err != nil {
		return auth.Status{Profile: name, Storage: w.vault.Where()}, err
	}
	reader := auth.NewSource(cfg, w.vaultFor(name), auth.SourceOptions{LockDir: w.dir, HTTPClient: w.http, Log: w.log})
	return reader.Status(ctx), nil
}

func (w *Workspace) cachedSource(name string) *auth.Source {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.sources[name]
}

// Token returns a valid sessionID, refreshing when needed.
func (w *Workspace) Token(ctx context.Context, name string) (string, error) {
	src, err := w.Source(name)
	if err != nil {
		return "", err
	}
	return src.Token(ctx)
}

// Logout ends the session at Workfront (GET /logout) and then forgets the
// profile's tokens (the client secret and key stay). When Workfront cannot
// be reached the tokens are forgotten all the same, and the error (kind
// ErrSessionNotEnded) says the server session could not be ended.
func (w *Workspace) Logout(ctx context.Context, name string) error {
	p, err := w.Profile(name)
	if err != nil {
		return err
	}
	ended := w.endServerSession(ctx, p)
	if src := w.cachedSource(name); src != nil {
		err = src.Disconnect(ctx)
	} else {
		err = w.vaultFor(name).DeleteTokens(name)
	}
	if err != nil {
		return err
	}
	if ended != nil {
		return msg.New("Forgot the tokens of %s on this computer, but could not end the session at Workfront (%v). It ends by itself after a while without use.", name, ended).WithKind(ErrSessionNotEnded).Because(ended)
	}
	return nil
}

// Client returns a Workfront API client for the profile.
func (w *Workspace) Client(name string) (*workfront.Client, error) {
	p, err := w.Profile(name)
	if err != nil {
		return nil, err
	}
	if p, err = w.checkStored(p); err != nil {
		return nil, err
	}
	src, err := w.Source(name)
	if err != nil {
		return nil, err
	}
	return workfront.NewClient(p.Host, p.APIVersion, src, workfront.Options{
		HTTPClient: w.http,
		Log: func(method, path string, status int, dur time.Duration) {
			w.log(fmt.Sprintf("%s %s -> %d in %s", method, path, status, dur.Round(time.Millisecond)))
		},
	}), nil
}

// IsNeedsConsent reports whether err means the person must connect again.
func IsNeedsConsent(err error) bool { return errors.Is(err, auth.ErrNeedsConsent) }

// RefreshNow refreshes the access token even if it still looks valid.
func (w *Workspace) RefreshNow(ctx context.Context, name string) error {
	src, err := w.Source(name)
	if err != nil {
		return err
	}
	tok, err := src.Token(ctx)
	if err != nil {
		return err
	}
	_, err = src.Refresh(ctx, tok)
	return err
}

// ObjectSource is the part of the Workfront client the project browser
// and the explorer use: the generic path, for any object type.
type ObjectSource interface {
	Search(ctx context.Context, s workfront.Search) ([]workfront.Object, error)
	Count(ctx context.Context, objCode string, filters []workfront.Filter) (int, error)
	Get(ctx context.Context, objCode, id string, fields []string) (workfront.Object, error)
	Host() string
}

// Report runs Workfront's report action for the profile.
func (w *Workspace) Report(ctx context.Context, name string, q workfront.ReportQuery) (workfront.Report, error) {
	c, err := w.Client(name)
	if err != nil {
		return workfront.Report{}, err
	}
	return c.Report(ctx, q)
}

// Objects returns the profile's generic search.
func (w *Workspace) Objects(name string) (ObjectSource, error) {
	return w.Client(name)
}
