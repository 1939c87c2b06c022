package wfsim

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// objServer is a simulator with 2,000 projects (so 3,000 tasks) and a session.
func objServer(t *testing.T) (*Sim, *httptest.Server, func(path string) (int, map[string]any)) {
	t.Helper()
	s, srv := newServer(t, Options{Projects: 2000})
	sid := newSession(t, s, srv)
	return s, srv, func(path string) (int, map[string]any) {
		t.Helper()
		code, body := apiGet(t, srv, sid, path)
		var v map[string]any
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Fatalf("%s: %d %q", path, code, body)
		}
		return code, v
	}
}

const api = "/attask/api/v21.0/"

func rowsOf(t *testing.T, v map[string]any) []map[string]any {
	t.Helper()
	list, ok := v["data"].([]any)
	if !ok {
		t.Fatalf("not a list: %v", v)
	}
	out := make([]map[string]any, len(list))
	for i, x := range list {
		out[i] = x.(map[string]any)
	}
	return out
}

func dataOf(v map[string]any) map[string]any { m, _ := v["data"].(map[string]any); return m }

// allRows fetches every matching object, in ID order, over pages of 2,000.
func allRows(t *testing.T, get func(string) (int, map[string]any), obj, query string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for first := 0; ; first += 2000 {
		code, v := get(fmt.Sprintf("%s%s/search?%s&ID_Sort=asc&$$FIRST=%d&$$LIMIT=2000", api, obj, query, first))
		if code != 200 {
			t.Fatalf("%d %v", code, v)
		}
		page := rowsOf(t, v)
		out = append(out, page...)
		if len(page) < 2000 {
			return out
		}
	}
}

// TestMetadataList: GET /metadata names every object type with objCode,
// name, label and url.
func TestMetadataList(t *testing.T) {
	s, _, get := objServer(t)
	code, v := get("/attask/api-internal/metadata")
	objects, _ := dataOf(v)["objects"].(map[string]any)
	if code != 200 || len(objects) != len(s.Counts()) {
		t.Fatalf("%d %v", code, v)
	}
	proj, _ := objects["Project"].(map[string]any)
	if proj["objCode"] != "PROJ" || proj["name"] != "Project" || proj["label"] != "Project" || !strings.HasSuffix(proj["url"].(string), "/attask/api-internal/proj/metadata") {
		t.Errorf("Project: %v", proj)
	}
	for name, o := range objects {
		m := o.(map[string]any)
		if m["name"] != name || m["objCode"] == "" || m["label"] == "" || m["url"] == "" {
			t.Errorf("%s: %v", name, m)
		}
	}
}

// TestObjectMetadata: every type's metadata has the documented keys; enums
// carry possible values; references and collections name their targets in
// typeObjCode alone, as Workfront's fixture does; no custom field is listed.
func TestObjectMetadata(t *testing.T) {
	s, _, get := objServer(t)
	for code := range s.Counts() {
		status, v := get(api + strings.ToLower(code) + "/metadata")
		d := dataOf(v)
		if status != 200 || d["objCode"] != code || d["name"] == "" || d["label"] == "" || d["url"] == "" {
			t.Fatalf("%s: %d %v", code, status, v)
		}
		for _, k := range []string{"flags", "fields", "references", "collections", "search", "actions", "queries"} {
			if _, ok := d[k]; !ok {
				t.Errorf("%s lacks %s", code, k)
			}
		}
		fields := d["fields"].(map[string]any)
		if m, _ := fields["ID"].(map[string]any); m == nil || m["fieldType"] != "string" || m["label"] == "" {
			t.Errorf("%s.ID: %v", code, fields["ID"])
		}
		for name, f := range fields {
			m := f.(map[string]any)
			if strings.HasPrefix(name, "DE:") || m["custom"] != nil || slices.Contains(m["flags"].([]any), any("CUSTOM")) {
				t.Errorf("%s lists a custom field: %s %v", code, name, m)
			}
		}
		for _, group := range []string{"references", "collections"} {
			for name, x := range d[group].(map[string]any) {
				m := x.(map[string]any)
				keys := slices.Sorted(maps.Keys(m))
				want := []string{"enumTargetObjCode", "enumType", "fieldType", "label", "targetTypeObjCode", "typeObjCode", "url"}
				if group == "collections" {
					want = []string{"enumTargetObjCode", "enumType", "fieldType", "flags", "label", "targetTypeObjCode", "typeObjCode", "url"}
				}
				if !slices.Equal(keys, want) || m["typeObjCode"] == "" {
					t.Errorf("%s.%s.%s: %v", code, group, name, m)
				}
			}
		}
	}
	_, v := get(api + "PROJECT/metadata")
	d := dataOf(v)
	fields := d["fields"].(map[string]any)
	st := fields["status"].(map[string]any)
	if st["enumType"] == nil || len(st["possibleValues"].([]any)) != 9 {
		t.Errorf("status: %v", st)
	}
	for name, want := range map[string]string{"plannedCompletionDate": "dateTime", "percentComplete": "double", "priority": "int"} {
		if f := fields[name].(map[string]any); f["fieldType"] != want {
			t.Errorf("%s: %v", name, f)
		}
	}
	if o := d["references"].(map[string]any)["owner"].(map[string]any); o["typeObjCode"] != "USER" || o["fieldType"] != "User" ||
		!strings.HasSuffix(o["url"].(string), api+"user/metadata") || o["targetTypeObjCode"] != nil {
		t.Errorf("owner: %v", o)
	}
	if c := d["collections"].(map[string]any)["tasks"].(map[string]any); c["typeObjCode"] != "TASK" || c["fieldType"] != "Task" {
		t.Errorf("tasks: %v", c)
	}
	_, v = get(api + "ctgy/metadata")
	if ot := dataOf(v)["fields"].(map[string]any)["objTypes"].(map[string]any); slices.Contains(ot["flags"].([]any), any("FILTERABLE")) {
		t.Errorf("objTypes: %v", ot)
	}
}

// TestSearchCountGetEveryType: every type answers search, count and get
// under its objCode and its API name, in any case.
func TestSearchCountGetEveryType(t *testing.T) {
	s, _, get := objServer(t)
	counts := s.Counts()
	want := map[string]int{"PROJ": 2000, "TASK": 3000, "OPTASK": 500, "USER": 40, "PORT": 8, "PRGM": 20, "HOUR": 2000, "DOCU": 300, "TMPL": 10, "CTGY": 3, "CTGYPA": 4, "PARAM": 4, "POPT": 3, "UIFT": 5,
		"NOTE": 0, "ASSGN": 0, "TEAMOB": 0, "GROUP": 0, "CMPY": 0, "ROLE": 0}
	if fmt.Sprint(counts) != fmt.Sprint(want) {
		t.Errorf("counts %v", counts)
	}
	paths := map[string][]string{"PROJ": {"proj", "project", "Project"}, "TASK": {"task", "TASK"}, "OPTASK": {"optask", "issue"}, "USER": {"user"},
		"PORT": {"port", "portfolio"}, "PRGM": {"prgm", "program"}, "DOCU": {"docu", "document"}, "HOUR": {"hour"}, "TMPL": {"tmpl", "template"},
		"CTGY": {"ctgy", "category"}, "CTGYPA": {"ctgypa", "categoryparameter"}, "PARAM": {"param", "parameter"}, "POPT": {"popt", "parameterOption"}, "NOTE": {"note"}, "ASSGN": {"assgn", "assignment"}, "TEAMOB": {"team"},
		"GROUP": {"group"}, "CMPY": {"cmpy", "company"}, "ROLE": {"role"}}
	for code, ps := range paths {
		for _, p := range ps {
			status, v := get(api + p + "/count")
			if n, _ := dataOf(v)["count"].(float64); status != 200 || int(n) != want[code] {
				t.Errorf("%s/count: %d %v", p, status, v)
			}
			status, v = get(api + p + "/search?$$LIMIT=5")
			rows := rowsOf(t, v)
			if status != 200 || len(rows) != min(5, want[code]) {
				t.Errorf("%s/search: %d %d rows", p, status, len(rows))
			}
			for _, r := range rows {
				_, hasName := r["name"]
				if r["objCode"] != code || r["ID"] == "" || hasName != (code != "CTGYPA" && code != "POPT") {
					t.Errorf("%s row %v", p, r)
				}
			}
			if len(rows) == 0 {
				continue
			}
			id := rows[len(rows)-1]["ID"].(string)
			status, v = get(api + p + "/" + id + "?fields=*")
			if d := dataOf(v); status != 200 || d["ID"] != id || d["objCode"] != code {
				t.Errorf("%s/%s: %d %v", p, id, status, v)
			}
		}
	}
	status, v := get(api + "task/0123456789abcdef0123456789abcdef")
	e, _ := v["error"].(map[string]any)
	if status != 404 || e["class"] != "com.attask.common.NotFoundException" || !strings.Contains(e["message"].(string), "0123456789abcdef0123456789abcdef") {
		t.Errorf("missing task: %d %v", status, v)
	}
	// The signed-in user is a USER like the others.
	_, v = get(api + "user/search?ID=$$USER.ID&fields=emailAddr,title,isActive")
	if rows := rowsOf(t, v); len(rows) != 1 || rows[0]["ID"] != s.SignedInUserID() || rows[0]["emailAddr"] != s.SignedInUserEmail() || rows[0]["isActive"] != true {
		t.Errorf("me: %v", rows)
	}
	s.SetCountShape(false)
	if _, v := get(api + "optask/count"); v["count"] != 500.0 {
		t.Errorf("bare count %v", v)
	}
}

// TestReferencesCollectionsCustomData: nested objects, ref:field to several
// levels, collections, *, DE: fields and parameterValues, and dates in
// Workfront's format.
func TestReferencesCollectionsCustomData(t *testing.T) {
	s, _, get := objServer(t)
	_, v := get(api + "task/search?fields=project,project:name,project:owner:emailAddr,assignedTo,DE:Risk,parameterValues,hours:hours,plannedCompletionDate&$$LIMIT=30")
	for _, r := range rowsOf(t, v) {
		p := r["project"].(map[string]any)
		o := p["owner"].(map[string]any)
		if p["objCode"] != "PROJ" || p["ID"] == "" || p["name"] == "" || o["objCode"] != "USER" || !strings.HasSuffix(o["emailAddr"].(string), "@simcorp.example") {
			t.Fatalf("project: %v", r)
		}
		if a := r["assignedTo"]; a != nil && a.(map[string]any)["objCode"] != "USER" {
			t.Errorf("assignedTo %v", a)
		}
		risk := r["DE:Risk"]
		if risk != "Low" && risk != "Medium" && risk != "High" || r["parameterValues"].(map[string]any)["DE:Risk"] != risk {
			t.Errorf("custom data %v", r)
		}
		if _, ok := r["hours"].([]any); !ok {
			t.Errorf("hours %v", r["hours"])
		}
		d := r["plannedCompletionDate"].(string)
		if _, err := time.Parse(DateLayout, d); err != nil || d[19] != ':' {
			t.Errorf("date %q", d)
		}
	}
	// A project's tasks are the tasks whose projectID is the project.
	_, v = get(api + "proj/search?fields=tasks:status,tasks:assignedTo:name,issues,documents,hours,DE:Budget%20Code,DE:Budget,parameterValues,program:portfolio:name&$$LIMIT=10")
	for _, r := range rowsOf(t, v) {
		id := r["ID"].(string)
		_, tv := get(api + "task/search?projectID=" + id)
		if got, want := len(r["tasks"].([]any)), len(rowsOf(t, tv)); got != 3 || got != want {
			t.Errorf("project %s: %d tasks, task/search %d", id, got, want)
		}
		for _, x := range r["tasks"].([]any) {
			if x.(map[string]any)["status"] == nil {
				t.Errorf("task without status %v", x)
			}
		}
		pv := r["parameterValues"].(map[string]any)
		if r["DE:Budget Code"] != nil && (pv["DE:Budget Code"] != r["DE:Budget Code"] || pv["DE:Budget"] != r["DE:Budget"]) {
			t.Errorf("custom %v", r)
		}
		if p := r["program"]; p != nil && p.(map[string]any)["portfolio"].(map[string]any)["name"] == "" {
			t.Errorf("program %v", p)
		}
	}
	// * is every plain field, and no custom one.
	_, v = get(api + "task/search?fields=*&$$LIMIT=1")
	r := rowsOf(t, v)[0]
	for _, f := range []string{"projectID", "assignedToID", "status", "plannedCompletionDate", "percentComplete", "workRequired"} {
		if _, ok := r[f]; !ok {
			t.Errorf("* lacks %s: %v", f, r)
		}
	}
	if _, ok := r["DE:Risk"]; ok {
		t.Errorf("* has custom data")
	}
	// ref:* and collection:* give every plain field of the nested objects.
	_, v = get(api + "proj/search?fields=tasks:*,owner:*&$$LIMIT=1")
	r = rowsOf(t, v)[0]
	if tk := r["tasks"].([]any)[0].(map[string]any); tk["workRequired"] == nil || r["owner"].(map[string]any)["emailAddr"] == nil {
		t.Errorf("nested *: %v", r)
	}
	// get carries fields too; a custom field the object lacks is left out.
	_, v = get(api + "user/" + s.SignedInUserID() + "?fields=name,emailAddr,DE:Nothing")
	if d := dataOf(v); d["emailAddr"] != simUserEmail || len(d) != 4 {
		t.Errorf("user %v", d)
	}
	// Hours: task → project → portfolio is four levels.
	_, v = get(api + "hour/search?fields=hours,task:project:portfolio:name,owner:emailAddr&$$LIMIT=3")
	for _, r := range rowsOf(t, v) {
		name := r["task"].(map[string]any)["project"].(map[string]any)["portfolio"].(map[string]any)["name"].(string)
		if !strings.HasSuffix(name, "Portfolio") || r["hours"].(float64) <= 0 {
			t.Errorf("hour %v", r)
		}
	}
}

// pathString is the string a row holds at a path ("project:name").
func pathString(r map[string]any, path string) (string, bool) {
	var v any = r
	for _, k := range splitPath(path) {
		m, ok := v.(map[string]any)
		if !ok {
			return "", false
		}
		v = m[k]
	}
	s, ok := v.(string)
	return s, ok
}

// TestFilters checks counts and searches against what the rows themselves
// say, for many modifiers, on plain fields, ref:field and DE: fields.
func TestFilters(t *testing.T) {
	_, _, get := objServer(t)
	tasks := allRows(t, get, "task", "fields=*,DE:Risk,project:name,assignedTo:emailAddr")
	if len(tasks) != 3000 {
		t.Fatalf("%d tasks", len(tasks))
	}
	str := pathString
	num := func(r map[string]any, f string) float64 { return r[f].(float64) }
	cut := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	date := func(r map[string]any) time.Time {
		d, _ := time.Parse(DateLayout, r["plannedCompletionDate"].(string))
		return d
	}
	someName, _ := str(tasks[1500], "project:name")
	cases := []struct {
		query string
		want  func(r map[string]any) bool
	}{
		{"status=CPL", func(r map[string]any) bool { return r["status"] == "CPL" }},
		{"status=CPL&status_Mod=ne", func(r map[string]any) bool { return r["status"] != "CPL" }},
		{"status=NEW,INP&status_Mod=in", func(r map[string]any) bool { return r["status"] != "CPL" }},
		{"status=NEW&status=INP&status_Mod=notin", func(r map[string]any) bool { return r["status"] == "CPL" }},
		{"status=cpl&status_Mod=cieq", func(r map[string]any) bool { return r["status"] == "CPL" }},
		{"percentComplete=50&percentComplete_Mod=gt", func(r map[string]any) bool { return num(r, "percentComplete") > 50 }},
		{"percentComplete=50&percentComplete_Mod=lte", func(r map[string]any) bool { return num(r, "percentComplete") <= 50 }},
		{"workRequired=600&workRequired_Range=1200&workRequired_Mod=between", func(r map[string]any) bool { w := num(r, "workRequired"); return w >= 600 && w <= 1200 }},
		{"plannedCompletionDate=2025-06-01&plannedCompletionDate_Mod=lt", func(r map[string]any) bool { return date(r).Before(cut) }},
		{"plannedCompletionDate=2025-06-01T00:00:00:000%2B0000&plannedCompletionDate_Mod=gte", func(r map[string]any) bool { return !date(r).Before(cut) }},
		{"assignedToID_Mod=isnull", func(r map[string]any) bool { return r["assignedToID"] == nil }},
		{"assignedToID_Mod=notnull", func(r map[string]any) bool { return r["assignedToID"] != nil }},
		{"name=review&name_Mod=cicontains", func(r map[string]any) bool { return strings.Contains(strings.ToLower(r["name"].(string)), "review") }},
		{"name=Review&name_Mod=contains", func(r map[string]any) bool { return strings.Contains(r["name"].(string), "Review") }},
		{"name=%25Build%25&name_Mod=like", func(r map[string]any) bool { return strings.Contains(r["name"].(string), "Build") }},
		{"DE:Risk=High", func(r map[string]any) bool { return r["DE:Risk"] == "High" }},
		{"DE:Risk=high&DE:Risk_Mod=cieq", func(r map[string]any) bool { return r["DE:Risk"] == "High" }},
		{"DE:Risk=Low,Medium&DE:Risk_Mod=in&status=INP", func(r map[string]any) bool { return r["DE:Risk"] != "High" && r["status"] == "INP" }},
		{"project:name=" + url.QueryEscape(someName), func(r map[string]any) bool { n, _ := str(r, "project:name"); return n == someName }},
		{"project:name=website&project:name_Mod=cicontains", func(r map[string]any) bool {
			n, _ := str(r, "project:name")
			return strings.Contains(strings.ToLower(n), "website")
		}},
		{"assignedTo:emailAddr=%25ada%25&assignedTo:emailAddr_Mod=cilike", func(r map[string]any) bool {
			e, ok := str(r, "assignedTo:emailAddr")
			return ok && strings.Contains(e, "ada")
		}},
		{"projectID=" + tasks[7]["projectID"].(string), func(r map[string]any) bool { return r["projectID"] == tasks[7]["projectID"] }},
	}
	for _, c := range cases {
		want := 0
		var ids []string
		for _, r := range tasks {
			if c.want(r) {
				want++
				ids = append(ids, r["ID"].(string))
			}
		}
		_, v := get(api + "task/count?" + c.query)
		if got := dataOf(v)["count"]; got != float64(want) {
			t.Errorf("%s: count %v, want %d", c.query, got, want)
		}
		if want == 0 || want == len(tasks) {
			t.Errorf("%s: matches %d of %d, a weak case", c.query, want, len(tasks))
		}
		got := allRows(t, get, "task", c.query)
		var gotIDs []string
		for _, r := range got {
			gotIDs = append(gotIDs, r["ID"].(string))
		}
		if !slices.Equal(gotIDs, ids) {
			t.Errorf("%s: search gives %d rows, want %d", c.query, len(gotIDs), len(ids))
		}
	}
}

// TestProjectFilters: DE: fields, references and nulls on projects.
func TestProjectFilters(t *testing.T) {
	_, _, get := objServer(t)
	str := pathString
	projects := allRows(t, get, "proj", "fields=DE:Budget%20Code,DE:Budget,programID,portfolio:name")
	pcases := []struct {
		query string
		want  func(r map[string]any) bool
	}{
		{"DE:Budget%20Code=BC-146", func(r map[string]any) bool { return r["DE:Budget Code"] == "BC-146" }},
		{"DE:Budget=100000&DE:Budget_Mod=gte", func(r map[string]any) bool { b, ok := r["DE:Budget"].(float64); return ok && b >= 100000 }},
		{"DE:Budget_Mod=isnull", func(r map[string]any) bool { return r["DE:Budget"] == nil }},
		{"programID_Mod=isnull", func(r map[string]any) bool { return r["programID"] == nil }},
		{"portfolio:name=Brand%20Portfolio", func(r map[string]any) bool { n, _ := str(r, "portfolio:name"); return n == "Brand Portfolio" }},
	}
	for _, c := range pcases {
		want := 0
		for _, r := range projects {
			if c.want(r) {
				want++
			}
		}
		_, v := get(api + "proj/count?" + c.query)
		if got := dataOf(v)["count"]; got != float64(want) || want == 0 || want == len(projects) {
			t.Errorf("%s: count %v, want %d of %d", c.query, got, want, len(projects))
		}
	}
}

// TestTaskPagingEveryRowOnce: sorted by a field with many ties and ID as
// the tiebreak, pages of 2,000 give every task exactly once, in order.
func TestTaskPagingEveryRowOnce(t *testing.T) {
	_, _, get := objServer(t)
	for _, sort := range []string{"status_1_Sort=asc", "DE:Risk_1_Sort=desc", "project:name_1_Sort=asc", "percentComplete_1_Sort=desc"} {
		var rows []map[string]any
		for first := 0; first < 4000; first += 2000 {
			_, v := get(fmt.Sprintf("%stask/search?fields=status,DE:Risk,percentComplete&%s&ID_2_Sort=asc&$$FIRST=%d&$$LIMIT=2000", api, sort, first))
			rows = append(rows, rowsOf(t, v)...)
		}
		seen := map[string]bool{}
		for i, r := range rows {
			id := r["ID"].(string)
			if seen[id] {
				t.Fatalf("%s: %s twice", sort, id)
			}
			seen[id] = true
			if i == 0 || sort == "project:name_1_Sort=asc" {
				continue
			}
			p, key := rows[i-1], strings.Split(sort, "_1_Sort")[0]
			c := compareValues(p[key], r[key])
			if strings.HasSuffix(sort, "desc") {
				c = -c
			}
			if c > 0 || c == 0 && p["ID"].(string) > id {
				t.Fatalf("%s: out of order at %d: %v then %v", sort, i, p, r)
			}
		}
		if len(seen) != 3000 {
			t.Errorf("%s: %d distinct tasks", sort, len(seen))
		}
	}
}

// TestObjectErrors: Workfront's error classes, statuses and messages.
func TestObjectErrors(t *testing.T) {
	_, srv, get := objServer(t)
	check := func(path string, status int, class, mention string) {
		t.Helper()
		code, v := get(path)
		e, _ := v["error"].(map[string]any)
		if code != status || e["class"] != class || !strings.Contains(e["message"].(string), mention) {
			t.Errorf("%s: %d %v", path, code, v)
		}
	}
	check(api+"widget/search", 404, "com.attask.common.NotFoundException", "widget")
	check(api+"task/search?fields=bogus", 422, "com.attask.common.InvalidParameterException", "bogus")
	check(api+"task/search?fields=project:bogus", 422, "com.attask.common.InvalidParameterException", "project:bogus")
	check(api+"task/search?fields=status:name", 422, "com.attask.common.InvalidParameterException", "status:name")
	check(api+"proj/search?fields=status,nosuch", 422, "com.attask.common.InvalidParameterException", "APIModel V21_0 does not support field nosuch (Project)")
	check(api+"proj/search?nosuch=1", 422, "com.attask.common.InvalidParameterException", "nosuch")
	check(api+"task/count?project:nosuch=1", 422, "com.attask.common.InvalidParameterException", "project:nosuch")
	check(api+"task/search?nosuch_Sort=asc", 422, "com.attask.common.InvalidParameterException", "nosuch")
	check(api+"task/search?$$LIMIT=2001", 422, "com.attask.common.InvalidParameterException", "2000")
	check(api+"task/search?percentComplete=lots&percentComplete_Mod=gt", 422, "com.attask.common.InvalidParameterException", "percentComplete")
	check(api+"proj/0123", 404, "com.attask.common.NotFoundException", "0123")
	code, body := apiGet(t, srv, "not-a-session", api+"task/search")
	if code != 401 || !strings.Contains(body, "com.attask.common.AuthenticationException") {
		t.Errorf("bad session: %d %s", code, body)
	}
}

// TestErrorBody: an error carries code 0, title null, msgKey
// "exception.attask" and attributes [""], as fixtures/removeFailure.json.
func TestErrorBody(t *testing.T) {
	s, srv := newServer(t, Options{Projects: 10})
	sid := newSession(t, s, srv)
	for _, c := range []struct{ sid, path string }{{sid, api + "task/search?fields=bogus"}, {"", api + "task/search"}, {sid, api + "widget/1"}} {
		code, body := apiGet(t, srv, c.sid, c.path)
		want := `","title":null,"msgKey":"exception.attask","attributes":[""],"code":0}}` + "\n"
		if code < 400 || !strings.HasPrefix(body, `{"error":{"class":"com.attask.common.`) || !strings.HasSuffix(body, want) {
			t.Errorf("%s: %d %s", c.path, code, body)
		}
	}
}

// TestMoreFieldsSameRows: asking for more fields changes no row or order.
func TestMoreFieldsSameRows(t *testing.T) {
	_, _, get := objServer(t)
	for _, q := range []string{"name_1_Sort=asc&ID_2_Sort=asc", "status=CUR,PLN&status_Mod=in&owner:name_Sort=desc", "name=phase&name_Mod=cicontains&percentComplete_Sort=asc", ""} {
		_, few := get(api + "proj/search?fields=status,owner:name&$$LIMIT=500&" + q)
		_, more := get(api + "proj/search?fields=status,owner:name,programID&$$LIMIT=500&" + q)
		f, s := rowsOf(t, few), rowsOf(t, more)
		if len(f) != len(s) || len(f) == 0 {
			t.Fatalf("%s: %d vs %d rows", q, len(f), len(s))
		}
		for i := range f {
			if f[i]["ID"] != s[i]["ID"] || fmt.Sprint(f[i]["owner"]) != fmt.Sprint(s[i]["owner"]) || f[i]["status"] != s[i]["status"] {
				t.Fatalf("%s row %d: %v vs %v", q, i, f[i], s[i])
			}
		}
	}
}

// TestWorldIsDeterministic: two simulators hold the same instance.
func TestWorldIsDeterministic(t *testing.T) {
	a, b := buildWorld(newDataset(1200)), buildWorld(newDataset(1200))
	all := &ftree{}
	for _, f := range []string{"*", "parameterValues"} {
		all.add([]string{f})
	}
	for k, ta := range a.types {
		tb := b.types[k]
		if ta.code != tb.code || ta.n != tb.n {
			t.Fatalf("%s/%s: %d vs %d", ta.code, tb.code, ta.n, tb.n)
		}
		for i := range ta.n {
			x, y := appendObject(nil, ta, i, all), appendObject(nil, tb, i, all)
			if string(x) != string(y) {
				t.Fatalf("%s row %d differs:\n%s\n%s", ta.code, i, x, y)
			}
		}
	}
	if a.byCode["TASK"].n != 3000 || a.byCode["HOUR"].n != 2000 {
		t.Errorf("tasks %d hours %d", a.byCode["TASK"].n, a.byCode["HOUR"].n)
	}
}
