package auth

import (
	"testing"
	"time"
)

// TestEachKindRenewsItsWay: the kinds table chooses the renewal, and a
// kind that needs a client secret has words for one that is missing.
func TestEachKindRenewsItsWay(t *testing.T) {
	want := map[Kind]renewer{AppWeb: refreshTokenRenewal{}, AppSPA: refreshTokenRenewal{}, AppJWT: jwtRenewal{}, AppIMS: clientCredentialsRenewal{}}
	for _, s := range Kinds() {
		if got := renewerOf(s.Renew); got != want[s.Kind] {
			t.Errorf("%s renews with %T, want %T", s.Kind, got, want[s.Kind])
		}
		if src := NewSource(Config{Profile: "p", AppType: s.Kind}, nil, SourceOptions{}); src.renewer != want[s.Kind] {
			t.Errorf("the source of %s renews with %T, want %T", s.Kind, src.renewer, want[s.Kind])
		}
		if (s.SecretMissing != nil) != s.NeedsSecret {
			t.Errorf("%s: NeedsSecret %v, but SecretMissing %v", s.Kind, s.NeedsSecret, s.SecretMissing)
		}
	}
}

// TestRefreshed: a refresh's answer replaces the access token, its expiry
// and, when it has one, the refresh token; an answer without a refresh
// token keeps the old one.
func TestRefreshed(t *testing.T) {
	obtained := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	now := obtained.Add(time.Hour)
	held := TokenSet{AccessToken: "a1", RefreshToken: "r1", TokenType: "sessionID", WID: "w1", ObtainedAt: obtained, Domain: "acme", Lane: "my"}
	cases := []struct {
		what    string
		fresh   TokenSet
		refresh string
		rotated bool
		typ     string
	}{
		{"no refresh token", TokenSet{AccessToken: "a2"}, "r1", false, "sessionID"},
		{"the same refresh token", TokenSet{AccessToken: "a2", RefreshToken: "r1"}, "r1", false, "sessionID"},
		{"a new refresh token", TokenSet{AccessToken: "a2", RefreshToken: "r2", TokenType: "Bearer"}, "r2", true, "Bearer"},
	}
	for _, tc := range cases {
		tc.fresh.Expiry = now.Add(time.Hour)
		next, rotated := refreshed(held, &tc.fresh, now)
		if next.AccessToken != "a2" || next.RefreshToken != tc.refresh || rotated != tc.rotated || next.RotationSeen != tc.rotated ||
			next.TokenType != tc.typ || !next.Expiry.Equal(now.Add(time.Hour)) || !next.RefreshedAt.Equal(now) ||
			!next.ObtainedAt.Equal(obtained) || next.WID != "w1" || next.Domain != "acme" || next.Lane != "my" {
			t.Errorf("%s: %+v rotated=%v", tc.what, next, rotated)
		}
	}
	held.RotationSeen = true
	if next, _ := refreshed(held, &TokenSet{AccessToken: "a2"}, now); !next.RotationSeen {
		t.Error("a refresh without rotation forgot that rotation was once seen")
	}
}
