package wfsim

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
)

// The knobs that put an export to the test: how many API requests are in
// flight at once (and the most there ever were), a 429 every Nth API
// request, and projects added while an export pages. The latency per
// request is SetLatency.

type knobs struct {
	mu          sync.Mutex
	inFlight    int
	maxInFlight int

	throttleEvery int    // every Nth API request answers 429; 0: never
	retryAfter    string // the Retry-After of those answers
	apiRequests   int
	throttled     int

	growEvery int  // after every Nth project search, add growRows projects; 0: never
	growRows  int  // how many each time
	growMid   bool // among the existing IDs (true) or after the last one
	searches  int
	added     int

	reportTopLevel bool // report answers without the "data" wrapper
	// How a report names the group of objects with no value, which
	// Workfront does not document: its key ("" or "null"), and whether
	// the group carries the grouped field (null) beside its aggregates.
	reportEmptyKey     string
	reportEmptyNoField bool
}

// enter counts an API request in flight until the returned func is called.
func (k *knobs) enter(path string) func() {
	if !strings.HasPrefix(path, "/attask/") {
		return func() {}
	}
	k.mu.Lock()
	k.inFlight++
	k.maxInFlight = max(k.maxInFlight, k.inFlight)
	k.mu.Unlock()
	return func() {
		k.mu.Lock()
		k.inFlight--
		k.mu.Unlock()
	}
}

// MaxInFlight is the most API requests that were in flight at once since
// the last ResetMaxInFlight (the latency of SetLatency included).
func (s *Sim) MaxInFlight() int {
	s.knobs.mu.Lock()
	defer s.knobs.mu.Unlock()
	return s.knobs.maxInFlight
}

// ResetMaxInFlight starts counting MaxInFlight afresh.
func (s *Sim) ResetMaxInFlight() {
	s.knobs.mu.Lock()
	s.knobs.maxInFlight = s.knobs.inFlight
	s.knobs.mu.Unlock()
}

// SetThrottle makes every nth API request answer 429 Too Many Requests
// with Retry-After: retryAfter (seconds; "" sends none), as Workfront does
// when a customer runs too many requests at once. n = 0 turns it off.
func (s *Sim) SetThrottle(n int, retryAfter string) {
	s.knobs.mu.Lock()
	s.knobs.throttleEvery, s.knobs.retryAfter, s.knobs.apiRequests = n, retryAfter, 0
	s.knobs.mu.Unlock()
}

// Throttled counts the 429 answers SetThrottle made.
func (s *Sim) Throttled() int {
	s.knobs.mu.Lock()
	defer s.knobs.mu.Unlock()
	return s.knobs.throttled
}

// SetGrowth adds rows projects before every nth project search is
// answered, as people do while a long export pages. mid: the new
// IDs fall among the existing ones, so offset paging repeats rows that are
// already read and misses new rows before the current page; otherwise they
// follow the last ID. n = 0 turns it off. Tasks, issues and the rest keep
// pointing at the projects they had.
func (s *Sim) SetGrowth(n, rows int, mid bool) {
	s.knobs.mu.Lock()
	s.knobs.growEvery, s.knobs.growRows, s.knobs.growMid, s.knobs.searches = n, rows, mid, 0
	s.knobs.mu.Unlock()
}

// Added counts the projects SetGrowth added.
func (s *Sim) Added() int {
	s.knobs.mu.Lock()
	defer s.knobs.mu.Unlock()
	return s.knobs.added
}

// SetReportShape chooses how report answers come: wrapped in "data" (true,
// like every other answer) or with the groups at the top level, as
// Workfront's documentation shows them.
func (s *Sim) SetReportShape(dataWrapped bool) {
	s.knobs.mu.Lock()
	s.knobs.reportTopLevel = !dataWrapped
	s.knobs.mu.Unlock()
}

// SetReportEmptyGroup chooses how a report names the group of objects
// without a value, which Workfront does not document: key is its key (""
// by default, or "null"), and withField whether it carries the grouped
// field, as null (true by default, as the sample's groups carry theirs).
func (s *Sim) SetReportEmptyGroup(key string, withField bool) {
	s.knobs.mu.Lock()
	s.knobs.reportEmptyKey, s.knobs.reportEmptyNoField = key, !withField
	s.knobs.mu.Unlock()
}

// SetLogoutEndsIMSToken chooses what GET /logout does to an IMS token,
// which Workfront does not document: end it (true, the default) or answer
// success and leave it working until it expires, as a token Adobe IMS
// issued may be beyond Workfront's reach.
func (s *Sim) SetLogoutEndsIMSToken(ends bool) {
	s.m2m.mu.Lock()
	s.m2m.logoutKeepsIMS = !ends
	s.m2m.mu.Unlock()
}

// knobsFirst answers an API request with a 429 when the throttle says so,
// and arranges for projects to be added after a search when growth is on.
// It reports whether the request was answered.
func (s *Sim) knobsFirst(w http.ResponseWriter, r *http.Request) bool {
	k := &s.knobs
	k.mu.Lock()
	k.apiRequests++
	throttle := k.throttleEvery > 0 && k.apiRequests%k.throttleEvery == 0
	if throttle {
		k.throttled++
	}
	retryAfter := k.retryAfter
	grow := 0
	mid := k.growMid
	path := strings.ToLower(r.URL.Path)
	if !throttle && k.growEvery > 0 && strings.HasSuffix(path, "/search") &&
		(strings.HasSuffix(path, "/proj/search") || strings.HasSuffix(path, "/project/search")) {
		k.searches++
		if k.searches%k.growEvery == 0 {
			grow = k.growRows
		}
	}
	k.mu.Unlock()
	if throttle {
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		writeAPIError(w, apiError{http.StatusTooManyRequests, "com.attask.common.TooManyRequestsException",
			"Too many concurrent API requests for the given customer."})
		return true
	}
	if grow > 0 {
		s.addProjects(grow, mid) // this search already sees them
	}
	return false
}

// addProjects replaces the dataset with one that has n more projects.
// Requests already answering keep the snapshot they took.
func (s *Sim) addProjects(n int, mid bool) {
	s.knobs.mu.Lock()
	defer s.knobs.mu.Unlock()
	old := s.dataset()
	nd := &dataset{owners: old.owners, sandbox: old.sandbox}
	nd.projects = make([]project, 0, len(old.projects)+n)
	newProject := func(like *project, id string) project {
		s.knobs.added++
		p := *like
		p.ID = id
		p.Name = fmt.Sprintf("Added while exporting #%d", s.knobs.added)
		return p
	}
	if !mid || len(old.projects) == 0 {
		nd.projects = append(nd.projects, old.projects...)
		like := &project{Status: "PLN", OwnerID: old.owners[0].id, OwnerName: old.owners[0].name, Description: "Added by the simulator."}
		for range n {
			// After every generated ID, its first 8 digits its own (so
			// that rows added later among the IDs can follow it).
			id := fmt.Sprintf("ff%06x%024x", s.knobs.added+1, 0)
			nd.projects = append(nd.projects, newProject(like, id))
		}
	} else {
		// Spread evenly; each new ID sorts right after its neighbour's.
		at := map[int]int{}
		for j := range n {
			at[(j+1)*len(old.projects)/(n+1)]++
		}
		for i := range old.projects {
			nd.projects = append(nd.projects, old.projects[i])
			for range at[i] {
				id := old.projects[i].ID[:8] + fmt.Sprintf("f%023x", s.knobs.added+1)
				nd.projects = append(nd.projects, newProject(&old.projects[i], id))
			}
		}
	}
	s.data.Store(nd)
}

// Spoil is what SetSpoiledRefreshes does to a refresh answer.
type Spoil int

const (
	// SpoilTokenType calls the tokens "MAC", a type no client can send.
	SpoilTokenType Spoil = iota + 1
	// SpoilAccessControl puts CR LF into the access token.
	SpoilAccessControl
	// SpoilNoAccessToken leaves the access token out.
	SpoilNoAccessToken
)

// SetSpoiledRefreshes spoils the answers of the next n refreshes that
// succeed: the refresh happens for real (with rotation on, the old refresh
// token dies and the answer's new one works), but the answer is one a
// careful client refuses, as a broken proxy or a hostile Workfront would
// send it.
func (s *Sim) SetSpoiledRefreshes(spoil Spoil, n int) {
	s.set(func() { s.spoiled = spoiledRefreshes{spoil, n} })
}

type spoiledRefreshes struct {
	spoil Spoil
	n     int
}

// spoilLocked applies a pending spoil to a refresh answer's body.
func (s *Sim) spoilLocked(body map[string]any) {
	if s.spoiled.n <= 0 {
		return
	}
	s.spoiled.n--
	switch s.spoiled.spoil {
	case SpoilTokenType:
		body["token_type"] = "MAC"
	case SpoilAccessControl:
		body["access_token"] = body["access_token"].(string) + "\r\nX-Injected: 1"
	case SpoilNoAccessToken:
		delete(body, "access_token")
	}
}

// JWTRefusalWords is what a refused JWT exchange says besides its status
// and its error code, which Workfront does not document: the simulator's
// own sentences (the zero value), none at all (None), or Text in place of
// every one of them (words that name the wrong cause, say).
type JWTRefusalWords struct {
	None bool
	Text string
}

// SetJWTRefusalWords chooses the words of refused JWT exchanges.
func (s *Sim) SetJWTRefusalWords(w JWTRefusalWords) {
	s.m2m.mu.Lock()
	s.m2m.jwtWords = w
	s.m2m.mu.Unlock()
}

// refuseJWT answers a JWT exchange with an error, in the words
// SetJWTRefusalWords chose.
func (s *Sim) refuseJWT(w http.ResponseWriter, status int, code, description string) {
	s.m2m.mu.Lock()
	words := s.m2m.jwtWords
	s.m2m.mu.Unlock()
	switch {
	case words.None:
		jsonAnswer(w, status, map[string]string{"error": code})
		return
	case words.Text != "":
		description = words.Text
	}
	tokenError(w, status, code, description)
}
