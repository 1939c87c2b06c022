package auth

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/wfconnect/wfconnect/msg"
)

// TokenPath is Workfront's token endpoint path.
const TokenPath = "/integrations/oauth2/api/v1/token"

// AuthorizePath is Workfront's authorize page path.
const AuthorizePath = "/integrations/oauth2/authorize"

// TokenError is a failed token request, explained for people. It never
// holds a secret.
type TokenError struct {
	Status int    // HTTP status; 0 when no answer came
	Code   string // RFC 6749 error code, when given
	Msg    *msg.Error
	Cause  error
	// unread: the answer's body was too large or cut off, so whatever its
	// status, it says nothing about the grant (a proxy's, perhaps).
	unread bool
}

func (e *TokenError) Error() string { return e.Msg.Error() }
func (e *TokenError) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Msg}
	}
	return []error{e.Msg, e.Cause}
}

// dead reports whether Workfront refused the grant itself (expired, revoked
// or rotated-away refresh token; a used or expired code), as opposed to a
// network failure that is worth trying again.
func (e *TokenError) dead() bool {
	return !e.unread && (e.Code == "invalid_grant" || e.Status == http.StatusBadRequest || e.Status == http.StatusUnauthorized)
}

// oauthConfig is x/oauth2's view of the connection. The token request is
// always built "in params"; wireShaper then gives it the profile's documented form.
func oauthConfig(cfg Config) *oauth2.Config {
	secret := cfg.ClientSecret
	if !cfg.AppType.Spec().NeedsSecret {
		secret = ""
	}
	return &oauth2.Config{
		ClientID:     cfg.ClientID,
		ClientSecret: secret,
		RedirectURL:  cfg.RedirectURI,
		Endpoint: oauth2.Endpoint{
			AuthURL:   cfg.Host + AuthorizePath,
			TokenURL:  cfg.Host + TokenPath,
			AuthStyle: oauth2.AuthStyleInParams,
		},
	}
}

// wireShaper rewrites x/oauth2's token request into the form Workfront
// documents for the profile, and remembers the answer's status line:
//   - basic-json: Authorization: Basic base64(id:secret) (raw, as the docs
//     build it) and a JSON body {"code","grant_type","redirect_uri"} or
//     {"grant_type","refresh_token"};
//   - form and PKCE: form parameters, plus redirect_uri on refresh, which
//     Workfront's examples send and x/oauth2 leaves out.
type wireShaper struct {
	cfg    Config
	server tokenServer // named in the messages about the answer
	base   http.RoundTripper
	status int
	reason string
	ctype  string
	body   bodyProblem // what was wrong with the answer's body
	// refresh is a 2xx JSON answer's refresh_token, read before x/oauth2
	// parses the rest, so it survives an answer refused for other reasons.
	refresh string
	pkce    bool // the request carried a PKCE code_verifier
}

// bodyProblem is what readTokenBody found wrong with a body.
type bodyProblem int

const (
	bodyFine bodyProblem = iota
	bodyCutOff
	bodyTooLarge
)

func (w *wireShaper) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body == nil {
		// x/oauth2 always posts a form; anything else is not ours to send.
		return nil, errors.New("auth: token request without a body")
	}
	raw, err := io.ReadAll(req.Body)
	req.Body.Close()
	if err != nil {
		return nil, err
	}
	form, err := url.ParseQuery(string(raw))
	if err != nil {
		return nil, err
	}
	out := req.Clone(req.Context())
	w.pkce = form.Get("code_verifier") != ""
	var body []byte
	if w.cfg.AppType.Spec().TokenAuth && w.cfg.TokenAuth != TokenAuthForm {
		payload := map[string]string{"grant_type": form.Get("grant_type")}
		if form.Get("grant_type") == "refresh_token" {
			payload["refresh_token"] = form.Get("refresh_token")
		} else {
			payload["code"] = form.Get("code")
			payload["redirect_uri"] = form.Get("redirect_uri")
			if v := form.Get("code_verifier"); v != "" {
				payload["code_verifier"] = v
			}
		}
		body, _ = json.Marshal(payload)
		out.Header.Set("Content-Type", "application/json")
		out.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(w.cfg.ClientID+":"+w.cfg.ClientSecret)))
	} else {
		if form.Get("grant_type") == "refresh_token" && form.Get("redirect_uri") == "" {
			form.Set("redirect_uri", w.cfg.RedirectURI)
		}
		body = []byte(form.Encode())
		out.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		out.Header.Del("Authorization")
	}
	out.Body = io.NopCloser(bytes.NewReader(body))
	out.ContentLength = int64(len(body))
	out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	out.Header.Set("Accept", "application/json")
	resp, err := w.base.RoundTrip(out)
	if err != nil {
		return nil, err
	}
	w.status, w.reason, w.ctype = resp.StatusCode, resp.Status, resp.Header.Get("Content-Type")
	body, problem, err := readTokenBody(resp)
	if w.body = problem; err != nil {
		return nil, err // under the request's deadline: a slow body ends with it
	}
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		body, w.refresh = normalizeTokenResponse(resp, body)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.Header.Del("Content-Length")
	return resp, nil
}

// errTooLarge stops reading an answer over maxTokenBody.
var errTooLarge = errors.New("token answer over 1 MB")

// readTokenBody reads a token answer's whole body, at most maxTokenBody:
// whatever the status, no answer is read without a bound.
func readTokenBody(resp *http.Response) ([]byte, bodyProblem, error) {
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxTokenBody+1))
	switch {
	case err != nil:
		return nil, bodyCutOff, err
	case len(body) > maxTokenBody:
		return nil, bodyTooLarge, errTooLarge
	}
	return body, bodyFine, nil
}

// normalizeTokenResponse makes a successful answer readable by x/oauth2,
// which picks its parser from the Content-Type and reads expires_in as a
// whole number only:
//   - a JSON object served as text/plain (or form) is marked application/json;
//   - an expires_in that is not a whole number ("3600.0", "", "soon", true)
//     becomes one (3600) or is dropped (unknown expiry), instead of making
//     the whole token response unreadable.
//
// Anything else passes unchanged. refresh is the answer's refresh_token,
// when it is a JSON string.
func normalizeTokenResponse(resp *http.Response, head []byte) (body []byte, refresh string) {
	var fields map[string]json.RawMessage
	if !bytes.HasPrefix(bytes.TrimSpace(head), []byte("{")) || json.Unmarshal(head, &fields) != nil {
		return head, ""
	}
	resp.Header.Set("Content-Type", "application/json")
	json.Unmarshal(fields["refresh_token"], &refresh)
	raw, ok := fields["expires_in"]
	if !ok || wholeNumber(raw) {
		return head, refresh
	}
	var v any
	json.Unmarshal(raw, &v)
	if secs := expiresIn(v); secs != 0 && !math.IsNaN(secs) {
		fields["expires_in"] = json.RawMessage(strconv.FormatInt(int64(max(min(secs, maxExpiresIn), -maxExpiresIn)), 10))
	} else {
		delete(fields, "expires_in")
	}
	body, _ = json.Marshal(fields)
	return body, refresh
}

// maxTokenBody is what x/oauth2 reads of a token response.
const maxTokenBody = 1 << 20

// wholeNumber reports whether x/oauth2 can read raw as expires_in: null, or
// a whole number, bare or quoted.
func wholeNumber(raw json.RawMessage) bool {
	if string(bytes.TrimSpace(raw)) == "null" {
		return true
	}
	var n json.Number
	if json.Unmarshal(raw, &n) != nil {
		return false
	}
	_, err := n.Int64()
	return err == nil
}

// tokenCall runs one token request with x/oauth2 and turns the answer into a
// TokenSet or a TokenError. When a successful answer is refused (an unknown
// token type, control characters, no access token) but carries a usable
// refresh token, the TokenSet returned with the error holds that refresh
// token alone: with rotation on, Workfront has already killed the old one.
func tokenCall(ctx context.Context, cfg Config, client *http.Client, now func() time.Time, call func(ctx context.Context, conf *oauth2.Config) (*oauth2.Token, error)) (*TokenSet, error) {
	if client == nil {
		client = http.DefaultClient
	}
	base := client.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	shaper := &wireShaper{cfg: cfg, server: serverOf(cfg), base: base}
	timeout := client.Timeout
	if timeout == 0 {
		timeout = authTimeout
	}
	if now == nil {
		now = time.Now
	}
	ctx = context.WithValue(ctx, oauth2.HTTPClient, &http.Client{
		Transport: shaper,
		Timeout:   timeout,
		// Never follow a redirect: it would turn the POST into a GET to some
		// other page (an SSO login, a proxy), and the code must not travel.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	})
	tok, err := call(ctx, oauthConfig(cfg))
	if err != nil {
		return rescuedRefreshToken(shaper.refresh), explainTokenError(err, shaper)
	}
	ts := tokenSetFrom(tok, now())
	if problem := checkTokenSet(ts, shaper.server); problem != nil {
		return rescuedRefreshToken(ts.RefreshToken), &TokenError{Status: shaper.status, Msg: problem}
	}
	return ts, nil
}

// rescuedRefreshToken is what is worth keeping of a refused answer: its
// refresh token, unless there is none or it is itself unusable.
func rescuedRefreshToken(refresh string) *TokenSet {
	if refresh == "" || hasControl(refresh) {
		return nil
	}
	return &TokenSet{RefreshToken: refresh}
}

// checkTokenSet refuses tokens wfconnect cannot use safely: a token type it
// does not know how to send (Workfront's sessionID, or Bearer, are known;
// none given means sessionID), and tokens with control characters, which
// would break (or forge) a request's header lines. An IMS answer's refresh
// token is never kept, so it is not checked.
func checkTokenSet(t *TokenSet, server tokenServer) *msg.Error {
	switch {
	case !knownTokenType(t.TokenType):
		return server.unknownType(t.TokenType)
	case hasControl(t.AccessToken):
		return server.accessControl()
	case server.ims == "" && hasControl(t.RefreshToken):
		return server.refreshControl()
	}
	return nil
}

// knownTokenType: none, Workfront's sessionID (however it is spelled), or
// Bearer, in any case.
func knownTokenType(typ string) bool {
	norm := strings.ToLower(strings.NewReplacer("_", "", "-", "").Replace(typ))
	return norm == "" || norm == "sessionid" || norm == "bearer"
}

// isBearer reports whether a token type says the token goes in
// Authorization: Bearer.
func isBearer(typ string) bool { return strings.EqualFold(typ, "bearer") }

// hasControl reports C0 and C1 control characters and DEL (tab, CR and LF
// among them).
func hasControl(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f {
			return true
		}
	}
	return false
}

// tokenSetFrom reads Workfront's answer. expires_in may be a number, a
// string, 0, negative or absent; anything but a positive number means
// "unknown, refreshed when Workfront answers 401".
func tokenSetFrom(tok *oauth2.Token, now time.Time) *TokenSet {
	t := &TokenSet{AccessToken: tok.AccessToken, RefreshToken: tok.RefreshToken, TokenType: tok.TokenType}
	if raw, ok := tok.Extra("token_type").(string); ok {
		t.TokenType = raw // keep Workfront's "sessionID" as sent
	}
	if wid, ok := tok.Extra("wid").(string); ok {
		t.WID = wid
	}
	if secs := expiresIn(tok.Extra("expires_in")); secs >= 1 {
		// Cap absurd values, which would overflow time.Duration into the past.
		t.Expiry = now.Add(time.Duration(min(secs, maxExpiresIn)) * time.Second)
	}
	return t
}

// maxExpiresIn caps expires_in at ten years.
const maxExpiresIn = 10 * 365 * 24 * 3600

func expiresIn(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err == nil {
			return f
		}
	case json.Number:
		f, _ := x.Float64()
		return f
	case int64: // a form-encoded answer, through oauth2.Token.Extra
		return float64(x)
	case int:
		return float64(x)
	}
	return 0
}

// explainTokenError says what went wrong at the token endpoint (or Adobe
// IMS), with the HTTP status, in words a person can act on.
func explainTokenError(err error, shaper *wireShaper) error {
	server := shaper.server
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		status := re.Response.StatusCode
		te := &TokenError{Status: status, Code: re.ErrorCode, Cause: err}
		said := serverMessage(re.Body)
		switch {
		case said == "" && !looksJSON(re.Body), status >= 300 && status <= 399:
			// A redirect (to a sign-in page, say) is a web page too: it is
			// not followed, so the code never travels further.
			te.Msg = server.webPage(re.Response.Status)
		case said == "":
			te.Msg = server.answered(re.Response.Status)
		default:
			te.Msg = server.answeredSaying(status, said)
		}
		if shaper.pkce && shaper.cfg.AppType.Spec().PKCEOption && status >= 400 && status <= 499 && namesVerifier(re.ErrorCode+" "+said) {
			te.Msg = msg.New("Workfront's token endpoint refused the PKCE code verifier (%d: %s). This Workfront seems not to accept PKCE for Web Applications: turn PKCE off for this connection, in the app with the connection's option \"Workfront refuses PKCE\", or on the command line with wfconnect profile set %s --no-pkce, and connect again.", status, orCode(said, re.ErrorCode), shaper.cfg.Profile)
		}
		return te
	}
	if shaper.body == bodyTooLarge {
		return &TokenError{Status: shaper.status, Cause: err, Msg: server.tooLarge(shaper.reason), unread: true}
	}
	var ne net.Error
	timedOut := errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
	if shaper.body == bodyCutOff && !timedOut {
		return &TokenError{Status: shaper.status, Cause: err, Msg: server.cutOff(shaper.reason), unread: true}
	}
	if errors.As(err, &ne) || timedOut {
		return &TokenError{Cause: err, Msg: server.unreachable(networkReason(err))}
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	if shaper.status != 0 {
		// A 2xx whose body is not a token response.
		if strings.Contains(err.Error(), "missing access_token") {
			return &TokenError{Status: shaper.status, Cause: err, Msg: server.noAccessToken(shaper.reason)}
		}
		if strings.Contains(strings.ToLower(shaper.ctype), "html") {
			return &TokenError{Status: shaper.status, Cause: err, Msg: server.webPage(shaper.reason)}
		}
		return &TokenError{Status: shaper.status, Cause: err, Msg: server.notTokens(shaper.reason, orUnknown(shaper.ctype))}
	}
	return &TokenError{Cause: err, Msg: server.unreachable(networkReason(err))}
}

// namesVerifier reports whether a token endpoint's error refuses PKCE
// itself. A verifier that "does not match" its challenge is another
// matter (a code from another sign-in): turning PKCE off would not help.
func namesVerifier(said string) bool {
	s := strings.ToLower(said)
	return (strings.Contains(s, "verifier") || strings.Contains(s, "pkce") || strings.Contains(s, "code_challenge")) && !strings.Contains(s, "match")
}

func orCode(said, code string) string {
	if said == "" {
		return code
	}
	return said
}

func orUnknown(s string) string {
	if s == "" {
		return "no content type"
	}
	return s
}

func networkReason(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if errors.Is(err, context.DeadlineExceeded) || strings.Contains(err.Error(), "Client.Timeout") {
		return "the request timed out."
	}
	return err.Error()
}

func looksJSON(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) > 0 && (b[0] == '{' || b[0] == '[')
}

// serverMessage picks the human part of an error body: RFC 6749's
// error_description, a "message", or Workfront's {"error":{"message"}}.
func serverMessage(body []byte) string {
	var v map[string]any
	if json.Unmarshal(body, &v) != nil {
		return ""
	}
	for _, key := range []string{"error_description", "message"} {
		if s, ok := v[key].(string); ok && s != "" {
			return s
		}
	}
	switch e := v["error"].(type) {
	case string:
		return e
	case map[string]any:
		if s, ok := e["message"].(string); ok {
			return s
		}
	}
	return ""
}
