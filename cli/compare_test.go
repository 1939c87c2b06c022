package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/wfsim"
)

// sandboxRig is a rig with "acme" on the default simulator and "sandbox"
// on a second one started as a sandbox, both signed in over real HTTP.
func sandboxRig(t *testing.T) *rig {
	t.Helper()
	r := connectedRig(t, 300)
	sandbox := wfsim.New(wfsim.Options{Projects: 300, Sandbox: true})
	if err := sandbox.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sandbox.Close() })
	main := r.sim
	r.sim = sandbox
	r.addProfile("sandbox", "basic-json")
	if _, errOut, code := r.run("", "login", "sandbox"); code != 0 {
		t.Fatalf("login: exit %d: %s", code, errOut)
	}
	r.sim = main
	return r
}

// TestCompareFindsTheKnownDifferences: the sandbox differs from the
// default instance in a missing form, a field of another type and
// options added and removed; compare finds exactly those and exits 1,
// and finds nothing between an instance and itself (exit 0).
func TestCompareFindsTheKnownDifferences(t *testing.T) {
	r := sandboxRig(t)
	out, errOut, code := r.run("", "compare", "acme", "sandbox")
	want := `Project Details (form)
  Budget Code (field)
    display type: TEXT -> TXTA
Task Extras (form)
  Risk (field)
    Medium (option): only in acme
    Critical (option): only in sandbox
Shared Tags (form): only in acme
`
	if code != 1 || out != want {
		t.Errorf("exit %d\n%s\nwant\n%s\n%s", code, out, want, errOut)
	}
	if !strings.Contains(errOut, "2 only in acme, 1 only in sandbox, 5 different") {
		t.Errorf("summary %q", errOut)
	}
	out, _, code = r.run("", "compare", "acme", "sandbox", "--json")
	var v struct {
		Equal  bool           `json:"equal"`
		Counts map[string]int `json:"counts"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil || code != 1 || v.Equal || v.Counts["onlyA"] != 2 || v.Counts["onlyB"] != 1 {
		t.Errorf("--json: exit %d, %v %+v\n%s", code, err, v, out)
	}
	out, errOut, code = r.run("", "compare", "acme", "acme")
	if code != 0 || out != "" || !strings.Contains(errOut, "are the same") {
		t.Errorf("itself: exit %d %q %q", code, out, errOut)
	}
	_, errOut, code = r.run("", "compare", "acme", "sandbox", "--metadata")
	if code != 0 || !strings.Contains(errOut, "are the same") {
		t.Errorf("the two instances' types are the same: exit %d %s", code, errOut)
	}
	if _, _, code := r.run("", "compare", "acme", "sandbox", "--metadata", "--forms"); code != 2 {
		t.Errorf("--forms with --metadata: exit %d", code)
	}
}
