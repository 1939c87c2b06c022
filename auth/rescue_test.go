package auth

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/wfsim"
)

// TestRefusedRefreshAnswerKeepsRotatedToken: Workfront rotates the refresh
// token and answers with something wfconnect refuses (an unknown token
// type, a CR LF in the access token, no access token). The new refresh
// token is saved at once, the error says what was wrong with the answer,
// and the next refresh (another process's, here) signs in with it.
func TestRefusedRefreshAnswerKeepsRotatedToken(t *testing.T) {
	for _, tc := range []struct {
		name  string
		spoil wfsim.Spoil
		said  string
	}{
		{"token type", wfsim.SpoilTokenType, `a token of type "MAC"`},
		{"control characters", wfsim.SpoilAccessControl, "an access token containing control characters"},
		{"no access token", wfsim.SpoilNoAccessToken, "sent no access_token"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sim := startSim(t, wfsim.Options{Rotation: true})
			store := newMemStore()
			src, cfg := connect(t, sim, "form", store, SourceOptions{LockDir: t.TempDir()})
			old := store.tokens(t, cfg.Profile)
			sim.SetSpoiledRefreshes(tc.spoil, 1)
			_, err := src.Refresh(context.Background(), old.AccessToken)
			saved := store.tokens(t, cfg.Profile)
			if saved.RefreshToken == old.RefreshToken || saved.RefreshToken == "" || !saved.RotationSeen {
				t.Fatalf("the rotated refresh token was not saved: %+v", saved)
			}
			if err == nil || !strings.Contains(err.Error(), tc.said) || !strings.Contains(err.Error(), "new refresh token it carried is saved") {
				t.Fatalf("err %v, want it to say %q and that the new refresh token is saved", err, tc.said)
			}
			if hasControl(saved.AccessToken) || saved.TokenType == "MAC" {
				t.Errorf("parts of the refused answer were saved: %+v", saved)
			}
			if st := src.Status(context.Background()); st.LastErr == nil {
				t.Error("Status does not show what was wrong")
			}
			next := NewSource(cfg, store, SourceOptions{LockDir: t.TempDir()})
			tok, err := next.Refresh(context.Background(), old.AccessToken)
			if err != nil || tok == "" || tok == old.AccessToken {
				t.Fatalf("the saved refresh token did not sign in again: %q %v", tok, err)
			}
		})
	}
}

// TestIMSHeaderFollowsKindNotAnswer: an IMS answer without token_type (or
// one calling its token a sessionID) still sends the token as Bearer with
// the org header, and the simulated Workfront accepts the call.
func TestIMSHeaderFollowsKindNotAnswer(t *testing.T) {
	for _, typ := range []string{"", "sessionID"} {
		t.Run("type "+typ, func(t *testing.T) {
			sim := startSim(t, wfsim.Options{})
			sim.SetIMSTokenType(typ)
			cfg := Config{Profile: "ims", Host: sim.URL(), ClientID: sim.IMSClientID(), ClientSecret: sim.IMSClientSecret(),
				AppType: AppIMS, IMSOrg: sim.IMSOrgID(), IMSURL: sim.URL(), Scopes: "openid"}
			src := NewSource(cfg, newMemStore(), SourceOptions{})
			tok, err := src.Token(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			name, value := src.HeaderFor(tok)
			if name != "Authorization" || value != "Bearer "+tok {
				t.Fatalf("header %s: %s", name, value)
			}
			req, _ := http.NewRequest(http.MethodGet, sim.URL()+"/attask/api/v22.0/session", nil)
			req.Header.Set(name, value)
			for _, h := range src.ExtraHeaders() {
				req.Header.Set(h[0], h[1])
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("the API call answered %d", resp.StatusCode)
			}
		})
	}
}
