package workspace

import (
	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/store"
)

// checkStored re-checks a profile read from the file, which a person (or
// another program) may have edited by hand: wfconnect sends the client
// secret only to a Workfront host it would have accepted in the form.
func (w *Workspace) checkStored(p store.Profile) (store.Profile, error) {
	host, err := auth.NormalizeHost(p.Host)
	if err != nil {
		return p, msg.New("The connection %q in %s has a domain wfconnect cannot use: %s Edit the connection to fix it.", p.Name, w.profiles.Path(), err)
	}
	p.Host = host
	if IsLocalHTTP(host) {
		if err := w.checkLocalHost(p); err != nil {
			return p, err
		}
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
		if IsLocalHTTP(ims) {
			if err := w.checkLocalIMS(p, ims); err != nil {
				return p, err
			}
		}
		p.IMSURL = ims
	}
	return p, nil
}

// Config builds the flow's configuration, reading the client secret and the
// private key (for the kinds that need them) from the vault.
func (w *Workspace) Config(name string) (auth.Config, error) {
	cfg, err := w.configWithoutSecret(name)
	if err != nil {
		return cfg, err
	}
	spec := cfg.AppType.Spec()
	if spec.NeedsSecret {
		if cfg.ClientSecret, err = w.saved(clientSecret, cfg.Profile); err != nil {
			return cfg, err
		}
	}
	if spec.NeedsKey {
		if cfg.PrivateKeyPEM, err = w.saved(privateKey, cfg.Profile); err != nil {
			return cfg, err
		}
	}
	return cfg, nil
}

// configWithoutSecret is the flow's configuration minus the client secret
// and the private key, which reading the token state does not need.
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
	key, err := w.saved(privateKey, name)
	if err != nil {
		return "", err
	}
	return auth.PublicKeyPEM(key)
}
