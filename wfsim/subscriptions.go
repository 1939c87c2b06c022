package wfsim

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// SubscriptionsPath is Workfront's event-subscription API (Workfront's
// "Event Subscription API" doc): POST creates (201, Location, no body),
// GET lists (paged) or reads one, DELETE removes one.
const SubscriptionsPath = "/attask/eventsubscription/api/v1/subscriptions"

// Subscription is one event subscription, in the documented JSON shape.
type Subscription struct {
	ID              string               `json:"id"`
	CustomerID      string               `json:"customerId"`
	ObjID           string               `json:"objId,omitempty"`
	ObjCode         string               `json:"objCode"`
	EventType       string               `json:"eventType"`
	URL             string               `json:"url"`
	AuthToken       string               `json:"authToken,omitempty"`
	Filters         []SubscriptionFilter `json:"filters,omitempty"`
	FilterConnector string               `json:"filterConnector,omitempty"`
}

// SubscriptionFilter is one of a subscription's filters.
type SubscriptionFilter struct {
	FieldName  string `json:"fieldName"`
	FieldValue string `json:"fieldValue,omitempty"`
	Comparison string `json:"comparison,omitempty"`
	State      string `json:"state,omitempty"`
}

// The object types and events the doc lists, and the comparisons.
var (
	subscriptionObjCodes = []string{"ASSGN", "CMPY", "DOCU", "EXPNS", "HOUR", "NOTE", "OPTASK", "PORT", "PRGM", "PROJ", "PTLSEC", "PTLTAB", "TASK", "TMPL", "TSHET", "USER"}
	subscriptionEvents   = []string{"CREATE", "DELETE", "UPDATE"}
	subscriptionCompares = []string{"eq", "ne", "gt", "gte", "lt", "lte", "contains", "notContains", "containsOnly", "changed"}
)

type subscriptions struct {
	mu       sync.Mutex
	list     []Subscription
	next     int
	nonAdmin bool // the signed-in user is not an administrator: 403
	requests []string
}

// startSubscriptions seeds the instance's subscriptions: three on the
// main instance, one (the same TASK CREATE) on the sandbox.
func (s *Sim) startSubscriptions() {
	task := Subscription{ObjCode: "TASK", EventType: "CREATE", URL: "https://hooks.example.com/wf/tasks", AuthToken: "acme-hook-token-5678"}
	seed := []Subscription{task}
	if !s.opts.Sandbox {
		seed = []Subscription{
			{ObjCode: "PROJ", EventType: "UPDATE", URL: "https://hooks.example.com/wf/projects", AuthToken: "acme-hook-token-1234",
				Filters: []SubscriptionFilter{{FieldName: "status", FieldValue: "CUR", Comparison: "eq", State: "newState"}}},
			task,
			{ObjCode: "OPTASK", EventType: "UPDATE", URL: "https://hooks.example.com/wf/issues", AuthToken: "acme-hook-token-9012", FilterConnector: "OR",
				Filters: []SubscriptionFilter{{FieldName: "priority", FieldValue: "4", Comparison: "eq"}, {FieldName: "status", Comparison: "changed"}}},
		}
	}
	for _, sub := range seed {
		s.subs.add(sub, s.CustomerID())
	}
	s.mux.HandleFunc(SubscriptionsPath, s.handleSubscriptions)
	s.mux.HandleFunc(SubscriptionsPath+"/", s.handleSubscriptions)
}

func (l *subscriptions) add(sub Subscription, customer string) string {
	l.next++
	sub.ID = fmt.Sprintf("7f3c0000-0000-4000-8000-%012d", l.next)
	sub.CustomerID = customer
	l.list = append(l.list, sub)
	return sub.ID
}

// SetSubscriptionsNonAdmin makes the signed-in user a non-administrator
// for the event-subscription API: every call answers 403.
func (s *Sim) SetSubscriptionsNonAdmin(on bool) {
	s.subs.mu.Lock()
	defer s.subs.mu.Unlock()
	s.subs.nonAdmin = on
}

// SubscriptionRequests are the event-subscription calls received, as
// "METHOD path".
func (s *Sim) SubscriptionRequests() []string {
	s.subs.mu.Lock()
	defer s.subs.mu.Unlock()
	return slices.Clone(s.subs.requests)
}

func (s *Sim) handleSubscriptions(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.authenticate(r, nil); !ok {
		subscriptionError(w, http.StatusUnauthorized, "You are not currently logged in.")
		return
	}
	l := &s.subs
	l.mu.Lock()
	defer l.mu.Unlock()
	l.requests = append(l.requests, r.Method+" "+r.URL.Path)
	if l.nonAdmin {
		subscriptionError(w, http.StatusForbidden, "You must be a System Administrator to manage event subscriptions.")
		return
	}
	id := strings.TrimPrefix(strings.TrimPrefix(r.URL.Path, SubscriptionsPath), "/")
	switch {
	case r.Method == http.MethodPost && id == "":
		s.createSubscription(w, r)
	case r.Method == http.MethodGet && id == "":
		l.page(w, r.URL.Query())
	case r.Method == http.MethodGet, r.Method == http.MethodDelete:
		i := slices.IndexFunc(l.list, func(x Subscription) bool { return x.ID == id })
		if i < 0 {
			subscriptionError(w, http.StatusNotFound, "No event subscription with ID "+id+".")
			return
		}
		if r.Method == http.MethodDelete {
			l.list = slices.Delete(l.list, i, i+1)
			w.WriteHeader(http.StatusOK)
			return
		}
		writeValue(w, l.list[i])
	default:
		w.Header().Set("Allow", "GET, POST, DELETE")
		subscriptionError(w, http.StatusMethodNotAllowed, "Method not allowed.")
	}
}

// createSubscription checks and adds one; s.subs.mu is held.
func (s *Sim) createSubscription(w http.ResponseWriter, r *http.Request) {
	var sub Subscription
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&sub); err != nil {
		subscriptionError(w, http.StatusBadRequest, "The body is not a subscription in JSON.")
		return
	}
	if problem := checkSubscription(sub); problem != "" {
		subscriptionError(w, http.StatusBadRequest, problem)
		return
	}
	for _, have := range s.subs.list {
		if sameSubscription(have, sub) {
			subscriptionError(w, http.StatusConflict, "A subscription with the same values already exists.")
			return
		}
	}
	id := s.subs.add(sub, s.CustomerID())
	w.Header().Set("Location", SubscriptionsPath+"/"+id)
	w.WriteHeader(http.StatusCreated)
}

// checkSubscription says what is wrong with a new subscription, or "".
func checkSubscription(sub Subscription) string {
	u, err := url.Parse(sub.URL)
	local := err == nil && (u.Hostname() == "127.0.0.1" || u.Hostname() == "localhost")
	switch {
	case err != nil || u.Host == "" || !(u.Scheme == "https" || u.Scheme == "http" && local):
		return "url must be a valid https URL."
	case !slices.Contains(subscriptionObjCodes, sub.ObjCode):
		return "objCode " + strconv.Quote(sub.ObjCode) + " is not supported."
	case !slices.Contains(subscriptionEvents, sub.EventType):
		return "eventType must be CREATE, DELETE or UPDATE."
	case sub.FilterConnector != "" && sub.FilterConnector != "AND" && sub.FilterConnector != "OR":
		return "filterConnector must be AND or OR."
	}
	for _, f := range sub.Filters {
		if f.FieldName == "" || f.Comparison != "" && !slices.Contains(subscriptionCompares, f.Comparison) ||
			f.State != "" && f.State != "newState" && f.State != "oldState" {
			return "filters: each needs a fieldName, a known comparison and state newState or oldState."
		}
	}
	return ""
}

func sameSubscription(a, b Subscription) bool {
	conn := func(s Subscription) string { return cmp.Or(strings.ToUpper(s.FilterConnector), "AND") }
	key := func(f SubscriptionFilter) string {
		return f.FieldName + "\x00" + f.FieldValue + "\x00" + f.Comparison + "\x00" + f.State
	}
	fa, fb := make([]string, len(a.Filters)), make([]string, len(b.Filters))
	for i, f := range a.Filters {
		fa[i] = key(f)
	}
	for i, f := range b.Filters {
		fb[i] = key(f)
	}
	slices.Sort(fa)
	slices.Sort(fb)
	return a.ObjCode == b.ObjCode && a.EventType == b.EventType && a.URL == b.URL && a.ObjID == b.ObjID &&
		conn(a) == conn(b) && slices.Equal(fa, fb)
}

// page answers a list page: ?page (from 1) and ?limit (100 by default,
// at most 1000); s.subs.mu is held.
func (l *subscriptions) page(w http.ResponseWriter, q url.Values) {
	page, limit := 1, 100
	if v, err := strconv.Atoi(q.Get("page")); err == nil && v > 0 {
		page = v
	}
	if v, err := strconv.Atoi(q.Get("limit")); err == nil && v > 0 {
		limit = min(v, 1000)
	}
	total := len(l.list)
	pages := max((total+limit-1)/limit, 1)
	from := min((page-1)*limit, total)
	writeValue(w, map[string]any{
		"subscriptions": append([]Subscription{}, l.list[from:min(from+limit, total)]...),
		"meta":          map[string]int{"page": page, "page_count": pages, "limit": limit, "total_count": total},
	})
}

func subscriptionError(w http.ResponseWriter, status int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": message, "status": status}})
}

func writeValue(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}
