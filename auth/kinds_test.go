package auth

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/wfconnect/wfconnect/wfsim"
)

// TestKindTable: every kind has an entry, each entry is consistent with
// itself, and "" reads as web (old profiles.json files).
func TestKindTable(t *testing.T) {
	want := []Kind{AppWeb, AppSPA, AppJWT, AppIMS}
	got := Kinds()
	if len(got) != len(want) {
		t.Fatalf("%d kinds, want %d", len(got), len(want))
	}
	for i, s := range got {
		if s.Kind != want[i] || s.Label == "" || s.Register == "" {
			t.Errorf("kind %d: %+v", i, s)
		}
		if s.NeedsRedirect != s.BrowserStep || s.NeedsRedirect != s.Shows("redirect_uri") {
			t.Errorf("%s: redirect and browser step disagree", s.Kind)
		}
		if s.NeedsSecret != s.Shows("client_secret") || s.NeedsKey != s.Shows("private_key") ||
			s.NeedsIMSOrg != s.Shows("ims_org") || s.NeedsIDs != s.Shows("user_id") || s.TokenAuth != s.Shows("token_auth") {
			t.Errorf("%s: the fields shown disagree with what it needs: %+v", s.Kind, s)
		}
		if (s.Renew == RenewRefreshToken) != s.BrowserStep {
			t.Errorf("%s: only browser kinds renew with a refresh token", s.Kind)
		}
	}
	if k, ok := ParseKind(""); !ok || k != AppWeb {
		t.Errorf(`ParseKind("") = %q, %v`, k, ok)
	}
	if _, ok := ParseKind("desktop"); ok {
		t.Error("an unknown kind parsed")
	}
	if AppIMS.TokenHeader() != "Authorization" || AppJWT.TokenHeader() != "sessionID" {
		t.Error("TokenHeader")
	}
}

func pemOf(typ string, der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
}

// TestParsePrivateKey: PKCS#1 and PKCS#8 RSA keys are read; everything
// else is refused with words that say what it is.
func TestParsePrivateKey(t *testing.T) {
	gen, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	key, err := ParsePrivateKey(gen)
	if err != nil || key.N.BitLen() != 2048 {
		t.Fatalf("a generated key: %v", err)
	}
	pkcs1 := pemOf("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(key))
	if k, err := ParsePrivateKey(pkcs1); err != nil || !k.Equal(key) {
		t.Errorf("PKCS#1: %v", err)
	}
	pub, _ := x509.MarshalPKIXPublicKey(&key.PublicKey)
	small, _ := rsa.GenerateKey(rand.Reader, 1024)
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ecDER, _ := x509.MarshalPKCS8PrivateKey(ec)
	for name, tc := range map[string]struct{ in, want string }{
		"garbage":   {"hello", "That is not a PEM private key"},
		"public":    {pemOf("PUBLIC KEY", pub), "That is a public key or a certificate"},
		"encrypted": {pemOf("ENCRYPTED PRIVATE KEY", []byte{1, 2}), "protected by a passphrase"},
		"ec":        {pemOf("PRIVATE KEY", ecDER), "not an RSA key"},
		"small":     {pemOf("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(small)), "That RSA key has 1024 bits; Workfront needs at least 2048."},
		"damaged":   {pemOf("RSA PRIVATE KEY", []byte{1, 2, 3}), "damaged"},
	} {
		_, err := ParsePrivateKey(tc.in)
		if err == nil || !errors.Is(err, ErrBadKey) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		}
	}
	got, err := PublicKeyPEM(pkcs1)
	if err != nil || got != pemOf("PUBLIC KEY", pub) {
		t.Errorf("PublicKeyPEM: %v\n%s", err, got)
	}
}

// TestSignJWT: RS256, iss, sub and an exp a few minutes ahead, verified
// with the public key alone.
func TestSignJWT(t *testing.T) {
	gen, _ := GenerateKey()
	key, _ := ParsePrivateKey(gen)
	now := time.Now()
	signed, err := SignJWT(Config{PrivateKeyPEM: gen, CustomerID: "cust", UserID: "user"}, now)
	if err != nil {
		t.Fatal(err)
	}
	claims := jwt.MapClaims{}
	tok, err := jwt.ParseWithClaims(signed, claims, func(*jwt.Token) (any, error) { return &key.PublicKey, nil }, jwt.WithValidMethods([]string{"RS256"}))
	if err != nil || !tok.Valid {
		t.Fatal(err)
	}
	exp, _ := claims.GetExpirationTime()
	if claims["iss"] != "cust" || claims["sub"] != "user" || exp.Sub(now) < time.Minute || exp.Sub(now) > 10*time.Minute {
		t.Errorf("claims %v", claims)
	}
}

// jwtSim is a simulator with its Machine to Machine app and a profile
// whose key it knows.
func jwtSim(t *testing.T) (*wfsim.Sim, Config) {
	t.Helper()
	sim := wfsim.New(wfsim.Options{Projects: 10})
	if err := sim.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	key, _ := GenerateKey()
	pub, _ := PublicKeyPEM(key)
	if err := sim.RegisterPublicKey(pub); err != nil {
		t.Fatal(err)
	}
	return sim, Config{Profile: "m2m", Host: sim.URL(), ClientID: sim.JWTClientID(), ClientSecret: sim.JWTClientSecret(),
		AppType: AppJWT, CustomerID: sim.CustomerID(), UserID: sim.SignedInUserID(), PrivateKeyPEM: key}
}

// TestJWTClockOff: a clock an hour slow makes an expired JWT, and the
// message names the clock (the answer's Date shows how far off it is).
func TestJWTClockOff(t *testing.T) {
	_, cfg := jwtSim(t)
	slow := func() time.Time { return time.Now().Add(-time.Hour) }
	src := NewSource(cfg, newMemStore(), SourceOptions{Now: slow})
	_, err := src.Token(context.Background())
	if !errors.Is(err, ErrClockOff) || !strings.Contains(err.Error(), "this computer's clock is 1h0m0s off from Workfront's") {
		t.Errorf("a slow clock: %v", err)
	}
	fast := func() time.Time { return time.Now().Add(2 * time.Hour) }
	src = NewSource(cfg, newMemStore(), SourceOptions{Now: fast})
	if _, err := src.Token(context.Background()); !errors.Is(err, ErrClockOff) {
		t.Errorf("a fast clock: %v", err)
	}
}

// TestJWTSingleFlight: 20 goroutines asking a token source with no session
// make one exchange, and all get the same sessionID.
func TestJWTSingleFlight(t *testing.T) {
	sim, cfg := jwtSim(t)
	src := NewSource(cfg, newMemStore(), SourceOptions{LockDir: t.TempDir()})
	var wg sync.WaitGroup
	got := make([]string, 20)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], _ = src.Token(context.Background())
		}()
	}
	wg.Wait()
	for i := range got {
		if got[i] == "" || got[i] != got[0] {
			t.Fatalf("caller %d got %q, caller 0 %q", i, got[i], got[0])
		}
	}
	if n := sim.CountGrant("jwt"); n != 1 {
		t.Errorf("%d exchanges, want 1", n)
	}
	if st := src.Status(context.Background()); st.State != StateConnected || st.Kind != AppJWT || st.HasRefreshToken {
		t.Errorf("status %+v", st)
	}
	if name, _ := src.HeaderFor(got[0]); name != "sessionID" {
		t.Errorf("a JWT session travels in %s", name)
	}
}

// TestIMSSource: client credentials at the simulator's IMS; the token is a
// bearer and the org header goes along.
func TestIMSSource(t *testing.T) {
	sim := wfsim.New(wfsim.Options{Projects: 10})
	if err := sim.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	cfg := Config{Profile: "ims", Host: sim.URL(), ClientID: sim.IMSClientID(), ClientSecret: sim.IMSClientSecret(),
		AppType: AppIMS, IMSOrg: sim.IMSOrgID(), IMSURL: sim.URL() + "/", Scopes: "openid, AdobeID"}
	src := NewSource(cfg, newMemStore(), SourceOptions{})
	tok, err := src.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if name, value := src.HeaderFor(tok); name != "Authorization" || value != "Bearer "+tok {
		t.Errorf("header %s: %s", name, value)
	}
	if x := src.ExtraHeaders(); len(x) != 1 || x[0] != [2]string{IMSOrgHeader, sim.IMSOrgID()} {
		t.Errorf("extra headers %v", x)
	}
	cfg.ClientSecret = "wrong"
	_, err = NewSource(cfg, newMemStore(), SourceOptions{}).Token(context.Background())
	if err == nil || !strings.HasPrefix(err.Error(), "Adobe IMS at "+sim.URL()+" refused the token request of ims") {
		t.Errorf("a wrong secret: %v", err)
	}
}

func TestIMSInputs(t *testing.T) {
	for in, want := range map[string]string{
		"":                                DefaultIMSURL,
		"https://IMS-NA1.adobelogin.com/": "https://ims-na1.adobelogin.com",
		"https://ims-na1.adobelogin.com/ims/token/v3": "https://ims-na1.adobelogin.com",
		"http://127.0.0.1:8080":                       "http://127.0.0.1:8080",
	} {
		if got, err := NormalizeIMSURL(in); err != nil || got != want {
			t.Errorf("NormalizeIMSURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"http://ims.example.com", "ftp://x", "https://u:p@ims.example.com", "ims"} {
		if _, err := NormalizeIMSURL(bad); err == nil {
			t.Errorf("NormalizeIMSURL(%q) accepted", bad)
		}
	}
	if !ValidIMSOrg("1234ABCD5678@AdobeOrg") || ValidIMSOrg("1234") || ValidIMSOrg("@AdobeOrg") || ValidIMSOrg("12 34@AdobeOrg") {
		t.Error("ValidIMSOrg")
	}
	if got := NormalizeScopes(" openid, AdobeID openid "); got != "openid,AdobeID" {
		t.Errorf("NormalizeScopes = %q", got)
	}
}
