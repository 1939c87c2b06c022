package workspace

import (
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// hostileNames are field names and values a hostile Workfront (its
// metadata) or profiles file could hand the curl builder.
var hostileNames = []string{"a'b", `a"b`, "$(touch PWNED)", "`touch PWNED`", "a\nb", "a b", "x;touch PWNED", "$$x&y=z", `\`, "#c", "é\u202e"}

// runInBash runs line in bash with curl and wfconnect replaced by
// functions: curl prints its arguments one a line (NUL-free), wfconnect
// prints a fixed token. It returns curl's arguments.
func runInBash(t *testing.T, line string) []string {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	dir := t.TempDir()
	script := `curl() { for a in "$@"; do printf '%s\0' "$a"; done; }
wfconnect() { printf 'TOKEN'; }
` + line
	cmd := exec.Command(bash, "-c", script)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, line)
	}
	if _, err := os.Stat(filepath.Join(dir, "PWNED")); err == nil {
		t.Fatalf("the pasted line ran a command of its own:\n%s", line)
	}
	return strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
}

// TestCurlCommandQuotesHostileNames: a Copy as curl line whose field
// names, filter values, connection name and IMS organization are hostile,
// run through a real bash, calls curl with exactly the request's header and
// address, and runs nothing else.
func TestCurlCommandQuotesHostileNames(t *testing.T) {
	for _, name := range hostileNames {
		s := workfront.Search{ObjCode: "TASK", Fields: []string{"name", name}, Sorts: []workfront.Sort{{Field: name}},
			Filters: []workfront.Filter{{Key: name, Value: name}}, Limit: 10}
		for _, p := range []store.Profile{
			{Name: name, Host: "https://acme.my.workfront.com", AppType: "web", APIVersion: "v21.0"},
			{Name: name, Host: "https://acme.my.workfront.com", AppType: "ims", APIVersion: "v21.0", IMSOrg: name + "@AdobeOrg"},
		} {
			line, err := CurlCommand(p, s)
			if err != nil {
				t.Fatal(err)
			}
			args := runInBash(t, line)
			wantURL, _ := workfront.SearchURL(p.Host, p.APIVersion, s)
			header := "sessionID: TOKEN"
			if p.AppType == "ims" {
				header = "Authorization: Bearer TOKEN"
			}
			want := []string{"-H", header}
			if p.AppType == "ims" {
				want = append(want, "-H", "x-gw-ims-org-id: "+p.IMSOrg)
			}
			want = append(want, wantURL)
			if !slices.Equal(args, want) {
				t.Errorf("name %q (%s):\n%s\nran curl %q\nwant     %q", name, p.AppType, line, args, want)
				continue
			}
			u, err := url.Parse(args[len(args)-1])
			if err != nil {
				t.Fatal(err)
			}
			q := u.Query()
			if q.Get(name) != name || q.Get("fields") != "name,"+name || q.Get("$$LIMIT") != "10" || q.Get(name+"_1_Sort") != "asc" {
				t.Errorf("name %q: the request's query is %v", name, q)
			}
		}
	}
}
