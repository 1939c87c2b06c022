package wfsim

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// DateLayout is Workfront's date format: note the colon before the milliseconds.
const DateLayout = "2006-01-02T15:04:05:000-0700"

var versionPattern = regexp.MustCompile(`^(v\d+(\.\d+)?|internal|unsupported|asp)$`)

type apiError struct {
	status  int
	class   string
	message string
}

// errorBody is Workfront's error answer, as its samples have it
// (fixtures/removeFailure.json): code 0, title null, msgKey
// "exception.attask" and attributes [""], whatever the error; the HTTP
// status tells errors apart.
type errorBody struct {
	Class      string   `json:"class"`
	Message    string   `json:"message"`
	Title      *string  `json:"title"`
	MsgKey     string   `json:"msgKey"`
	Attributes []string `json:"attributes"`
	Code       int      `json:"code"`
}

func writeAPIError(w http.ResponseWriter, e apiError) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(e.status)
	json.NewEncoder(w).Encode(map[string]errorBody{"error": {Class: e.class, Message: e.message, MsgKey: "exception.attask", Attributes: []string{""}}})
}

var notLoggedIn = apiError{http.StatusUnauthorized, "com.attask.common.AuthenticationException", "You are not currently logged in."}

func badParam(msg string) apiError {
	return apiError{http.StatusUnprocessableEntity, "com.attask.common.InvalidParameterException", msg}
}

// param is one query or form parameter, in the order it was sent.
type param struct{ key, value string }

func parseOrdered(raw string) []param {
	var out []param
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		k, err1 := url.QueryUnescape(k)
		v, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			continue
		}
		out = append(out, param{k, v})
	}
	return out
}

// newestVersion is where an unversioned path goes: "a URL with no version
// goes to the latest one" [AB].
const newestVersion = "v22.0"

// route is an API path taken apart.
type route struct {
	version string   // "v21.0", "internal", …; newestVersion when the path has none
	parts   []string // after the version: [obj] or [obj, op or ID]
	base    string   // the path up to the version, for metadata URLs
}

// parseRoute reads /attask/api/v21.0/proj/search, the official JS client's
// default /attask/api-internal/proj/search (also -unsupported, -asp), and
// the unversioned /attask/api/proj/search.
func parseRoute(path string) (route, *apiError) {
	rest := strings.TrimPrefix(path, "/attask/api")
	dash := strings.HasPrefix(rest, "-")
	rest = strings.TrimPrefix(rest, "-")
	parts := strings.Split(strings.Trim(rest, "/"), "/")
	rt := route{version: newestVersion, parts: parts}
	switch {
	case versionPattern.MatchString(parts[0]):
		rt.version, rt.parts = parts[0], parts[1:]
	case dash || parts[0] == "":
		rt.parts = nil
	}
	if len(rt.parts) < 1 || len(rt.parts) > 2 {
		return rt, &apiError{http.StatusNotFound, "com.attask.common.NotFoundException", "Unknown API path " + path}
	}
	trimmed := strings.TrimRight(path, "/")
	rt.base = trimmed[:len(trimmed)-len(strings.Join(rt.parts, "/"))-1]
	return rt, nil
}

// readParams reads the query string and, for POST and PUT, the form body,
// and says what the request asks: GET (a read; also a POST with
// method=GET or none, as the official JS client posts long reads) or PUT
// (an update; also a POST with method=PUT, the tunnel).
func readParams(r *http.Request) ([]param, string, *apiError) {
	params := parseOrdered(r.URL.RawQuery)
	verb := http.MethodGet
	switch r.Method {
	case http.MethodGet:
	case http.MethodPost, http.MethodPut:
		body, _ := io.ReadAll(io.LimitReader(r.Body, 8<<20))
		params = append(params, parseOrdered(string(body))...)
		if r.Method == http.MethodPut {
			verb = http.MethodPut
		}
		switch m := strings.ToUpper(lookup(params, "method")); m {
		case "", verb:
		case http.MethodGet, http.MethodPut:
			verb = m
		default:
			e := badParam("The simulator reads (method=GET) and updates (method=PUT); it does not simulate method=" + m)
			return nil, verb, &e
		}
	default:
		return nil, "", &apiError{http.StatusMethodNotAllowed, "com.attask.common.InvalidParameterException", "Method not allowed"}
	}
	return params, verb, nil
}

func (s *Sim) handleAPI(w http.ResponseWriter, r *http.Request) {
	rt, e := parseRoute(r.URL.Path)
	var params []param
	verb := ""
	if e == nil {
		params, verb, e = readParams(r)
	}
	if rec, ok := w.(*statusRecorder); ok {
		rec.verb = verb // for the request log
	}
	if s.knobsFirst(w, r) {
		return
	}
	if e != nil {
		writeAPIError(w, *e)
		return
	}
	s.mu.Lock()
	fail, failing := takeFailure(&s.apiFail)
	s.mu.Unlock()
	if failing {
		if fail.retryAfter != "" {
			w.Header().Set("Retry-After", fail.retryAfter)
		}
		msg := "The simulated Workfront is failing on purpose."
		if fail.status == http.StatusTooManyRequests {
			msg = "Too many requests; slow down."
		}
		writeAPIError(w, apiError{fail.status, "com.attask.common.ServerException", msg})
		return
	}
	who, ok := s.authenticate(r, params) // ims.go
	if !ok {
		writeAPIError(w, notLoggedIn)
		return
	}
	if verb == http.MethodPut {
		s.write(w, r, rt, params, who)
		return
	}
	s.answer(w, r, rt, params, who)
}

// write answers an authenticated update (update.go): PUT <obj>/<ID> or
// PUT <obj>; nothing else can be updated.
func (s *Sim) write(w http.ResponseWriter, r *http.Request, rt route, params []param, who caller) {
	userID := who.userID
	if userID == "" {
		userID = s.SignedInUserID()
	}
	c := qctx{version: rt.version, userID: userID, now: s.now()}
	op := ""
	if len(rt.parts) == 2 {
		op = strings.ToLower(rt.parts[1])
	}
	switch op {
	case "search", "count", "metadata", "report":
		writeAPIError(w, apiError{http.StatusMethodNotAllowed, "com.attask.common.InvalidParameterException", "PUT is not allowed on " + r.URL.Path})
		return
	}
	switch strings.ToLower(rt.parts[0]) {
	case "session", "logout", "metadata", "work":
		writeAPIError(w, apiError{http.StatusMethodNotAllowed, "com.attask.common.InvalidParameterException", "PUT is not allowed on " + r.URL.Path})
		return
	}
	s.update(w, rt, params, c)
}

// answer answers an authenticated API request.
func (s *Sim) answer(w http.ResponseWriter, r *http.Request, rt route, params []param, who caller) {
	userID := who.userID
	if userID == "" {
		userID = s.SignedInUserID()
	}
	c := qctx{version: rt.version, userID: userID, now: s.now()}
	obj := strings.ToLower(rt.parts[0])
	if len(rt.parts) == 1 {
		switch obj {
		case "session":
			s.writeSession(w, rt.version, who.userID)
		case "logout":
			s.endSession(w, who)
		case "metadata":
			s.writeMetadataList(w, r, rt)
		default:
			if t := s.worldAt(rt.version).byPath[obj]; t != nil {
				s.bulkGet(w, t, c, params)
			} else {
				writeAPIError(w, apiError{http.StatusNotFound, "com.attask.common.NotFoundException", "Unknown API path " + r.URL.Path})
			}
		}
		return
	}
	t, op := s.worldAt(rt.version).byPath[obj], rt.parts[1]
	switch {
	case t == nil && obj == "work":
		s.namedQuery(w, op, c, params) // work.go
		return
	case t == nil:
		writeAPIError(w, apiError{http.StatusNotFound, "com.attask.common.NotFoundException", "Unknown object type " + rt.parts[0]})
		return
	case slices.Contains(namedQueries[t.code], op):
		s.namedQueryOf(w, op, t, c, params) // work.go: the type's own rows
		return
	}
	switch strings.ToLower(op) {
	case "metadata":
		s.writeMetadata(w, r, rt.base, t)
		return
	case "report":
		s.report(w, t, c, params)
		return
	}
	q, apiErr := parseQuery(t, c, params)
	if apiErr != nil {
		writeAPIError(w, *apiErr)
		return
	}
	switch strings.ToLower(op) {
	case "search":
		s.genericSearch(w, t, q)
	case "count":
		s.writeCount(w, len(q.rows(t)))
	default:
		s.genericGet(w, t, c.objectID(t, op), q)
	}
}

func lookup(params []param, key string) string {
	for _, p := range params {
		if p.key == key {
			return p.value
		}
	}
	return ""
}

// readPaging reads $$FIRST (a 0-based skip) or $$LIMIT (at most 2000, as
// Workfront allows) into first or limit.
func readPaging(p param, first, limit *int) *apiError {
	n, err := strconv.Atoi(p.value)
	switch {
	case p.key == "$$FIRST" && (err != nil || n < 0):
		e := badParam("$$FIRST must be a number of 0 or more")
		return &e
	case p.key == "$$FIRST":
		*first = n
	case err != nil || n < 0:
		e := badParam("$$LIMIT must be a number")
		return &e
	case n > 2000:
		e := badParam("The maximum value of $$LIMIT is 2000; got " + p.value)
		return &e
	default:
		*limit = n
	}
	return nil
}

func likeToContains(pattern string) string { return strings.ReplaceAll(pattern, "%", "") }

func appendString(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			b, _ := json.Marshal(s)
			return append(buf, b...)
		}
	}
	buf = append(buf, '"')
	buf = append(buf, s...)
	return append(buf, '"')
}

func appendDate(buf []byte, t time.Time) []byte {
	buf = append(buf, '"')
	buf = t.AppendFormat(buf, DateLayout)
	return append(buf, '"')
}

// The person who consents on the simulator's page: its first sample owner.
const simUserEmail = "ada.lovelace@simcorp.example"

func (s *Sim) simUser() (id, name string) {
	p := s.dataset().owners[0]
	return p.id, p.name
}

// writeSession answers GET /session as Workfront documents it: the signed-in
// user's ID (userID, or the person who consents when "") and the versions
// the instance offers; the person who consents is a system administrator.
// versionInformation.currentAPI is the string "v22.0", like the old
// fixture login.json ("v6.0"), or the number 22.0 as Adobe's OpenAPI
// description types it (SetSessionCurrentAPIShape); whether a real number
// answer is 22 or 22.0 is unknown.
func (s *Sim) writeSession(w http.ResponseWriter, version, userID string) {
	id, _ := s.simUser()
	admin := userID == "" || userID == id
	if userID != "" {
		id = userID
	}
	s.mu.Lock()
	var current any = "v22.0"
	if s.sessionAPINumber {
		current = json.Number("22.0")
	}
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"data": map[string]any{
		"userID": id, "isAdmin": admin, "locale": "en_US", "timeZone": "Europe/Stockholm",
		"versionInformation": map[string]any{
			"currentAPI":  current,
			"apiVersions": map[string]string{"v20.0": "/attask/api/v20.0/", "v21.0": "/attask/api/v21.0/", "v22.0": "/attask/api/v22.0/"},
		},
	}})
}
