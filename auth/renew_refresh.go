package auth

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/oauth2"

	"github.com/wfconnect/wfconnect/msg"
)

// refreshTokenRenewal renews the sessions of the browser kinds (web and
// single page apps) with their refresh token at Workfront's token
// endpoint. Once it is dead, only a new consent in the browser helps.
type refreshTokenRenewal struct{}

func (refreshTokenRenewal) renew(ctx context.Context, s *Source, held *TokenSet) (string, error) {
	switch {
	case held == nil:
		s.setCached(nil)
		return "", s.notConnectedError()
	case held.NeedsConsent:
		s.setCached(held)
		return "", s.needsConsentError()
	case held.RefreshToken == "":
		return "", s.markNeedsConsent(held)
	}
	start := time.Now()
	fresh, err := tokenCall(ctx, s.cfg, s.opts.HTTPClient, s.opts.Now, func(ctx context.Context, conf *oauth2.Config) (*oauth2.Token, error) {
		return conf.TokenSource(ctx, &oauth2.Token{RefreshToken: held.RefreshToken}).Token()
	})
	if err != nil && fresh != nil && fresh.RefreshToken != held.RefreshToken {
		s.opts.Log(fmt.Sprintf("POST %s (refresh_token) -> refused answer in %s; its new refresh token is kept", TokenPath, time.Since(start).Round(time.Millisecond)))
		return "", s.keepRescuedRefreshToken(held, fresh.RefreshToken, err)
	}
	if err != nil {
		var te *TokenError
		if errors.As(err, &te) && te.dead() {
			s.opts.Log(fmt.Sprintf("POST %s (refresh_token) -> %d in %s: the refresh token is dead", TokenPath, te.Status, time.Since(start).Round(time.Millisecond)))
			return "", s.markNeedsConsent(held)
		}
		s.opts.Log(fmt.Sprintf("POST %s (refresh_token) failed in %s; tokens kept", TokenPath, time.Since(start).Round(time.Millisecond)))
		return "", msg.New("Could not refresh the sign-in of %s; the saved tokens are kept and the refresh will be tried again. %v", s.cfg.Profile, err).Because(err)
	}
	next, rotated := refreshed(*held, fresh, s.opts.Now())
	// Save before anyone sees the new access token: with rotation on, the
	// old refresh token is already dead.
	s.keep(&next, func(where string, err error) *msg.Error {
		return msg.New("Could not save the new refresh token to the %s: %v. It is kept in memory for this session; if you quit now you will have to connect again.", where, err)
	})
	s.opts.Log(fmt.Sprintf("POST %s (refresh_token) -> new sessionID in %s (rotation: %v)", TokenPath, time.Since(start).Round(time.Millisecond), rotated))
	return next.AccessToken, nil
}

// refreshed is held updated with a refresh's answer. The answer's refresh
// token replaces the old one (rotated says it was a new one); an answer
// without one keeps the old, which Workfront still accepts.
func refreshed(held TokenSet, fresh *TokenSet, now time.Time) (next TokenSet, rotated bool) {
	next = held
	next.AccessToken = fresh.AccessToken
	if fresh.TokenType != "" {
		next.TokenType = fresh.TokenType
	}
	next.Expiry = fresh.Expiry
	next.RefreshedAt = now
	if fresh.WID != "" {
		next.WID = fresh.WID
	}
	rotated = fresh.RefreshToken != "" && fresh.RefreshToken != held.RefreshToken
	if fresh.RefreshToken != "" {
		next.RefreshToken = fresh.RefreshToken
	}
	next.RotationSeen = held.RotationSeen || rotated
	return next, rotated
}

// keepRescuedRefreshToken saves the new refresh token of a refresh answer
// that was refused for another reason, at once: with rotation on, the old
// one is already dead at Workfront, and losing the new one would mean a new
// consent. The old access token stays, so the next call refreshes again.
func (s *Source) keepRescuedRefreshToken(held *TokenSet, refresh string, refused error) error {
	next := *held
	next.RefreshToken = refresh
	next.RotationSeen = true
	saved := s.keep(&next, func(where string, err error) *msg.Error {
		return msg.New("Workfront's answer to the refresh of %s was refused: %v The new refresh token it carried could not be saved to the %s either (%v); it is kept in memory for this session, and if you quit now you will have to connect again.", s.cfg.Profile, refused, where, err)
	})
	if saved != nil {
		return saved
	}
	return msg.New("Workfront's answer to the refresh of %s was refused: %v The new refresh token it carried is saved, so the next try can use it.", s.cfg.Profile, refused).Because(refused)
}
