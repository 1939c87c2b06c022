package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/wfsim"
)

// writeRig is a rig with a signed-in connection "acme" to wfsim (plain
// http on loopback: the simulated lane, confirm by default).
func writeRig(t *testing.T) *rig {
	t.Helper()
	r := newRig(t, wfsim.Options{Projects: 100}) // 300 tasks
	r.addProfile("acme", "basic-json")
	if _, errOut, code := r.run("", "login", "acme"); code != 0 {
		t.Fatalf("login: %s", errOut)
	}
	return r
}

// taskIDs are n tasks' IDs, as search finds them.
func (r *rig) taskIDs(n int) []string {
	r.t.Helper()
	out, errOut, code := r.run("", "search", "acme", "task", "--fields", "ID", "--limit", fmt.Sprint(n), "--json")
	if code != 0 {
		r.t.Fatalf("search: %s", errOut)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != n {
		r.t.Fatalf("search gave %d rows (%v): %s", len(rows), err, out)
	}
	ids := make([]string, n)
	for i, row := range rows {
		ids[i], _ = row["ID"].(string)
	}
	return ids
}

func (r *rig) percent(id string) string {
	r.t.Helper()
	v, ok := r.sim.Value("TASK", id, "percentComplete")
	if !ok {
		r.t.Fatalf("no task %s", id)
	}
	return fmt.Sprint(v)
}

// puts are the write requests wfsim saw.
func (r *rig) puts() int { return r.sim.CountWrites() }

// One edit, the journal in JSON, and revert; --dry-run sends nothing.
func TestUpdateJournalRevert(t *testing.T) {
	r := writeRig(t)
	id := r.taskIDs(1)[0]
	before := r.percent(id)
	out, errOut, code := r.run("", "update", "acme", "task", id, "percentComplete=50", "--dry-run")
	if code != 0 || !strings.Contains(out, "-> 50") || !strings.Contains(out, id) || r.puts() != 0 {
		t.Fatalf("dry run: exit %d, %d writes\n%s%s", code, r.puts(), out, errOut)
	}
	if _, errOut, code := r.run("", "update", "acme", "task", id, "percentComplete=50", "--yes"); code != 0 || r.percent(id) != "50" {
		t.Fatalf("update: exit %d, holds %s: %s", code, r.percent(id), errOut)
	}
	out, _, code = r.run("", "journal", "acme", "--json")
	var changes []map[string]any
	if err := json.Unmarshal([]byte(out), &changes); code != 0 || err != nil || len(changes) != 1 {
		t.Fatalf("journal --json: exit %d, %v: %s", code, err, out)
	}
	c := changes[0]
	for _, k := range []string{"id", "time", "objCode", "objID", "changes", "outcome"} {
		if _, ok := c[k]; !ok {
			t.Errorf("journal --json has no %s: %v", k, c)
		}
	}
	pc, _ := c["changes"].(map[string]any)["percentComplete"].(map[string]any)
	if c["objID"] != id || c["objCode"] != "TASK" || c["outcome"] != "changed" || pc["after"] != 50.0 || fmt.Sprint(pc["before"]) != before {
		t.Errorf("journal --json: %v", c)
	}
	if _, errOut, code := r.run("", "revert", "acme", c["id"].(string), "--yes"); code != 0 || r.percent(id) != before {
		t.Fatalf("revert: exit %d, holds %s, want %s: %s", code, r.percent(id), before, errOut)
	}
	out, _, _ = r.run("", "journal", "acme", "--json")
	var after []map[string]any
	json.Unmarshal([]byte(out), &after)
	if len(after) != 2 || after[0]["revertOf"] != c["id"] || after[1]["id"] != c["id"] {
		t.Errorf("after revert the journal has: %v", after)
	}
}

// Without --yes and without a terminal nothing is sent: exit 2, saying to
// add --yes. In direct mode nothing is asked. Read-only refuses with exit
// 1 before any request of the write.
func TestUpdateConfirmAndModes(t *testing.T) {
	r := writeRig(t)
	id := r.taskIDs(1)[0]
	_, errOut, code := r.run("", "update", "acme", "task", id, "percentComplete=51")
	if code != ExitUsage || !strings.Contains(errOut, "--yes") || r.puts() != 0 {
		t.Fatalf("no --yes: exit %d, %d writes: %s", code, r.puts(), errOut)
	}
	if _, errOut, code := r.run("", "profile", "set", "acme", "--writes", "read-only"); code != 0 {
		t.Fatal(errOut)
	}
	r.sim.ResetLog()
	_, errOut, code = r.run("", "update", "acme", "task", id, "percentComplete=52", "--yes")
	if code != ExitError || !strings.Contains(errOut, "read-only") || !strings.Contains(errOut, "--writes") {
		t.Fatalf("read-only: exit %d: %s", code, errOut)
	}
	if n := len(r.sim.Requests()); n != 0 {
		t.Fatalf("a refused write made %d requests: %+v", n, r.sim.Requests())
	}
	if _, errOut, code := r.run("", "profile", "set", "acme", "--writes", "direct"); code != 0 {
		t.Fatal(errOut)
	}
	if _, errOut, code := r.run("", "update", "acme", "task", id, "percentComplete=53"); code != 0 || r.percent(id) != "53" {
		t.Fatalf("direct: exit %d, holds %s: %s", code, r.percent(id), errOut)
	}
}

// --from a file writes the results beside it, exit 1 naming the failed
// row; --from the results file sends the failed rows only.
func TestUpdateFromFileAndRetry(t *testing.T) {
	r := writeRig(t)
	ids := r.taskIDs(120)
	var b strings.Builder
	b.WriteString("ID,percentComplete,assignedToID\n")
	for i, id := range ids {
		assignee := ""
		if i == 7 {
			assignee = "0000000000000000000000000000dead" // no user: Workfront refuses it
		}
		fmt.Fprintf(&b, "%s,63.5,%s\n", id, assignee)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "tasks.csv")
	os.WriteFile(in, []byte(b.String()), 0o600)
	_, errOut, code := r.run("", "update", "acme", "task", "--from", in, "--yes")
	if code != ExitError {
		t.Fatalf("a failed row: exit %d: %s", code, errOut)
	}
	results, err := os.ReadFile(filepath.Join(dir, "tasks.results.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(results)), "\n")
	if len(lines) != 121 || !strings.HasPrefix(lines[8], ids[7]+",failed,") || strings.Count(string(results), ",changed,") != 119 {
		t.Fatalf("results file:\n%s", results)
	}
	for i, id := range ids {
		if (r.percent(id) == "63.5") != (i != 7) {
			t.Fatalf("row %d holds %s", i, r.percent(id))
		}
	}
	// The row is fixed behind wfconnect's back: Retry failed sends it only.
	r.sim.ResetLog()
	fixed := strings.Replace(string(results), "0000000000000000000000000000dead", r.sim.SignedInUserID(), -1)
	os.WriteFile(filepath.Join(dir, "tasks.results.csv"), []byte(fixed), 0o600)
	_, errOut, code = r.run("", "update", "acme", "task", "--from", filepath.Join(dir, "tasks.results.csv"), "--yes")
	if code != 0 || r.percent(ids[7]) != "63.5" {
		res, _ := os.ReadFile(filepath.Join(dir, "tasks.results-2.csv"))
		t.Fatalf("retry: exit %d, holds %s: %s\n%s", code, r.percent(ids[7]), errOut, res)
	}
	if n := r.puts(); n != 1 {
		t.Errorf("retry made %d writes, want 1 (the failed row only)", n)
	}
}

// --where ... --set over --max is refused: exit 1, nothing sent.
func TestUpdateQueryOverMax(t *testing.T) {
	r := writeRig(t)
	_, errOut, code := r.run("", "update", "acme", "task", "--where", "ID_Mod=notnull", "--set", "percentComplete=5", "--max", "10", "--yes")
	if code != ExitError || !strings.Contains(errOut, "--max") || r.puts() != 0 {
		t.Fatalf("exit %d, %d writes: %s", code, r.puts(), errOut)
	}
}
