package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/compare"
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

// onlyIn lists a comparison's things only one side has, as TYPE or
// TYPE.field, and anything else that differs as "different TYPE.…".
func onlyIn(nodes []compare.Node, above string, out map[string]compare.State) {
	for _, n := range nodes {
		name := n.Name
		if above != "" {
			name = above + "." + n.Name
		}
		switch {
		case n.State == compare.OnlyA || n.State == compare.OnlyB:
			out[name] = n.State
		case len(n.Children) == 0:
			out["different "+name] = n.State
		}
		onlyIn(n.Children, name, out)
	}
}

// TestCompareVersions: one connection's object types at two API versions
// differ in exactly what wfsim's table says the newer one added (exit 1);
// a version against itself is the same (exit 0); --csv writes the rows to
// a 0600 file.
func TestCompareVersions(t *testing.T) {
	r := connectedRig(t, 300)
	out, errOut, code := r.run("", "compare", "acme", "--versions", "v20.0,v22.0", "--json")
	var v compare.Summary
	if err := json.Unmarshal([]byte(out), &v); err != nil || code != 1 || v.Equal || v.A != "acme v20.0" || v.B != "acme v22.0" {
		t.Fatalf("exit %d, %v %+v\n%s", code, err, v, errOut)
	}
	got := map[string]compare.State{}
	onlyIn(v.Differences, "", got)
	want := map[string]compare.State{}
	for _, c := range wfsim.VersionChanges() {
		if c.Since == "v21.0" || c.Since == "v22.0" {
			want[strings.TrimSuffix(c.ObjCode+"."+c.Field, ".")] = compare.OnlyB
		}
	}
	if len(want) < 3 || !maps.Equal(got, want) {
		t.Errorf("differences %v, want %v", got, want)
	}
	out, errOut, code = r.run("", "compare", "acme", "--versions", "v20.0,v21.0")
	if code != 1 || !strings.Contains(out, "TEAMOB (object type): only in acme v21.0\n") || !strings.Contains(out, "  title (field): only in acme v21.0\n") ||
		strings.Contains(out, "referenceNumber") || !strings.Contains(errOut, "acme v20.0 and acme v21.0 differ: 0 only in acme v20.0, 3 only in acme v21.0, 2 different.") {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
	out, errOut, code = r.run("", "compare", "acme", "--versions", "v21.0,v21.0")
	if code != 0 || out != "" || !strings.Contains(errOut, "acme v21.0 and acme v21.0 are the same.") {
		t.Errorf("a version against itself: exit %d %q %q", code, out, errOut)
	}
	path := filepath.Join(t.TempDir(), "versions.csv")
	if _, errOut, code := r.run("", "compare", "acme", "--versions", "v21.0,v22.0", "--csv", path); code != 1 || !strings.Contains(errOut, "Wrote the comparison to "+path) {
		t.Fatalf("--csv: exit %d %s", code, errOut)
	}
	rows := readCSVFile(t, path)
	wantRows := [][]string{{"path", "kind", "state", "acme v21.0", "acme v22.0"}, {"PROJ", "type", "different", "", ""}, {"PROJ / referenceNumber", "field", "only in B", "", ""}}
	if !slices.EqualFunc(rows, wantRows, slices.Equal) {
		t.Errorf("CSV %q", rows)
	}
}

// readCSVFile reads a CSV file compare wrote: 0600, with a BOM.
func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("%s: %v %v", path, info, err)
	}
	raw, _ := os.ReadFile(path)
	if !bytes.HasPrefix(raw, []byte("\uFEFF")) {
		t.Errorf("no BOM: %q", raw)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestCompareArgs: each way of asking for a comparison that does not fit
// says what to give instead (exit 2), and a version not shaped like v21.0
// is refused with words (exit 1).
func TestCompareArgs(t *testing.T) {
	r := connectedRig(t, 10)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"acme"}, 2, "compare needs two connection names, or one with --versions vA,vB or --objects OBJ ID"},
		{[]string{"acme", "b", "c"}, 2, "compare takes two connection names, NAME_A and NAME_B, not 3"},
		{[]string{"acme", "acme", "--versions", "v20.0,v22.0"}, 2, "--versions compares one connection at two API versions: give one connection name, not 2"},
		{[]string{"acme", "--versions", "v20.0"}, 2, "--versions takes two API versions, like --versions v21.0,v22.0"},
		{[]string{"acme", "--versions", "v20.0,v21.0", "--forms"}, 2, "leave out --forms"},
		{[]string{"acme", "--objects", "proj"}, 2, "--objects needs the connection and the object"},
		{[]string{"acme", "--objects", "proj", "x", "--metadata"}, 2, "--objects compares two objects: leave out --forms, --metadata and --versions"},
		{[]string{"acme", "--versions", "21,v22.0"}, 1, `"21" is not an API version: write one like v21.0.`},
	} {
		_, errOut, code := r.run("", append([]string{"compare"}, tc.args...)...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d %q; want %d %q", tc.args, code, errOut, tc.code, tc.want)
		}
	}
}

// projectIDs are the first n projects' IDs.
func (r *rig) projectIDs(n int) []string {
	r.t.Helper()
	out, errOut, code := r.run("", "search", "acme", "proj", "--fields", "ID", "--limit", strconv.Itoa(n), "--json")
	var rows []map[string]string
	if err := json.Unmarshal([]byte(out), &rows); err != nil || code != 0 || len(rows) != n {
		r.t.Fatalf("search: exit %d %v %s", code, err, errOut)
	}
	ids := make([]string, n)
	for i, row := range rows {
		ids[i] = row["ID"]
	}
	return ids
}

// TestCompareObjects: two projects of one connection side by side, every
// field with whether it is the same, their custom fields too; only the
// differences with --only-differences; one against itself is the same;
// two connections with one ID; --csv writes every field.
func TestCompareObjects(t *testing.T) {
	r := sandboxRig(t)
	ids := r.projectIDs(2)
	out, errOut, code := r.run("", "compare", "acme", "--objects", "proj", ids[0], ids[1])
	lines := strings.Split(out, "\n")
	if code != 1 || !strings.HasPrefix(lines[0], "FIELD ") || !strings.Contains(lines[0], ids[0]) || !strings.Contains(lines[0], ids[1]) {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	mark := map[string]string{}
	for _, l := range lines[1:] {
		if f := strings.Fields(l); len(f) > 1 {
			mark[f[0]] = f[len(f)-1]
		}
	}
	if mark["ID"] != "different" || mark["name"] != "different" || mark["ownerID"] == "" || !strings.Contains(errOut, ids[0]+" and "+ids[1]+" differ") {
		t.Errorf("%v\n%s\n%s", mark, out, errOut)
	}
	if !slices.ContainsFunc(lines, func(l string) bool { return strings.HasSuffix(l, "same") }) {
		t.Errorf("no field is shown as the same:\n%s", out)
	}
	for _, f := range []string{"DE:Budget Code", "DE:Budget"} {
		if v, _ := r.sim.Value("PROJ", ids[0], f); v != nil && !strings.Contains(out, f+" ") {
			t.Errorf("the custom field %s (%v) is missing:\n%s", f, v, out)
		}
	}
	out, _, code = r.run("", "compare", "acme", "--objects", "proj", ids[0], ids[1], "--only-differences")
	if code != 1 || strings.Contains(out, "same\n") || !strings.Contains(out, "different\n") {
		t.Errorf("--only-differences: exit %d\n%s", code, out)
	}
	out, errOut, code = r.run("", "compare", "acme", "acme", "--objects", "proj", ids[0])
	if code != 0 || strings.Contains(out, "different\n") || !strings.Contains(errOut, "are the same") {
		t.Errorf("itself: exit %d\n%s\n%s", code, out, errOut)
	}
	path := filepath.Join(t.TempDir(), "objects.csv")
	_, errOut, code = r.run("", "compare", "acme", "sandbox", "--objects", "project", ids[0], "--csv", path)
	if code > 1 {
		t.Fatalf("two connections: exit %d %s", code, errOut)
	}
	rows := readCSVFile(t, path)
	if len(rows) < 10 || !slices.Equal(rows[0], []string{"path", "kind", "state", "acme", "sandbox"}) ||
		!slices.ContainsFunc(rows, func(row []string) bool {
			return row[0] == "ID" && row[2] == "same" && row[3] == ids[0] && row[4] == ids[0]
		}) {
		t.Errorf("CSV %q", rows)
	}
}
