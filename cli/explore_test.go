package cli

import (
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/wfsim"
)

// connectedRig is a rig whose web profile "acme" is signed in to wfsim.
func connectedRig(t *testing.T, projects int) *rig {
	t.Helper()
	r := newRig(t, wfsim.Options{Projects: projects})
	r.addProfile("acme", "basic-json")
	if _, errOut, code := r.run("", "login", "acme"); code != 0 {
		t.Fatalf("login: exit %d: %s", code, errOut)
	}
	return r
}

// TestSearchCountShapes: search and count over real HTTP against wfsim; the
// table, JSON and CSV shapes; --all over more than 2000 rows gives each
// object once.
func TestSearchCountShapes(t *testing.T) {
	r := connectedRig(t, 4500)
	out, errOut, code := r.run("", "count", "acme", "proj")
	if code != 0 || strings.TrimSpace(out) != "4500" {
		t.Fatalf("count: exit %d, %q %s", code, out, errOut)
	}
	out, _, code = r.run("", "count", "acme", "PROJECT", "status=CUR")
	cur, err := strconv.Atoi(strings.TrimSpace(out))
	if code != 0 || err != nil || cur == 0 || cur >= 4500 {
		t.Fatalf("count with a filter: exit %d, %q", code, out)
	}

	out, errOut, code = r.run("", "search", "acme", "proj", "status=CUR", "--fields", "name,status,owner:name", "--limit", "5")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 6 || !strings.HasPrefix(lines[0], "ID") || !strings.Contains(lines[0], "OWNER:NAME") || !strings.Contains(lines[1], "CUR") {
		t.Errorf("table: exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "Showing the first 5") {
		t.Errorf("no hint that there is more: %q", errOut)
	}

	out, _, code = r.run("", "search", "acme", "proj", "status=CUR", "--fields", "name,owner:name", "--all", "--json")
	var objs []map[string]any
	if err := json.Unmarshal([]byte(out), &objs); err != nil || code != 0 {
		t.Fatalf("--json: exit %d, %v\n%.300s", code, err, out)
	}
	seen := map[string]bool{}
	for _, o := range objs {
		id, _ := o["ID"].(string)
		if seen[id] {
			t.Errorf("%s twice", id)
		}
		seen[id] = true
		if owner, ok := o["owner"].(map[string]any); !ok || owner["name"] == "" {
			t.Errorf("the owner is not a nested object: %v", o["owner"])
			break
		}
	}
	if len(objs) != cur {
		t.Errorf("--all --json gave %d of %d", len(objs), cur)
	}

	out, _, code = r.run("", "search", "acme", "proj", "--fields", "name,owner:name", "--all", "--csv", "--sort", "name:desc")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || code != 0 || len(rows) != 4501 {
		t.Fatalf("--csv: exit %d, %d rows, %v", code, len(rows), err)
	}
	if h := strings.Join(rows[0], ","); !strings.HasPrefix(h, "ID,name,objCode,owner:") || !strings.Contains(h, "owner:name") {
		t.Errorf("CSV header %q", h)
	}
	if rows[1][1] < rows[2][1] {
		t.Errorf("--sort name:desc: %q before %q", rows[1][1], rows[2][1])
	}

	out, _, code = r.run("", "search", "acme", "proj", "name=nothing-like-this", "name_Mod=cicontains", "--json")
	if code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("an empty --json: exit %d %q", code, out)
	}
}

// TestSearchBadInput: filters and flags people get wrong are named.
func TestSearchBadInput(t *testing.T) {
	r := connectedRig(t, 10)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"search", "acme", "proj", "status"}, ExitUsage, `wfconnect: "status" is not a filter: write field=value`},
		{[]string{"search", "acme", "proj", "$$LIMIT=5"}, ExitUsage, "$$LIMIT is set by wfconnect"},
		{[]string{"search", "acme", "proj", "--limit", "5000"}, ExitUsage, "--limit must be between 1 and 2000"},
		{[]string{"search", "acme", "proj", "--json", "--csv"}, ExitUsage, "--json and --csv contradict each other"},
		{[]string{"search", "acme", "proj", "--sort", "name:sideways"}, ExitUsage, `--sort "name:sideways": write FIELD or FIELD:desc`},
		{[]string{"search", "acme", "proj/../user"}, ExitError, `"proj/../user" is not a Workfront object type`},
		{[]string{"get", "acme", "proj", "a/b"}, ExitError, `"a/b" is not a Workfront ID.`},
	} {
		_, errOut, code := r.run("", tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, %q; want exit %d and %q", tc.args, code, errOut, tc.code, tc.want)
		}
	}
}

// TestGetFindMetadataAndTheTwoErrors: get, find and metadata against
// wfsim's small Workfront; an unknown type is named with close matches,
// an unknown field in Workfront's words; tasks page past 2000 once each.
func TestGetFindMetadataAndTheTwoErrors(t *testing.T) {
	r := connectedRig(t, 1200)
	out, errOut, code := r.run("", "search", "acme", "task", "DE:Risk=High", "--fields", "name,project:name,assignedTo:name,DE:Risk", "--limit", "3", "--json")
	var tasks []map[string]any
	if err := json.Unmarshal([]byte(out), &tasks); err != nil || code != 0 || len(tasks) != 3 {
		t.Fatalf("task search: exit %d %v\n%s%s", code, err, out, errOut)
	}
	task := tasks[0]
	if task["DE:Risk"] != "High" || task["objCode"] != "TASK" {
		t.Errorf("task %v", task)
	}
	project, _ := task["project"].(map[string]any)
	if project == nil || project["name"] == "" {
		t.Errorf("the task's project is not a nested object: %v", task["project"])
	}

	id, _ := task["ID"].(string)
	out, errOut, code = r.run("", "get", "acme", "task", id, "--fields", "name,status,project:name")
	if code != 0 || !strings.Contains(out, "project:name") || !strings.Contains(out, id) {
		t.Errorf("get: exit %d\n%s%s", code, out, errOut)
	}
	out, _, code = r.run("", "get", "acme", "TASK", id, "--json")
	var one map[string]any
	if json.Unmarshal([]byte(out), &one) != nil || code != 0 || one["ID"] != id {
		t.Errorf("get --json: exit %d %s", code, out)
	}
	out, errOut, code = r.run("", "find", "acme", id)
	if code != 0 || !strings.HasPrefix(out, "TASK\t") {
		t.Errorf("find: exit %d %q %s", code, out, errOut)
	}
	_, errOut, code = r.run("", "find", "acme", "no-such-id")
	if code != ExitError || !strings.Contains(errOut, `No object with the ID "no-such-id" among the types proj, task, optask`) {
		t.Errorf("find of nothing: exit %d %q", code, errOut)
	}

	out, errOut, code = r.run("", "metadata", "acme")
	if code != 0 || !strings.Contains(out, "PROJ") || !strings.Contains(out, "OPTASK") {
		t.Errorf("metadata: exit %d\n%s%s", code, out, errOut)
	}
	out, errOut, code = r.run("", "metadata", "acme", "task")
	if code != 0 || !strings.Contains(out, "DE:Risk") || !strings.Contains(out, "(custom: Task Extras)") || !strings.Contains(out, "assignedTo") || !strings.Contains(out, "USER") {
		t.Errorf("metadata task: exit %d\n%s%s", code, out, errOut)
	}

	_, errOut, code = r.run("", "search", "acme", "tsk")
	if code != ExitError || !strings.Contains(errOut, `This Workfront has no object type "tsk". Did you mean task (Task)?`) {
		t.Errorf("unknown type: exit %d %q", code, errOut)
	}
	_, errOut, code = r.run("", "count", "acme", "widget")
	if code != ExitError || !strings.Contains(errOut, `no object type "widget"`) {
		t.Errorf("unknown type without a close match: exit %d %q", code, errOut)
	}
	_, errOut, code = r.run("", "search", "acme", "task", "--fields", "name,bogus")
	if code != ExitError || !strings.Contains(errOut, "bogus") {
		t.Errorf("unknown field: exit %d %q", code, errOut)
	}

	out, _, code = r.run("", "search", "acme", "task", "--fields", "name", "--all", "--csv")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || code != 0 || len(rows) != 3001 {
		t.Fatalf("tasks --all: exit %d, %d rows, %v", code, len(rows), err)
	}
	seen := map[string]bool{}
	for _, row := range rows[1:] {
		if seen[row[0]] {
			t.Errorf("task %s twice", row[0])
		}
		seen[row[0]] = true
	}
}
