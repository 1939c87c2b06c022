package wfsim

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// writer sends updates to a simulator over real HTTP (httptest listens on
// 127.0.0.1) with a session.
type writer struct {
	t   *testing.T
	s   *Sim
	srv *httptest.Server
	sid string
}

func newWriter(t *testing.T) *writer {
	s, srv := newServer(t, Options{Projects: 2000, AccessTTL: 1e5 * time.Hour}) // the clock moves
	return &writer{t, s, srv, newSession(t, s, srv)}
}

// send sends method path?query with a form body (when not "").
func (w *writer) send(method, path, query, body string) (int, map[string]any) {
	w.t.Helper()
	u := w.srv.URL + path
	if query != "" {
		u += "?" + query
	}
	req, _ := http.NewRequest(method, u, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("sessionID", w.sid)
	resp, err := w.srv.Client().Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		w.t.Fatalf("%s %s: %d %q", method, path, resp.StatusCode, b)
	}
	return resp.StatusCode, v
}

// put updates with updates in the form body of a POST with method=PUT.
func (w *writer) put(path, updates string, extra ...string) (int, map[string]any) {
	w.t.Helper()
	form := url.Values{"method": {"PUT"}, "updates": {updates}}
	for _, kv := range extra {
		k, v, _ := strings.Cut(kv, "=")
		form.Set(k, v)
	}
	return w.send("POST", path, "", form.Encode())
}

func (w *writer) get(path string) map[string]any {
	w.t.Helper()
	code, v := w.send("GET", path, "", "")
	if code != 200 {
		w.t.Fatalf("GET %s: %d %v", path, code, v)
	}
	return dataOf(v)
}

func errMessage(v map[string]any) string {
	e, _ := v["error"].(map[string]any)
	m, _ := e["message"].(string)
	return m
}

func TestUpdateOneObjectEveryWay(t *testing.T) {
	w := newWriter(t)
	_, v := w.send("GET", api+"task/search", "ID_Sort=asc&$$LIMIT=1&fields=lastUpdateDate,percentComplete", "")
	row := rowsOf(t, v)[0]
	id := row["ID"].(string)
	before := row["lastUpdateDate"].(string)
	w.s.Advance(1000 * time.Hour)
	ways := []struct {
		name         string
		method, q, b string
	}{
		{"PUT, updates in the URL", "PUT", "updates=" + url.QueryEscape(`{"percentComplete":10}`) + "&fields=percentComplete,lastUpdateDate,lastUpdatedByID", ""},
		{"PUT, updates in the body", "PUT", "", "updates=" + url.QueryEscape(`{"percentComplete":20}`) + "&fields=percentComplete,lastUpdateDate,lastUpdatedByID"},
		{"POST method=PUT", "POST", "", "method=PUT&updates=" + url.QueryEscape(`{"percentComplete":30}`) + "&fields=percentComplete,lastUpdateDate,lastUpdatedByID"},
	}
	for k, way := range ways {
		code, v := w.send(way.method, api+"task/"+id, way.q, way.b)
		d := dataOf(v)
		if code != 200 || d["percentComplete"] != float64(10*(k+1)) || d["ID"] != id || d["objCode"] != "TASK" {
			t.Fatalf("%s: %d %v", way.name, code, v)
		}
		if d["lastUpdateDate"] == before || d["lastUpdatedByID"] != w.s.SignedInUserID() {
			t.Errorf("%s: lastUpdateDate %v (was %s), lastUpdatedByID %v", way.name, d["lastUpdateDate"], before, d["lastUpdatedByID"])
		}
		if when, ok := parseDate(d["lastUpdateDate"].(string)); !ok || when.Sub(time.Now().Add(1000*time.Hour)).Abs() > time.Minute {
			t.Errorf("%s: lastUpdateDate %v is not the simulator's clock", way.name, d["lastUpdateDate"])
		}
	}
	// A read, a filter and a sort see the new value.
	if got := w.get(api + "task/" + id + "?fields=percentComplete")["percentComplete"]; got != 30.0 {
		t.Errorf("GET after the update: %v", got)
	}
	_, v = w.send("GET", api+"task/search", "percentComplete=30&percentComplete_Mod=eq&ID="+id, "")
	if len(rowsOf(t, v)) != 1 {
		t.Errorf("the filter does not see the update: %v", v)
	}
	w.put(api+"task/"+id, `{"percentComplete":100.5,"name":"AAAA first"}`)
	_, v = w.send("GET", api+"task/search", "name_Sort=asc&$$LIMIT=1", "")
	if rowsOf(t, v)[0]["ID"] != id {
		t.Errorf("the sort does not see the renamed task first: %v", rowsOf(t, v)[0])
	}
	// The request log tells the verb and the URL's parameter names.
	log := w.s.Requests()
	var verbs []string
	for _, r := range log {
		if strings.Contains(r.Path, id) {
			verbs = append(verbs, r.Method+">"+r.Verb+fmt.Sprint(r.QueryKeys))
		}
	}
	if want := "PUT>PUT[updates fields] PUT>PUT[] POST>PUT[] GET>GET[fields] POST>PUT[]"; strings.Join(verbs, " ") != want {
		t.Errorf("log: %s, want %s", strings.Join(verbs, " "), want)
	}
	if n := w.s.CountWrites(); n != 4 {
		t.Errorf("CountWrites = %d, want 4", n)
	}
}

func TestUpdateRefusals(t *testing.T) {
	w := newWriter(t)
	_, v := w.send("GET", api+"task/search", "ID_Sort=asc&$$LIMIT=1&fields=lastUpdateDate", "")
	task := rowsOf(t, v)[0]["ID"].(string)
	before := w.get(api + "task/" + task + "?fields=*")
	_, v = w.send("GET", api+"proj/search", "ID_Sort=asc&$$LIMIT=10", "")
	projects := rowsOf(t, v)
	noForm := projects[9]["ID"].(string) // every tenth project has no custom form
	_, v = w.send("GET", api+"optask/search", "$$LIMIT=1", "")
	issue := rowsOf(t, v)[0]["ID"].(string)
	for _, c := range []struct {
		path, updates, want string
		status              int
	}{
		{"task/" + task, `{"nosuch":1}`, "does not support field nosuch (Task)", 422},
		{"task/" + task, `{"lastUpdateDate":"2026-01-01"}`, "Field lastUpdateDate (Task) is read-only", 422},
		{"task/" + task, `{"entryDate":"2026-01-01"}`, "does not support field entryDate", 422}, // tasks have none here
		{"task/" + task, `{"ID":"x"}`, "Field ID (Task) is read-only", 422},
		{"task/" + task, `{"objCode":"PROJ"}`, "Field objCode (Task) is read-only", 422},
		{"proj/" + noForm, `{"percentComplete":5}`, "Field percentComplete (Project) is read-only", 422},
		{"task/" + task, `{"status":"XYZ"}`, "Invalid value \"XYZ\" for field status (Task): it must be one of NEW, INP, CPL", 422},
		{"task/" + task, `{"name":42}`, "Invalid value 42 for field name (Task): it takes a string", 422},
		{"task/" + task, `{"percentComplete":"ten"}`, "field percentComplete (Task): it takes a number", 422},
		{"task/" + task, `{"workRequired":1.5}`, "field workRequired (Task): it takes a whole number", 422},
		{"task/" + task, `{"plannedCompletionDate":"next week"}`, "field plannedCompletionDate (Task): it takes a date", 422},
		{"task/" + task, `{"assignedToID":"nobody"}`, "field assignedToID (Task): no User has that ID", 422},
		{"task/" + task, `{"DE:Risk":"Huge"}`, "field DE:Risk (Task): it must be one of Low, Medium, High", 422},
		{"task/" + task, `{"project":{"name":"x"}}`, "does not simulate updating project (Task) whole", 422},
		{"proj/" + noForm, `{"DE:Budget":5}`, "Custom field DE:Budget is not on a custom form of this Project", 422},
		{"optask/" + issue, `{"DE:Risk":"Low"}`, "Custom field DE:Risk is not on a custom form of this Issue", 422},
		{"task/0123", `{"name":"x"}`, "Could not find Task with ID 0123", 404},
		{"task/" + task, `not json`, "updates is not valid JSON", 422},
		{"task/" + task, `{}`, "change no field", 422},
	} {
		code, v := w.put(api+c.path, c.updates)
		if code != c.status || !strings.Contains(errMessage(v), c.want) {
			t.Errorf("%s %s: %d %q, want %d %q", c.path, c.updates, code, errMessage(v), c.status, c.want)
		}
	}
	if n := w.s.CountWrites(); n != 19 {
		t.Errorf("CountWrites = %d", n)
	}
	// The refusals changed nothing.
	if d := w.get(api + "task/" + task + "?fields=*"); fmt.Sprint(d) != fmt.Sprint(before) {
		t.Errorf("a refused update changed the task: %v, was %v", d, before)
	}
	// What may be set is set: a custom field, a reference's ID, an enum, null.
	code, v := w.put(api+"task/"+task, `{"DE:Risk":"High","assignedToID":"`+w.s.SignedInUserID()+`","status":"INP","plannedCompletionDate":null}`,
		"fields=DE:Risk,assignedTo:name,status,plannedCompletionDate")
	d := dataOf(v)
	if code != 200 || d["DE:Risk"] != "High" || d["status"] != "INP" || d["plannedCompletionDate"] != nil {
		t.Fatalf("%d %v", code, v)
	}
	if a, _ := d["assignedTo"].(map[string]any); a["ID"] != w.s.SignedInUserID() {
		t.Errorf("assignedTo: %v", d["assignedTo"])
	}
	code, v = w.put(api+"proj/"+projects[0]["ID"].(string), `{"DE:Budget":1234.5,"ownerID":"`+w.s.SignedInUserID()+`"}`, "fields=DE:Budget,owner:name")
	if code != 200 || dataOf(v)["DE:Budget"] != 1234.5 {
		t.Errorf("%d %v", code, v)
	}
}

// bulk is updates=[…] setting percentComplete on these tasks.
func bulk(ids []string, pct string) string {
	items := make([]string, len(ids))
	for k, id := range ids {
		items[k] = fmt.Sprintf(`{"ID":%q,"percentComplete":%s}`, id, pct)
	}
	return "[" + strings.Join(items, ",") + "]"
}

func (w *writer) taskIDs(n int) []string {
	_, v := w.send("GET", api+"task/search", fmt.Sprintf("ID_Sort=asc&$$LIMIT=%d", n), "")
	var ids []string
	for _, r := range rowsOf(w.t, v) {
		ids = append(ids, r["ID"].(string))
	}
	return ids
}

func (w *writer) percents(ids []string) []any {
	var out []any
	for _, id := range ids {
		out = append(out, w.get(api + "task/" + id + "?fields=percentComplete")["percentComplete"])
	}
	return out
}

func TestBulkUpdate(t *testing.T) {
	w := newWriter(t)
	ids := w.taskIDs(101)
	code, v := w.put(api+"task", bulk(ids[:100], "42"), "fields=percentComplete")
	if code != 200 || len(rowsOf(t, v)) != 100 || rowsOf(t, v)[99]["percentComplete"] != 42.0 || rowsOf(t, v)[99]["ID"] != ids[99] {
		t.Fatalf("100: %d %v", code, v)
	}
	code, v = w.put(api+"task", bulk(ids, "7"))
	if code != 422 || !strings.Contains(errMessage(v), "at most 100 objects; this one has 101") {
		t.Errorf("101: %d %v", code, v)
	}
	if got := w.percents(ids[:1]); got[0] != 42.0 {
		t.Errorf("101 changed something: %v", got)
	}
	// Non-atomic, the third refused: the first two stay changed, the rest untried.
	items := bulk(ids[:5], "50")
	items = strings.Replace(items, fmt.Sprintf(`{"ID":%q,"percentComplete":50}`, ids[2]), fmt.Sprintf(`{"ID":%q,"percentComplete":"x"}`, ids[2]), 1)
	code, v = w.put(api+"task", items)
	if code != 422 || !strings.Contains(errMessage(v), "(Task "+ids[2]+")") {
		t.Errorf("non-atomic failure: %d %v", code, v)
	}
	if got := fmt.Sprint(w.percents(ids[:5])); got != "[50 50 42 42 42]" {
		t.Errorf("after the non-atomic failure: %s", got)
	}
	// Atomic: nothing changes, then everything; success carries no objects.
	code, v = w.put(api+"task", strings.Replace(items, "50", "60", -1), "atomic=true")
	if code != 422 || fmt.Sprint(w.percents(ids[:5])) != "[50 50 42 42 42]" {
		t.Errorf("atomic failure: %d %v, %v", code, v, w.percents(ids[:5]))
	}
	code, v = w.put(api+"task", bulk(ids[:5], "61"), "atomic=true")
	if code != 200 || fmt.Sprint(v) != "map[data:map[success:true]]" || fmt.Sprint(w.percents(ids[:5])) != "[61 61 61 61 61]" {
		t.Errorf("atomic success: %d %v", code, v)
	}
	// The other reading of an undocumented case: a failing bulk changes nothing.
	w.s.SetBulkFailureRollsBack(true)
	code, _ = w.put(api+"task", strings.Replace(items, "50", "70", -1))
	if code != 422 || fmt.Sprint(w.percents(ids[:5])) != "[61 61 61 61 61]" {
		t.Errorf("rolled-back failure: %d %v", code, w.percents(ids[:5]))
	}
	if code, v := w.put(api+"task", `[{"percentComplete":1}]`); code != 422 || !strings.Contains(errMessage(v), "Item 1 of updates=[…] has no ID") {
		t.Errorf("no ID: %d %v", code, v)
	}
}

func TestTouchAnswerFailuresAndRebuilds(t *testing.T) {
	w := newWriter(t)
	ids := w.taskIDs(2)
	before := w.get(api + "task/" + ids[0] + "?fields=lastUpdateDate")["lastUpdateDate"]
	w.s.Advance(time.Hour)
	if err := w.s.Touch("TASK", ids[0], "percentComplete", 77); err != nil {
		t.Fatal(err)
	}
	d := w.get(api + "task/" + ids[0] + "?fields=percentComplete,lastUpdateDate,lastUpdatedByID")
	if d["percentComplete"] != 77.0 || d["lastUpdateDate"] == before || d["lastUpdatedByID"] == w.s.SignedInUserID() {
		t.Errorf("after Touch: %v (was %v)", d, before)
	}
	if v, ok := w.s.Value("TASK", ids[0], "percentComplete"); !ok || v != 77.0 {
		t.Errorf("Value: %v %v", v, ok)
	}
	for _, bad := range []struct{ code, id, field string }{{"NOPE", ids[0], "name"}, {"TASK", "x", "name"}, {"TASK", ids[0], "ID"}, {"TASK", ids[0], "status"}} {
		if err := w.s.Touch(bad.code, bad.id, bad.field, "XYZ"); err == nil {
			t.Errorf("Touch%v took XYZ", bad)
		}
	}
	// Applied, then answered 502: the outcome a client cannot know.
	w.s.SetUpdateAnswerFailures(http.StatusBadGateway, 1)
	if code, _ := w.put(api+"task/"+ids[1], `{"percentComplete":12}`); code != 502 {
		t.Errorf("answer failure: %d", code)
	}
	if got := w.percents(ids[1:]); got[0] != 12.0 {
		t.Errorf("the failed answer's update was not applied: %v", got)
	}
	// Written values survive rows added mid-export (a new world).
	_, v := w.send("GET", api+"proj/search", "ID_Sort=asc&$$LIMIT=1", "")
	first := rowsOf(t, v)[0]["ID"].(string)
	w.put(api+"proj/"+first, `{"name":"Renamed before growth"}`)
	w.s.SetGrowth(1, 5, true)
	w.send("GET", api+"proj/search", "$$LIMIT=1", "")
	w.s.SetGrowth(0, 0, false)
	if w.s.Added() != 5 || w.get(api + "proj/" + first)["name"] != "Renamed before growth" || w.get(api + "task/" + ids[0] + "?fields=percentComplete")["percentComplete"] != 77.0 {
		t.Errorf("a rebuild lost the written values: added %d, %v", w.s.Added(), w.get(api+"proj/"+first))
	}
}

func TestMetadataMarksReadOnly(t *testing.T) {
	w := newWriter(t)
	fields := w.get(api + "task/metadata")["fields"].(map[string]any)
	for name, want := range map[string]bool{"ID": true, "lastUpdateDate": true, "lastUpdatedByID": true, "projectID": true,
		"name": false, "status": false, "percentComplete": false, "assignedToID": false} {
		f, _ := fields[name].(map[string]any)
		var flags []string
		for _, x := range f["flags"].([]any) {
			flags = append(flags, x.(string))
		}
		if slices.Contains(flags, "READ_ONLY") != want {
			t.Errorf("task %s flags %v, READ_ONLY want %v", name, flags, want)
		}
	}
	if code, v := w.send("PUT", api+"task/search", "updates={}", ""); code != 405 {
		t.Errorf("PUT search: %d %v", code, v)
	}
	if code, v := w.send("POST", api+"task/x", "", "method=DELETE"); code != 422 || !strings.Contains(errMessage(v), "method=DELETE") {
		t.Errorf("method=DELETE: %d %v", code, v)
	}
}
