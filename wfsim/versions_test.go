package wfsim

import (
	"strings"
	"testing"
)

// TestVersionsDifferAsTheTableSays: each version's metadata has exactly
// the table's types and fields, and a version answers what it lacks as
// Workfront answers an unknown type or field.
func TestVersionsDifferAsTheTableSays(t *testing.T) {
	_, _, get := objServer(t)
	has := func(version, obj, field string) bool {
		t.Helper()
		path := "/attask/api/" + version + "/" + obj + "/metadata"
		if field == "" {
			_, v := get("/attask/api/" + version + "/metadata")
			for _, o := range dataOf(v)["objects"].(map[string]any) {
				if o.(map[string]any)["objCode"] == obj {
					return true
				}
			}
			return false
		}
		code, v := get(path)
		if code != 200 {
			t.Fatalf("%s: %d %v", path, code, v)
		}
		_, ok := dataOf(v)["fields"].(map[string]any)[field]
		return ok
	}
	for _, c := range VersionChanges() {
		for _, version := range []string{"v20.0", "v21.0", "v22.0"} {
			want := versionNumber(version) >= versionNumber(c.Since)
			if got := has(version, c.ObjCode, c.Field); got != want {
				t.Errorf("%s %s %q: has it %v, want %v", version, c.ObjCode, c.Field, got, want)
			}
		}
	}
	code, v := get("/attask/api/v20.0/teamob/search")
	if code != 404 || !strings.Contains(errMessage(v), "Unknown object type teamob") {
		t.Errorf("a type v20.0 lacks: %d %v", code, v)
	}
	refused(t, get, "/attask/api/v20.0/user/search?fields=title", "APIModel V20_0 does not support field title (User)")
	refused(t, get, "/attask/api/v20.0/task/search?workRequired=8", "does not support field workRequired")
	refused(t, get, "/attask/api/v21.0/proj/search?fields=referenceNumber", "APIModel V21_0 does not support field referenceNumber")
	if code, _ := get("/attask/api/v22.0/proj/search?fields=referenceNumber"); code != 200 {
		t.Errorf("v22.0 has referenceNumber: %d", code)
	}
	_, v = get("/attask/api/v20.0/task/search?fields=*&$$LIMIT=1")
	if row := rowsOf(t, v)[0]; row["workRequired"] != nil || row["name"] == nil {
		t.Errorf("v20.0's * holds what it has only: %v", row)
	}
}

// TestVersionsShareRows: a value written through one version is what the
// others read and sort by; a field the version lacks cannot be written.
func TestVersionsShareRows(t *testing.T) {
	w := newWriter(t)
	top := func(version string) map[string]any {
		t.Helper()
		code, v := w.send("GET", "/attask/api/"+version+"/task/search", "name_Sort=desc&$$LIMIT=1&fields=name", "")
		if code != 200 {
			t.Fatalf("%d %v", code, v)
		}
		return rowsOf(t, v)[0]
	}
	first := top("v20.0")
	code, v := w.send("GET", "/attask/api/v20.0/task/search", "ID_Sort=desc&$$LIMIT=1", "")
	last := rowsOf(t, v)[0]["ID"].(string)
	if code != 200 || last == first["ID"] {
		t.Fatalf("%d %v", code, v)
	}
	if code, v := w.put("/attask/api/v20.0/task/"+last, `{"name":"zzzz"}`); code != 200 {
		t.Fatalf("%d %v", code, v)
	}
	for _, version := range []string{"v20.0", "v21.0", "v22.0"} {
		if row := top(version); row["ID"] != last || row["name"] != "zzzz" {
			t.Errorf("%s: %v", version, row)
		}
	}
	code, v = w.put("/attask/api/v20.0/task/"+last, `{"workRequired":3}`)
	if code != 422 || !strings.Contains(errMessage(v), "APIModel V20_0 does not support field workRequired (Task)") {
		t.Errorf("%d %v", code, v)
	}
}
