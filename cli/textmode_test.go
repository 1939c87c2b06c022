package cli

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestSearchTextMode: --text-mode gives the same rows as the same
// filters as arguments, from a file or standard input, over real HTTP
// against wfsim; --print-text-mode prints them back and asks nothing;
// a bad line is refused in words.
func TestSearchTextMode(t *testing.T) {
	r := connectedRig(t, 300)
	byArgs, errOut, code := r.run("", "search", "acme", "proj", "status=CUR", "status=PLN", "status_Mod=in", "OR:1:status=ONH", "--all", "--fields", "name,status")
	if code != 0 || strings.Count(byArgs, "\n") < 10 {
		t.Fatalf("by args: exit %d %s %s", code, byArgs, errOut)
	}
	lines := "status=CUR\nstatus=PLN\nstatus_Mod=in\nOR:1:status=ONH\n"
	file := filepath.Join(t.TempDir(), "filter.txt")
	os.WriteFile(file, []byte(lines), 0o600)
	fromFile, errOut, code := r.run("", "search", "acme", "proj", "--text-mode", file, "--all", "--fields", "name,status")
	if code != 0 || fromFile != byArgs {
		t.Errorf("--text-mode FILE: exit %d, %s\n%.300s", code, errOut, fromFile)
	}
	fromStdin, _, code := r.run(lines, "search", "acme", "proj", "--text-mode", "-", "--all", "--fields", "name,status")
	if code != 0 || fromStdin != byArgs {
		t.Errorf("--text-mode -: exit %d\n%.300s", code, fromStdin)
	}
	count, _, _ := r.run(lines, "count", "acme", "proj", "--text-mode", "-")
	if rows := strings.Count(strings.TrimSpace(byArgs), "\n"); strings.TrimSpace(count) != strconv.Itoa(rows) {
		t.Errorf("count --text-mode: %q, the search listed %d rows", count, rows)
	}

	printed, _, code := r.run("", "search", "nobody", "proj", "name_Mod=cicontains", "name=launch", "--text-mode", file, "--print-text-mode")
	if code != 0 || printed != "name_Mod=cicontains\nname=launch\n"+lines {
		t.Errorf("--print-text-mode (no connection needed): exit %d\n%s", code, printed)
	}

	os.WriteFile(file, []byte("status=CUR\nnot a filter\n"), 0o600)
	_, errOut, code = r.run("", "search", "acme", "proj", "--text-mode", file)
	if code != 2 || !strings.Contains(errOut, "Line 2 is not a filter") {
		t.Errorf("a bad line: exit %d, %s", code, errOut)
	}
	_, errOut, code = r.run("", "search", "acme", "proj", "--text-mode", filepath.Join(t.TempDir(), "missing.txt"))
	if code != 2 || !strings.Contains(errOut, "Could not read the text-mode file") {
		t.Errorf("a missing file: exit %d, %s", code, errOut)
	}
}
