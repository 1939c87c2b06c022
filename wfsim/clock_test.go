package wfsim

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// TestAdvanceOAuth: a sessionID, a refresh token and a code that work are
// refused once Advance moves the clock past their life, without waiting.
func TestAdvanceOAuth(t *testing.T) {
	life := 60
	s, srv := newServer(t, Options{ExpiresIn: &life})
	s.SetRefreshInactivityTTL(time.Hour)
	exchangeBody := func(c string) string {
		return fmt.Sprintf(`{"code":%q,"grant_type":"authorization_code","redirect_uri":%q}`, c, redirect)
	}
	status, tok := post(t, srv, "application/json", basic(s), exchangeBody(code(t, srv, s.WebClientID(), nil)))
	if status != http.StatusOK {
		t.Fatalf("exchange: %d %v", status, tok)
	}
	sid, rt := tok["access_token"].(string), tok["refresh_token"].(string)
	refresh := fmt.Sprintf(`{"grant_type":"refresh_token","refresh_token":%q}`, rt)
	if got, _ := apiGet(t, srv, sid, "/attask/api/v21.0/session"); got != http.StatusOK {
		t.Fatalf("the session before Advance: %d", got)
	}
	s.Advance(59 * time.Second)
	if got, _ := apiGet(t, srv, sid, "/attask/api/v21.0/session"); got != http.StatusOK {
		t.Errorf("the session 59 s into its 60: %d", got)
	}
	s.Advance(2 * time.Second)
	if got, _ := apiGet(t, srv, sid, "/attask/api/v21.0/session"); got != http.StatusUnauthorized {
		t.Errorf("the session after its life: %d, want 401", got)
	}
	if status, _ := post(t, srv, "application/json", basic(s), refresh); status != http.StatusOK {
		t.Fatalf("refresh within the hour: %d", status)
	}
	c := code(t, srv, s.WebClientID(), nil)
	s.Advance(2 * time.Hour)
	if status, body := post(t, srv, "application/json", basic(s), refresh); status != http.StatusBadRequest || !strings.Contains(body["message"].(string), "inactivity") {
		t.Errorf("refresh after 2 h idle: %d %v", status, body)
	}
	if status, body := post(t, srv, "application/json", basic(s), exchangeBody(c)); status != http.StatusBadRequest || !strings.Contains(body["message"].(string), "expired") {
		t.Errorf("a code after 2 h: %d %v", status, body)
	}
	log := s.Requests()
	if last := log[len(log)-1].Time; last.Sub(time.Now()) < 2*time.Hour {
		t.Errorf("the log's last time %v is not on the simulator's clock", last)
	}
}

// TestAdvanceMachine: a JWT and an IMS token that are accepted are refused
// once Advance moves the clock past their exp.
func TestAdvanceMachine(t *testing.T) {
	s := startM2M(t)
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	der, _ := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err := s.RegisterPublicKey(string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))); err != nil {
		t.Fatal(err)
	}
	claims := func() jwt.MapClaims {
		return jwt.MapClaims{"iss": s.CustomerID(), "sub": s.SignedInUserID(), "exp": time.Now().Add(5 * time.Minute).Unix()}
	}
	if status, body := exchange(t, s, key, claims()); status != http.StatusOK {
		t.Fatalf("a JWT before Advance: %d %v", status, body)
	}
	tok, _ := imsToken(t, s, "openid")["access_token"].(string)
	bearer := "Bearer " + tok
	if got := apiStatus(t, s, "/session", "Authorization", bearer, IMSOrgHeader, s.IMSOrgID()); got != http.StatusOK {
		t.Fatalf("the IMS token before Advance: %d", got)
	}
	s.Advance(6 * time.Minute)
	if status, body := exchange(t, s, key, claims()); status != http.StatusBadRequest || !strings.Contains(body["error_description"].(string), "expired") {
		t.Errorf("a JWT 6 min into its 5: %d %v", status, body)
	}
	s.Advance(24 * time.Hour)
	if got := apiStatus(t, s, "/session", "Authorization", bearer, IMSOrgHeader, s.IMSOrgID()); got != http.StatusUnauthorized {
		t.Errorf("the IMS token after 24 h: %d, want 401", got)
	}
}
