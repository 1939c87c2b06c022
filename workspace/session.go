package workspace

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// ErrSessionNotEnded: Logout forgot the tokens, but Workfront could not be
// reached (or refused) to end the session there.
var ErrSessionNotEnded = errors.New("the session at Workfront was not ended")

// ErrTokenOutlivesLogout: Logout forgot the tokens and Workfront answered
// /logout, but the IMS token still works until it expires. Not a failure:
// the caller says it and carries on.
var ErrTokenOutlivesLogout = errors.New("the IMS token outlives the logout")

// storedTokens is a session read from the vault as it is: Logout ends it
// without renewing it first.
type storedTokens struct {
	kind  auth.Kind
	tok   string
	typ   string
	extra [][2]string
}

func (s storedTokens) Token(context.Context) (string, error) { return s.tok, nil }
func (s storedTokens) Refresh(context.Context, string) (string, error) {
	return "", errors.New("not renewed while signing out")
}
func (s storedTokens) HeaderFor(token string) (string, string) { return s.kind.HeaderFor(s.typ, token) }
func (s storedTokens) ExtraHeaders() [][2]string               { return s.extra }

// bearer reports whether the stored token travels as a bearer token (an
// IMS one): the kind decides, never the answer's token_type.
func (s storedTokens) bearer() bool {
	name, _ := s.HeaderFor("")
	return name == "Authorization"
}

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
	tokens := storedTokens{kind: auth.Kind(checked.AppType), tok: t.AccessToken, typ: t.TokenType}
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
	if err := c.Logout(ctx, t.AccessToken); err != nil || !tokens.bearer() {
		return err
	}
	// An IMS token is Adobe's: whether Workfront's /logout ends it is not
	// documented, so look, and say so when it still works.
	if ended, err := c.Ended(ctx, t.AccessToken); err == nil && !ended {
		return errTokenOutlivesLogout{t.Expiry}
	}
	return nil
}

// errTokenOutlivesLogout: /logout answered, but the (IMS) token still
// works, until its expiry (zero: unknown).
type errTokenOutlivesLogout struct{ expiry time.Time }

func (e errTokenOutlivesLogout) Error() string { return "the token still works after /logout" }

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
	var outlives errTokenOutlivesLogout
	if errors.As(ended, &outlives) {
		if outlives.expiry.IsZero() {
			return msg.New("Forgot the tokens of %s on this computer. Workfront's logout did not end its Adobe IMS token, which stays valid until it expires; no copy is left here.", name).WithKind(ErrTokenOutlivesLogout)
		}
		return msg.New("Forgot the tokens of %s on this computer. Workfront's logout did not end its Adobe IMS token, which stays valid until %s; no copy is left here.", name, outlives.expiry.Local().Format("2006-01-02 15:04")).WithKind(ErrTokenOutlivesLogout)
	}
	if ended != nil {
		return msg.New("Forgot the tokens of %s on this computer, but could not end the session at Workfront (%v). It ends by itself after a while without use.", name, ended).WithKind(ErrSessionNotEnded).Because(ended)
	}
	return nil
}
