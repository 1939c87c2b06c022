package workfront

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/wfconnect/wfconnect/msg"
)

// Event subscriptions live beside the API, not in it (Workfront's "Event
// Subscription API"): /attask/eventsubscription/api/v1/subscriptions, with
// a JSON body. A create answers 201 with the new one's URL in Location and
// no body; the list is paged (?page from 1, ?limit up to 1000). Filters
// cannot be changed in place: a change is a new subscription and the old
// one deleted.
const subscriptionsPath = "/attask/eventsubscription/api/v1/subscriptions"

// SubscriptionFilter is one of a subscription's filters: the field, the
// value it is compared with, how (eq, ne, gt, gte, lt, lte, contains,
// notContains, containsOnly, changed) and whether the value after the
// event (newState, the default) or before it (oldState) is tested.
type SubscriptionFilter struct {
	FieldName  string `json:"fieldName"`
	FieldValue string `json:"fieldValue,omitempty"`
	Comparison string `json:"comparison,omitempty"`
	State      string `json:"state,omitempty"`
}

// Subscription is one event subscription, as Workfront writes it.
type Subscription struct {
	ID              string               `json:"id,omitempty"`
	CustomerID      string               `json:"customerId,omitempty"`
	ObjID           string               `json:"objId,omitempty"`
	ObjCode         string               `json:"objCode"`
	EventType       string               `json:"eventType"`
	URL             string               `json:"url"`
	AuthToken       string               `json:"authToken,omitempty"`
	Filters         []SubscriptionFilter `json:"filters,omitempty"`
	FilterConnector string               `json:"filterConnector,omitempty"`
}

var (
	// ErrSubscriptionExists is Workfront's 409: the same subscription is there.
	ErrSubscriptionExists = msg.New("Workfront already has this event subscription (same object type, event, URL and filters).")
	// ErrSubscriptionNotFound is a 404 for one subscription.
	ErrSubscriptionNotFound = msg.New("Workfront has no event subscription with this ID (deleted already?).")
	// ErrNotAdmin marks Workfront's 403: only administrators manage them.
	ErrNotAdmin = errors.New("not a Workfront administrator")
)

// maxSubscriptionPages bounds the list: 1000 a page, far beyond any
// instance's subscriptions, so a server that never ends is not followed.
const maxSubscriptionPages = 100

// Subscriptions lists the instance's event subscriptions, every page.
func (c *Client) Subscriptions(ctx context.Context) ([]Subscription, error) {
	var out []Subscription
	for page := 1; ; page++ {
		var ans struct {
			Subscriptions []Subscription `json:"subscriptions"`
			Meta          struct {
				PageCount int `json:"page_count"`
			} `json:"meta"`
		}
		path := fmt.Sprintf("%s?page=%d&limit=1000", subscriptionsPath, page)
		if _, err := c.subscriptionCall(ctx, http.MethodGet, path, nil, &ans); err != nil {
			return nil, err
		}
		out = append(out, ans.Subscriptions...)
		if page >= ans.Meta.PageCount || len(ans.Subscriptions) == 0 {
			return out, nil
		}
		if page >= maxSubscriptionPages {
			return nil, msg.New("Workfront's list of event subscriptions did not end after %d pages.", page)
		}
	}
}

// Subscription reads one event subscription.
func (c *Client) Subscription(ctx context.Context, id string) (Subscription, error) {
	var s Subscription
	_, err := c.subscriptionCall(ctx, http.MethodGet, subscriptionsPath+"/"+id, nil, &s)
	return s, err
}

// CreateSubscription creates an event subscription and returns its ID,
// read from the Location Workfront answers with.
func (c *Client) CreateSubscription(ctx context.Context, s Subscription) (string, error) {
	s.ID, s.CustomerID = "", ""
	body, err := json.Marshal(s)
	if err != nil {
		return "", fmt.Errorf("encoding the subscription: %w", err)
	}
	h, err := c.subscriptionCall(ctx, http.MethodPost, subscriptionsPath, body, nil)
	if err != nil {
		return "", err
	}
	loc := h.Get("Location")
	id := loc[strings.LastIndex(loc, "/")+1:]
	if id == "" {
		return "", msg.New("Workfront created the subscription but did not say its ID (no Location in its answer).")
	}
	return id, nil
}

// DeleteSubscription deletes one event subscription.
func (c *Client) DeleteSubscription(ctx context.Context, id string) error {
	_, err := c.subscriptionCall(ctx, http.MethodDelete, subscriptionsPath+"/"+id, nil, nil)
	return err
}

// subscriptionCall sends one call with the sign-in: a 401 gets one
// refresh and one retry, a 429 up to the client's retries (Workfront
// applied nothing); out, when given, receives the JSON answer.
func (c *Client) subscriptionCall(ctx context.Context, method, path string, body []byte, out any) (http.Header, error) {
	token, err := c.tokens.Token(ctx)
	if err != nil {
		return nil, err
	}
	for attempt, refreshed := 0, false; ; attempt++ {
		h, err := c.header(token)
		if err != nil {
			return nil, err
		}
		hdr, status, err := c.subscriptionOnce(ctx, method, path, body, h, out)
		switch {
		case status == http.StatusUnauthorized && !refreshed:
			if token, err = c.tokens.Refresh(ctx, token); err != nil {
				return nil, fmt.Errorf("Workfront ended the session and it could not be renewed: %w", err)
			}
			refreshed = true
			continue
		case status == http.StatusTooManyRequests && attempt < c.retries:
			wait := min(c.opts.BaseBackoff<<attempt, maxBackoff)
			select {
			case <-time.After(wait):
				continue
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		return hdr, err
	}
}

// subscriptionOnce sends the call once and reads its answer.
func (c *Client) subscriptionOnce(ctx context.Context, method, path string, body []byte, h authHeader, out any) (http.Header, int, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.host+path, bytes.NewReader(body))
	if err != nil {
		return nil, 0, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	h.apply(req)
	start := time.Now()
	resp, err := c.opts.HTTPClient.Do(req)
	if err != nil {
		c.log(method, req.URL.Path, 0, time.Since(start))
		if ctx.Err() != nil {
			return nil, 0, ctx.Err()
		}
		return nil, 0, msg.New("Could not reach Workfront at %s: %v", c.host, err).Because(err)
	}
	defer closeBody(resp.Body)
	c.log(method, req.URL.Path, resp.StatusCode, time.Since(start))
	if resp.StatusCode >= 300 {
		raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		return nil, resp.StatusCode, subscriptionError(resp.StatusCode, raw)
	}
	if out != nil {
		if err := json.NewDecoder(http.MaxBytesReader(nil, resp.Body, maxAnswer)).Decode(out); err != nil {
			return nil, resp.StatusCode, msg.New("Workfront answered %s with something other than event subscriptions in JSON (a proxy page?).", resp.Status).Because(err)
		}
	}
	return resp.Header, resp.StatusCode, nil
}

// subscriptionError is a refusal in words: Workfront's own message, with
// what it means.
func subscriptionError(status int, raw []byte) error {
	var body struct {
		Error   json.RawMessage `json:"error"`
		Message string          `json:"message"`
	}
	said := ""
	if json.Unmarshal(raw, &body) == nil {
		var inner struct {
			Message string `json:"message"`
		}
		if json.Unmarshal(body.Error, &inner) == nil {
			said = inner.Message
		} else {
			_ = json.Unmarshal(body.Error, &said)
		}
		said = cmp.Or(said, body.Message)
	}
	apiErr := &APIError{Status: status, Message: said}
	switch status {
	case http.StatusConflict:
		return ErrSubscriptionExists
	case http.StatusNotFound:
		return ErrSubscriptionNotFound
	case http.StatusForbidden:
		return msg.New("Only a Workfront administrator can manage event subscriptions; Workfront said: %s", cmp.Or(said, "403 Forbidden")).WithKind(ErrNotAdmin).Because(apiErr)
	case http.StatusBadRequest:
		return msg.New("Workfront refused the subscription: %s", cmp.Or(said, "400 Bad Request")).Because(apiErr)
	}
	return apiErr
}

// SameSubscription says whether two subscriptions are the same to
// Workfront: type, event, object, URL, connector and filters (in any order).
func SameSubscription(a, b Subscription) bool {
	conn := func(s Subscription) string { return cmp.Or(strings.ToUpper(s.FilterConnector), "AND") }
	keys := func(fs []SubscriptionFilter) []string {
		out := make([]string, len(fs))
		for i, f := range fs {
			out[i] = strings.Join([]string{f.FieldName, f.FieldValue, cmp.Or(f.Comparison, "eq"), cmp.Or(f.State, "newState")}, "\x00")
		}
		slices.Sort(out)
		return out
	}
	return a.ObjCode == b.ObjCode && a.EventType == b.EventType && a.URL == b.URL && a.ObjID == b.ObjID &&
		conn(a) == conn(b) && slices.Equal(keys(a.Filters), keys(b.Filters))
}

// SubscriptionCopyStep is one subscription of a copy to another instance:
// "create" there, or "exists" there already (not sent).
type SubscriptionCopyStep struct {
	Sub    Subscription
	Action string
}

// PlanSubscriptionCopy plans the copy of selected to an instance that has
// target: what is there already is not sent again; the copies carry no ID
// or customer (the target gives its own). One that watches a single
// object (objId) is copied as it is: people are warned that the ID is
// rarely the same in another environment.
func PlanSubscriptionCopy(selected, target []Subscription) []SubscriptionCopyStep {
	out := make([]SubscriptionCopyStep, 0, len(selected))
	for _, s := range selected {
		s.ID, s.CustomerID = "", ""
		st := SubscriptionCopyStep{Sub: s, Action: "create"}
		if slices.ContainsFunc(target, func(t Subscription) bool { return SameSubscription(s, t) }) {
			st.Action = "exists"
		}
		out = append(out, st)
	}
	return out
}

// MaskToken shows only a token's last four characters.
func MaskToken(s string) string {
	if s == "" {
		return ""
	}
	r := []rune(s)
	return "••••" + string(r[max(len(r)-4, 0):])
}
