package auth

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/oauth2"

	"github.com/wfconnect/wfconnect/msg"
)

// JWTExchangePath is Workfront's endpoint that trades a signed JWT for a
// sessionID (Machine to Machine apps).
const JWTExchangePath = "/integrations/oauth2/api/v1/jwt/exchange"

// JWTLifetime is how far ahead a JWT's exp lies: a few minutes, as
// Workfront asks.
const JWTLifetime = 5 * time.Minute

// KeyBits is the size of the RSA keys wfconnect generates.
const KeyBits = 2048

// ErrBadKey marks a private key wfconnect cannot use (not PEM, not RSA,
// encrypted, too short).
var ErrBadKey = errors.New("unusable private key")

// Sentinels of a refused JWT exchange, for errors.Is; the errors themselves
// are messages for people.
var (
	// ErrKeyUnknown: Workfront knows no public key that verifies the JWT.
	ErrKeyUnknown = errors.New("public key unknown to Workfront")
	// ErrWrongIDs: Workfront refused the JWT's Customer ID (iss) or User ID (sub).
	ErrWrongIDs = errors.New("customer or user ID refused")
	// ErrClockOff: the JWT's exp was refused and this machine's clock is off.
	ErrClockOff = errors.New("clock off")
)

// GenerateKey makes a new RSA-2048 private key, as PKCS#8 PEM, for a
// Machine to Machine connection. It goes to the keyring only; show its
// public half (PublicKeyPEM) for the admin to paste into Workfront.
func GenerateKey() (string, error) {
	key, err := rsa.GenerateKey(rand.Reader, KeyBits)
	if err != nil {
		return "", fmt.Errorf("generating an RSA key: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return "", fmt.Errorf("encoding the RSA key: %w", err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})), nil
}

// ParsePrivateKey reads a PEM RSA private key, PKCS#1 ("RSA PRIVATE KEY")
// or PKCS#8 ("PRIVATE KEY"), of at least 2048 bits. Anything else (a public
// key, a certificate, an encrypted or non-RSA key, not PEM at all) is
// refused with a message that says what it is and what to do; the message
// never quotes the key.
func ParsePrivateKey(pemText string) (*rsa.PrivateKey, error) {
	block, _ := pem.Decode([]byte(strings.TrimSpace(pemText)))
	if block == nil {
		return nil, msg.New("That is not a PEM private key: it should start with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----.").WithKind(ErrBadKey)
	}
	var key *rsa.PrivateKey
	switch block.Type {
	case "RSA PRIVATE KEY":
		if _, encrypted := block.Headers["Proc-Type"]; encrypted {
			return nil, msg.New("That private key is protected by a passphrase. Save it without one (openssl rsa -in key.pem -out plain.pem) and import that; wfconnect keeps it in the system keyring.").WithKind(ErrBadKey)
		}
		k, err := x509.ParsePKCS1PrivateKey(block.Bytes)
		if err != nil {
			return nil, msg.New("That RSA private key is damaged and cannot be read.").WithKind(ErrBadKey).Because(err)
		}
		key = k
	case "PRIVATE KEY":
		k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return nil, msg.New("That private key is damaged and cannot be read.").WithKind(ErrBadKey).Because(err)
		}
		rk, ok := k.(*rsa.PrivateKey)
		if !ok {
			return nil, msg.New("That private key is not an RSA key; Workfront's Machine to Machine apps use RSA (RS256).").WithKind(ErrBadKey)
		}
		key = rk
	case "ENCRYPTED PRIVATE KEY":
		return nil, msg.New("That private key is protected by a passphrase. Save it without one (openssl pkcs8 -topk8 -nocrypt -in key.pem -out plain.pem) and import that; wfconnect keeps it in the system keyring.").WithKind(ErrBadKey)
	case "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE":
		return nil, msg.New("That is a public key or a certificate, not the private key. Import the private key; the public key is what goes into Workfront.").WithKind(ErrBadKey)
	case "EC PRIVATE KEY", "OPENSSH PRIVATE KEY":
		return nil, msg.New("That private key is not an RSA key in PEM; Workfront's Machine to Machine apps use RSA (RS256).").WithKind(ErrBadKey)
	default:
		return nil, msg.New("That PEM block is a %q, not a private key.", block.Type).WithKind(ErrBadKey)
	}
	if key.N.BitLen() < KeyBits {
		return nil, msg.New("That RSA key has %d bits; Workfront needs at least %d.", key.N.BitLen(), KeyBits).WithKind(ErrBadKey)
	}
	return key, nil
}

// PublicKeyPEM is the public half of a PEM private key, as the PEM
// ("-----BEGIN PUBLIC KEY-----", PKIX) an admin pastes into Workfront under
// Setup > System > OAuth2 Applications > the app > Public Keys.
func PublicKeyPEM(privatePEM string) (string, error) {
	key, err := ParsePrivateKey(privatePEM)
	if err != nil {
		return "", err
	}
	der, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return "", fmt.Errorf("encoding the public key: %w", err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})), nil
}

// SignJWT signs the JWT a Machine to Machine app exchanges: RS256, iss =
// the Customer ID, sub = the User ID, iat now and exp JWTLifetime ahead.
func SignJWT(cfg Config, now time.Time) (string, error) {
	key, err := ParsePrivateKey(cfg.PrivateKeyPEM)
	if err != nil {
		return "", err
	}
	claims := jwt.MapClaims{
		"iss": cfg.CustomerID,
		"sub": cfg.UserID,
		"iat": now.Unix(),
		"exp": now.Add(JWTLifetime).Unix(),
	}
	signed, err := jwt.NewWithClaims(jwt.SigningMethodRS256, claims).SignedString(key)
	if err != nil {
		return "", fmt.Errorf("signing the JWT: %w", err)
	}
	return signed, nil
}

// exchangeJWT signs a JWT and trades it for a sessionID at Workfront's
// exchange endpoint (form: client_id, client_secret, jwt_token).
func exchangeJWT(ctx context.Context, cfg Config, client *http.Client, now func() time.Time) (*TokenSet, error) {
	if client == nil {
		client = http.DefaultClient
	}
	if now == nil {
		now = time.Now
	}
	signed, err := SignJWT(cfg, now())
	if err != nil {
		return nil, err
	}
	form := url.Values{"client_id": {cfg.ClientID}, "client_secret": {cfg.ClientSecret}, "jwt_token": {signed}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, cfg.Host+JWTExchangePath, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	hc := *client
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	if hc.Timeout == 0 {
		hc.Timeout = 30 * time.Second
	}
	shaper := &wireShaper{cfg: cfg}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, explainTokenError(err, shaper)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxTokenBody+1))
	shaper.status, shaper.reason, shaper.ctype = resp.StatusCode, resp.Status, resp.Header.Get("Content-Type")
	if err != nil {
		shaper.body = bodyCutOff
		return nil, explainTokenError(err, shaper)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		var wire struct {
			Code string `json:"error"`
		}
		json.Unmarshal(body, &wire)
		re := &oauth2.RetrieveError{Response: resp, Body: body, ErrorCode: wire.Code}
		return nil, explainJWTRefusal(cfg, explainTokenError(re, shaper), serverMessage(body), resp.Header.Get("Date"), now())
	}
	var fields map[string]any
	if err := json.Unmarshal(body, &fields); err != nil {
		if strings.Contains(strings.ToLower(shaper.ctype), "html") {
			return nil, &TokenError{Status: resp.StatusCode, Cause: err, Msg: msg.New("Workfront's token endpoint answered %s with a web page instead of tokens (a proxy or an outage?).", resp.Status)}
		}
		return nil, &TokenError{Status: resp.StatusCode, Cause: err, Msg: msg.New("Workfront's token endpoint answered %s with something other than tokens (%s).", resp.Status, orUnknown(shaper.ctype))}
	}
	access, _ := fields["access_token"].(string)
	if access == "" {
		return nil, &TokenError{Status: resp.StatusCode, Msg: msg.New("Workfront's token endpoint answered %s but sent no access_token.", resp.Status)}
	}
	typ, _ := fields["token_type"].(string)
	ts := tokenSetFrom((&oauth2.Token{AccessToken: access, TokenType: typ}).WithExtra(fields), now())
	ts.RefreshToken = "" // a JWT session has none: a new JWT renews it
	if problem := checkTokenSet(ts); problem != nil {
		return nil, &TokenError{Status: resp.StatusCode, Msg: problem}
	}
	return ts, nil
}

// explainJWTRefusal says why Workfront refused a JWT, in words that say
// what to do. Workfront's wording is not documented, so its message is
// read for the claim it names; a clock far from the answer's Date is
// named whatever the message says.
func explainJWTRefusal(cfg Config, err error, said, date string, now time.Time) error {
	var te *TokenError
	if !errors.As(err, &te) || te.Status < 400 || te.Status > 499 {
		return err
	}
	if at, perr := http.ParseTime(date); perr == nil {
		if off := now.Sub(at); off > 2*time.Minute || off < -2*time.Minute {
			te.Msg = msg.New("Workfront refused the JWT of %s, and this computer's clock is %s off from Workfront's. Set the clock right (turn on automatic time), then try again.", cfg.Profile, off.Abs().Round(time.Minute))
			te.Cause = errors.Join(te.Cause, ErrClockOff)
			return te
		}
	}
	s := strings.ToLower(said)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(s, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("signature", "public key", "verif"):
		te.Msg = msg.New("Workfront does not know the key that signed the JWT of %s. Paste this connection's public key (wfconnect profile pubkey %s, or Copy in the app) into Workfront: Setup > System > OAuth2 Applications > the app > Public Keys.", cfg.Profile, cfg.Profile)
		te.Cause = errors.Join(te.Cause, ErrKeyUnknown)
	case has("sub", "user"):
		te.Msg = msg.New("Workfront refused the User ID %s of %s (%s). Check it in Workfront: it must be the ID of an active user the app may act as.", cfg.UserID, cfg.Profile, said)
		te.Cause = errors.Join(te.Cause, ErrWrongIDs)
	case has("iss", "customer"):
		te.Msg = msg.New("Workfront refused the Customer ID %s of %s (%s). Copy the Customer ID again from the app's page in Workfront.", cfg.CustomerID, cfg.Profile, said)
		te.Cause = errors.Join(te.Cause, ErrWrongIDs)
	case has("exp", "expired", "iat", "clock", "not valid yet"):
		te.Msg = msg.New("Workfront refused the JWT of %s as expired or not yet valid (%s). Check that this computer's clock is right (automatic time on), then try again.", cfg.Profile, said)
		te.Cause = errors.Join(te.Cause, ErrClockOff)
	case te.Status == http.StatusUnauthorized && has("client"):
		te.Msg = msg.New("Workfront refused the Client ID or client secret of %s (%s). Copy them again from Setup > System > OAuth2 Applications and edit the connection.", cfg.Profile, said)
	}
	return te
}
