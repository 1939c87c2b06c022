// Package workfront owns the Workfront REST client: search, count, get,
// report and metadata for any object type (projects are one preset of the
// generic search), the instance's custom forms and fields, stable paging
// with numbered sorts, Workfront's error bodies, its date format and links
// into its web UI. Every request carries the sign-in from a TokenProvider
// (the sessionID header, or the header its HeaderFor names) and follows no
// redirect to another origin; an expired session gets one refresh and one
// retry, and 429/5xx answers and network errors are retried with backoff.
// Writes (update.go: one object, or up to 100 in one call) go in the form
// body of a POST with method=PUT and are retried only on 429 and 401; any
// other failure after sending is an unknown outcome (ErrOutcomeUnknown).
// It imports no Fyne, and nothing of ours but msg (messages for people).
package workfront

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/wfconnect/wfconnect/msg"
)

// TokenProvider hands out sessionIDs; *auth.Source satisfies it.
type TokenProvider interface {
	// Token returns a valid sessionID.
	Token(ctx context.Context) (string, error)
	// Refresh is called after Workfront refused stale; it returns a new
	// sessionID (or one that someone else already got).
	Refresh(ctx context.Context, stale string) (string, error)
}

// HeaderProvider is a TokenProvider that also says how its token travels:
// ("Authorization", "Bearer "+token) for a bearer token, ("sessionID",
// token) for a Workfront session. *auth.Source satisfies it. A
// TokenProvider without it sends the sessionID header.
type HeaderProvider interface {
	HeaderFor(token string) (name, value string)
}

// ExtraHeaderProvider is a TokenProvider whose connection sends more
// headers with every call, such as an Adobe IMS connection's
// x-gw-ims-org-id. *auth.Source satisfies it.
type ExtraHeaderProvider interface {
	ExtraHeaders() [][2]string
}

var (
	// ErrRedirectRefused marks a redirect to another scheme, host or port,
	// which the client does not follow (it would carry the sign-in there).
	ErrRedirectRefused = errors.New("redirect to another origin refused")
	// ErrBadToken marks a token or header that holds control characters
	// (a line break could smuggle headers); it is never sent.
	ErrBadToken = errors.New("token holds control characters")
)

// Options tunes a client; zero values are sensible.
type Options struct {
	// HTTPClient sends the requests; default: its own client (keep-alive,
	// 60 s timeout). The client uses a shallow copy whose CheckRedirect
	// refuses a redirect to another scheme, host or port (and then asks
	// the given CheckRedirect, if any); the given client is not changed.
	HTTPClient  *http.Client
	MaxRetries  int           // retries of 429/5xx/network errors; default 4, negative for none
	BaseBackoff time.Duration // default 250 ms, doubled per retry, capped at 5 s, plus jitter
	// Log is called once per HTTP attempt with the URL path (never the
	// query, which holds the person's search text, and never a header).
	// status is 0 when no answer came.
	Log func(method, path string, status int, dur time.Duration)
}

// Client talks to one Workfront host. It is safe for concurrent use.
type Client struct {
	host    string // https://acme.my.workfront.com, no trailing slash
	base    string // host + /attask/api/<version>
	tokens  TokenProvider
	opts    Options
	retries int
}

const (
	// MaxLimit is Workfront's largest $$LIMIT; a larger one is an error.
	MaxLimit = 2000
	// DefaultLimit is Workfront's own default page size.
	DefaultLimit = 100
	// maxURL is where we switch from GET to POST with method=GET in a form
	// body, as Workfront's official JS client does for long queries
	// (Workfront accepts URIs of about 8.9 KB).
	maxURL = 8000
	// maxBackoff caps the exponential backoff; maxRetryAfter caps how long
	// a Retry-After header can make us wait.
	maxBackoff    = 5 * time.Second
	maxRetryAfter = 30 * time.Second
)

// NewClient builds a client for host (https://acme.my.workfront.com) and an
// API version like "v21.0".
func NewClient(host, apiVersion string, tokens TokenProvider, opts Options) *Client {
	if opts.HTTPClient == nil {
		opts.HTTPClient = &http.Client{Timeout: 60 * time.Second}
	}
	hc := *opts.HTTPClient // a shallow copy: the caller's client stays as it was
	hc.CheckRedirect = sameOrigin(hc.CheckRedirect)
	opts.HTTPClient = &hc
	retries := opts.MaxRetries
	switch {
	case retries == 0:
		retries = 4
	case retries < 0:
		retries = 0
	}
	if opts.BaseBackoff <= 0 {
		opts.BaseBackoff = 250 * time.Millisecond
	}
	host = strings.TrimRight(host, "/")
	version := strings.Trim(apiVersion, "/")
	return &Client{host: host, base: host + "/attask/api/" + version, tokens: tokens, opts: opts, retries: retries}
}

// sameOrigin is a redirect policy that follows a redirect only within the
// first request's origin (scheme, host and port): Go's own policy would
// copy the sessionID header to any host, https to http included. next, when
// set, decides about the redirects that stay; else at most 10 are followed.
func sameOrigin(next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		from := via[0].URL
		if origin(from) != origin(req.URL) {
			return msg.New("Workfront at %s answered with a redirect to %s, another address; wfconnect did not follow it, so your sign-in was not sent there.", origin(from), origin(req.URL)).WithKind(ErrRedirectRefused)
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
}

// origin is scheme://host:port, with the scheme's default port filled in
// and the host in lower case.
func origin(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		switch scheme {
		case "https":
			port = "443"
		case "http":
			port = "80"
		}
	}
	return scheme + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// Host is the Workfront base URL.
func (c *Client) Host() string { return c.host }

// Query selects projects.
type Query struct {
	Text      string   // name contains it, case-insensitively (name_Mod=cicontains)
	Statuses  []string // status codes; one: status_Mod=eq, several: status_Mod=in
	SortField string   // default "name"; ID always breaks ties, so paging is stable
	SortDesc  bool
	First     int // 0-based skip ($$FIRST)
	Limit     int // page size ($$LIMIT): 0 means 100, at most 2000
	// Fields are more fields to ask for (e.g. "priority", "entryDate"),
	// beside the ones in Fields.
	Fields []string
}

// Fields are what a search asks for: the table's columns and the details
// view's. ID and objCode come by default.
const Fields = "name,status,plannedStartDate,plannedCompletionDate,percentComplete,description,owner:name"

// param is one query parameter. Parameters go in the order they were
// given (a person reading a copied URL sees their filters as written), so
// url.Values, whose Encode sorts keys, will not do.
type param struct{ key, value string }

// encodeParams writes parameters in order. $$FIRST and $$LIMIT go
// literally, as the official JS client sends them (it escapes values only).
func encodeParams(params []param) string {
	var b strings.Builder
	for i, p := range params {
		if i > 0 {
			b.WriteByte('&')
		}
		if strings.HasPrefix(p.key, "$$") && strings.Trim(p.key, "$ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") == "" {
			// Workfront's own keys ($$FIRST, $$LIMIT) go as they are; a
			// field name that merely starts so is escaped like any other.
			b.WriteString(p.key)
		} else {
			b.WriteString(url.QueryEscape(p.key))
		}
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(p.value))
	}
	return b.String()
}

// Search is the project query as a generic search: projects are one
// preset of the path every object type takes, not a path of their own.
func (q Query) Search() Search {
	s := Search{ObjCode: "proj", First: q.first(), Limit: q.limit()}
	if q.Text != "" {
		s.Filters = append(s.Filters, Filter{"name", q.Text}, Filter{"name_Mod", "cicontains"})
	}
	s.Filters = append(s.Filters, StatusFilters(q.Statuses)...)
	field := q.SortField
	if field == "" {
		field = "name"
	}
	s.Sorts = []Sort{{Field: field, Desc: q.SortDesc}}
	s.Fields = strings.Split(Fields, ",")
	s.Fields = append(s.Fields, q.Fields...)
	return s
}

// StatusFilters pick the objects with one of these statuses: one is
// status_Mod=eq, several are status_Mod=in; none picks every object.
func StatusFilters(codes []string) []Filter {
	switch len(codes) {
	case 0:
		return nil
	case 1:
		return []Filter{{"status", codes[0]}, {"status_Mod", "eq"}}
	}
	out := make([]Filter, 0, len(codes)+1)
	for _, c := range codes {
		out = append(out, Filter{"status", c})
	}
	return append(out, Filter{"status_Mod", "in"})
}

func (q Query) first() int { return max(0, q.First) }

func (q Query) limit() int {
	switch {
	case q.Limit <= 0:
		return DefaultLimit
	case q.Limit > MaxLimit:
		return MaxLimit
	}
	return q.Limit
}

// wireError is Workfront's error body: {"error":{"class","message",…}}.
// It may also carry title, msgKey, attributes and code.
type wireError struct {
	Class   string `json:"class"`
	Message string `json:"message"`
	Title   string `json:"title"`
}

// answer is a decoded success body that may still carry an error.
type answer interface{ apiError() *wireError }

// finisher is an answer with more decoding to do after the body.
type finisher interface{ finish() error }

type countAnswer struct {
	Count *int `json:"count"`
	Data  *struct {
		Count *int `json:"count"`
	} `json:"data"`
	Error *wireError `json:"error"`
}

func (a *countAnswer) apiError() *wireError { return a.Error }

// get sends a read with the sessionID header.
func (c *Client) get(ctx context.Context, path string, params []param, out answer) error {
	return c.send(ctx, call{path: path, params: params}, out)
}

// call is one API request: a read (a GET, or a POST with method=GET when
// too long for a URL) or, with write set, a change (a POST with
// method=PUT, its parameters in the form body: update.go).
type call struct {
	path   string
	params []param
	write  *writeCall // nil for a read
}

// send sends a call with the sign-in. An unauthenticated answer gets one
// refresh and one retry (a refused write was not applied); a second one is
// returned, not looped on.
func (c *Client) send(ctx context.Context, cl call, out answer) error {
	token, err := c.tokens.Token(ctx)
	if err != nil {
		return err
	}
	h, err := c.header(token)
	if err != nil {
		return err
	}
	err = c.withRetries(ctx, cl, h, out)
	if !IsUnauthenticated(err) {
		return err
	}
	fresh, rerr := c.tokens.Refresh(ctx, token)
	if rerr != nil {
		// Wrapped so errors.Is still finds what auth said (e.g. that the
		// person must consent again).
		return fmt.Errorf("Workfront ended the session and it could not be renewed: %w", rerr)
	}
	if h, err = c.header(fresh); err != nil {
		return err
	}
	return c.withRetries(ctx, cl, h, out)
}

// authHeader is the header that carries the sign-in, and any others the
// connection sends with it.
type authHeader struct {
	name, value string
	extra       [][2]string
}

// apply puts the sign-in on a request that asks for JSON.
func (h authHeader) apply(req *http.Request) {
	req.Header.Set(h.name, h.value)
	for _, x := range h.extra {
		req.Header.Set(x[0], x[1])
	}
	req.Header.Set("Accept", "application/json")
}

// header says how token travels: as the TokenProvider's HeaderFor says, or
// else as the sessionID header. A token (or header) with a line break or
// another control character is refused before anything is sent.
func (c *Client) header(token string) (authHeader, error) {
	h := authHeader{name: "sessionID", value: token}
	if hp, ok := c.tokens.(HeaderProvider); ok {
		h.name, h.value = hp.HeaderFor(token)
	}
	if xp, ok := c.tokens.(ExtraHeaderProvider); ok {
		h.extra = xp.ExtraHeaders()
	}
	bad := hasControl(token) || hasControl(h.value) || h.name == "" || hasControl(h.name) || strings.ContainsAny(h.name, " :")
	for _, x := range h.extra {
		bad = bad || hasControl(x[1]) || x[0] == "" || hasControl(x[0]) || strings.ContainsAny(x[0], " :")
	}
	if bad {
		return authHeader{}, msg.New("The sign-in for %s holds a line break or another control character, so it was not sent. Connect again.", c.host).WithKind(ErrBadToken)
	}
	return h, nil
}

// hasControl reports a C0 control character (CR and LF among them) or DEL.
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return true
		}
	}
	return false
}

// withRetries sends one call. A read is retried on 429, 5xx, cut-off
// answers and network errors, with bounded exponential backoff (or
// Retry-After); a write only on 429, the one answer that says it was not
// applied: any other failure after it was sent leaves its outcome unknown.
func (c *Client) withRetries(ctx context.Context, cl call, token authHeader, out answer) error {
	p := c.prepare(cl)
	for attempt := 0; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return err // nothing sent this time
		}
		wait, err := c.do(ctx, p, token, out)
		if cl.write != nil && err != nil && !refused(err) {
			return cl.write.unknown(err)
		}
		if err == nil || wait < 0 || attempt >= c.retries || ctx.Err() != nil {
			return err
		}
		if wait == 0 {
			wait = min(c.opts.BaseBackoff<<attempt, maxBackoff)
			wait += time.Duration(rand.Int64N(int64(wait)/5 + 1)) // up to 20% jitter
		}
		notifyRetry(ctx, err, wait)
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
	}
}

// refused reports an answer that says a write was not applied: a 4xx
// (Workfront's refusal, a 401 or a 429 among them, or a proxy's before
// it) or a redirect that was not followed. A 5xx, a cut-off or unreadable
// answer and a network error after sending say nothing of the kind.
func refused(err error) bool {
	var e *APIError
	if errors.As(err, &e) {
		return e.Status >= 400 && e.Status < 500
	}
	return errors.Is(err, ErrRedirectRefused)
}

// prepared is a call as it goes on the wire: the same for every attempt.
type prepared struct {
	method, url, form string // form: the body, form-encoded, or "" for none
}

// prepare puts a call on the wire: a write as a POST with method=PUT and
// its parameters in the body (Workfront's CDN caps URIs near 8.9 KB); a
// read as a GET, or, too long for a URL, as a POST with method=GET, like
// the official JS client's search(…, useHttpPost).
func (c *Client) prepare(cl call) prepared {
	endpoint := c.base + cl.path
	query := encodeParams(cl.params)
	switch {
	case cl.write != nil:
		return prepared{http.MethodPost, endpoint, query + "&method=PUT"}
	case len(endpoint)+1+len(query) > maxURL:
		return prepared{http.MethodPost, endpoint, query + "&method=GET"}
	}
	return prepared{http.MethodGet, endpoint + "?" + query, ""}
}

// do sends one request and decodes its answer into out. wait < 0: do not
// retry; 0: retry with backoff; > 0: retry after that long (Retry-After).
func (c *Client) do(ctx context.Context, p prepared, token authHeader, out answer) (time.Duration, error) {
	var body io.Reader
	if p.form != "" {
		body = strings.NewReader(p.form)
	}
	req, err := http.NewRequestWithContext(ctx, p.method, p.url, body)
	if err != nil {
		return -1, err
	}
	if p.form != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	token.apply(req)
	start := time.Now()
	resp, err := c.opts.HTTPClient.Do(req)
	if err != nil {
		c.log(req.Method, req.URL.Path, 0, time.Since(start))
		if ctx.Err() != nil {
			return 0, ctx.Err() // not retried: withRetries sees ctx is done
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // its text repeats the URL, query and all
		}
		if errors.Is(err, ErrRedirectRefused) {
			return -1, err // asking again gets the same redirect
		}
		return 0, msg.New("Could not reach Workfront at %s: %v", c.host, err).Because(err)
	}
	defer closeBody(resp.Body)
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		wait, err := decodeAnswer(resp, out)
		c.log(req.Method, req.URL.Path, resp.StatusCode, time.Since(start))
		if err != nil && ctx.Err() != nil {
			return 0, ctx.Err()
		}
		return wait, err
	}
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	c.log(req.Method, req.URL.Path, resp.StatusCode, time.Since(start))
	apiErr := decodeError(resp.StatusCode, raw)
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
		return retryAfter(resp.Header.Get("Retry-After"), time.Now()), apiErr
	}
	return -1, apiErr
}

// decodeAnswer decodes a 2xx body in one pass, straight from the network.
func decodeAnswer(resp *http.Response, out answer) (time.Duration, error) {
	// MaxBytesReader, unlike io.LimitReader, tells a cap from a real end.
	err := json.NewDecoder(http.MaxBytesReader(nil, resp.Body, maxAnswer)).Decode(out)
	if f, ok := out.(finisher); ok && err == nil && out.apiError() == nil {
		err = f.finish()
	}
	var tooLarge *http.MaxBytesError
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case err == nil:
	case errors.As(err, &tooLarge):
		return -1, msg.New("Workfront answered %s with more than %d MB, far more than any page of projects (a proxy or an outage?).", resp.Status, maxAnswer>>20).Because(err)
	case errors.As(err, &syntax) || errors.As(err, &typ):
		return -1, msg.New("Workfront answered %s with something other than JSON data (a proxy page?).", resp.Status).Because(err)
	default: // io.ErrUnexpectedEOF, io.EOF or a read error: the answer stopped early
		return 0, msg.New("Workfront's answer was cut off before it ended (%s).", resp.Status).Because(err)
	}
	if e := out.apiError(); e != nil {
		return -1, newAPIError(resp.StatusCode, e)
	}
	return 0, nil
}

// maxAnswer bounds a decoded answer: a full page of 2000 projects is a few
// MB, and a runaway proxy must not fill the memory.
const maxAnswer = 64 << 20

// closeBody drains what is left (a little) so the connection is reused.
func closeBody(body io.ReadCloser) {
	io.Copy(io.Discard, io.LimitReader(body, 64<<10))
	body.Close()
}

func (c *Client) log(method, path string, status int, d time.Duration) {
	if c.opts.Log != nil {
		c.opts.Log(method, path, status, d)
	}
}

// retryAfter reads Retry-After (seconds or an HTTP date), capped at 30 s.
// 0 means none (use the backoff).
func retryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if secs, err := strconv.Atoi(h); err == nil {
		if secs <= 0 {
			return 0
		}
		return min(time.Duration(secs)*time.Second, maxRetryAfter)
	}
	if t, err := http.ParseTime(h); err == nil {
		return min(max(t.Sub(now), 0), maxRetryAfter)
	}
	return 0
}

// APIError is an error answer from Workfront's API.
type APIError struct {
	Status  int    // HTTP status
	Class   string // e.g. com.attask.common.AuthenticationException
	Message string // Workfront's message, for people
	HTML    bool   // the body was a web page (a proxy's?), not Workfront's JSON
}

// Error is written for people.
func (e *APIError) Error() string { return e.text().Error() }

// Unwrap exposes the message for people, so that it can be translated.
func (e *APIError) Unwrap() error { return e.text() }

func (e *APIError) text() *msg.Error {
	switch {
	case e.HTML:
		return msg.New("Workfront answered %d %s with a web page instead of data (a proxy or an outage?).", e.Status, http.StatusText(e.Status))
	case e.Status == http.StatusTooManyRequests:
		return msg.New("Workfront is limiting requests (429 Too Many Requests); try again in a moment.")
	case e.Message != "":
		return msg.New("Workfront said: %s (%d)", e.Message, e.Status)
	}
	return msg.New("Workfront answered %d %s.", e.Status, http.StatusText(e.Status))
}

func newAPIError(status int, w *wireError) *APIError {
	e := &APIError{Status: status, Class: w.Class, Message: w.Message}
	if e.Message == "" {
		e.Message = w.Title
	}
	return e
}

// decodeError reads an error answer: Workfront's JSON, or a web page.
func decodeError(status int, raw []byte) *APIError {
	trimmed := strings.TrimSpace(string(raw))
	if trimmed != "" && trimmed[0] != '{' {
		return &APIError{Status: status, HTML: true}
	}
	var body struct {
		Error *wireError `json:"error"`
	}
	if json.Unmarshal(raw, &body) == nil && body.Error != nil {
		return newAPIError(status, body.Error)
	}
	return &APIError{Status: status}
}

// IsUnauthenticated reports an expired or missing session: a 401, or an
// error whose class ends in AuthenticationException (whatever the status,
// which Workfront does not document).
func IsUnauthenticated(err error) bool {
	var e *APIError
	return errors.As(err, &e) && (e.Status == http.StatusUnauthorized || strings.HasSuffix(e.Class, "AuthenticationException"))
}
