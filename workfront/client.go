// Package workfront owns the Workfront REST client: project search and
// count with stable paging, Workfront's error bodies and date format,
// retries with backoff, the sessionID header with one refresh-and-retry on
// an expired session, and links into Workfront's web UI. It imports no Fyne.
package workfront

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/wfconnect/wfconnect/msg"
)

// TokenProvider hands out sessionIDs; *auth.Source satisfies it.
type TokenProvider interface {
	Token(ctx context.Context) (string, error)
	Refresh(ctx context.Context, stale string) (string, error)
}

// Options tunes a client; zero values are sensible.
type Options struct {
	HTTPClient  *http.Client
	MaxRetries  int           // retries of 429/5xx/network errors; default 4
	BaseBackoff time.Duration // default 250 ms, doubled per retry, capped at 5 s
	Log         func(method, path string, status int, dur time.Duration)
}

// Client talks to one Workfront host.
type Client struct {
	host, version string
	tokens        TokenProvider
	opts          Options
}

// MaxLimit is Workfront's largest $$LIMIT.
const MaxLimit = 2000

// maxURL is where, like Workfront's official JS client, we switch to POST with method=GET.
const maxURL = 8000

// NewClient builds a client for host (https://acme.my.workfront.com) and an
// API version like "v21.0".
func NewClient(host, apiVersion string, tokens TokenProvider, opts Options) *Client {
	if opts.HTTPClient == nil {
		opts.HTTPClient = &http.Client{Timeout: 60 * time.Second}
	}
	if opts.MaxRetries == 0 {
		opts.MaxRetries = 4
	}
	if opts.BaseBackoff == 0 {
		opts.BaseBackoff = 250 * time.Millisecond
	}
	return &Client{host: strings.TrimRight(host, "/"), version: apiVersion, tokens: tokens, opts: opts}
}

// Host is the Workfront base URL.
func (c *Client) Host() string { return c.host }

// Query selects projects.
type Query struct {
	Text      string   // name contains, case-insensitive
	Statuses  []string // status codes
	SortField string   // default "name"; ID always breaks ties
	SortDesc  bool
	First     int
	Limit     int // 0: 100; at most 2000
}

// Project is one row of a project search.
type Project struct {
	ID                string
	Name              string
	Status            string
	OwnerName         string
	Description       string
	PlannedStart      time.Time
	PlannedCompletion time.Time
	PercentComplete   float64
}

// Page is one page of a search.
type Page struct {
	Projects []Project
	First    int
	Limit    int
}

// Fields are what a search asks for: the table's columns and the details view's.
var Fields = "name,status,plannedStartDate,plannedCompletionDate,percentComplete,description,owner:name"

// encodeParams writes parameters in order; Workfront reads _Sort parameters
// in the order given, so url.Values (which sorts keys) will not do.
func encodeParams(pairs [][2]string) string {
	var b strings.Builder
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		if strings.HasPrefix(p[0], "$$") {
			b.WriteString(p[0]) // $$FIRST and $$LIMIT go literally, as the official client sends them
		} else {
			b.WriteString(url.QueryEscape(p[0]))
		}
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(p[1]))
	}
	return b.String()
}

func (q Query) filters() [][2]string {
	var out [][2]string
	if q.Text != "" {
		out = append(out, [2]string{"name", q.Text}, [2]string{"name_Mod", "cicontains"})
	}
	switch len(q.Statuses) {
	case 0:
	case 1:
		out = append(out, [2]string{"status", q.Statuses[0]}, [2]string{"status_Mod", "eq"})
	default:
		for _, s := range q.Statuses {
			out = append(out, [2]string{"status", s})
		}
		out = append(out, [2]string{"status_Mod", "in"})
	}
	return out
}

func (q Query) limit() int {
	switch {
	case q.Limit <= 0:
		return 100
	case q.Limit > MaxLimit:
		return MaxLimit
	}
	return q.Limit
}

func (q Query) searchParams() [][2]string {
	p := q.filters()
	field := q.SortField
	if field == "" {
		field = "name"
	}
	dir := "asc"
	if q.SortDesc {
		dir = "desc"
	}
	p = append(p, [2]string{field + "_Sort", dir})
	if field != "ID" {
		p = append(p, [2]string{"ID_Sort", "asc"}) // the tiebreak that makes paging stable
	}
	return append(p, [2]string{"fields", Fields}, [2]string{"$$FIRST", strconv.Itoa(max(0, q.First))}, [2]string{"$$LIMIT", strconv.Itoa(q.limit())})
}

type wireProject struct {
	ID                    string          `json:"ID"`
	Name                  string          `json:"name"`
	Status                string          `json:"status"`
	Description           string          `json:"description"`
	PlannedStartDate      string          `json:"plannedStartDate"`
	PlannedCompletionDate string          `json:"plannedCompletionDate"`
	PercentComplete       json.RawMessage `json:"percentComplete"`
	Owner                 *struct {
		Name string `json:"name"`
	} `json:"owner"`
}

// SearchProjects returns one page of projects.
func (c *Client) SearchProjects(ctx context.Context, q Query) (Page, error) {
	var body struct {
		Data []wireProject `json:"data"`
	}
	if err := c.get(ctx, "/proj/search", q.searchParams(), &body); err != nil {
		return Page{}, err
	}
	page := Page{First: max(0, q.First), Limit: q.limit(), Projects: make([]Project, len(body.Data))}
	for i, w := range body.Data {
		page.Projects[i] = w.project()
	}
	return page, nil
}

func (w *wireProject) project() Project {
	p := Project{ID: w.ID, Name: w.Name, Status: w.Status, Description: w.Description}
	if w.Owner != nil {
		p.OwnerName = w.Owner.Name
	}
	p.PlannedStart, _ = ParseDate(w.PlannedStartDate)
	p.PlannedCompletion, _ = ParseDate(w.PlannedCompletionDate)
	if len(w.PercentComplete) > 0 {
		raw := strings.Trim(string(w.PercentComplete), `"`)
		p.PercentComplete, _ = strconv.ParseFloat(raw, 64)
	}
	return p
}

// CountProjects counts the projects a query matches. Both documented shapes
// are accepted: {"data":{"count":N}} and {"count":N}.
func (c *Client) CountProjects(ctx context.Context, q Query) (int, error) {
	var body struct {
		Count *int `json:"count"`
		Data  *struct {
			Count *int `json:"count"`
		} `json:"data"`
	}
	if err := c.get(ctx, "/proj/count", q.filters(), &body); err != nil {
		return 0, err
	}
	switch {
	case body.Data != nil && body.Data.Count != nil:
		return *body.Data.Count, nil
	case body.Count != nil:
		return *body.Count, nil
	}
	return 0, msg.New("Workfront's count answer carried no count.")
}

// AllProjects pages through every match in stable (ID-tiebroken) order.
// Workfront caps one result at 50,000 objects.
func (c *Client) AllProjects(ctx context.Context, q Query, each func(Project) error) error {
	q.Limit = MaxLimit
	q.First = 0
	for {
		page, err := c.SearchProjects(ctx, q)
		if err != nil {
			return err
		}
		for _, p := range page.Projects {
			if err := each(p); err != nil {
				return err
			}
		}
		if len(page.Projects) < q.Limit {
			return nil
		}
		q.First += len(page.Projects)
	}
}

// get sends a read with the sessionID header, refreshing once on an expired
// session and retrying 429, 5xx and network errors with backoff.
func (c *Client) get(ctx context.Context, path string, params [][2]string, out any) error {
	token, err := c.tokens.Token(ctx)
	if err != nil {
		return err
	}
	err = c.withRetries(ctx, path, params, token, out)
	if !IsUnauthenticated(err) {
		return err
	}
	token, rerr := c.tokens.Refresh(ctx, token)
	if rerr != nil {
		return rerr
	}
	return c.withRetries(ctx, path, params, token, out) // once: a second refusal is returned
}

func (c *Client) withRetries(ctx context.Context, path string, params [][2]string, token string, out any) error {
	var err error
	for attempt := 0; ; attempt++ {
		var wait time.Duration
		wait, err = c.do(ctx, path, params, token, out)
		if err == nil || wait < 0 || attempt >= c.opts.MaxRetries || ctx.Err() != nil {
			return err
		}
		if wait == 0 {
			wait = min(c.opts.BaseBackoff<<attempt, 5*time.Second)
			wait += time.Duration(rand.Int64N(int64(wait)/5 + 1)) // jitter
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// do sends one request. wait < 0: do not retry; 0: retry with backoff; > 0:
// retry after that long (Retry-After).
func (c *Client) do(ctx context.Context, path string, params [][2]string, token string, out any) (time.Duration, error) {
	endpoint := c.host + "/attask/api/" + c.version + path
	query := encodeParams(params)
	var req *http.Request
	var err error
	if len(endpoint)+1+len(query) > maxURL {
		body := query + "&method=GET"
		req, err = http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(body))
		if req != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
	} else {
		req, err = http.NewRequestWithContext(ctx, http.MethodGet, endpoint+"?"+query, nil)
	}
	if err != nil {
		return -1, err
	}
	req.Header.Set("sessionID", token)
	req.Header.Set("Accept", "application/json")
	start := time.Now()
	resp, err := c.opts.HTTPClient.Do(req)
	if err != nil {
		c.log(req.Method, path, 0, time.Since(start))
		if ctx.Err() != nil {
			return -1, ctx.Err()
		}
		return 0, msg.New("Could not reach Workfront at %s: %v", c.host, err).Because(err)
	}
	defer resp.Body.Close()
	c.log(req.Method, path, resp.StatusCode, time.Since(start))
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		dec := json.NewDecoder(resp.Body)
		if err := dec.Decode(out); err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
				return 0, msg.New("Workfront's answer was cut off before it ended (%s).", resp.Status).Because(err)
			}
			return -1, msg.New("Workfront answered %s with something other than JSON data (a proxy page?).", resp.Status).Because(err)
		}
		return 0, nil
	}
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	apiErr := decodeError(resp, raw)
	switch {
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return retryAfter(resp.Header.Get("Retry-After")), apiErr
	}
	return -1, apiErr
}

func (c *Client) log(method, path string, status int, d time.Duration) {
	if c.opts.Log != nil {
		c.opts.Log(method, path, status, d)
	}
}

// retryAfter reads Retry-After (seconds or an HTTP date), capped at 30 s.
func retryAfter(h string) time.Duration {
	if h == "" {
		return 0
	}
	if secs, err := strconv.Atoi(strings.TrimSpace(h)); err == nil && secs >= 0 {
		return min(time.Duration(secs)*time.Second, 30*time.Second)
	}
	if t, err := http.ParseTime(h); err == nil {
		return min(max(time.Until(t), 0), 30*time.Second)
	}
	return 0
}

// APIError is an error answer from Workfront's API.
type APIError struct {
	Status  int
	Class   string
	Message string
	HTML    bool // the body was a web page, not Workfront's JSON
}

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

func decodeError(resp *http.Response, raw []byte) *APIError {
	e := &APIError{Status: resp.StatusCode}
	var body struct {
		Error *struct {
			Class   string `json:"class"`
			Message string `json:"message"`
			Title   string `json:"title"`
		} `json:"error"`
	}
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) > 0 && trimmed[0] != '{' {
		e.HTML = true
		return e
	}
	if json.Unmarshal(raw, &body) == nil && body.Error != nil {
		e.Class, e.Message = body.Error.Class, body.Error.Message
		if e.Message == "" {
			e.Message = body.Error.Title
		}
	}
	return e
}

// IsUnauthenticated reports an expired or missing session: a 401, or an
// error whose class ends in AuthenticationException.
func IsUnauthenticated(err error) bool {
	var e *APIError
	return errors.As(err, &e) && (e.Status == http.StatusUnauthorized || strings.HasSuffix(e.Class, "AuthenticationException"))
}
