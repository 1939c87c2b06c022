package workspace

import (
	"context"
	"errors"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

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
		st := auth.Status{Profile: name, Storage: w.vault.Where()}
		if errors.Is(err, store.ErrKeyringUnavailable) || errors.Is(err, store.ErrKeyringTimeout) {
			// The keyring (asked whether a local address is allowed)
			// failed: the tokens may well be there.
			st.State = auth.StateUnknown
		}
		return st, err
	}
	reader := auth.NewSource(cfg, w.vaultFor(name), auth.SourceOptions{LockDir: w.dir, HTTPClient: w.http, Log: w.log})
	return reader.Status(ctx), nil
}

func (w *Workspace) cachedSource(name string) *auth.Source {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.sources[name]
}

// Token returns a valid access token (a sessionID, or an IMS bearer
// token), renewing it when needed.
func (w *Workspace) Token(ctx context.Context, name string) (string, error) {
	src, err := w.Source(name)
	if err != nil {
		return "", err
	}
	return src.Token(ctx)
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
