package wfsim

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
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

func writeAPIError(w http.ResponseWriter, e apiError) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(e.status)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{
		"class": e.class, "message": e.message, "title": e.message,
		"msgKey": "exception." + strings.ToLower(e.class[strings.LastIndex(e.class, ".")+1:]), "attributes": []string{}, "code": e.status,
	}})
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

func (s *Sim) handleAPI(w http.ResponseWriter, r *http.Request) {
	if s.knobsFirst(w, r) {
		return
	}
	// /attask/api/v21.0/proj/search, or the official JS client's default
	// /attask/api-internal/proj/search (also -unsupported, -asp).
	rest := strings.TrimPrefix(r.URL.Path, "/attask/api")
	if strings.HasPrefix(rest, "-") {
		rest = rest[1:]
	}
	parts := strings.Split(strings.Trim(rest, "/"), "/")
	if len(parts) < 2 || len(parts) > 3 || !versionPattern.MatchString(parts[0]) {
		writeAPIError(w, apiError{http.StatusNotFound, "com.attask.common.NotFoundException", "Unknown API path " + r.URL.Path})
		return
	}
	obj, op := strings.ToLower(parts[1]), ""
	if len(parts) == 3 {
		op = parts[2]
	}
	// Projects' own path needs no instance model; everything else does.
	fastProj := (obj == "proj" || obj == "project") && len(parts) == 3
	var t *objType
	switch {
	case (obj == "session" || obj == "metadata") && len(parts) == 2:
	case fastProj:
	case len(parts) == 3:
		if t = s.world().byPath[obj]; t == nil {
			writeAPIError(w, apiError{http.StatusNotFound, "com.attask.common.NotFoundException", "Unknown object type " + parts[1]})
			return
		}
	default:
		writeAPIError(w, apiError{http.StatusNotFound, "com.attask.common.NotFoundException", "Unknown API path " + r.URL.Path})
		return
	}
	params := parseOrdered(r.URL.RawQuery)
	switch r.Method {
	case http.MethodGet:
	case http.MethodPost, http.MethodPut:
		body, _ := io.ReadAll(io.LimitReader(r.Body, 8<<20))
		params = append(params, parseOrdered(string(body))...)
		if m := lookup(params, "method"); m != "" && !strings.EqualFold(m, "GET") {
			writeAPIError(w, badParam("The simulator only reads: method must be GET"))
			return
		}
	default:
		writeAPIError(w, apiError{http.StatusMethodNotAllowed, "com.attask.common.InvalidParameterException", "Method not allowed"})
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
	sid := r.Header.Get("sessionID")
	if sid == "" {
		sid = lookup(params, "sessionID")
	}
	if sid == "" || !s.sessionValid(sid) {
		writeAPIError(w, notLoggedIn)
		return
	}
	// $$USER.ID in a filter value stands for the signed-in user.
	for k := range params {
		if params[k].value == "$$USER.ID" {
			params[k].value = s.SignedInUserID()
		}
	}
	trimmed := strings.TrimRight(r.URL.Path, "/")
	base := trimmed[:len(trimmed)-len(strings.Join(parts[1:], "/"))-1]
	switch {
	case obj == "session":
		s.writeSession(w, parts[0])
		return
	case obj == "metadata":
		s.writeMetadataList(w, r, base)
		return
	}
	if fastProj {
		if q, ok := fastSearch(params); ok && (strings.EqualFold(op, "search") || strings.EqualFold(op, "count")) {
			if strings.EqualFold(op, "search") {
				s.search(w, q)
			} else {
				s.count(w, q)
			}
			return
		}
		t = s.world().byCode["PROJ"]
	}
	switch strings.ToLower(op) {
	case "metadata":
		s.writeMetadata(w, r, base, t)
		return
	case "report":
		s.report(w, t, parts[0], params)
		return
	}
	q, apiErr := parseQuery(t, parts[0], params)
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
		s.genericGet(w, t, op, q)
	}
}

// fastSearch reads a project search that the typed fast path can answer
// exactly as the generic path would: known filters, modifiers, sorts and
// fields only.
func fastSearch(params []param) (search, bool) {
	q, err := parseSearch(params)
	if err != nil {
		return q, false
	}
	// A modifier without a value (isnull, notnull) is the generic path's.
	for _, p := range params {
		if field, ok := strings.CutSuffix(p.key, "_Mod"); ok && lookup(params, field) == "" {
			return q, false
		}
	}
	for _, f := range q.fields {
		if !fastFields[f] {
			return q, false
		}
	}
	return q, true
}

// fastFields are the fields appendProject writes.
var fastFields = map[string]bool{"ID": true, "name": true, "objCode": true, "status": true, "description": true,
	"plannedStartDate": true, "plannedCompletionDate": true, "entryDate": true, "lastUpdateDate": true,
	"percentComplete": true, "priority": true, "condition": true, "ownerID": true, "owner": true, "owner:name": true, "owner:ID": true}

func lookup(params []param, key string) string {
	for _, p := range params {
		if p.key == key {
			return p.value
		}
	}
	return ""
}

type filter struct {
	field  string
	mod    string
	values []string
}

type search struct {
	filters []filter
	sort    []sortKey
	first   int
	limit   int
	fields  []string
}

var filterable = map[string]func(*project) string{
	"ID":      func(p *project) string { return p.ID },
	"name":    func(p *project) string { return p.Name },
	"status":  func(p *project) string { return p.Status },
	"ownerID": func(p *project) string { return p.OwnerID },
}

var knownMods = map[string]bool{"eq": true, "ne": true, "cieq": true, "contains": true, "cicontains": true, "notcontains": true, "in": true, "notin": true, "like": true, "cilike": true,
	"gt": true, "gte": true, "lt": true, "lte": true} // the comparisons: an export's last pass asks for ID_Mod=gt

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

func parseSearch(params []param) (search, *apiError) {
	q := search{limit: 100}
	mods := map[string]string{}
	byField := map[string][]string{}
	var order []string
	for _, p := range params {
		switch {
		case p.key == "$$FIRST" || p.key == "$$LIMIT":
			if e := readPaging(p, &q.first, &q.limit); e != nil {
				return q, e
			}
		case p.key == "fields":
			for _, f := range strings.Split(p.value, ",") {
				if f = strings.TrimSpace(f); f != "" {
					q.fields = append(q.fields, f)
				}
			}
		case strings.HasSuffix(p.key, "_Mod"):
			mods[strings.TrimSuffix(p.key, "_Mod")] = p.value
		case strings.HasSuffix(p.key, "_Sort"):
			dir := strings.ToLower(p.value)
			if dir != "asc" && dir != "desc" {
				e := badParam(p.key + " must be asc or desc")
				return q, &e
			}
			if _, ok := lessBy(strings.TrimSuffix(p.key, "_Sort")); !ok {
				e := badParam("The simulator cannot sort by " + strings.TrimSuffix(p.key, "_Sort"))
				return q, &e
			}
			q.sort = append(q.sort, sortKey{strings.TrimSuffix(p.key, "_Sort"), dir == "desc"})
		case p.key == "method" || p.key == "sessionID" || strings.HasPrefix(p.key, "$$") || strings.HasPrefix(p.key, "OR:"):
			// OR groups are not simulated; they are ignored rather than misread.
		default:
			if _, ok := filterable[p.key]; !ok {
				e := badParam("The simulator cannot filter by " + p.key)
				return q, &e
			}
			if _, seen := byField[p.key]; !seen {
				order = append(order, p.key)
			}
			byField[p.key] = append(byField[p.key], p.value)
		}
	}
	for _, field := range order {
		mod := mods[field]
		if mod == "" {
			mod = "eq"
		}
		if !knownMods[mod] {
			e := badParam("Unknown modifier " + field + "_Mod=" + mod)
			return q, &e
		}
		values := byField[field]
		if mod == "in" || mod == "notin" {
			var split []string
			for _, v := range values {
				split = append(split, strings.Split(v, ",")...)
			}
			values = split
		}
		q.filters = append(q.filters, filter{field, mod, values})
	}
	return q, nil
}

func likeToContains(pattern string) string { return strings.ReplaceAll(pattern, "%", "") }

func (f filter) match(p *project) bool {
	got := filterable[f.field](p)
	v := f.values[0]
	switch f.mod {
	case "eq":
		return got == v
	case "ne":
		return got != v
	case "cieq":
		return strings.EqualFold(got, v)
	case "contains":
		return strings.Contains(got, v)
	case "notcontains":
		return !strings.Contains(got, v)
	case "cicontains":
		return strings.Contains(strings.ToLower(got), strings.ToLower(v))
	case "like":
		return strings.Contains(got, likeToContains(v))
	case "cilike":
		return strings.Contains(strings.ToLower(got), strings.ToLower(likeToContains(v)))
	case "gt":
		return got > v
	case "gte":
		return got >= v
	case "lt":
		return got < v
	case "lte":
		return got <= v
	case "in", "notin":
		in := false
		for _, x := range f.values {
			if got == x {
				in = true
				break
			}
		}
		return in == (f.mod == "in")
	}
	return false
}

// matching returns the matching rows in the requested order.
func (s *Sim) matching(d *dataset, q search) ([]int32, error) {
	order, err := d.order(q.sort)
	if err != nil {
		return nil, err
	}
	if len(q.filters) == 0 {
		return order, nil
	}
	out := make([]int32, 0, 1024)
	for _, i := range order {
		p := &d.projects[i]
		ok := true
		for _, f := range q.filters {
			if !f.match(p) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, i)
		}
	}
	return out, nil
}

func (s *Sim) count(w http.ResponseWriter, q search) {
	rows, err := s.matching(s.dataset(), q)
	if err != nil {
		writeAPIError(w, badParam(err.Error()))
		return
	}
	s.mu.Lock()
	wrapped := s.countWrapped
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if wrapped {
		io.WriteString(w, `{"data":{"count":`+strconv.Itoa(len(rows))+`}}`)
	} else {
		io.WriteString(w, `{"count":`+strconv.Itoa(len(rows))+`}`)
	}
}

func (s *Sim) search(w http.ResponseWriter, q search) {
	d := s.dataset() // one snapshot: rows may be added meanwhile (knobs.go)
	rows, err := s.matching(d, q)
	if err != nil {
		writeAPIError(w, badParam(err.Error()))
		return
	}
	if q.first >= len(rows) {
		rows = nil
	} else {
		rows = rows[q.first:min(len(rows), q.first+q.limit)]
	}
	buf := make([]byte, 0, 64+len(rows)*(80+40*len(q.fields)))
	buf = append(buf, `{"data":[`...)
	for n, i := range rows {
		if n > 0 {
			buf = append(buf, ',')
		}
		buf = appendProject(buf, &d.projects[i], q.fields)
	}
	buf = append(buf, "]}"...)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(buf)))
	w.Write(buf)
}

func appendString(buf []byte, s string) []byte {
	b, _ := json.Marshal(s)
	return append(buf, b...)
}

func appendDate(buf []byte, t time.Time) []byte {
	buf = append(buf, '"')
	buf = t.AppendFormat(buf, DateLayout)
	return append(buf, '"')
}

func appendProject(buf []byte, p *project, fields []string) []byte {
	buf = append(buf, `{"ID":`...)
	buf = appendString(buf, p.ID)
	buf = append(buf, `,"name":`...)
	buf = appendString(buf, p.Name)
	buf = append(buf, `,"objCode":"PROJ"`...)
	ownerDone := false
	for _, f := range fields {
		switch f {
		case "ID", "name", "objCode":
			continue
		case "status":
			buf = append(append(buf, `,"status":`...), strconv.Quote(p.Status)...)
		case "description":
			buf = appendString(append(buf, `,"description":`...), p.Description)
		case "plannedStartDate":
			buf = appendDate(append(buf, `,"plannedStartDate":`...), p.PlannedStart)
		case "plannedCompletionDate":
			buf = appendDate(append(buf, `,"plannedCompletionDate":`...), p.PlannedEnd)
		case "entryDate":
			buf = appendDate(append(buf, `,"entryDate":`...), p.Entry)
		case "lastUpdateDate":
			buf = appendDate(append(buf, `,"lastUpdateDate":`...), p.LastUpdate)
		case "percentComplete":
			buf = strconv.AppendFloat(append(buf, `,"percentComplete":`...), p.Percent, 'f', -1, 64)
		case "priority":
			buf = strconv.AppendInt(append(buf, `,"priority":`...), int64(p.Priority), 10)
		case "condition":
			buf = append(append(buf, `,"condition":`...), strconv.Quote(p.Condition)...)
		case "ownerID":
			buf = append(append(buf, `,"ownerID":`...), strconv.Quote(p.OwnerID)...)
		case "owner", "owner:name", "owner:ID":
			if ownerDone {
				continue
			}
			ownerDone = true
			buf = append(buf, `,"owner":{"ID":`...)
			buf = append(buf, strconv.Quote(p.OwnerID)...)
			buf = appendString(append(buf, `,"name":`...), p.OwnerName)
			buf = append(buf, `,"objCode":"USER"}`...)
		}
		// Unknown fields are left out, as Workfront leaves out custom
		// fields the object does not have.
	}
	return append(buf, '}')
}

// The person who consents on the simulator's page: its first sample owner.
const simUserEmail = "ada.lovelace@simcorp.example"

func (s *Sim) simUser() (id, name string) {
	p := s.dataset().owners[0]
	return p.id, p.name
}

// writeSession answers GET /session as Workfront documents it: the signed-in
// user's ID and the versions the instance offers.
func (s *Sim) writeSession(w http.ResponseWriter, version string) {
	id, _ := s.simUser()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"data": map[string]any{
		"userID": id, "locale": "en_US", "timeZone": "Europe/Stockholm",
		"versionInformation": map[string]any{
			"currentAPI":  "v22.0",
			"apiVersions": map[string]string{"v20.0": "/attask/api/v20.0/", "v21.0": "/attask/api/v21.0/", "v22.0": "/attask/api/v22.0/"},
		},
	}})
}
