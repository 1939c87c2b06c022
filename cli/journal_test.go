package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// revert after a change behind wfconnect's back is refused (exit 1,
// nothing sent) unless --force; journal prints an empty array at first.
func TestRevertRefusedAfterTouch(t *testing.T) {
	r := writeRig(t)
	if out, _, code := r.run("", "journal", "acme", "--json"); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Fatalf("an empty journal: exit %d: %s", code, out)
	}
	id := r.taskIDs(1)[0]
	before := r.percent(id)
	if _, errOut, code := r.run("", "update", "acme", "task", id, "percentComplete=44", "--yes"); code != 0 {
		t.Fatal(errOut)
	}
	out, _, _ := r.run("", "journal", "acme", "--json")
	var changes []map[string]any
	if err := json.Unmarshal([]byte(out), &changes); err != nil || len(changes) != 1 {
		t.Fatalf("%v: %s", err, out)
	}
	if err := r.sim.Touch("TASK", id, "percentComplete", 12.0); err != nil {
		t.Fatal(err)
	}
	writes := r.puts()
	_, errOut, code := r.run("", "revert", "acme", changes[0]["id"].(string), "--yes")
	if code != ExitError || !strings.Contains(errOut, "--force") || r.puts() != writes || r.percent(id) != "12" {
		t.Fatalf("revert after a touch: exit %d, %d writes, holds %s: %s", code, r.puts()-writes, r.percent(id), errOut)
	}
	if _, errOut, code := r.run("", "revert", "acme", changes[0]["id"].(string), "--yes", "--force"); code != 0 || r.percent(id) != before {
		t.Fatalf("forced revert: exit %d, holds %s, want %s: %s", code, r.percent(id), before, errOut)
	}
}
