package wfsim

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"html/template"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

var consentPage = template.Must(template.New("consent").Parse(`<!doctype html>
<html lang="{{.T.Lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.T.Title}}</title>
<style>
 body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;background:#f2f4f8;color:#1d2433}
 .card{max-width:440px;margin:72px auto;background:#fff;border-radius:14px;box-shadow:0 8px 30px rgba(20,40,90,.12);padding:32px 36px}
 .brand{display:flex;align-items:center;gap:10px;font-weight:600;color:#2457d6;margin-bottom:22px}
 .logo{width:34px;height:34px;border-radius:9px;background:#2457d6;color:#fff;display:grid;place-items:center;font-weight:800}
 h1{font-size:21px;margin:0 0 10px} p{line-height:1.5;color:#4a5468}
 ul{padding-left:20px;color:#4a5468;line-height:1.6} .host{font-family:ui-monospace,monospace;font-size:13px;background:#eef2fb;padding:2px 6px;border-radius:5px}
 .actions{display:flex;gap:12px;margin-top:26px} button{flex:1;font-size:15px;padding:11px 0;border-radius:8px;border:1px solid #c8cfdd;background:#fff;cursor:pointer}
 button.allow{background:#2457d6;border-color:#2457d6;color:#fff;font-weight:600} .fine{font-size:12px;color:#7a8396;margin-top:20px}
</style></head><body><div class="card">
<div class="brand"><div class="logo">W</div>Workfront <span style="color:#7a8396;font-weight:400">{{.T.Simulated}}</span></div>
<h1><strong>{{.AppName}}</strong> {{.T.Wants}}</h1>
<p>{{.T.SignedIn}} <strong>Sam Simulator</strong> {{.T.At}} <span class="host">{{.Host}}</span>.</p>
<p>{{.T.IfAllow}}</p>
<ul><li>{{.T.Read}}</li><li>{{.T.Stay}}</li></ul>
<form method="post" action="/integrations/oauth2/consent">
<input type="hidden" name="client_id" value="{{.ClientID}}">
<input type="hidden" name="redirect_uri" value="{{.RedirectURI}}">
<input type="hidden" name="state" value="{{.State}}">
<input type="hidden" name="code_challenge" value="{{.Challenge}}">
<input type="hidden" name="form_token" value="{{.FormToken}}">
<div class="actions"><button type="submit" name="decision" value="deny" id="deny">{{.T.Deny}}</button>
<button type="submit" name="decision" value="allow" id="allow" class="allow">{{.T.Allow}}</button></div>
</form>
<p class="fine">{{.T.Fine}}</p>
</div></body></html>`))

var errorPage = template.Must(template.New("error").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Workfront – error</title>
<style>body{font-family:system-ui,sans-serif;background:#f2f4f8;color:#1d2433}.card{max-width:440px;margin:72px auto;background:#fff;border-radius:14px;padding:32px 36px;box-shadow:0 8px 30px rgba(20,40,90,.12)}</style>
</head><body><div class="card"><h1>{{.Title}}</h1><p>{{.Message}}</p></div></body></html>`))

func (s *Sim) appByID(id string) (app, bool) {
	switch id {
	case s.web.id:
		return s.web, true
	case s.spa.id:
		return s.spa, true
	}
	return app{}, false
}

func (s *Sim) redirectRegistered(uri string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.redirects[uri]
}

func htmlError(w http.ResponseWriter, status int, title, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	errorPage.Execute(w, map[string]string{"Title": title, "Message": msg})
}

// handleAuthorize serves the consent page; a bad client or redirect gets an
// error page, never a redirect.
func (s *Sim) handleAuthorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	a, ok := s.appByID(q.Get("client_id"))
	switch {
	case !ok:
		htmlError(w, http.StatusBadRequest, "Unknown application", "The client_id does not belong to an OAuth2 application of this Workfront instance.")
		return
	case !s.redirectRegistered(q.Get("redirect_uri")):
		htmlError(w, http.StatusBadRequest, "Redirect URL mismatch", "The redirect_uri is not one registered for this application.")
		return
	case q.Get("response_type") != "code":
		htmlError(w, http.StatusBadRequest, "Unsupported response type", "response_type must be code.")
		return
	case a.pkce && (q.Get("code_challenge") == "" || q.Get("code_challenge_method") != "S256"):
		htmlError(w, http.StatusBadRequest, "PKCE required", "This Single Page Web Application must send code_challenge with code_challenge_method=S256.")
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Frame-Options", "DENY")
	w.Header().Set("Content-Security-Policy", "frame-ancestors 'none'")
	consentPage.Execute(w, map[string]any{
		"T": pickConsentText(r), "AppName": s.opts.AppName, "Host": s.opts.Domain + "." + s.opts.Lane + ".workfront.com",
		"ClientID": a.id, "RedirectURI": q.Get("redirect_uri"), "State": q.Get("state"), "Challenge": q.Get("code_challenge"),
		"FormToken": s.formToken(a.id, q.Get("redirect_uri"), q.Get("state"), q.Get("code_challenge"), s.now().Add(formTokenTTL)),
	})
}

// formTokenTTL is how long a consent page may be left open before its
// Allow is refused.
const formTokenTTL = 30 * time.Minute

// formToken binds a consent form to what it grants and to this simulator:
// "expiry.hmac". A page of another site cannot make one, so it cannot post
// a consent on the person's behalf.
func (s *Sim) formToken(clientID, redirect, state, challenge string, expires time.Time) string {
	exp := strconv.FormatInt(expires.Unix(), 10)
	mac := hmac.New(sha256.New, s.formKey)
	for _, part := range []string{exp, clientID, redirect, state, challenge} {
		mac.Write([]byte(part))
		mac.Write([]byte{0})
	}
	return exp + "." + hex.EncodeToString(mac.Sum(nil))
}

func (s *Sim) formTokenValid(tok, clientID, redirect, state, challenge string) bool {
	exp, _, ok := strings.Cut(tok, ".")
	secs, err := strconv.ParseInt(exp, 10, 64)
	if !ok || err != nil || s.now().After(time.Unix(secs, 0)) {
		return false
	}
	want := s.formToken(clientID, redirect, state, challenge, time.Unix(secs, 0))
	return subtle.ConstantTimeCompare([]byte(tok), []byte(want)) == 1
}

// crossSite reports whether a browser says the post comes from another
// site: an Origin other than this server's own (or "null"), or
// Sec-Fetch-Site cross-site. A client without those headers (no browser)
// still needs the form token.
func crossSite(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return true
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return false
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return !strings.EqualFold(origin, scheme+"://"+r.Host)
}

// maxCodes bounds the codes waiting for their exchange.
const maxCodes = 10000

// issueCodeLocked stores a new code, first dropping the codes whose time
// ran out unexchanged, so memory stays bounded. It returns "" when too many
// codes are still pending.
func (s *Sim) issueCodeLocked(pc *pendingCode, now time.Time) string {
	for c, old := range s.codes {
		if now.After(old.expires) {
			delete(s.codes, c)
		}
	}
	if len(s.codes) >= maxCodes {
		return ""
	}
	code := randomHex(20)
	s.codes[code] = pc
	return code
}

// handleConsent redirects back with a code (Allow) or error=access_denied (Deny).
func (s *Sim) handleConsent(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if crossSite(r) {
		htmlError(w, http.StatusForbidden, "Cross-site request refused", "The consent was posted from another site.")
		return
	}
	r.ParseForm()
	a, ok := s.appByID(r.PostForm.Get("client_id"))
	redirect := r.PostForm.Get("redirect_uri")
	if !ok || !s.redirectRegistered(redirect) {
		htmlError(w, http.StatusBadRequest, "Invalid request", "Unknown application or redirect URL.")
		return
	}
	if !s.formTokenValid(r.PostForm.Get("form_token"), a.id, redirect, r.PostForm.Get("state"), r.PostForm.Get("code_challenge")) {
		htmlError(w, http.StatusForbidden, "Invalid request", "The consent form is missing, expired or was not issued by this Workfront. Start the sign-in again.")
		return
	}
	target, err := url.Parse(redirect)
	if err != nil {
		htmlError(w, http.StatusBadRequest, "Invalid request", "The redirect URL cannot be parsed.")
		return
	}
	params := target.Query()
	if r.PostForm.Get("decision") == "allow" {
		s.mu.Lock()
		now := s.nowLocked()
		code := s.issueCodeLocked(&pendingCode{clientID: a.id, redirectURI: redirect, challenge: r.PostForm.Get("code_challenge"), expires: now.Add(s.opts.CodeTTL)}, now)
		s.mu.Unlock()
		if code == "" {
			htmlError(w, http.StatusServiceUnavailable, "Too many sign-ins", "Too many authorization codes are waiting to be exchanged. Try again in a few minutes.")
			return
		}
		params.Set("code", code)
		params.Set("domain", s.opts.Domain)
		params.Set("lane", s.opts.Lane)
	} else {
		params.Set("error", "access_denied")
		params.Set("error_description", "The user denied access to the application.")
	}
	s.mu.Lock()
	omit := s.omitState
	s.mu.Unlock()
	if st := r.PostForm.Get("state"); st != "" && !omit {
		params.Set("state", st)
	}
	target.RawQuery = params.Encode()
	http.Redirect(w, r, target.String(), http.StatusFound)
}

type tokenRequest struct {
	GrantType    string `json:"grant_type"`
	Code         string `json:"code"`
	RedirectURI  string `json:"redirect_uri"`
	RefreshToken string `json:"refresh_token"`
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	CodeVerifier string `json:"code_verifier"`
}

func tokenError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": msg, "message": msg})
}

// handleToken is the token endpoint in the documented forms: Basic + JSON,
// form parameters with client_id/client_secret, and PKCE.
func (s *Sim) handleToken(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		tokenError(w, http.StatusMethodNotAllowed, "invalid_request", "Use POST.")
		return
	}
	s.mu.Lock()
	fail, failing := takeFailure(&s.tokenFail)
	s.mu.Unlock()
	var req tokenRequest
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		tokenError(w, http.StatusBadRequest, "invalid_request", "Could not read the request.")
		return
	}
	switch ct {
	case "application/json":
		if err := json.Unmarshal(body, &req); err != nil {
			tokenError(w, http.StatusBadRequest, "invalid_request", "The JSON body cannot be parsed.")
			return
		}
	case "application/x-www-form-urlencoded":
		v, err := url.ParseQuery(string(body))
		if err != nil {
			tokenError(w, http.StatusBadRequest, "invalid_request", "The form body cannot be parsed.")
			return
		}
		req = tokenRequest{GrantType: v.Get("grant_type"), Code: v.Get("code"), RedirectURI: v.Get("redirect_uri"),
			RefreshToken: v.Get("refresh_token"), ClientID: v.Get("client_id"), ClientSecret: v.Get("client_secret"), CodeVerifier: v.Get("code_verifier")}
	default:
		tokenError(w, http.StatusBadRequest, "invalid_request", "Send application/json or application/x-www-form-urlencoded.")
		return
	}
	if rec, ok := w.(*statusRecorder); ok {
		rec.grant = req.GrantType
	}
	if failing {
		htmlError(w, fail.status, "Service unavailable", "The simulated Workfront is failing on purpose.")
		return
	}
	if id, secret, ok := basicAuth(r); ok {
		req.ClientID, req.ClientSecret = id, secret
	}
	a, ok := s.appByID(req.ClientID)
	if !ok {
		tokenError(w, http.StatusUnauthorized, "invalid_client", "Unknown client_id.")
		return
	}
	if !a.pkce && subtle.ConstantTimeCompare([]byte(req.ClientSecret), []byte(a.secret)) != 1 {
		tokenError(w, http.StatusUnauthorized, "invalid_client", "The client secret is wrong.")
		return
	}
	switch req.GrantType {
	case "authorization_code":
		s.exchangeCode(w, a, req)
	case "refresh_token":
		s.refresh(w, a, req)
	default:
		tokenError(w, http.StatusBadRequest, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token.")
	}
}

// basicAuth reads Authorization: Basic base64(client_id:client_secret),
// taking the parts verbatim as Workfront's docs build them.
func basicAuth(r *http.Request) (string, string, bool) {
	h := r.Header.Get("Authorization")
	if !strings.HasPrefix(h, "Basic ") {
		return "", "", false
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(h, "Basic "))
	if err != nil {
		return "", "", false
	}
	id, secret, ok := strings.Cut(string(raw), ":")
	return id, secret, ok
}

func (s *Sim) exchangeCode(w http.ResponseWriter, a app, req tokenRequest) {
	s.mu.Lock()
	pc := s.codes[req.Code]
	delete(s.codes, req.Code) // single use, whatever happens next
	now := s.nowLocked()
	s.mu.Unlock()
	switch {
	case pc == nil:
		tokenError(w, http.StatusBadRequest, "invalid_grant", "The authorization code is invalid or was already used.")
		return
	case now.After(pc.expires):
		tokenError(w, http.StatusBadRequest, "invalid_grant", "The authorization code expired (codes are valid for 2 minutes).")
		return
	case pc.clientID != a.id:
		tokenError(w, http.StatusBadRequest, "invalid_grant", "The authorization code was issued to another client.")
		return
	case pc.redirectURI != req.RedirectURI:
		tokenError(w, http.StatusBadRequest, "invalid_grant", "redirect_uri does not match the one used to authorize.")
		return
	}
	s.mu.Lock()
	refuse := s.refuseVerifier
	s.mu.Unlock()
	if refuse && !a.pkce && req.CodeVerifier != "" {
		tokenError(w, http.StatusBadRequest, "invalid_request", "code_verifier is not supported for this application.")
		return
	}
	// A challenge sent at authorize binds the code to its verifier, for a
	// web app as for the SPA (which must send one).
	if a.pkce || pc.challenge != "" {
		sum := sha256.Sum256([]byte(req.CodeVerifier))
		if req.CodeVerifier == "" || base64.RawURLEncoding.EncodeToString(sum[:]) != pc.challenge {
			tokenError(w, http.StatusBadRequest, "invalid_grant", "The code_verifier does not match the code_challenge.")
			return
		}
	}
	s.mu.Lock()
	now = s.nowLocked()
	access := s.newSessionLocked(now)
	rt := randomHex(32)
	s.refreshes[rt] = &refreshToken{clientID: a.id, issued: now, lastUsed: now, redirect: req.RedirectURI, accessTok: access}
	s.mu.Unlock()
	s.writeTokens(w, access, rt)
}

func (s *Sim) newSessionLocked(now time.Time) string {
	tok := randomHex(24)
	ttl := s.opts.AccessTTL
	if s.opts.ExpiresIn != nil && *s.opts.ExpiresIn > 0 {
		ttl = time.Duration(*s.opts.ExpiresIn) * time.Second
	}
	s.sessions[tok] = &session{expires: now.Add(ttl)}
	return tok
}

func (s *Sim) refresh(w http.ResponseWriter, a app, req tokenRequest) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.nowLocked()
	rt := s.refreshes[req.RefreshToken]
	switch {
	case rt == nil:
		tokenError(w, http.StatusBadRequest, "invalid_grant", "The refresh token is invalid, revoked or was rotated away.")
		return
	case rt.clientID != a.id:
		tokenError(w, http.StatusBadRequest, "invalid_grant", "The refresh token was issued to another client.")
		return
	case s.refreshAbsTTL > 0 && now.Sub(rt.issued) > s.refreshAbsTTL:
		delete(s.refreshes, req.RefreshToken)
		tokenError(w, http.StatusBadRequest, "invalid_grant", "The refresh token reached its absolute expiration.")
		return
	case s.refreshIdleTTL > 0 && now.Sub(rt.lastUsed) > s.refreshIdleTTL:
		delete(s.refreshes, req.RefreshToken)
		tokenError(w, http.StatusBadRequest, "invalid_grant", "The refresh token expired after inactivity.")
		return
	case req.RedirectURI != "" && req.RedirectURI != rt.redirect:
		tokenError(w, http.StatusBadRequest, "invalid_grant", "redirect_uri does not match the one used to authorize.")
		return
	}
	access := s.newSessionLocked(now)
	rt.lastUsed = now
	rt.accessTok = access
	next := ""
	if s.opts.Rotation {
		next = randomHex(32)
		delete(s.refreshes, req.RefreshToken)
		s.refreshes[next] = rt
	}
	if !s.refreshReturnsToken {
		if next != "" { // the client cannot learn a rotated token it is not sent
			delete(s.refreshes, next)
			s.refreshes[req.RefreshToken] = rt
		}
		next = ""
	}
	s.writeTokensLocked(w, access, next, s.spoilLocked)
}

func (s *Sim) writeTokens(w http.ResponseWriter, access, refresh string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.writeTokensLocked(w, access, refresh, nil)
}

// writeTokensLocked answers with tokens; spoil, when set, changes the body
// first.
func (s *Sim) writeTokensLocked(w http.ResponseWriter, access, refresh string, spoil func(map[string]any)) {
	expiresIn := 0
	if s.opts.ExpiresIn != nil {
		expiresIn = *s.opts.ExpiresIn
	}
	body := map[string]any{"token_type": "sessionID", "access_token": access, "expires_in": expiresIn, "wid": "sim-" + s.opts.Domain}
	if refresh != "" {
		body["refresh_token"] = refresh
	}
	if spoil != nil {
		spoil(body)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(body)
}

// sessionValid checks a sessionID and slides its expiry.
func (s *Sim) sessionValid(tok string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess := s.sessions[tok]
	now := s.nowLocked()
	if sess == nil || now.After(sess.expires) {
		delete(s.sessions, tok)
		return false
	}
	if s.opts.ExpiresIn == nil || *s.opts.ExpiresIn <= 0 {
		sess.expires = now.Add(s.opts.AccessTTL)
	}
	return true
}
