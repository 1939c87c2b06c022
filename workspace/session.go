package workspace

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// ErrSessionNotEnded: Logout forgot the tokens, but Workfront could not be
// reached (or refused) to end the session there.
var ErrSessionNotEnded = errors.New("the session at Workfront was not ended")

// storedTokens is a session read from the vault as it is: Logout ends it
// without renewing it first.
type storedTokens struct {
	tok   string
	typ   string
	extra [][2]string
}

func (s storedTokens) Token(context.Context) (string, error) { return s.tok, nil }
func (s storedTokens) Refresh(context.Context, string) (string, error) {
	return "", errors.New("not renewed while signing out")
}
func (s storedTokens) HeaderFor(token string) (string, string) {
	if strings.EqualFold(s.typ, "bearer") {
		return "Authorization", "Bearer " + token
	}
	return "sessionID", token
}
func (s storedTokens) ExtraHeaders() [][2]string { return s.extra }

// endServerSession sends GET /logout with the stored token; nil when there
// is no session to end or Workfront ended it.
func (w *Workspace) endServerSession(ctx context.Context, p store.Profile) error {
	blob, found, err := w.vaultFor(p.Name).LoadTokens(p.Name)
	if err != nil || !found {
		return nil // nothing we can end; forgetting is all there is
	}
	var t auth.TokenSet
	if json.Unmarshal(blob, &t) != nil || t.AccessToken == "" {
		return nil
	}
	checked, err := w.checkStored(p)
	if err != nil {
		return err
	}
	tokens := storedTokens{tok: t.AccessToken, typ: t.TokenType}
	if auth.Kind(checked.AppType).Spec().NeedsIMSOrg {
		tokens.extra = [][2]string{{auth.IMSOrgHeader, checked.IMSOrg}}
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	c := workfront.NewClient(checked.Host, checked.APIVersion, tokens, workfront.Options{
		HTTPClient: w.http, MaxRetries: 1,
		Log: func(method, path string, status int, dur time.Duration) {
			w.log(fmt.Sprintf("%s %s -> %d in %s", method, path, status, dur.Round(time.Millisecond)))
		},
	})
	return c.Logout(ctx, t.AccessToken)
}

// SignIn signs a connection of a kind that needs no person (jwt, ims) in
// now: a new JWT exchanged, or a new IMS token, saved to the keyring, single
// flight with every other process. It returns the new token state. Browser
// kinds sign in through Begin.
func (w *Workspace) SignIn(ctx context.Context, name string) (auth.Status, error) {
	src, err := w.Source(name)
	if err != nil {
		return auth.Status{Profile: name, Storage: w.vault.Where()}, err
	}
	if _, err := src.SignIn(ctx); err != nil {
		return src.Status(ctx), err
	}
	return src.Status(ctx), nil
}

// Kind is the profile's kind of connection, with its table entry.
func (w *Workspace) Kind(name string) (auth.KindSpec, error) {
	p, err := w.Profile(name)
	if err != nil {
		return auth.KindSpec{}, err
	}
	k, ok := auth.ParseKind(p.AppType)
	if !ok {
		return auth.KindSpec{}, msg.New("The connection %q in %s has an unknown application type %q. Edit the connection to fix it.", p.Name, w.profiles.Path(), p.AppType)
	}
	return k.Spec(), nil
}

// PublicKey is the PEM public key of a Machine to Machine profile, for the
// admin to paste into Workfront (Setup > System > OAuth2 Applications > the
// app > Public Keys). The private key never leaves the keyring.
func (w *Workspace) PublicKey(name string) (string, error) {
	spec, err := w.Kind(name)
	if err != nil {
		return "", err
	}
	if !spec.NeedsKey {
		return "", msg.New("%s is not a Machine to Machine connection, so it has no key pair.", name)
	}
	key, found, err := w.vaultFor(name).PrivateKey(name)
	if err != nil {
		return "", err
	}
	if !found {
		return "", msg.New("The private key of %q is not in the keyring: edit the connection and generate or import one (then paste its public key into Workfront).", name)
	}
	return auth.PublicKeyPEM(key)
}

// WhoAmI asks Workfront who the profile's session belongs to, what the
// instance offers and how long the round trip took. The first answer also
// settles a version nobody chose: the profile moves to the newest version
// the instance offers (that wfconnect knows to be supported).
func (w *Workspace) WhoAmI(ctx context.Context, name string) (workfront.Identity, error) {
	c, err := w.Client(name)
	if err != nil {
		return workfront.Identity{}, err
	}
	id, err := c.WhoAmI(ctx)
	if err != nil {
		return id, err
	}
	if p, perr := w.profiles.Get(name); perr == nil && p.APIVersionAuto && !p.Demo && len(id.APIVersions) > 0 {
		p.APIVersion, p.APIVersionAuto = workfront.UpgradeTarget(id.APIVersions, time.Now()), false
		if err := w.profiles.Put(p, p.Name); err != nil {
			w.log(fmt.Sprintf("could not save the API version %s for %q: %v", p.APIVersion, p.Name, err))
		}
	}
	return id, nil
}

// VersionWarning says what a profile's pinned API version deserves
// (workfront.AdviseVersion, as of now) and the version to upgrade to:
// the newest the instance offers (offered: Identity.APIVersions, nil when
// unknown), else the newest wfconnect knows.
func VersionWarning(p store.Profile, offered []string, now time.Time) (workfront.VersionAdvice, string) {
	return workfront.AdviseVersion(p.APIVersion, now), workfront.UpgradeTarget(offered, now)
}

// SetAPIVersion pins a saved profile to version (the version warning's
// one-click upgrade); everything else, secrets and tokens included, stays.
func (w *Workspace) SetAPIVersion(name, version string) error {
	p, err := w.profiles.Get(name)
	if err != nil {
		return err
	}
	if !validAPIVersion(version) {
		return FieldErrors{"api_version": msg.New("Use an API version like v21.0.")}
	}
	p.APIVersion, p.APIVersionAuto = version, false
	return w.profiles.Put(p, p.Name)
}
