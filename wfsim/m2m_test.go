package wfsim

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func startM2M(t *testing.T) *Sim {
	t.Helper()
	s := New(Options{Projects: 10})
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func exchange(t *testing.T, s *Sim, key *rsa.PrivateKey, claims jwt.MapClaims) (int, map[string]any) {
	t.Helper()
	signed, err := jwt.NewWithClaims(jwt.SigningMethodRS256, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.PostForm(s.URL()+JWTExchangePath, url.Values{"client_id": {s.JWTClientID()}, "client_secret": {s.JWTClientSecret()}, "jwt_token": {signed}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	json.NewDecoder(resp.Body).Decode(&body)
	return resp.StatusCode, body
}

func apiStatus(t *testing.T, s *Sim, path string, headers ...string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.URL()+"/attask/api/v21.0"+path, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestJWTExchangeChecks: the signature against the registered keys, exp,
// iss and sub, each refused on its own; a good JWT gets a sessionID that
// works until /logout.
func TestJWTExchangeChecks(t *testing.T) {
	s := startM2M(t)
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	other, _ := rsa.GenerateKey(rand.Reader, 2048)
	der, _ := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err := s.RegisterPublicKey(string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))); err != nil {
		t.Fatal(err)
	}
	good := func() jwt.MapClaims {
		return jwt.MapClaims{"iss": s.CustomerID(), "sub": s.SignedInUserID(), "exp": time.Now().Add(5 * time.Minute).Unix()}
	}
	for name, tc := range map[string]struct {
		key    *rsa.PrivateKey
		change func(jwt.MapClaims)
		want   string
	}{
		"unknown key": {other, func(jwt.MapClaims) {}, "signature"},
		"expired":     {key, func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Minute).Unix() }, "expired"},
		"no exp":      {key, func(c jwt.MapClaims) { delete(c, "exp") }, "expired"},
		"far ahead":   {key, func(c jwt.MapClaims) { c["exp"] = time.Now().Add(3 * time.Hour).Unix() }, "too far ahead"},
		"wrong iss":   {key, func(c jwt.MapClaims) { c["iss"] = "someone" }, "iss"},
		"wrong sub":   {key, func(c jwt.MapClaims) { c["sub"] = "nobody" }, "sub"},
	} {
		c := good()
		tc.change(c)
		status, body := exchange(t, s, tc.key, c)
		if said, _ := body["error_description"].(string); status != http.StatusBadRequest || !strings.Contains(said, tc.want) {
			t.Errorf("%s: %d %v", name, status, body)
		}
	}
	status, body := exchange(t, s, key, good())
	sid, _ := body["access_token"].(string)
	if status != http.StatusOK || sid == "" || body["refresh_token"] != nil || s.CountGrant("jwt") != 7 {
		t.Fatalf("a good JWT: %d %v", status, body)
	}
	if got := apiStatus(t, s, "/session", "sessionID", sid); got != http.StatusOK {
		t.Fatalf("session: %d", got)
	}
	if got := apiStatus(t, s, "/logout", "sessionID", sid); got != http.StatusOK {
		t.Fatalf("logout: %d", got)
	}
	if got := apiStatus(t, s, "/session", "sessionID", sid); got != http.StatusUnauthorized {
		t.Errorf("the sessionID works after logout: %d", got)
	}
}

// TestIMSBearerNeedsOrg: an IMS token works only with the org header
// naming its org.
func TestIMSBearerNeedsOrg(t *testing.T) {
	s := startM2M(t)
	body := imsToken(t, s, "openid,AdobeID")
	tok, _ := body["access_token"].(string)
	if tok == "" || body["token_type"] != "bearer" || body["expires_in"] != float64(86400) {
		t.Fatalf("token answer %v", body)
	}
	bearer := "Bearer " + tok
	if got := apiStatus(t, s, "/proj/count", "Authorization", bearer, IMSOrgHeader, s.IMSOrgID()); got != http.StatusOK {
		t.Errorf("with the org: %d", got)
	}
	if got := apiStatus(t, s, "/proj/count", "Authorization", bearer); got != http.StatusUnauthorized {
		t.Errorf("without the org: %d", got)
	}
	if got := apiStatus(t, s, "/proj/count", "Authorization", bearer, IMSOrgHeader, "OTHER@AdobeOrg"); got != http.StatusUnauthorized {
		t.Errorf("another org: %d", got)
	}
	if got := apiStatus(t, s, "/proj/count", "sessionID", tok); got != http.StatusUnauthorized {
		t.Errorf("an IMS token as a sessionID: %d", got)
	}
}

// imsToken asks the IMS token endpoint for a token with the app's client
// credentials and returns its JSON answer.
func imsToken(t *testing.T, s *Sim, scope string) map[string]any {
	t.Helper()
	resp, err := http.PostForm(s.URL()+IMSTokenPath, url.Values{"grant_type": {"client_credentials"}, "client_id": {s.IMSClientID()},
		"client_secret": {s.IMSClientSecret()}, "scope": {scope}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	json.NewDecoder(resp.Body).Decode(&body)
	return body
}
