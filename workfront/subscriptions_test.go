package workfront

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/wfsim"
)

// sandboxClient starts wfsim's sandbox and a client signed in to it.
func sandboxClient(t *testing.T) (*wfsim.Sim, *Client) {
	t.Helper()
	sim := wfsim.New(wfsim.Options{Projects: 10, RedirectURIs: []string{testRedirect}, Sandbox: true})
	if err := sim.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	return sim, NewClient(sim.URL(), "v21.0", newSimTokens(t, sim), Options{})
}

// Event subscriptions against wfsim over HTTP: listed, created (the ID
// from Location), a duplicate refused in words, read, copied to the
// sandbox (what is there already is not sent), deleted, then not found.
func TestSubscriptionsAgainstTheSimulator(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, 10, Options{})
	subs, err := e.client.Subscriptions(ctx)
	if err != nil || len(subs) != 3 || subs[0].ObjCode != "PROJ" || subs[0].Filters[0].FieldValue != "CUR" || subs[2].FilterConnector != "OR" {
		t.Fatalf("%+v %v", subs, err)
	}
	s := Subscription{ObjCode: "HOUR", EventType: "CREATE", URL: "https://hooks.example.com/wf/hours",
		Filters: []SubscriptionFilter{{FieldName: "hours", FieldValue: "8", Comparison: "gt"}}}
	id, err := e.client.CreateSubscription(ctx, s)
	if err != nil || id == "" {
		t.Fatalf("create: %q %v", id, err)
	}
	if _, err := e.client.CreateSubscription(ctx, s); !errors.Is(err, ErrSubscriptionExists) || !strings.Contains(err.Error(), "already has") {
		t.Errorf("duplicate: %v", err)
	}
	if got, err := e.client.Subscription(ctx, id); err != nil || got.URL != s.URL || got.CustomerID == "" {
		t.Errorf("read: %+v %v", got, err)
	}
	bad := s
	bad.URL = "ftp://hooks.example.com"
	if _, err := e.client.CreateSubscription(ctx, bad); err == nil || !strings.Contains(err.Error(), "refused the subscription: url must be") {
		t.Errorf("bad URL: %v", err)
	}
	sbSim, sb := sandboxClient(t)
	there, err := sb.Subscriptions(ctx)
	if err != nil || len(there) != 1 {
		t.Fatalf("sandbox: %+v %v", there, err)
	}
	steps := PlanSubscriptionCopy(subs, there)
	if steps[0].Action != "create" || steps[1].Action != "exists" || steps[2].Action != "create" || steps[0].Sub.ID != "" {
		t.Fatalf("plan %+v", steps)
	}
	for _, st := range steps {
		if st.Action == "create" {
			if _, err := sb.CreateSubscription(ctx, st.Sub); err != nil {
				t.Fatal(err)
			}
		}
	}
	if after, _ := sb.Subscriptions(ctx); len(after) != 3 || !SameSubscription(after[2], subs[2]) {
		t.Errorf("sandbox after the copy: %+v", after)
	}
	if n := len(sbSim.SubscriptionRequests()); n != 4 {
		t.Errorf("sandbox saw %d calls, want 2 lists and 2 creates", n)
	}
	if err := e.client.DeleteSubscription(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := e.client.DeleteSubscription(ctx, id); !errors.Is(err, ErrSubscriptionNotFound) {
		t.Errorf("deleted twice: %v", err)
	}
}

// A non-administrator gets Workfront's 403 in words; an unknown token a
// refresh and one retry.
func TestSubscriptionsNotAdmin(t *testing.T) {
	e := newEnv(t, 10, Options{})
	e.sim.SetSubscriptionsNonAdmin(true)
	_, err := e.client.Subscriptions(context.Background())
	if !errors.Is(err, ErrNotAdmin) || !strings.Contains(err.Error(), "Only a Workfront administrator") || !strings.Contains(err.Error(), "System Administrator") {
		t.Errorf("non-admin: %v", err)
	}
}

// The list is paged as documented: ?page and ?limit, with meta.
func TestSubscriptionPagesInTheSimulator(t *testing.T) {
	e := newEnv(t, 10, Options{})
	tok, _ := e.tokens.Token(context.Background())
	req, _ := http.NewRequest(http.MethodGet, e.sim.URL()+"/attask/eventsubscription/api/v1/subscriptions?page=2&limit=2", nil)
	req.Header.Set("sessionID", tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var ans struct {
		Subscriptions []Subscription
		Meta          map[string]int
	}
	if err := json.NewDecoder(resp.Body).Decode(&ans); err != nil || len(ans.Subscriptions) != 1 || ans.Meta["page_count"] != 2 || ans.Meta["total_count"] != 3 {
		t.Errorf("%+v %v", ans, err)
	}
	req.Header.Del("sessionID")
	if resp, _ := http.DefaultClient.Do(req); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("without a session: %d", resp.StatusCode)
	}
}
