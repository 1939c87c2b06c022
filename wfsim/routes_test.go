package wfsim

import (
	"strings"
	"testing"
)

// TestUnversionedPathIsTheNewest: /attask/api/<obj>/… with no version is
// answered as v22.0.
func TestUnversionedPathIsTheNewest(t *testing.T) {
	_, _, get := objServer(t)
	if got := countOf(get, "/attask/api/proj/count?status=CUR"); got != countOf(get, api+"proj/count?status=CUR") || got <= 0 {
		t.Errorf("unversioned count: %d", got)
	}
	if code, v := get("/attask/api/proj/search?fields=status&$$LIMIT=2"); code != 200 || len(rowsOf(t, v)) != 2 {
		t.Errorf("unversioned search: %d %v", code, v)
	}
	if _, v := get("/attask/api/session"); dataOf(v)["userID"] == nil {
		t.Errorf("unversioned session: %v", v)
	}
	if _, v := get("/attask/api/proj/metadata"); !strings.HasSuffix(dataOf(v)["url"].(string), "/attask/api/proj/metadata") {
		t.Errorf("unversioned metadata: %v", v)
	}
	refused(t, get, "/attask/api/proj/search?fields=nosuch", "APIModel V22_0")
	for _, p := range []string{"/attask/api/v21.0", "/attask/api/", "/attask/api/v21.0/proj/search/more"} {
		if code, _ := get(p); code != 404 {
			t.Errorf("%s: %d", p, code)
		}
	}
}

// TestBulkGetAndUser: GET <obj>?id=a&id=b is a list in the IDs' order, one
// id an object; $$USER names the signed-in user as an ID.
func TestBulkGetAndUser(t *testing.T) {
	s, _, get := objServer(t)
	a, b := s.dataset().projects[5].ID, s.dataset().projects[2].ID
	code, v := get(api + "proj?id=" + a + "&id=" + b + "&fields=name,status")
	rows := rowsOf(t, v)
	if code != 200 || names(rows, "ID") != a+","+b || rows[0]["status"] == nil || rows[1]["objCode"] != "PROJ" {
		t.Errorf("two IDs: %d %v", code, v)
	}
	if _, v := get(api + "proj?id=" + a + "&fields=status"); dataOf(v)["ID"] != a || dataOf(v)["status"] == nil {
		t.Errorf("one ID: %v", v)
	}
	code, v = get(api + "proj?id=" + a + "&id=nosuch")
	if e, _ := v["error"].(map[string]any); code != 404 || e["class"] != "com.attask.common.NotFoundException" || !strings.Contains(e["message"].(string), "nosuch") {
		t.Errorf("an unknown ID among two: %d %v", code, v)
	}
	refused(t, get, api+"proj", "id=<ID>")
	refused(t, get, api+"proj?id="+a+"&fields=nosuch", "nosuch")
	me := s.SignedInUserID()
	for _, p := range []string{"user/$$USER?fields=emailAddr", "user?id=%24%24USER&fields=emailAddr", "USER?id=$$USER&fields=emailAddr"} {
		if code, v := get(api + p); code != 200 || dataOf(v)["ID"] != me || dataOf(v)["emailAddr"] != simUserEmail || dataOf(v)["objCode"] != "USER" {
			t.Errorf("%s: %d %v", p, code, v)
		}
	}
	if code, _ := get(api + "proj/$$USER"); code != 404 {
		t.Errorf("$$USER as a project: %d", code)
	}
}

// TestMyWork: work/myWork is the signed-in user's open tasks (assigned)
// and issues (owned), with objCode and the fields asked for.
func TestMyWork(t *testing.T) {
	_, _, get := objServer(t)
	tasks := rowsOf(t, func() map[string]any {
		_, v := get(api + "task/search?assignedToID=$$USER&status=CPL&status_Mod=ne&ID_Sort=asc&$$LIMIT=2000")
		return v
	}())
	issues := rowsOf(t, func() map[string]any {
		_, v := get(api + "optask/search?ownerID=$$USER&status=CPL&status_Mod=ne&ID_Sort=asc&$$LIMIT=2000")
		return v
	}())
	code, v := get(api + "work/myWork?fields=status,assignedTo:name&$$LIMIT=2000")
	rows := rowsOf(t, v)
	if code != 200 || len(tasks) == 0 || len(issues) == 0 || names(rows, "ID") != names(append(tasks, issues...), "ID") {
		t.Fatalf("myWork: %d, %d rows; want %d tasks and %d issues", code, len(rows), len(tasks), len(issues))
	}
	for i, r := range rows {
		want := "TASK"
		if i >= len(tasks) {
			want = "OPTASK"
		}
		_, hasAssignee := r["assignedTo"]
		if r["objCode"] != want || r["status"] == "CPL" || r["name"] == nil || hasAssignee != (want == "TASK") {
			t.Errorf("row %d: %v", i, r)
		}
	}
	if _, v := get(api + "work/myWork"); len(rowsOf(t, v)) != min(100, len(rows)) {
		t.Errorf("myWork pages by 100 by default")
	}
	refused(t, get, api+"work/myWork?fields=nosuch", "nosuch")
	refused(t, get, api+"work/myWork?status=CUR", "work/myWork")
	if code, _ := get(api + "work/theirWork"); code != 404 {
		t.Errorf("another named query: %d", code)
	}
}
