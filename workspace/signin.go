package workspace

import (
	"context"
	"time"

	"github.com/wfconnect/wfconnect/auth"
)

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
