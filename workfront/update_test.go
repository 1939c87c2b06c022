package workfront

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/wfconnect/wfconnect/wfsim"
)

// Writes against the real wfsim over HTTP on 127.0.0.1.

// taskIDs are the IDs of the first n tasks.
func (e *env) taskIDs(t *testing.T, n int) []string {
	t.Helper()
	page, err := e.client.Search(context.Background(), Search{ObjCode: "task", Limit: n})
	if err != nil || len(page) != n {
		t.Fatalf("%d tasks: %v", len(page), err)
	}
	ids := make([]string, n)
	for k, o := range page {
		ids[k] = o.ID()
	}
	return ids
}

func (e *env) percent(t *testing.T, id string) float64 {
	t.Helper()
	o, err := e.client.Get(context.Background(), "task", id, []string{"percentComplete"})
	if err != nil {
		t.Fatal(err)
	}
	n, _ := o.Number("percentComplete")
	return n
}

func TestUpdateReturnsTheNewStateFromTheFormBody(t *testing.T) {
	e := newEnv(t, 100, Options{})
	ctx := context.Background()
	id := e.taskIDs(t, 1)[0]
	before, err := e.client.Get(ctx, "task", id, []string{"lastUpdateDate"})
	if err != nil {
		t.Fatal(err)
	}
	e.sim.Advance(20 * time.Minute) // less than the session's 30 idle minutes
	e.rec.take()
	long := strings.Repeat("x", 9000) // more than Workfront's CDN takes in a URI
	o, err := e.client.Update(ctx, "task", id, map[string]any{"percentComplete": 35, "name": long, "plannedCompletionDate": time.Date(2027, 5, 1, 17, 0, 0, 0, time.UTC)},
		[]string{"percentComplete", "lastUpdateDate", "lastUpdatedByID", "plannedCompletionDate", "name"})
	if err != nil {
		t.Fatal(err)
	}
	was, _ := before.Time("lastUpdateDate")
	now, ok := o.Time("lastUpdateDate")
	if n, _ := o.Number("percentComplete"); n != 35 || o.ID() != id || o.Name() != long || !ok || !now.After(was) || o.Text("lastUpdatedByID") != e.sim.SignedInUserID() {
		t.Errorf("answer: %v %v (was %v)", o.Text("percentComplete"), now, was)
	}
	if d, _ := o.Time("plannedCompletionDate"); !d.Equal(time.Date(2027, 5, 1, 17, 0, 0, 0, time.UTC)) {
		t.Errorf("date: %v", o["plannedCompletionDate"])
	}
	reqs := e.rec.take()
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	r := reqs[0]
	if r.Method != "POST" || r.RawQuery != "" || r.ContentType != "application/x-www-form-urlencoded" ||
		!strings.HasPrefix(r.Body, "updates=") || !strings.HasSuffix(r.Body, "&method=PUT") || !strings.Contains(r.Body, "&fields=percentComplete") {
		t.Errorf("sent %s ?%s %s %.80s…%s", r.Method, r.RawQuery, r.ContentType, r.Body, r.Body[len(r.Body)-40:])
	}
	// The simulator logs a request once its answer is out: wait for it.
	for end := time.Now().Add(2 * time.Second); e.sim.CountWrites() == 0 && time.Now().Before(end); {
		time.Sleep(time.Millisecond)
	}
	log := e.sim.Requests()
	last := log[len(log)-1]
	if last.Verb != "PUT" || len(last.QueryKeys) != 0 || e.sim.CountWrites() != 1 {
		t.Errorf("the simulator saw %+v, %d writes", last, e.sim.CountWrites())
	}
	if e.percent(t, id) != 35 {
		t.Error("a read does not see the update")
	}
}

func TestUpdateManyHundredAtMost(t *testing.T) {
	e := newEnv(t, 100, Options{})
	ctx := context.Background()
	ids := e.taskIDs(t, 101)
	batch := make([]map[string]any, len(ids))
	for k, id := range ids {
		batch[k] = map[string]any{"ID": id, "percentComplete": 40}
	}
	e.rec.take()
	if _, err := e.client.UpdateMany(ctx, "task", batch, false); err == nil || !strings.Contains(err.Error(), "at most 100 objects per update; this batch has 101") {
		t.Errorf("101: %v", err)
	}
	if _, err := e.client.UpdateMany(ctx, "task", []map[string]any{{"percentComplete": 1}}, false); err == nil || !strings.Contains(err.Error(), "Object 1 of the batch has no ID") {
		t.Errorf("no ID: %v", err)
	}
	if n := len(e.rec.take()); n != 0 || e.sim.CountWrites() != 0 {
		t.Fatalf("refused batches sent %d requests", n)
	}
	objs, err := e.client.UpdateMany(ctx, "task", batch[:100], false)
	if err != nil || len(objs) != 100 || objs[99].ID() != ids[99] {
		t.Fatalf("100: %d objects, %v", len(objs), err)
	}
	if n := len(e.rec.take()); n != 1 || e.percent(t, ids[99]) != 40 || e.percent(t, ids[100]) == 40 {
		t.Errorf("%d requests; the 100th %v, the 101st %v", n, e.percent(t, ids[99]), e.percent(t, ids[100]))
	}
}

func TestUpdateManyAtomic(t *testing.T) {
	e := newEnv(t, 100, Options{})
	ctx := context.Background()
	ids := e.taskIDs(t, 3)
	batch := []map[string]any{{"ID": ids[0], "percentComplete": 11}, {"ID": ids[1], "status": "XYZ"}, {"ID": ids[2], "percentComplete": 11}}
	objs, err := e.client.UpdateMany(ctx, "task", batch, true)
	var apiErr *APIError
	if objs != nil || !errors.As(err, &apiErr) || !strings.Contains(apiErr.Message, "Invalid value \"XYZ\" for field status") || errors.Is(err, ErrOutcomeUnknown) {
		t.Fatalf("atomic failure: %v %v", objs, err)
	}
	for _, id := range ids {
		if e.percent(t, id) == 11 {
			t.Errorf("the atomic failure changed %s", id)
		}
	}
	batch[1] = map[string]any{"ID": ids[1], "status": "INP", "percentComplete": 11}
	if objs, err := e.client.UpdateMany(ctx, "task", batch, true); objs != nil || err != nil {
		t.Fatalf("atomic success: %v %v", objs, err)
	}
	for _, id := range ids {
		if e.percent(t, id) != 11 {
			t.Errorf("the atomic success did not change %s", id)
		}
	}
}

// A non-atomic batch with a refused object: Workfront does not document
// what happens to the others, and wfsim plays both readings.
func TestUpdateManyRefusedObject(t *testing.T) {
	for _, rollsBack := range []bool{false, true} {
		e := newEnv(t, 100, Options{})
		e.sim.SetBulkFailureRollsBack(rollsBack)
		ids := e.taskIDs(t, 3)
		batch := []map[string]any{{"ID": ids[0], "percentComplete": 22}, {"ID": ids[1], "lastUpdateDate": "2026-01-01"}, {"ID": ids[2], "percentComplete": 22}}
		_, err := e.client.UpdateMany(context.Background(), "task", batch, false)
		var apiErr *APIError
		if !errors.Is(err, ErrOutcomeUnknown) || !errors.As(err, &apiErr) || !strings.Contains(err.Error(), "Field lastUpdateDate (Task) is read-only") || !strings.Contains(err.Error(), ids[1]) {
			t.Errorf("rolls back %v: %v", rollsBack, err)
		}
		if got := fmt.Sprint(e.percent(t, ids[0]) == 22, e.percent(t, ids[2]) == 22); got != fmt.Sprint(!rollsBack, false) {
			t.Errorf("rolls back %v: changed first, last = %s", rollsBack, got)
		}
	}
}

func TestUpdateRefusalsAreWorkfrontsWords(t *testing.T) {
	e := newEnv(t, 100, Options{})
	id := e.taskIDs(t, 1)[0]
	for updates, want := range map[string]map[string]any{
		"Field lastUpdateDate (Task) is read-only":                  {"lastUpdateDate": "2026-01-01T00:00:00:000+0000"},
		"Invalid value \"XYZ\" for field status (Task): it must be": {"status": "XYZ"},
	} {
		e.newLog()
		_, err := e.client.Update(context.Background(), "task", id, want, nil)
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Status != 422 || !strings.Contains(apiErr.Message, updates) || errors.Is(err, ErrOutcomeUnknown) || e.log.statuses() != "422" {
			t.Errorf("%v: %v, attempts %s", want, err, e.log.statuses())
		}
	}
}

func TestUpdateRetriesOnlyWhatWasNotApplied(t *testing.T) {
	e := newEnv(t, 100, Options{})
	ctx := context.Background()
	id := e.taskIDs(t, 1)[0]

	// 429: not applied, retried.
	e.newLog()
	e.sim.SetAPIFailures(http.StatusTooManyRequests, 2, "")
	if _, err := e.client.Update(ctx, "task", id, map[string]any{"percentComplete": 1}, nil); err != nil || e.log.statuses() != "429 429 200" {
		t.Errorf("429: %v, attempts %s", err, e.log.statuses())
	}
	// 401: a refresh and one retry.
	e.newLog()
	e.sim.ExpireAccessTokens()
	if _, err := e.client.Update(ctx, "task", id, map[string]any{"percentComplete": 2}, nil); err != nil || e.log.statuses() != "401 200" || e.tokens.refreshCount() != 1 {
		t.Errorf("401: %v, attempts %s", err, e.log.statuses())
	}
	// Applied, then 500: unknown, and not sent again.
	e.newLog()
	e.sim.SetUpdateAnswerFailures(http.StatusInternalServerError, 1)
	_, err := e.client.Update(ctx, "task", id, map[string]any{"percentComplete": 3}, nil)
	var apiErr *APIError
	if !errors.Is(err, ErrOutcomeUnknown) || !errors.As(err, &apiErr) || apiErr.Status != 500 || e.log.statuses() != "500" ||
		!strings.Contains(err.Error(), "Workfront did not confirm the change to task "+id) {
		t.Errorf("500: %v, attempts %s", err, e.log.statuses())
	}
	if e.percent(t, id) != 3 {
		t.Error("the simulator should have applied the update it answered 500 to")
	}
	// A 503 before anything was done, and a cut-off answer: unknown too.
	for _, fail := range []func(){
		func() { e.sim.SetAPIFailures(http.StatusServiceUnavailable, 1, "") },
		func() {
			e.sim.SetAPIAnswers(wfsim.Answer{Status: 200, ContentType: "application/json", Body: `{"data":{"ID":"x","name":"y"}}`, Truncated: true}, 1)
		},
	} {
		e.newLog()
		fail()
		objs, err := e.client.UpdateMany(ctx, "task", []map[string]any{{"ID": id, "percentComplete": 4}, {"ID": id, "percentComplete": 5}}, false)
		if objs != nil || !errors.Is(err, ErrOutcomeUnknown) || !strings.Contains(err.Error(), "changes to 2 task objects") || len(e.log.all()) != 1 {
			t.Errorf("%v, attempts %v", err, e.log.all())
		}
	}
}

func TestMetadataSaysWhatIsReadOnly(t *testing.T) {
	e := newEnv(t, 100, Options{})
	m, err := e.client.TypeMetadata(context.Background(), "task")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, f := range m.Fields {
		got[f.Name] = f.ReadOnly
	}
	for name, want := range map[string]bool{"ID": true, "lastUpdateDate": true, "lastUpdatedByID": true, "status": false, "percentComplete": false, "assignedToID": false} {
		if v, ok := got[name]; !ok || v != want {
			t.Errorf("%s: ReadOnly %v (listed %v), want %v", name, v, ok, want)
		}
	}
}
