package cli

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/wfsim"
)

// TestSubscriptionsListCopyDelete: over real HTTP against two wfsim
// instances: the list with tokens masked, a copy planned (--dry-run sends
// nothing) then sent (what the sandbox has is not sent again), a delete,
// a read-only connection refused before any request, a non-admin in words.
func TestSubscriptionsListCopyDelete(t *testing.T) {
	r := sandboxRig(t)
	out, errOut, code := r.run("", "subscriptions", "acme")
	if code != 0 || !strings.Contains(out, "PROJ") || !strings.Contains(out, "status eq CUR") || !strings.Contains(out, "••••1234") || strings.Contains(out, "acme-hook-token") {
		t.Fatalf("list: exit %d\n%s%s", code, out, errOut)
	}
	out, _, _ = r.run("", "subscriptions", "acme", "--json", "--show-auth-tokens")
	var subs []struct{ ID, ObjCode, AuthToken string }
	if err := json.Unmarshal([]byte(out), &subs); err != nil || len(subs) != 3 || subs[0].AuthToken != "acme-hook-token-1234" {
		t.Fatalf("--json: %v %+v", err, subs)
	}
	ids := []string{subs[0].ID, subs[1].ID}
	out, errOut, code = r.run("", append([]string{"subscriptions", "acme", "copy"}, append(ids, "--to", "sandbox", "--dry-run")...)...)
	if code != 0 || !strings.Contains(out, "PROJ UPDATE -> https://hooks.example.com/wf/projects: to create") || !strings.Contains(out, "TASK CREATE -> https://hooks.example.com/wf/tasks: already there") || !strings.Contains(errOut, "Nothing was sent") {
		t.Fatalf("dry run: exit %d\n%s%s", code, out, errOut)
	}
	if n := len(strings.Split(strings.TrimSpace(mustRun(t, r, "subscriptions", "sandbox")), "\n")); n != 2 {
		t.Errorf("the dry run sent something: %d lines", n)
	}
	_, errOut, code = r.run("", append([]string{"subscriptions", "acme", "copy"}, append(ids, "--to", "sandbox", "--yes")...)...)
	if code != 0 || !strings.Contains(errOut, "Created") {
		t.Fatalf("copy: exit %d %s", code, errOut)
	}
	if n := len(strings.Split(strings.TrimSpace(mustRun(t, r, "subscriptions", "sandbox")), "\n")); n != 3 {
		t.Errorf("after the copy the sandbox lists %d lines, want a header and 2", n)
	}
	_, errOut, code = r.run("", "subscriptions", "acme", "delete", subs[2].ID, "--yes")
	if code != 0 || !strings.Contains(errOut, "Deleted") {
		t.Fatalf("delete: exit %d %s", code, errOut)
	}
	_, errOut, code = r.run("", "subscriptions", "acme", "get", subs[2].ID)
	if code == 0 || !strings.Contains(errOut, "no event subscription with this ID") {
		t.Errorf("get deleted: exit %d %s", code, errOut)
	}
	if _, _, code := r.run("", "profile", "set", "acme", "--writes", "read-only"); code != 0 {
		t.Fatal("profile set --writes read-only")
	}
	before := len(r.sim.SubscriptionRequests())
	_, errOut, code = r.run("", "subscriptions", "acme", "delete", subs[0].ID, "--yes")
	if code == 0 || !strings.Contains(errOut, "read-only") || len(r.sim.SubscriptionRequests()) != before {
		t.Errorf("read-only: exit %d %s", code, errOut)
	}
	r.sim.SetSubscriptionsNonAdmin(true)
	_, errOut, code = r.run("", "subscriptions", "acme")
	if code == 0 || !strings.Contains(errOut, "Only a Workfront administrator") {
		t.Errorf("non-admin: exit %d %s", code, errOut)
	}
	if _, _, code := r.run("", "subscriptions", "acme", "copy", "x"); code != 2 {
		t.Errorf("copy without --to: exit %d", code)
	}
}

func mustRun(t *testing.T, r *rig, args ...string) string {
	t.Helper()
	out, errOut, code := r.run("", args...)
	if code != 0 {
		t.Fatalf("%v: exit %d %s", args, code, errOut)
	}
	return out
}

// TestSubscriptionTableCannotFakeRows: a filter value with a line break,
// a tab and a terminal escape, as a hostile server could send, stays on
// its row and does not reach the terminal.
func TestSubscriptionTableCannotFakeRows(t *testing.T) {
	r := connectedRig(t, 10)
	tok := strings.TrimSpace(mustRun(t, r, "token", "acme"))
	body := `{"objCode":"PROJ","eventType":"CREATE","url":"https://x.example/a","filters":[{"fieldName":"name","fieldValue":"a\nFAKE\tROW\u001b[2J","comparison":"eq"}]}`
	req, _ := http.NewRequest(http.MethodPost, r.sim.URL()+wfsim.SubscriptionsPath, strings.NewReader(body))
	req.Header.Set("sessionID", tok)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("%v %v", resp, err)
	}
	out := mustRun(t, r, "subscriptions", "acme")
	if strings.Count(out, "\n") != 5 || strings.Contains(out, "\x1b") || strings.Contains(out, "\nFAKE") {
		t.Errorf("%q", out)
	}
}
