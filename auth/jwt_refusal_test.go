package auth

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/wfconnect/wfconnect/wfsim"
)

// TestJWTRefusals: each refusal of the documented exchange (client ID,
// client secret, the key that signed the JWT, its iss, its sub, its exp)
// played by wfsim, in its own words, with no words (the error code
// only), and with words that name the wrong cause. The error code and the
// HTTP status decide first; the words only say which part of a refused
// JWT was wrong.
func TestJWTRefusals(t *testing.T) {
	const misleading = "Access denied: this user's subscription has an issue with its client."
	refusals := []struct {
		name  string
		spoil func(sim *wfsim.Sim, cfg *Config)
		own   error  // the sentinel in wfsim's own words
		said  string // and the message's words
		grant bool   // an invalid_grant (the JWT), not invalid_client
	}{
		{"client ID", func(_ *wfsim.Sim, c *Config) { c.ClientID = "nobody" }, ErrClientRefused, "refused the Client ID or client secret of m2m", false},
		{"client secret", func(_ *wfsim.Sim, c *Config) { c.ClientSecret = "wrong" }, ErrClientRefused, "refused the Client ID or client secret of m2m", false},
		{"unknown key", func(s *wfsim.Sim, _ *Config) { s.ForgetPublicKeys() }, ErrKeyUnknown, "does not know the key that signed the JWT of m2m", true},
		{"customer ID", func(_ *wfsim.Sim, c *Config) { c.CustomerID = "0000bad" }, ErrWrongIDs, "refused the Customer ID 0000bad of m2m", true},
		{"user ID", func(_ *wfsim.Sim, c *Config) { c.UserID = "0000dead" }, ErrWrongIDs, "refused the User ID 0000dead of m2m", true},
		{"expired", func(s *wfsim.Sim, _ *Config) { s.Advance(10 * time.Minute) }, ErrClockOff, "refused the JWT of m2m as expired", true},
	}
	for _, words := range []struct {
		name string
		set  wfsim.JWTRefusalWords
	}{{"own words", wfsim.JWTRefusalWords{}}, {"no words", wfsim.JWTRefusalWords{None: true}}, {"misleading words", wfsim.JWTRefusalWords{Text: misleading}}} {
		for _, r := range refusals {
			t.Run(words.name+"/"+r.name, func(t *testing.T) {
				sim, cfg := jwtSim(t)
				sim.SetJWTRefusalWords(words.set)
				r.spoil(sim, &cfg)
				_, err := NewSource(cfg, newMemStore(), SourceOptions{}).Token(context.Background())
				want, said := r.own, r.said
				if words.name != "own words" && r.grant {
					// Nothing names the part: the JWT, and what to check.
					want, said = nil, "Workfront refused the JWT of m2m (400: "
				}
				if err == nil || !strings.Contains(err.Error(), said) {
					t.Fatalf("err %v, want %q", err, said)
				}
				for _, sentinel := range []error{ErrClientRefused, ErrKeyUnknown, ErrWrongIDs, ErrClockOff} {
					if errors.Is(err, sentinel) != (sentinel == want) {
						t.Errorf("errors.Is(%v) = %v", sentinel, !(sentinel == want))
					}
				}
			})
		}
	}
}

// TestClaimNamedWholeWords: the words of a refusal name a claim only as
// whole words.
func TestClaimNamedWholeWords(t *testing.T) {
	for said, want := range map[string]jwtRefusal{
		"The JWT's sub does not name an active user": refusedUser,
		"invalid iss claim":                          refusedCustomer,
		"Token expired":                              refusedTime,
		"signature verification failed":              refusedKey,
		"an issue with this subscription":            refusedUnknown,
		"expression not supported; username taken":   refusedUnknown,
	} {
		if got := claimNamed(said); got != want {
			t.Errorf("claimNamed(%q) = %d, want %d", said, got, want)
		}
	}
}
