package cli

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/wfconnect/wfconnect/store"
)

// startSim runs `wfconnect sim` in process with args until the test ends,
// and returns what it printed on standard output and standard error once
// its set-up commands are out.
func startSim(t *testing.T, r *rig, args ...string) (stdout, stderr *syncBuffer) {
	t.Helper()
	stdout, stderr = &syncBuffer{}, &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	c := &command{env: r.env(strings.NewReader(""), stdout, stderr)}
	c.setLanguage(c.env)
	done := make(chan error, 1)
	go func() { done <- c.newRoot(append([]string{"sim"}, args...)).ExecuteContext(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(stderr.String(), "whoami sim-ims") {
		select {
		case err := <-done:
			t.Fatalf("sim ended: %v\n%s", err, stderr)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("sim printed no set-up commands:\n%s\n%s", stdout, stderr)
		}
	}
	return stdout, stderr
}

// shellWords splits one printed command line as a POSIX shell would, for
// the little the set-up commands and hints use: words, single quotes, a
// backslash before one character, | and &&.
// Anything else a shell treats specially fails the test: it would mean a
// line is not safe to paste.
func shellWords(t *testing.T, line string) []string {
	t.Helper()
	var words []string
	var word strings.Builder
	inWord, quoted := false, false
	for i := 0; i < len(line); i++ {
		ch := line[i]
		switch {
		case quoted && ch == '\'':
			quoted = false
		case quoted:
			word.WriteByte(ch)
		case ch == '\'':
			quoted, inWord = true, true
		case ch == '\\' && i+1 < len(line):
			i++
			word.WriteByte(line[i])
			inWord = true
		case ch == ' ':
			if inWord {
				words = append(words, word.String())
				word.Reset()
				inWord = false
			}
		case strings.IndexByte("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./_-", ch) >= 0 || ch == '|' || ch == '&':
			word.WriteByte(ch)
			inWord = true
		default:
			t.Fatalf("%q holds %q unquoted", line, ch)
		}
	}
	if quoted {
		t.Fatalf("%q: a quote is left open", line)
	}
	if inWord {
		words = append(words, word.String())
	}
	return words
}

// runPasted runs one printed line: pipelines joined by &&, each of printf
// (its output the next command's input), wfconnect (the in-process runner)
// and curl --data-binary @- URL (done with net/http: the test stands in for
// curl, whose only part here is one POST of its input).
func runPasted(t *testing.T, r *rig, line string) {
	t.Helper()
	words := shellWords(t, line)
	for len(words) > 0 {
		end := len(words)
		for i, w := range words {
			if w == "&&" {
				end = i
				break
			}
		}
		runPipeline(t, r, line, words[:end])
		words = words[min(end+1, len(words)):]
	}
}

func runPipeline(t *testing.T, r *rig, line string, words []string) {
	t.Helper()
	input := ""
	for len(words) > 0 {
		end := len(words)
		for i, w := range words {
			if w == "|" {
				end = i
				break
			}
		}
		cmd := words[:end]
		switch {
		case len(cmd) == 3 && cmd[0] == "printf" && cmd[1] == `%s\n`:
			input = cmd[2] + "\n"
		case cmd[0] == "wfconnect":
			out, errOut, code := r.run(input, cmd[1:]...)
			if code != 0 {
				t.Fatalf("%s: exit %d: %s", line, code, errOut)
			}
			input = out
		case len(cmd) == 5 && strings.Join(cmd[:4], " ") == "curl -sS --data-binary @-":
			resp, err := http.Post(cmd[4], "application/octet-stream", strings.NewReader(input))
			if err != nil || resp.StatusCode/100 != 2 {
				t.Fatalf("%s: %v %v", line, resp.Status, err)
			}
			resp.Body.Close()
			input = ""
		default:
			t.Fatalf("%s: a command the set-up should not need: %q", line, cmd)
		}
		words = words[min(end+1, len(words)):]
	}
}

// TestSimPrintsSetUpCommands: sim's WFSIM_ lines are on standard output as
// scripts read them, and the commands it prints for people (on standard
// error, after a comment line) set up a connection of each kind; run as
// printed, all four sign in and say who they are.
func TestSimPrintsSetUpCommands(t *testing.T) {
	r := &rig{t: t, dir: t.TempDir(), secrets: store.NewMemory()}
	r.browser = func(u string) error { go scriptedBrowser(u, true); return nil }
	redirect := fmt.Sprintf(loopbackRedirect, freePort(t))
	stdout, stderr := startSim(t, r, "--projects", "20", "--redirect-uri", redirect)
	vars := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		k, v, ok := strings.Cut(line, "=")
		if !ok || !strings.HasPrefix(k, "WFSIM_") {
			t.Fatalf("standard output holds %q besides the WFSIM_ lines", line)
		}
		vars[k] = v
	}
	if len(vars) != 14 || vars["WFSIM_REDIRECT_URI"] != redirect {
		t.Errorf("WFSIM_ lines: %v", vars)
	}
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	if !strings.HasPrefix(lines[0], "# ") {
		t.Errorf("the set-up commands start with %q, not a comment line", lines[0])
	}
	for _, line := range lines {
		if !strings.HasPrefix(line, "#") {
			runPasted(t, r, line)
		}
	}
	for _, name := range []string{"sim-web", "sim-spa", "sim-jwt", "sim-ims"} {
		if st := r.statusJSON(name); st["state"] != "connected" {
			t.Errorf("%s after the pasted commands: %v", name, st)
		}
	}
}

// TestSimOffLoopbackNeedsPublic: an --addr off loopback is refused unless
// --public is given, and --public is warned about.
func TestSimOffLoopbackNeedsPublic(t *testing.T) {
	r := &rig{t: t, dir: t.TempDir(), secrets: store.NewMemory()}
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0"} {
		_, errOut, code := r.run("", "sim", "--addr", addr, "--projects", "5")
		if code != ExitError || !strings.Contains(errOut, "is not a loopback address") || !strings.Contains(errOut, "--public") {
			t.Errorf("sim --addr %s: exit %d: %s", addr, code, errOut)
		}
	}
	stdout, stderr := startSim(t, r, "--addr", "0.0.0.0:0", "--public", "--projects", "5")
	if !strings.Contains(stderr.String(), "Warning: the simulator listens on 0.0.0.0:0") || !strings.Contains(stdout.String(), "WFSIM_URL=") ||
		!strings.Contains(stderr.String(), "--domain http://127.0.0.1:") {
		t.Errorf("sim --public:\n%s\n%s", stdout, stderr)
	}
}
