package wfsim

import (
	"crypto/subtle"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// IMSTokenPath is Adobe IMS's token endpoint; the simulator serves it too,
// so an IMS connection's IMS URL can be the simulator's own URL.
const IMSTokenPath = "/ims/token/v3"

// IMSOrgHeader is the header that carries the IMS organization ID.
const IMSOrgHeader = "x-gw-ims-org-id"

// IMSClientID is the IMS server-to-server credential's client ID.
func (s *Sim) IMSClientID() string { return s.m2m.ims.id }

// IMSClientSecret is the IMS credential's client secret.
func (s *Sim) IMSClientSecret() string { return s.m2m.ims.secret }

// IMSOrgID is the IMS organization ID (…@AdobeOrg) API calls must carry.
func (s *Sim) IMSOrgID() string { return s.m2m.imsOrg }

// TechnicalAccountID is the Workfront user the IMS credential acts as.
func (s *Sim) TechnicalAccountID() string { return s.dataset().owners[1].id }

// SetIMSTokenTTL sets the expires_in of new IMS tokens (default 24 h).
func (s *Sim) SetIMSTokenTTL(d time.Duration) {
	s.m2m.mu.Lock()
	s.m2m.imsTTL = d
	s.m2m.mu.Unlock()
}

// SetIMSTokenType sets the token_type of IMS answers (default "bearer");
// "" leaves it out, which Adobe's documentation does not rule out.
func (s *Sim) SetIMSTokenType(typ string) {
	s.m2m.mu.Lock()
	s.m2m.imsTokenType = typ
	s.m2m.mu.Unlock()
}

// ExpireIMSTokens kills every IMS access token.
func (s *Sim) ExpireIMSTokens() {
	s.m2m.mu.Lock()
	s.m2m.bearers = map[string]*bearer{}
	s.m2m.mu.Unlock()
}

// handleIMSToken is Adobe IMS's client-credentials grant, form-encoded:
// grant_type=client_credentials, client_id, client_secret, scope.
func (s *Sim) handleIMSToken(w http.ResponseWriter, r *http.Request) {
	if rec, ok := w.(*statusRecorder); ok {
		rec.grant = "client_credentials"
	}
	if r.Method != http.MethodPost {
		tokenError(w, http.StatusMethodNotAllowed, "invalid_request", "Use POST.")
		return
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	form, err := url.ParseQuery(string(body))
	if err != nil || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		tokenError(w, http.StatusBadRequest, "invalid_request", "Send a form (application/x-www-form-urlencoded).")
		return
	}
	m := s.m2m
	switch {
	case form.Get("grant_type") != "client_credentials":
		tokenError(w, http.StatusBadRequest, "unsupported_grant_type", "grant_type must be client_credentials.")
		return
	case form.Get("client_id") != m.ims.id:
		tokenError(w, http.StatusBadRequest, "invalid_client", "invalid client_id parameter")
		return
	case subtle.ConstantTimeCompare([]byte(form.Get("client_secret")), []byte(m.ims.secret)) != 1:
		tokenError(w, http.StatusUnauthorized, "invalid_client", "invalid client_secret parameter")
		return
	case strings.TrimSpace(form.Get("scope")) == "":
		tokenError(w, http.StatusBadRequest, "invalid_scope", "scope is missing")
		return
	}
	tok := "eyJ" + randomHex(40)
	now := s.now() // before m.mu: s.mu is never taken under m.mu
	m.mu.Lock()
	ttl, typ := m.imsTTL, m.imsTokenType
	m.bearers[tok] = &bearer{expires: now.Add(ttl), userID: s.TechnicalAccountID()}
	m.mu.Unlock()
	answer := map[string]any{"access_token": tok, "expires_in": int(ttl / time.Second)}
	if typ != "" {
		answer["token_type"] = typ
	}
	jsonAnswer(w, http.StatusOK, answer)
}

// caller is who an API request comes from.
type caller struct {
	token  string
	bearer bool   // an IMS token in Authorization: Bearer
	userID string // "" for the person who consents
}

// authenticate reads an API request's sign-in: a sessionID (header or
// parameter), or an IMS Bearer token together with x-gw-ims-org-id naming
// the credential's org. A Bearer without the org header, or with another
// org, is refused.
func (s *Sim) authenticate(r *http.Request, params []param) (caller, bool) {
	if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
		tok := strings.TrimPrefix(h, "Bearer ")
		m := s.m2m
		now := s.now()
		m.mu.Lock()
		defer m.mu.Unlock()
		b := m.bearers[tok]
		if b == nil || now.After(b.expires) || r.Header.Get(IMSOrgHeader) != m.imsOrg {
			return caller{}, false
		}
		return caller{token: tok, bearer: true, userID: b.userID}, true
	}
	sid := r.Header.Get("sessionID")
	if sid == "" {
		sid = lookup(params, "sessionID")
	}
	if sid == "" || !s.sessionValid(sid) {
		return caller{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := caller{token: sid}
	if sess := s.sessions[sid]; sess != nil {
		c.userID = sess.userID
	}
	return c, true
}

// endSession is GET /logout: the caller's sessionID (or IMS token, unless
// SetLogoutEndsIMSToken(false)) stops working at once.
func (s *Sim) endSession(w http.ResponseWriter, c caller) {
	if c.bearer {
		s.m2m.mu.Lock()
		if !s.m2m.logoutKeepsIMS {
			delete(s.m2m.bearers, c.token)
		}
		s.m2m.mu.Unlock()
	} else {
		s.mu.Lock()
		delete(s.sessions, c.token)
		s.mu.Unlock()
	}
	jsonAnswer(w, http.StatusOK, map[string]any{"data": map[string]any{"success": true}})
}
