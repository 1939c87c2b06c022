package cli

import (
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// TestScriptsEndOnlyTheirOwnProcesses: on a shared machine, finding or
// ending processes by name hits other people's daemons (the old
// .ci/daemons.sh ended every dbus-daemon and gnome-keyring-daemon that
// appeared during a run). Scripts and tests end what they started, by the
// PID they got when they started it.
func TestScriptsEndOnlyTheirOwnProcesses(t *testing.T) {
	files, err := exec.Command("git", "-C", "..", "ls-files", "--", "*.sh", "*.go", "Makefile", ".ci/*").Output()
	if err != nil {
		t.Skipf("not a git checkout (git ls-files: %v)", err)
	}
	byName := regexp.MustCompile(`\b(` + "p" + `kill|kill` + `all|p` + `grep)\b`)
	var found []string
	for _, f := range strings.Fields(string(files)) {
		out, _ := exec.Command("git", "-C", "..", "grep", "-nE", byName.String(), "--", f).Output()
		if len(out) > 0 {
			found = append(found, strings.TrimSpace(string(out)))
		}
	}
	if len(found) > 0 {
		t.Errorf("processes found or ended by name:\n%s", strings.Join(found, "\n"))
	}
	if len(strings.Fields(string(files))) < 20 {
		t.Fatalf("git ls-files listed only %d files: the scan is broken", len(strings.Fields(string(files))))
	}
}
