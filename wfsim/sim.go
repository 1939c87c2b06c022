// Package wfsim is a Workfront simulator: the OAuth2 consent page and token
// endpoint exactly as Workfront documents them, and a small consistent
// Workfront instance behind the REST API, answering in Workfront's wire
// format. It is the demo workspace, the test server and the benchmark
// target. It imports nothing of wfconnect's, so that it stays an independent
// referee.
//
// The instance (deterministic, from fixed seeds): 50,000 projects (PROJ,
// Options.Projects), 40 users (USER; the first signs in), 3 tasks (TASK) for
// each of the first 1,000 projects, 500 issues (OPTASK), 8 portfolios
// (PORT), 20 programs (PRGM), 2,000 hours (HOUR), 300 documents (DOCU), 10
// templates (TMPL); custom forms as Workfront has them (customforms.go):
// three forms (CTGY: "Project Details" on PROJ, "Task Extras" on TASK,
// "Shared Tags" on PROJ and OPTASK), four custom fields (PARAM: Budget
// Code, Budget, Risk, and the inactive Legacy Code), which form carries
// which field (CTGYPA) and Risk's options (POPT); the values are DE:Budget
// Code and DE:Budget on projects, DE:Risk on tasks. NOTE, ASSGN, TEAMOB,
// GROUP, CMPY and ROLE exist but are empty.
//
// Under /attask/api/v<N>/ (also /attask/api-internal/, -unsupported/, -asp/,
// and /attask/api/ without a version, answered as v22.0; the versions
// differ in a few types and fields, versions.go): session,
// metadata, logout, work/myWork (work.go), and for every type (objCode or
// API name, any case) <obj>/search, <obj>/count, <obj>/metadata,
// <obj>/report (report.go), <obj>/<ID> and <obj>?id=…&id=… (user/$$USER
// is the signed-in user). Updates (update.go, edit.go): PUT <obj>/<ID> and
// bulk PUT <obj> with updates=[…] (at most 100, atomic=true), also as a
// POST with method=PUT, checked against the type (read-only fields, types,
// enum values, custom fields on the object's forms), stamping
// lastUpdateDate and lastUpdatedByID; Touch changes an object behind a
// client's back. Searches take fields= (plain fields, *,
// references, ref:field to four levels, collections, DE: fields,
// parameterValues), filters on any field, ref:field or DE: field with
// Workfront's modifiers (between with _Range), OR:n: groups, $$USER,
// $$TODAY and $$NOW wildcards, field_Sort or numbered field_1_Sort,
// $$FIRST and $$LIMIT (query.go). What Workfront documents but the
// simulator does not simulate (map=true, filters=, other $$ parameters) is
// refused with a 422, never skipped. Errors are Workfront's:
// {"error":{"class","message","title":null,"msgKey":"exception.attask",
// "attributes":[""],"code":0}}. Knobs for tests and benchmarks (knobs.go,
// and the Set… methods here): the latency per request, the most requests
// in flight, a 429 every Nth request, projects added while an export
// pages, the shapes of count, report and /session answers; and Advance,
// which moves the server's clock so codes, sessions and tokens expire
// without a test waiting.
//
// Besides the Web and Single Page apps it has a Machine to Machine app
// (jwt.go: the JWT exchange, verifying RS256 against the public keys
// registered with it, exp, iss = CustomerID and sub = an active user's ID)
// and an Adobe IMS server-to-server credential (ims.go: /ims/token/v3 with
// client credentials, then Authorization: Bearer plus x-gw-ims-org-id).
//
// It listens on loopback only and answers only under a loopback name with
// the port the request came in on (DNS rebinding), unless Options.Public
// (host.go).
package wfsim

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options configures a simulator.
type Options struct {
	RedirectURIs []string      // registered for both built-in apps, matched exactly
	AppName      string        // shown on the consent page
	Domain, Lane string        // echoed on the callback; default "simcorp", "my"
	CodeTTL      time.Duration // authorization codes; default 2 minutes
	AccessTTL    time.Duration // sessionID inactivity lifetime; default 30 minutes, sliding
	ExpiresIn    *int          // expires_in in token responses; nil = 0, as in the docs
	Rotation     bool          // a refresh issues a new refresh token and kills the old one
	Projects     int           // sample projects; default 50,000 (tasks: 3 per project, for at most 1,000)
	Public       bool          // answer requests under any Host name, not only its own loopback address
	// Sandbox makes the instance a sandbox whose custom forms differ from
	// the default one's in known ways (customforms.go).
	Sandbox bool
}

// Request is one logged request. It never holds a secret.
type Request struct {
	Time      time.Time
	Method    string
	Path      string
	GrantType string
	Status    int
	// Verb is what an API request asked: GET (a read, a POST with
	// method=GET among them) or PUT (an update: a PUT, or a POST with
	// method=PUT); "" when it could not be read.
	Verb string
	// QueryKeys are the names of the URL's query parameters, in order
	// (never their values), so a test can tell what travelled in the URL
	// from what travelled in the body.
	QueryKeys []string
}

type app struct {
	id, secret string // secret empty for the SPA (PKCE) app
	pkce       bool
}

type pendingCode struct {
	clientID, redirectURI, challenge string
	expires                          time.Time
}

type session struct {
	expires time.Time
	userID  string // "" for the person who consents; a JWT's sub
}

type refreshToken struct {
	clientID  string
	issued    time.Time // consent time, for the absolute expiry
	lastUsed  time.Time
	redirect  string
	accessTok string
}

type failure struct {
	status     int
	n          int
	retryAfter string
}

// Sim is a running (or runnable) simulator. All knobs are safe for concurrent use.
type Sim struct {
	opts      Options
	subs      subscriptions
	web, spa  app
	mu        sync.Mutex
	redirects map[string]bool
	codes     map[string]*pendingCode
	sessions  map[string]*session
	refreshes map[string]*refreshToken
	log       []Request

	refreshReturnsToken bool
	refreshAbsTTL       time.Duration
	refreshIdleTTL      time.Duration
	latency             time.Duration
	tokenFail, apiFail  failure
	tokenRaw, apiRaw    rawAnswers
	tokenAnswerDelay    time.Duration
	spoiled             spoiledRefreshes // refresh answers spoiled on purpose (knobs.go)
	countWrapped        bool
	sessionAPINumber    bool             // /session's currentAPI is the number 22.0, not "v22.0"
	omitState           bool             // the consent's redirect carries no state
	refuseVerifier      bool             // the token endpoint refuses a web app's code_verifier
	formKey             []byte           // signs the consent form's token
	clock               func() time.Time // the server's time (Sim.now); nil: time.Now

	dataOnce sync.Once
	data     atomic.Pointer[dataset] // replaced whole when rows are added (knobs.go)
	worldMu  sync.Mutex
	wrld     *world // built from the current dataset
	knobs    knobs  // the export knobs: in flight, 429 every Nth, rows added mid-export

	srv *http.Server
	ln  net.Listener
	mux *http.ServeMux

	m2m *machineApps // the Machine to Machine app and the IMS credential (jwt.go, ims.go)

	writes writeState // values written by updates and Touch, and the write knobs (edit.go)
}

// New builds a simulator with a web app (ID and secret) and an SPA app (PKCE).
func New(opts Options) *Sim {
	if opts.AppName == "" {
		opts.AppName = "Workfront Connect"
	}
	if opts.Domain == "" {
		opts.Domain = "simcorp"
	}
	if opts.Lane == "" {
		opts.Lane = "my"
	}
	if opts.CodeTTL == 0 {
		opts.CodeTTL = 2 * time.Minute
	}
	if opts.AccessTTL == 0 {
		opts.AccessTTL = 30 * time.Minute
	}
	if opts.Projects == 0 {
		opts.Projects = 50000
	}
	s := &Sim{
		opts:                opts,
		web:                 app{id: randomHex(16), secret: randomHex(24)},
		spa:                 app{id: randomHex(16), pkce: true},
		redirects:           map[string]bool{},
		codes:               map[string]*pendingCode{},
		sessions:            map[string]*session{},
		refreshes:           map[string]*refreshToken{},
		refreshReturnsToken: true,
		countWrapped:        true,
		formKey:             []byte(randomHex(32)),
	}
	for _, r := range opts.RedirectURIs {
		s.redirects[r] = true
	}
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("/integrations/oauth2/authorize", s.handleAuthorize)
	s.mux.HandleFunc("/integrations/oauth2/consent", s.handleConsent)
	s.mux.HandleFunc("/integrations/oauth2/api/v1/token", s.handleToken)
	s.mux.HandleFunc("/attask/api/", s.handleAPI)
	s.mux.HandleFunc("/project/", s.handleProjectPage)
	for path := range objectPages {
		s.mux.HandleFunc("/"+path+"/", s.handleObjectPage)
	}
	for _, v := range []string{"internal", "unsupported", "asp"} {
		s.mux.HandleFunc("/attask/api-"+v+"/", s.handleAPI)
	}
	s.startMachineApps()
	s.startSubscriptions()
	return s
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// now is the server's one clock: it decides whether a code, consent form,
// sessionID, refresh token, IMS token or JWT is still good, stamps them and
// the request log, and is what $$TODAY and $$NOW count from (wildcards.go).
func (s *Sim) now() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nowLocked()
}

// nowLocked is now for callers that hold s.mu.
func (s *Sim) nowLocked() time.Time {
	if s.clock == nil {
		return time.Now()
	}
	return s.clock()
}

// Advance moves the simulator's clock d ahead (it keeps running), so that
// tests see codes, consent forms, sessions, refresh tokens, IMS tokens and
// JWTs expire without waiting. Clients keep their own clock.
func (s *Sim) Advance(d time.Duration) {
	s.set(func() {
		prev := s.clock
		if prev == nil {
			prev = time.Now
		}
		s.clock = func() time.Time { return prev().Add(d) }
	})
}

// Handler serves the simulator, e.g. under httptest.NewServer.
func (s *Sim) Handler() http.Handler { return http.HandlerFunc(s.serve) }

func (s *Sim) serve(w http.ResponseWriter, r *http.Request) {
	if !s.hostAllowed(r) {
		refuseHost(w)
		return
	}
	defer s.knobs.enter(r.URL.Path)()
	s.mu.Lock()
	delay, answerDelay := s.latency, s.tokenAnswerDelay
	s.mu.Unlock()
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
	}
	var out http.ResponseWriter = w
	var late *httptest.ResponseRecorder
	if answerDelay > 0 && r.URL.Path == "/integrations/oauth2/api/v1/token" {
		// The work (a code used, a refresh token rotated) is done at once;
		// only the answer is late, whether or not the client still waits.
		late = httptest.NewRecorder()
		out = late
	}
	rec := &statusRecorder{ResponseWriter: out, status: 200}
	if a, ok := s.takeRawAnswer(r.URL.Path); ok {
		a.write(rec, r.Context().Done())
	} else {
		s.mux.ServeHTTP(rec, r)
	}
	if late != nil {
		time.Sleep(answerDelay)
		for k, v := range late.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(late.Code)
		w.Write(late.Body.Bytes())
	}
	s.mu.Lock()
	s.log = append(s.log, Request{Time: s.nowLocked(), Method: r.Method, Path: r.URL.Path, GrantType: rec.grant, Status: rec.status,
		Verb: rec.verb, QueryKeys: queryKeys(r.URL.RawQuery)})
	s.mu.Unlock()
}

type statusRecorder struct {
	http.ResponseWriter
	status int
	grant  string
	verb   string
}

// queryKeys are a query's parameter names.
func queryKeys(raw string) []string {
	var out []string
	for _, p := range parseOrdered(raw) {
		out = append(out, p.key)
	}
	return out
}

// Unwrap lets http.ResponseController reach the connection (to flush).
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// Start listens on addr (e.g. "127.0.0.1:0") and serves in the background.
func (s *Sim) Start(addr string) error {
	if !s.opts.Public && !IsLoopbackAddr(addr) {
		return fmt.Errorf("%s: %w", addr, ErrNotLoopback)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.ln = ln
	s.srv = &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(ln)
	return nil
}

// URL is the simulator's base URL, e.g. http://127.0.0.1:PORT.
func (s *Sim) URL() string {
	if s.ln == nil {
		return ""
	}
	return "http://" + s.ln.Addr().String()
}

// Close stops serving.
func (s *Sim) Close() error {
	if s.srv == nil {
		return nil
	}
	return s.srv.Close()
}

// WebClientID is the web app's client ID.
func (s *Sim) WebClientID() string { return s.web.id }

// WebClientSecret is the web app's client secret (a throwaway).
func (s *Sim) WebClientSecret() string { return s.web.secret }

// SPAClientID is the PKCE app's client ID.
func (s *Sim) SPAClientID() string { return s.spa.id }

// AddRedirectURI registers one more redirect URI for both apps.
func (s *Sim) AddRedirectURI(uri string) {
	s.mu.Lock()
	s.redirects[uri] = true
	s.mu.Unlock()
}

func (s *Sim) set(f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f()
}

// SetAccessTTL sets the sessionID inactivity lifetime.
func (s *Sim) SetAccessTTL(d time.Duration) { s.set(func() { s.opts.AccessTTL = d }) }

// SetCodeTTL sets how long new authorization codes stay valid.
func (s *Sim) SetCodeTTL(d time.Duration) { s.set(func() { s.opts.CodeTTL = d }) }

// SetExpiresIn sets what token responses put in expires_in (nil: 0).
func (s *Sim) SetExpiresIn(n *int) { s.set(func() { s.opts.ExpiresIn = n }) }

// SetRotation turns refresh token rotation on or off.
func (s *Sim) SetRotation(on bool) { s.set(func() { s.opts.Rotation = on }) }

// SetRefreshReturnsToken false makes refresh responses omit refresh_token.
func (s *Sim) SetRefreshReturnsToken(on bool) { s.set(func() { s.refreshReturnsToken = on }) }

// SetRefreshAbsoluteTTL limits a refresh token's life from consent (0: none).
func (s *Sim) SetRefreshAbsoluteTTL(d time.Duration) { s.set(func() { s.refreshAbsTTL = d }) }

// SetRefreshInactivityTTL limits a refresh token's idle time (0: none).
func (s *Sim) SetRefreshInactivityTTL(d time.Duration) { s.set(func() { s.refreshIdleTTL = d }) }

// RevokeAll kills every access and refresh token.
func (s *Sim) RevokeAll() {
	s.set(func() {
		s.sessions = map[string]*session{}
		s.refreshes = map[string]*refreshToken{}
	})
	s.ExpireIMSTokens()
}

// ExpireAccessTokens kills every sessionID; refresh tokens stay good.
func (s *Sim) ExpireAccessTokens() { s.set(func() { s.sessions = map[string]*session{} }) }

// SetLatency delays every response.
func (s *Sim) SetLatency(d time.Duration) { s.set(func() { s.latency = d }) }

// SetTokenFailures makes the next n token requests answer status with an HTML page.
func (s *Sim) SetTokenFailures(status, n int) {
	s.set(func() { s.tokenFail = failure{status: status, n: n} })
}

// SetAPIFailures makes the next n API requests answer status (429 carries retryAfter).
func (s *Sim) SetAPIFailures(status, n int, retryAfter string) {
	s.set(func() { s.apiFail = failure{status: status, n: n, retryAfter: retryAfter} })
}

// SetCountShape chooses {"data":{"count":N}} (true) or {"count":N}.
func (s *Sim) SetCountShape(dataWrapped bool) { s.set(func() { s.countWrapped = dataWrapped }) }

// SetSessionCurrentAPIShape chooses how GET /session writes
// versionInformation.currentAPI: the JSON number 22.0 (number, as Adobe's
// OpenAPI description types it) or the string "v22.0" (the default, as
// the old fixture login.json has it).
func (s *Sim) SetSessionCurrentAPIShape(number bool) { s.set(func() { s.sessionAPINumber = number }) }

// SetTokenAnswerDelay makes the token endpoint do its work at once but
// answer d later: a slow way back, during which a client may give up.
func (s *Sim) SetTokenAnswerDelay(d time.Duration) { s.set(func() { s.tokenAnswerDelay = d }) }

// SetOmitState makes the consent's redirect carry no state, like a tenant
// that does not echo it.
func (s *Sim) SetOmitState(on bool) { s.set(func() { s.omitState = on }) }

// SetRefuseCodeVerifier makes the token endpoint refuse a Web Application's
// code exchange that carries a code_verifier, like a tenant without PKCE for
// web apps.
func (s *Sim) SetRefuseCodeVerifier(on bool) { s.set(func() { s.refuseVerifier = on }) }

// Answer is a raw HTTP answer the simulator sends instead of its own: a
// broken Workfront, or a proxy in the way.
type Answer struct {
	Status      int    // default 200
	ContentType string // none when empty
	Body        string
	RetryAfter  string
	Location    string // a redirect's target, with Status 3xx
	// Truncated declares the whole body's length, sends half of it and
	// drops the connection.
	Truncated bool
	// Trickle sends the body a byte at a time, this long apart (a slow or
	// hostile server), until the client goes away.
	Trickle time.Duration
}

type rawAnswers struct {
	answer Answer
	n      int
}

// SetTokenAnswers makes the next n token requests (code and refresh,
// JWT exchange, IMS) get a instead of tokens.
func (s *Sim) SetTokenAnswers(a Answer, n int) {
	s.set(func() { s.tokenRaw = rawAnswers{a, n} })
}

// SetAPIAnswers makes the next n API requests get a.
func (s *Sim) SetAPIAnswers(a Answer, n int) { s.set(func() { s.apiRaw = rawAnswers{a, n} }) }

func (s *Sim) takeRawAnswer(path string) (Answer, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	pending := &s.apiRaw
	switch {
	case path == "/integrations/oauth2/api/v1/token", path == JWTExchangePath, path == IMSTokenPath:
		pending = &s.tokenRaw // every token request: refresh, code, JWT, IMS
	case !strings.HasPrefix(path, "/attask/"):
		return Answer{}, false
	}
	if pending.n <= 0 {
		return Answer{}, false
	}
	pending.n--
	return pending.answer, true
}

func (a Answer) write(w http.ResponseWriter, gone <-chan struct{}) {
	if a.ContentType != "" {
		w.Header().Set("Content-Type", a.ContentType)
	}
	if a.Location != "" {
		w.Header().Set("Location", a.Location)
	}
	if a.RetryAfter != "" {
		w.Header().Set("Retry-After", a.RetryAfter)
	}
	status := a.Status
	if status == 0 {
		status = http.StatusOK
	}
	body := a.Body
	if a.Truncated {
		// net/http closes a connection whose handler wrote less than it declared.
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		body = body[:len(body)/2]
	}
	w.WriteHeader(status)
	if a.Trickle > 0 {
		trickle(w, body, a.Trickle, gone)
		return
	}
	io.WriteString(w, body)
}

// trickle writes body a byte at a time, every, until it is sent or the
// client is gone.
func trickle(w http.ResponseWriter, body string, every time.Duration, gone <-chan struct{}) {
	flush := http.NewResponseController(w)
	for i := 0; i < len(body); i++ {
		if _, err := io.WriteString(w, body[i:i+1]); err != nil || flush.Flush() != nil {
			return
		}
		select {
		case <-time.After(every):
		case <-gone:
			return
		}
	}
}

// Requests returns the request log.
func (s *Sim) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.log...)
}

// CountGrant counts token requests with that grant_type.
func (s *Sim) CountGrant(grantType string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.log {
		if r.GrantType == grantType {
			n++
		}
	}
	return n
}

// ResetLog empties the request log.
func (s *Sim) ResetLog() { s.set(func() { s.log = nil }) }

// takeFailure consumes one injected failure, if any.
func takeFailure(f *failure) (failure, bool) {
	if f.n <= 0 {
		return failure{}, false
	}
	f.n--
	return *f, true
}
