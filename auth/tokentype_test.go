package auth

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/wfsim"
)

// TestTokenTypeAndControlCharacters: the token answer's type is recorded;
// sessionID (any spelling), none and Bearer are accepted, an unknown type is
// refused by name; a token with CR, LF or another control character is
// refused; HeaderFor sends the token the way its type says.
func TestTokenTypeAndControlCharacters(t *testing.T) {
	for _, tc := range []struct {
		name, body, wantErr, header, value string
	}{
		{"sessionID", `{"token_type":"sessionID","access_token":"a1","refresh_token":"r"}`, "", "sessionID", "a1"},
		{"none", `{"access_token":"a1","refresh_token":"r"}`, "", "sessionID", "a1"},
		{"session_id", `{"token_type":"SESSION_ID","access_token":"a1"}`, "", "sessionID", "a1"},
		{"bearer", `{"token_type":"bearer","access_token":"a1","refresh_token":"r"}`, "", "Authorization", "Bearer a1"},
		{"Bearer", `{"token_type":"Bearer","access_token":"a1"}`, "", "Authorization", "Bearer a1"},
		{"unknown", `{"token_type":"MAC","access_token":"a1"}`, `sent a token of type "MAC", which wfconnect cannot use`, "", ""},
		{"crlf access", `{"token_type":"sessionID","access_token":"a1\r\nX-Evil: 1"}`, "sent an access token containing control characters", "", ""},
		{"esc access", `{"token_type":"bearer","access_token":"a1\u001b[2J"}`, "sent an access token containing control characters", "", ""},
		{"c1 access", `{"access_token":"a1\u0085"}`, "sent an access token containing control characters", "", ""},
		{"lf refresh", `{"access_token":"a1","refresh_token":"r\nx"}`, "sent a refresh token containing control characters", "", ""},
		{"escaped type", `{"token_type":"\u001b]0;t\u0007","access_token":"a1"}`, `sent a token of type "]0;t"`, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sim := startSim(t, wfsim.Options{})
			cfg := configFor(sim, "form", "https://example.com/tt")
			store := newMemStore()
			f, _ := Begin(context.Background(), cfg, store, BeginOptions{})
			landed, _ := wfsim.Consent(http.DefaultClient, f.AuthURL(), true)
			sim.SetTokenAnswers(wfsim.Answer{ContentType: "application/json", Body: tc.body}, 1)
			if err := f.SubmitPasted(landed); err != nil {
				t.Fatal(err)
			}
			ts, err := f.Wait(context.Background())
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want %q", err, tc.wantErr)
				}
				if hasControl(err.Error()) {
					t.Errorf("the error carries control characters: %q", err)
				}
				if store.tokens(t, cfg.Profile) != nil {
					t.Error("refused tokens were stored")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var sent struct {
				TokenType string `json:"token_type"`
			}
			json.Unmarshal([]byte(tc.body), &sent)
			if ts.TokenType != sent.TokenType || store.tokens(t, cfg.Profile).TokenType != sent.TokenType {
				t.Errorf("TokenType %q, want %q as sent", ts.TokenType, sent.TokenType)
			}
			src := NewSource(cfg, store, SourceOptions{})
			tok, err := src.Token(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if name, value := src.HeaderFor(tok); name != tc.header || value != tc.value {
				t.Errorf("HeaderFor: %s: %s, want %s: %s", name, value, tc.header, tc.value)
			}
			// A fresh source, nothing cached yet, reads the stored type.
			if name, _ := NewSource(cfg, store, SourceOptions{}).HeaderFor("a1"); name != tc.header {
				t.Errorf("HeaderFor before Token: %s", name)
			}
		})
	}
}

// TestRefreshKeepsAndChecksTokenType: a refresh answer's type replaces the
// stored one (none keeps it), and a refresh answer with a control
// character in its token is refused, the saved tokens kept.
func TestRefreshKeepsAndChecksTokenType(t *testing.T) {
	sim := startSim(t, wfsim.Options{})
	store := newMemStore()
	src, cfg := connect(t, sim, "form", store, SourceOptions{})
	old := store.tokens(t, cfg.Profile)
	sim.SetTokenAnswers(wfsim.Answer{ContentType: "application/json", Body: `{"token_type":"Bearer","access_token":"b2"}`}, 1)
	if tok, err := src.Refresh(context.Background(), old.AccessToken); err != nil || tok != "b2" {
		t.Fatalf("%q %v", tok, err)
	}
	if name, value := src.HeaderFor("b2"); name != "Authorization" || value != "Bearer b2" {
		t.Errorf("after a Bearer refresh: %s: %s", name, value)
	}
	sim.SetTokenAnswers(wfsim.Answer{ContentType: "application/json", Body: `{"access_token":"b3"}`}, 1)
	src.Refresh(context.Background(), "b2")
	if ts := store.tokens(t, cfg.Profile); ts.TokenType != "Bearer" || ts.AccessToken != "b3" {
		t.Errorf("an answer without a type: %+v", ts)
	}
	sim.SetTokenAnswers(wfsim.Answer{ContentType: "application/json", Body: `{"access_token":"b4\r\nSet-Cookie: x=1"}`}, 1)
	if _, err := src.Refresh(context.Background(), "b3"); err == nil || !strings.Contains(err.Error(), "control characters") || hasControl(err.Error()) {
		t.Errorf("control characters on refresh: %v", err)
	}
	if ts := store.tokens(t, cfg.Profile); ts.AccessToken != "b3" || ts.RefreshToken != old.RefreshToken {
		t.Errorf("the saved tokens were not kept: %+v", ts)
	}
}

// TestTokenEndpointErrorTextIsClean: a token endpoint's error description
// and status line reach the error without their control characters.
func TestTokenEndpointErrorTextIsClean(t *testing.T) {
	sim := startSim(t, wfsim.Options{})
	for _, body := range []string{
		`{"error":"invalid_grant","error_description":"\u001b]0;owned\u0007\u001b[2JBad code\r\nInjected: line"}`,
		`{"error":{"message":"\u009b31mred\u202e"}}`,
	} {
		cfg := configFor(sim, "basic-json", "https://example.com/ee")
		f, _ := Begin(context.Background(), cfg, newMemStore(), BeginOptions{})
		landed, _ := wfsim.Consent(http.DefaultClient, f.AuthURL(), true)
		sim.SetTokenAnswers(wfsim.Answer{Status: 400, ContentType: "application/json", Body: body}, 1)
		f.SubmitPasted(landed)
		_, err := f.Wait(context.Background())
		if err == nil || controlIn(err.Error(), false) != -1 || !strings.Contains(err.Error(), "answered 400") {
			t.Errorf("%q", err)
		}
	}
}
