package auth

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

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
	// ErrClientRefused: Workfront refused the client ID or client secret.
	ErrClientRefused = errors.New("client ID or secret refused")
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
