package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"os"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/wfsim"
	"github.com/wfconnect/wfconnect/workfront"
	"github.com/wfconnect/wfconnect/workspace"
)

// noWorkspace is an Env whose commands must not open the workspace.
func noWorkspace(t *testing.T, out, errb *syncBuffer) Env {
	return Env{
		Stdin: strings.NewReader(""), Stdout: out, Stderr: errb,
		Open: func(workspace.Options) (*workspace.Workspace, error) {
			t.Error("the workspace was opened")
			return nil, errors.New("no workspace in this test")
		},
	}
}

func runNoWorkspace(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb syncBuffer
	code = Run(args, noWorkspace(t, &out, &errb))
	return out.String(), errb.String(), code
}

// commandPaths lists every command a person can call, as words after
// wfconnect, read from the command tree.
func commandPaths() [][]string {
	var paths [][]string
	walk((&command{}).newRoot(nil), func(cmd *cobra.Command) {
		if !cmd.HasParent() || cmd.Hidden {
			return
		}
		paths = append(paths, strings.Fields(strings.TrimPrefix(cmd.CommandPath(), "wfconnect ")))
	})
	return paths
}

// TestHelpForEveryCommand: `COMMAND --help`, `COMMAND -h` and `help COMMAND`
// print the command's help, with its usage and examples, to stdout, and exit
// 0 without opening the workspace.
func TestHelpForEveryCommand(t *testing.T) {
	paths := commandPaths()
	if len(paths) < 15 {
		t.Fatalf("only %d commands in the tree: %v", len(paths), paths)
	}
	for _, path := range paths {
		t.Run(strings.Join(path, " "), func(t *testing.T) {
			var first string
			for i, args := range [][]string{append(path[:len(path):len(path)], "--help"), append(path[:len(path):len(path)], "-h"), append([]string{"help"}, path...)} {
				out, errOut, code := runNoWorkspace(t, args...)
				if code != ExitOK || errOut != "" {
					t.Fatalf("%v: exit %d, stderr %q", args, code, errOut)
				}
				for _, want := range []string{"Usage:\n  wfconnect " + strings.Join(path, " "), "\nExamples:\n  ", "--help"} {
					if !strings.Contains(out, want) {
						t.Errorf("%v: the help lacks %q:\n%s", args, want, out)
					}
				}
				if i == 0 {
					first = out
				} else if out != first {
					t.Errorf("%v prints other help than %v --help", args, path)
				}
			}
		})
	}
	out, _, code := runNoWorkspace(t, "--help")
	if code != ExitOK || !strings.Contains(out, "Examples:") || !strings.Contains(out, "Exit codes: 0 ok, 1 error, 2 usage, 3") {
		t.Errorf("wfconnect --help: exit %d:\n%s", code, out)
	}
	_, errOut, code := runNoWorkspace(t, "help", "frob")
	if code != ExitUsage || !strings.HasPrefix(errOut, `wfconnect: unknown command "frob"`) {
		t.Errorf("help frob: exit %d: %s", code, errOut)
	}
}

// logLine is what --verbose writes for each request.
var logLine = regexp.MustCompile(`(?m)^\d\d:\d\d:\d\d\.\d{3} GET \S+/proj/search\S* -> 200 in `)

// TestVerboseBeforeOrAfterTheCommand: --verbose and -v work before the
// command, after it and after its arguments; without them, no log.
func TestVerboseBeforeOrAfterTheCommand(t *testing.T) {
	r := newRig(t, wfsim.Options{Projects: 20})
	r.addProfile("acme", "form")
	if _, errOut, code := r.run("", "login", "acme"); code != 0 {
		t.Fatal(errOut)
	}
	for _, args := range [][]string{
		{"--verbose", "projects", "acme", "--limit", "1"},
		{"projects", "--verbose", "acme", "--limit", "1"},
		{"projects", "acme", "--limit", "1", "--verbose"},
		{"-v", "projects", "acme", "--limit", "1"},
		{"projects", "acme", "-v", "--limit", "1"},
	} {
		out, errOut, code := r.run("", args...)
		if code != 0 || !strings.Contains(out, "ID") || !logLine.MatchString(errOut) {
			t.Errorf("%v: exit %d, stderr:\n%s", args, code, errOut)
		}
	}
	_, errOut, code := r.run("", "projects", "acme", "--limit", "1")
	if code != 0 || logLine.MatchString(errOut) {
		t.Errorf("without --verbose: exit %d, stderr:\n%s", code, errOut)
	}
}

// TestVersion: --version and `version` print "wfconnect VERSION", with the
// version main sets; and main's version is FyneApp.toml's.
func TestVersion(t *testing.T) {
	defer func(v string) { Version = v }(Version)
	Version = "0.1.0"
	for _, args := range [][]string{{"--version"}, {"version"}, {"--verbose", "version"}} {
		out, errOut, code := runNoWorkspace(t, args...)
		if code != 0 || errOut != "" || !regexp.MustCompile(`^wfconnect 0\.1\.0( \([0-9a-f]+(, modified)?\))?\n$`).MatchString(out) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
	_, errOut, code := runNoWorkspace(t, "version", "extra")
	if code != ExitUsage || !strings.HasPrefix(errOut, "wfconnect: version takes no arguments\n") {
		t.Errorf("version extra: exit %d: %s", code, errOut)
	}

	toml, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	mainGo, err := os.ReadFile("../main.go")
	if err != nil {
		t.Fatal(err)
	}
	app := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`).FindSubmatch(toml)
	wired := regexp.MustCompile(`appVersion = "([^"]+)"`).FindSubmatch(mainGo)
	if app == nil || wired == nil || string(app[1]) != string(wired[1]) {
		t.Errorf("FyneApp.toml's Version %q and main.go's appVersion %q differ", app, wired)
	}
}

// TestCompletionScripts: each shell gets a script that completes wfconnect.
func TestCompletionScripts(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		out, errOut, code := runNoWorkspace(t, "completion", shell)
		if code != 0 || errOut != "" || len(out) < 500 || !strings.Contains(out, "wfconnect") || !strings.Contains(out, "__complete") {
			t.Errorf("completion %s: exit %d, %d bytes, stderr %q", shell, code, len(out), errOut)
		}
	}
	_, errOut, code := runNoWorkspace(t, "completion", "tcsh")
	if code != ExitUsage || !strings.HasPrefix(errOut, `wfconnect: unknown completion command "tcsh"`) {
		t.Errorf("completion tcsh: exit %d: %s", code, errOut)
	}
}

// watchedSecrets counts every use of the secrets store.
type watchedSecrets struct {
	store.Secrets
	uses *atomic.Int32
}

func (w watchedSecrets) Get(a string) (string, bool, error) {
	w.uses.Add(1)
	return w.Secrets.Get(a)
}
func (w watchedSecrets) Set(a, v string) error { w.uses.Add(1); return w.Secrets.Set(a, v) }
func (w watchedSecrets) Delete(a string) error { w.uses.Add(1); return w.Secrets.Delete(a) }

// complete asks for completions as the shell scripts do, and returns the
// offered values (without descriptions) and the directive line.
func (r *rig) complete(args ...string) (values []string, directive string) {
	r.t.Helper()
	out, errOut, code := r.run("", append([]string{"__complete"}, args...)...)
	if code != 0 {
		r.t.Fatalf("__complete %v: exit %d: %s", args, code, errOut)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, ":") {
			directive = line
			continue
		}
		value, _, _ := strings.Cut(line, "\t")
		values = append(values, value)
	}
	return values, directive
}

// TestDynamicCompletion: NAME arguments complete to the saved connections
// (from the profiles file, without the keyring); --status to Workfront's
// status codes after those already typed; --token-auth to its two styles.
func TestDynamicCompletion(t *testing.T) {
	r := newRig(t, wfsim.Options{Projects: 10})
	r.addProfile("acme", "form")
	r.addProfile("beta", "spa")
	var uses atomic.Int32
	r.wrapSecrets = func(s store.Secrets) store.Secrets { return watchedSecrets{s, &uses} }
	all := "acme beta"
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"token", ""}, all},
		{[]string{"login", ""}, all},
		{[]string{"logout", ""}, all},
		{[]string{"status", ""}, all},
		{[]string{"projects", ""}, all},
		{[]string{"profile", "set", ""}, all},
		{[]string{"profile", "remove", ""}, all},
		{[]string{"profile", "rm", ""}, all},
		{[]string{"--verbose", "token", "b"}, "beta"},
		{[]string{"token", "A"}, "acme"},
		{[]string{"token", "acme", ""}, ""},
		{[]string{"projects", "acme", ""}, ""},
		{[]string{"projects", "acme", "--status", ""}, "IDA REQ APR REJ PLN CUR ONH CPL DED"},
		{[]string{"projects", "acme", "--status", "c"}, "CUR CPL"},
		{[]string{"projects", "acme", "--status", "CUR,P"}, "CUR,PLN"},
		{[]string{"projects", "acme", "--status", "cur,planning,"}, "cur,planning,IDA cur,planning,REQ cur,planning,APR cur,planning,REJ cur,planning,ONH cur,planning,CPL cur,planning,DED"},
		{[]string{"profile", "add", "x", "--token-auth", ""}, "basic-json form"},
		{[]string{"sta"}, "status"},
		{[]string{"profile", ""}, "add list pubkey remove set"},
	} {
		got, directive := r.complete(tc.args...)
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%v: offered %q, want %q", tc.args, got, tc.want)
		}
		if directive == "" {
			t.Errorf("%v: no directive", tc.args)
		}
	}
	if n := uses.Load(); n != 0 {
		t.Errorf("completing touched the keyring %d times", n)
	}
	if _, d := r.complete("projects", "acme", "--status", "C"); d != ":6" {
		t.Errorf("--status directive %s, want :6 (no space, no files: the list goes on after a comma)", d)
	}
}

// TestDidYouMean: a mistyped command is refused as a usage error that names
// the commands it may have meant and where help is, not the whole usage.
func TestDidYouMean(t *testing.T) {
	for _, tc := range []struct {
		args      []string
		first     string
		suggested string
		help      string
	}{
		{[]string{"stauts"}, `wfconnect: unknown command "stauts"`, "wfconnect status", "wfconnect COMMAND"},
		{[]string{"stauts", "--json"}, `wfconnect: unknown command "stauts"`, "wfconnect status", "wfconnect COMMAND"},
		{[]string{"--verbose", "logni", "acme"}, `wfconnect: unknown command "logni"`, "wfconnect login", "wfconnect COMMAND"},
		{[]string{"tokn", "acme"}, `wfconnect: unknown command "tokn"`, "wfconnect token", "wfconnect COMMAND"},
		{[]string{"profile", "lsit"}, `wfconnect: unknown profile command "lsit"`, "wfconnect profile list", "wfconnect profile"},
		{[]string{"profile", "ad", "x", "--spa"}, `wfconnect: unknown profile command "ad"`, "wfconnect profile add", "wfconnect profile"},
		{[]string{"frobnicate"}, `wfconnect: unknown command "frobnicate"`, "", "wfconnect COMMAND"},
	} {
		_, errOut, code := runNoWorkspace(t, tc.args...)
		lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
		if code != ExitUsage || lines[0] != tc.first {
			t.Errorf("%v: exit %d, stderr:\n%s", tc.args, code, errOut)
			continue
		}
		if tc.suggested != "" && !strings.Contains(errOut, "Did you mean this?\n  "+tc.suggested+"\n") {
			t.Errorf("%v: no suggestion of %q:\n%s", tc.args, tc.suggested, errOut)
		}
		if tc.suggested == "" && strings.Contains(errOut, "Did you mean") {
			t.Errorf("%v: a suggestion for a word like no command:\n%s", tc.args, errOut)
		}
		if want := "Run '" + tc.help + " --help' for usage."; lines[len(lines)-1] != want {
			t.Errorf("%v: last line %q, want %q", tc.args, lines[len(lines)-1], want)
		}
		if strings.Contains(errOut, "Usage:") || len(lines) > 8 {
			t.Errorf("%v: more than a hint:\n%s", tc.args, errOut)
		}
	}
}

// TestUsageErrorsAreShort: flag mistakes say the flag with two dashes and
// point to the command's help, in two lines.
func TestUsageErrorsAreShort(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"projects", "acme", "--colour"}, "wfconnect: unknown flag: --colour\nRun 'wfconnect projects --help' for usage.\n"},
		{[]string{"--colour", "status"}, "wfconnect: unknown flag: --colour\nRun 'wfconnect COMMAND --help' for usage.\n"},
		{[]string{"status", "-json"}, "wfconnect: unknown flag: -json (flags take two dashes, like --json)\nRun 'wfconnect status --help' for usage.\n"},
		{[]string{"login", "acme", "--timeout"}, "wfconnect: flag needs an argument: --timeout\nRun 'wfconnect login --help' for usage.\n"},
		{[]string{"projects", "acme", "--limit", "many"}, "wfconnect: invalid value \"many\" for --limit: use a whole number\nRun 'wfconnect projects --help' for usage.\n"},
		{[]string{"token"}, "wfconnect: token needs exactly one connection name\nRun 'wfconnect token --help' for usage.\n"},
		{[]string{"profile"}, "wfconnect: profile needs add, set, list, remove or pubkey\nRun 'wfconnect profile --help' for usage.\n"},
		{[]string{"sim", "extra"}, "wfconnect: sim takes no arguments\nRun 'wfconnect sim --help' for usage.\n"},
		{[]string{"completion", "bash", "extra"}, "wfconnect: completion bash takes no arguments\nRun 'wfconnect completion bash --help' for usage.\n"},
		{[]string{"completion"}, "wfconnect: completion needs bash, zsh, fish or powershell\nRun 'wfconnect completion --help' for usage.\n"},
	} {
		out, errOut, code := runNoWorkspace(t, tc.args...)
		if code != ExitUsage || errOut != tc.want || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr:\n%s", tc.args, code, out, errOut)
		}
	}
}

// TestProjectsStatusNames: --status takes codes and names in any case and
// maps them to codes; an unknown value is refused with the valid ones.
func TestProjectsStatusNames(t *testing.T) {
	r := newRig(t, wfsim.Options{Projects: 600})
	r.addProfile("acme", "basic-json")
	if _, errOut, code := r.run("", "login", "acme"); code != 0 {
		t.Fatal(errOut)
	}
	ids := func(status string) map[string]string {
		t.Helper()
		out, errOut, code := r.run("", "projects", "acme", "--all", "--json", "--status", status)
		if code != 0 {
			t.Fatalf("--status %q: exit %d: %s", status, code, errOut)
		}
		var rows []projectJSON
		if err := json.Unmarshal([]byte(out), &rows); err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, row := range rows {
			got[row.ID] = row.Status
		}
		return got
	}
	byCode := ids("CUR,ONH")
	if len(byCode) == 0 {
		t.Fatal("no current or on-hold projects in the sample")
	}
	for _, id := range byCode {
		if id != "CUR" && id != "ONH" {
			t.Fatalf("--status CUR,ONH gave a %s project", id)
		}
	}
	for _, names := range []string{"Current,On Hold", "current, on hold", "CURRENT,onhold", "cur,on-hold", "Current,ONH"} {
		if got := ids(names); len(got) != len(byCode) {
			t.Errorf("--status %q: %d projects, --status CUR,ONH: %d", names, len(got), len(byCode))
		}
	}
	want := `wfconnect: --status: "bogus" is not a project status of this Workfront. Use a code or a name: IDA (Idea), REQ (Requested), APR (Approved), REJ (Rejected), PLN (Planning), CUR (Current), ONH (On Hold), CPL (Complete), DED (Dead).` + "\n"
	for _, status := range []string{"bogus", "CUR,bogus", "bogus,Current"} {
		out, errOut, code := r.run("", "projects", "acme", "--status", status)
		if code != ExitError || errOut != want || out != "" {
			t.Errorf("--status %q: exit %d, stderr:\n%s", status, code, errOut)
		}
	}
}

func TestStatusCodes(t *testing.T) {
	for in, want := range map[string]string{
		"CUR": "CUR", "cur": "CUR", "Current": "CUR", "planning": "PLN", "On Hold": "ONH", "on_hold": "ONH",
		"idea,REQ , approved": "IDA,REQ,APR", " , dead,": "DED",
	} {
		got, err := (&command{}).statusCodes(context.Background(), nil, "", in) // built-in ones need no workspace
		if err != nil || strings.Join(got, ",") != want {
			t.Errorf("statusCodes(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	if _, ok := statusCode("CURR", workfront.Statuses()); ok {
		t.Error("CURR was accepted")
	}
}

// statusLines runs `status [NAME]` and returns stdout's lines.
func (r *rig) statusLines(args ...string) []string {
	r.t.Helper()
	out, errOut, code := r.run("", append([]string{"status"}, args...)...)
	if code != 0 {
		r.t.Fatalf("status %v: exit %d: %s", args, code, errOut)
	}
	return strings.Split(strings.TrimSuffix(out, "\n"), "\n")
}

// TestStatusBlock: `status NAME` says in words whether the connection is
// connected: ✓ or ✗ with the name and host, the state, the tokens, where
// they are and, when not connected, what to run.
func TestStatusBlock(t *testing.T) {
	r := newRig(t, wfsim.Options{Projects: 10})
	r.addProfile("acme", "form")
	r.addProfile("beta", "spa")
	if _, errOut, code := r.run("", "login", "acme"); code != 0 {
		t.Fatal(errOut)
	}
	storage := store.NewMemory().Where()
	connected := []string{
		"✓ acme  " + r.sim.URL(),
		"  - State: connected",
		"  - Access token: expiry unknown: renewed when Workfront asks",
		"  - Refresh token: held",
		"  - WID: " + r.statusJSON("acme")["wid"].(string),
		"  - Tokens stored in: " + storage,
		"  - Environment: Simulated",
		"  - Token header: sessionID: $(wfconnect token acme)",
	}
	notConnected := []string{
		"✗ beta  " + r.sim.URL(),
		"  - State: not connected",
		"  - Access token: none",
		"  - Refresh token: none",
		"  - Tokens stored in: " + storage,
		"  - Environment: Simulated",
		"  - Token header: sessionID: $(wfconnect token beta)",
		"  - Next: wfconnect login beta",
	}
	same := func(what string, got, want []string) {
		t.Helper()
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	same("status acme", r.statusLines("acme"), connected)
	same("status beta", r.statusLines("beta"), notConnected)
	same("status", r.statusLines(), append(append(connected, ""), notConnected...))

	r.sim.RevokeAll()
	r.run("", "projects", "acme") // Workfront refuses the tokens
	same("status acme after a revoke", r.statusLines("acme")[:2], []string{"✗ acme  " + r.sim.URL(), "  - State: needs consent again: Workfront no longer accepts the sign-in"})
	if lines := r.statusLines("acme"); lines[len(lines)-1] != "  - Next: wfconnect login acme" {
		t.Errorf("no next step after a revoke:\n%s", strings.Join(lines, "\n"))
	}
}

func TestStatusBlockExpiry(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.Local)
	in := func(d time.Duration) *time.Time { t := now.Add(d); return &t }
	s := statusJSON{Profile: "my acme", Host: "https://acme.my.workfront.com", State: "connected", AccessExpiresAt: in(90 * time.Minute), HasRefreshToken: true, Storage: "x"}
	if got := statusBlock(s, now, func(s string) string { return s }); !strings.Contains(got, "✓ my acme  https://acme.my.workfront.com\n") || !strings.Contains(got, "  - Access token: valid until 2026-12-01 11:30:00 (1h30m0s left)\n") {
		t.Errorf("connected:\n%s", got)
	}
	s.State, s.AccessExpiresAt = "expired", in(-time.Minute)
	if got := statusBlock(s, now, func(s string) string { return s }); !strings.HasPrefix(got, "✓ ") || !strings.Contains(got, "  - State: connected; the access token expired and is renewed on next use\n  - Access token: expired at 2026-12-01 09:59:00\n") || strings.Contains(got, "Next:") {
		t.Errorf("expired:\n%s", got)
	}
	s.State = "unknown"
	if got := statusBlock(s, now, func(s string) string { return s }); !strings.HasPrefix(got, "✗ ") || !strings.Contains(got, "  - Next: unlock the keyring, then run wfconnect status 'my acme'\n") {
		t.Errorf("unknown:\n%s", got)
	}
}

// TestIsCommand: main sends command words, help, version and completion
// requests to Run, and keeps the desktop app's own flags.
func TestIsCommand(t *testing.T) {
	for _, name := range Commands() {
		if !IsCommand([]string{name}) || !IsCommand([]string{"--verbose", name}) {
			t.Errorf("%s is not a command", name)
		}
	}
	for _, want := range []string{"profile", "login", "status", "token", "logout", "projects", "sim", "help", "version", "completion"} {
		if !strings.Contains(" "+strings.Join(Commands(), " ")+" ", " "+want+" ") {
			t.Errorf("Commands() lacks %s: %v", want, Commands())
		}
	}
	for args, want := range map[string]bool{
		"": false, "--demo": false, "--verbose": false, "-v": false, "--demo --verbose": false,
		"--help": true, "-h": true, "--version": true, "--demo --help": true,
		"status --verbose": true, "-v status": true, "__complete token": true, "__completeNoDesc token": true,
		"completion bash": true, "stauts": true, "-- status": false,
	} {
		if got := IsCommand(strings.Fields(args)); got != want {
			t.Errorf("IsCommand(%q) = %v, want %v", args, got, want)
		}
	}
}

// TestSimFlagsReachTheSimulator: sim's flags, parsed by cobra, are handed to
// the simulator (run in a child process, ended with Ctrl+C).
func TestSimFlagsReachTheSimulator(t *testing.T) {
	cmd := runProcess(nil, "sim", "--redirect-uri", "http://127.0.0.1:9/one", "--redirect-uri=http://127.0.0.1:9/two", "--projects", "7", "--rotation=false")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer cmd.Process.Signal(os.Interrupt) // our own child, by its handle
	sc := bufio.NewScanner(stdout)
	got := map[string]string{}
	for len(got) < 5 && sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), "=")
		got[k] = v
	}
	if got["WFSIM_REDIRECT_URI"] != "http://127.0.0.1:9/one" || !strings.HasPrefix(got["WFSIM_URL"], "http://127.0.0.1:") {
		t.Errorf("sim printed %v", got)
	}
}
