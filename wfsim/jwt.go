package wfsim

import (
	"crypto/rsa"
	"crypto/subtle"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// JWTExchangePath is Workfront's JWT exchange endpoint (Machine to Machine apps).
const JWTExchangePath = "/integrations/oauth2/api/v1/jwt/exchange"

// PublicKeysPath registers a Machine to Machine app's public key with the
// simulator: POST the PEM ("-----BEGIN PUBLIC KEY-----" or an RSA private
// key, whose public half is kept) as the body. It stands for Workfront's
// Setup > System > OAuth2 Applications > the app > Public Keys, for tests
// and the demo. It is not a Workfront endpoint.
const PublicKeysPath = "/wfsim/oauth2/public-keys"

// machineApps are the simulator's Machine to Machine app and its Adobe IMS
// server-to-server credential, with what they hand out.
type machineApps struct {
	mu           sync.Mutex
	jwt          app
	customerID   string
	keys         []*rsa.PublicKey
	ims          app
	imsOrg       string
	imsTTL       time.Duration
	imsTokenType string             // the token_type of IMS answers; "" sends none
	jwtWords     JWTRefusalWords    // what refused JWT exchanges say (knobs.go)
	bearers      map[string]*bearer // IMS access tokens
	// logoutKeepsIMS: GET /logout answers success but leaves an IMS token
	// working (whether it ends one is not documented; SetLogoutEndsIMSToken).
	logoutKeepsIMS bool
}

// bearer is one IMS access token.
type bearer struct {
	expires time.Time
	userID  string
}

// startMachineApps creates the apps and their endpoints; New calls it.
func (s *Sim) startMachineApps() {
	s.m2m = &machineApps{
		jwt:          app{id: randomHex(16), secret: randomHex(24)},
		customerID:   randomHex(12),
		ims:          app{id: randomHex(16), secret: "p8e-" + randomHex(20)},
		imsOrg:       strings.ToUpper(randomHex(12)) + "@AdobeOrg",
		imsTTL:       24 * time.Hour,
		imsTokenType: "bearer",
		bearers:      map[string]*bearer{},
	}
	s.mux.HandleFunc(JWTExchangePath, s.handleJWTExchange)
	s.mux.HandleFunc(PublicKeysPath, s.handlePublicKeys)
	s.mux.HandleFunc(IMSTokenPath, s.handleIMSToken)
}

// JWTClientID is the Machine to Machine app's client ID.
func (s *Sim) JWTClientID() string { return s.m2m.jwt.id }

// JWTClientSecret is the Machine to Machine app's client secret.
func (s *Sim) JWTClientSecret() string { return s.m2m.jwt.secret }

// CustomerID is the instance's Customer ID: the JWT's iss.
func (s *Sim) CustomerID() string { return s.m2m.customerID }

// RegisterPublicKey adds a public key to the Machine to Machine app, as an
// admin pasting it under Public Keys does. pemText is a PEM public key
// (PKIX or PKCS#1) or an RSA private key, whose public half is taken.
func (s *Sim) RegisterPublicKey(pemText string) error {
	key, err := publicKeyOf(pemText)
	if err != nil {
		return err
	}
	s.m2m.mu.Lock()
	s.m2m.keys = append(s.m2m.keys, key)
	s.m2m.mu.Unlock()
	return nil
}

// ForgetPublicKeys removes every registered public key.
func (s *Sim) ForgetPublicKeys() {
	s.m2m.mu.Lock()
	s.m2m.keys = nil
	s.m2m.mu.Unlock()
}

func publicKeyOf(pemText string) (*rsa.PublicKey, error) {
	block, _ := pem.Decode([]byte(strings.TrimSpace(pemText)))
	if block == nil {
		return nil, errors.New("not PEM")
	}
	switch block.Type {
	case "PUBLIC KEY":
		k, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, err
		}
		if rk, ok := k.(*rsa.PublicKey); ok {
			return rk, nil
		}
		return nil, errors.New("not an RSA key")
	case "RSA PUBLIC KEY":
		return x509.ParsePKCS1PublicKey(block.Bytes)
	case "RSA PRIVATE KEY":
		k, err := x509.ParsePKCS1PrivateKey(block.Bytes)
		if err != nil {
			return nil, err
		}
		return &k.PublicKey, nil
	case "PRIVATE KEY":
		k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return nil, err
		}
		if rk, ok := k.(*rsa.PrivateKey); ok {
			return &rk.PublicKey, nil
		}
		return nil, errors.New("not an RSA key")
	}
	return nil, errors.New("not a key: " + block.Type)
}

func (s *Sim) handlePublicKeys(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		tokenError(w, http.StatusMethodNotAllowed, "invalid_request", "POST a PEM public key.")
		return
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, 64<<10))
	if err := s.RegisterPublicKey(string(body)); err != nil {
		tokenError(w, http.StatusBadRequest, "invalid_request", "The body is not a PEM RSA key: "+err.Error())
		return
	}
	w.WriteHeader(http.StatusCreated)
}

// activeUser reports whether id is an active user of the instance (the
// sample people; every 13th is inactive, as USER's isActive says).
func (s *Sim) activeUser(id string) bool {
	for i, o := range s.dataset().owners {
		if o.id == id {
			return i%13 != 12
		}
	}
	return false
}

// maxJWTAhead is how far ahead a JWT's exp may lie.
const maxJWTAhead = time.Hour

// handleJWTExchange trades a signed JWT for a sessionID: the form's
// client_id and client_secret must be the Machine to Machine app's, the JWT
// RS256-signed by a registered key, unexpired (and not expiring more than an
// hour ahead), iss the Customer ID and sub an active user's ID.
func (s *Sim) handleJWTExchange(w http.ResponseWriter, r *http.Request) {
	if rec, ok := w.(*statusRecorder); ok {
		rec.grant = "jwt"
	}
	if r.Method != http.MethodPost {
		s.refuseJWT(w, http.StatusMethodNotAllowed, "invalid_request", "Use POST.")
		return
	}
	s.mu.Lock()
	fail, failing := takeFailure(&s.tokenFail)
	s.mu.Unlock()
	if failing {
		htmlError(w, fail.status, "Service unavailable", "The simulated Workfront is failing on purpose.")
		return
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	form, err := url.ParseQuery(string(body))
	if err != nil {
		s.refuseJWT(w, http.StatusBadRequest, "invalid_request", "The form body cannot be parsed.")
		return
	}
	m := s.m2m
	if form.Get("client_id") != m.jwt.id {
		s.refuseJWT(w, http.StatusUnauthorized, "invalid_client", "Unknown client_id.")
		return
	}
	if subtle.ConstantTimeCompare([]byte(form.Get("client_secret")), []byte(m.jwt.secret)) != 1 {
		s.refuseJWT(w, http.StatusUnauthorized, "invalid_client", "The client secret is wrong.")
		return
	}
	m.mu.Lock()
	keys := make([]jwt.VerificationKey, len(m.keys))
	for i, k := range m.keys {
		keys[i] = k
	}
	m.mu.Unlock()
	claims := jwt.MapClaims{}
	_, err = jwt.ParseWithClaims(form.Get("jwt_token"), claims, func(*jwt.Token) (any, error) {
		return jwt.VerificationKeySet{Keys: keys}, nil
	}, jwt.WithValidMethods([]string{"RS256"}), jwt.WithExpirationRequired(), jwt.WithTimeFunc(s.now))
	switch {
	case form.Get("jwt_token") == "":
		s.refuseJWT(w, http.StatusBadRequest, "invalid_request", "jwt_token is missing.")
		return
	case errors.Is(err, jwt.ErrTokenMalformed):
		s.refuseJWT(w, http.StatusBadRequest, "invalid_request", "jwt_token is not a JWT.")
		return
	case errors.Is(err, jwt.ErrTokenSignatureInvalid), errors.Is(err, jwt.ErrTokenUnverifiable):
		s.refuseJWT(w, http.StatusBadRequest, "invalid_grant", "The JWT's signature does not verify with any public key registered for this application.")
		return
	case errors.Is(err, jwt.ErrTokenExpired), errors.Is(err, jwt.ErrTokenRequiredClaimMissing):
		s.refuseJWT(w, http.StatusBadRequest, "invalid_grant", "The JWT expired: its exp is in the past (or missing).")
		return
	case err != nil:
		s.refuseJWT(w, http.StatusBadRequest, "invalid_grant", "The JWT is not valid: "+err.Error())
		return
	}
	if exp, _ := claims.GetExpirationTime(); exp != nil && exp.Time.Sub(s.now()) > maxJWTAhead {
		s.refuseJWT(w, http.StatusBadRequest, "invalid_grant", "The JWT's exp is too far ahead (more than an hour).")
		return
	}
	if iss, _ := claims.GetIssuer(); iss != m.customerID {
		s.refuseJWT(w, http.StatusBadRequest, "invalid_grant", "The JWT's iss does not match this Workfront's Customer ID.")
		return
	}
	sub, _ := claims.GetSubject()
	if !s.activeUser(sub) {
		s.refuseJWT(w, http.StatusBadRequest, "invalid_grant", "The JWT's sub does not name an active user of this Workfront (User ID).")
		return
	}
	s.mu.Lock()
	access := s.newSessionLocked(s.nowLocked())
	s.sessions[access].userID = sub
	s.mu.Unlock()
	s.writeTokens(w, access, "")
}

// jsonAnswer writes v as JSON.
func jsonAnswer(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
