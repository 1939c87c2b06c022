//go:build unix

package journal

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// crashChild records changes in a loop (some large, so that a kill can
// land inside a write) and prints each ID once Record has returned.
func crashChild(dir, prefix string) {
	j := Open(dir, "Prod")
	for i := 0; ; i++ {
		id := fmt.Sprintf("%s-%d", prefix, i)
		c := change(id, "t", "NEW", strings.Repeat("x", rand.IntN(32<<10)))
		if err := j.Record(c); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if i%3 == 0 {
			j.Settle(Changed, "", id)
		}
		fmt.Println(id)
	}
}

// TestKilledWritersLoseOnlyTheLineInFlight kills a process that records
// changes in a loop with SIGKILL, 100 times. After every kill the journal
// reads without a complaint, holds every change the child had recorded, and
// takes the next append.
func TestKilledWritersLoseOnlyTheLineInFlight(t *testing.T) {
	if dir := os.Getenv("WFCONNECT_JOURNAL_CRASH_CHILD"); dir != "" {
		crashChild(dir, os.Getenv("WFCONNECT_JOURNAL_CRASH_PREFIX"))
	}
	if testing.Short() {
		t.Skip("starts 100 processes")
	}
	dir := t.TempDir()
	j := Open(dir, "prod")
	var recorded []string
	for k := 0; k < 100; k++ {
		recorded = append(recorded, runAndKill(t, dir, k)...)
		list, err := j.List(0)
		if err != nil {
			t.Fatalf("kill %d: %v", k+1, err)
		}
		have := map[string]bool{}
		for _, c := range list {
			have[c.ID] = true
		}
		for _, id := range recorded {
			if !have[id] {
				t.Fatalf("kill %d: change %s was recorded but is gone", k+1, id)
			}
		}
		mine := fmt.Sprintf("parent-%d", k)
		if err := j.Record(change(mine, "t", "A", "B")); err != nil {
			t.Fatalf("kill %d: the next append: %v", k+1, err)
		}
		recorded = append(recorded, mine)
		if c, err := j.Get(mine); err != nil || c.ID != mine {
			t.Fatalf("kill %d: the append after it: %+v, %v", k+1, c, err)
		}
	}
	raw, _ := os.ReadFile(j.Path())
	t.Logf("after 100 kills: %d changes recorded, %d torn lines stepped over", len(recorded), strings.Count(string(raw), tornMarker))
}

// runAndKill starts a child, lets it record for a moment, kills it and
// returns the IDs it said it had recorded.
func runAndKill(t *testing.T, dir string, k int) []string {
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledWritersLoseOnlyTheLineInFlight$")
	cmd.Env = append(os.Environ(), "WFCONNECT_JOURNAL_CRASH_CHILD="+dir, fmt.Sprintf("WFCONNECT_JOURNAL_CRASH_PREFIX=k%d", k))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1024)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	first, ok := <-lines
	if !ok {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("kill %d: the child recorded nothing", k+1)
	}
	ids := []string{first}
	time.Sleep(time.Duration(rand.IntN(20000)) * time.Microsecond)
	cmd.Process.Signal(syscall.SIGKILL)
	for id := range lines {
		ids = append(ids, id)
	}
	cmd.Wait()
	return ids
}

// TestProcessesRecordingAtOnceDoNotMix: the app and the CLI may write the
// journal at the same moment; every line stays whole.
func TestProcessesRecordingAtOnceDoNotMix(t *testing.T) {
	if spec := os.Getenv("WFCONNECT_JOURNAL_ADD_CHILD"); spec != "" {
		dir, prefix, _ := strings.Cut(spec, "|")
		j := Open(dir, "Prod")
		for i := 0; i < 100; i++ {
			var batch []Change
			var ids []string
			for n := 0; n < 3; n++ {
				id := fmt.Sprintf("%s-%d-%d", prefix, i, n)
				batch = append(batch, change(id, "t", prefix, strings.Repeat(prefix, 5000)))
				ids = append(ids, id)
			}
			if err := errors.Join(j.Record(batch...), j.Settle(Changed, "", ids...)); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
		os.Exit(0)
	}
	dir := t.TempDir()
	const children = 4
	cmds := make([]*exec.Cmd, children)
	for i := range cmds {
		cmds[i] = exec.Command(os.Args[0], "-test.run=^TestProcessesRecordingAtOnceDoNotMix$")
		cmds[i].Env = append(os.Environ(), fmt.Sprintf("WFCONNECT_JOURNAL_ADD_CHILD=%s|p%d", dir, i))
		cmds[i].Stderr = os.Stderr
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("child: %v", err)
		}
	}
	list, err := Open(dir, "PROD").List(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != children*300 {
		t.Errorf("%d of %d changes survived processes recording at once", len(list), children*300)
	}
	for _, c := range list {
		if c.Outcome != Changed || c.Changes["status"].After != strings.Repeat(c.Changes["status"].Before.(string), 5000) {
			t.Fatalf("a mixed change: %s %s", c.ID, c.Outcome)
		}
	}
}

// TestListOf100000Changes measures List on a journal of 100,000 changes,
// each settled (200,000 lines).
func TestListOf100000Changes(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 100,000 changes")
	}
	j := Open(t.TempDir(), "big")
	const n = 100000
	for i := 0; i < n; i += 1000 {
		batch := make([]Change, 1000)
		ids := make([]string, 1000)
		for k := range batch {
			ids[k] = NewID()
			batch[k] = Change{ID: ids[k], ObjCode: "TASK", ObjID: fmt.Sprintf("%032x", i+k), Batch: "b",
				Changes: map[string]FieldChange{"status": {Before: "NEW", After: "CPL"}, "percentComplete": {Before: 0.0, After: 100.0}}}
		}
		if err := errors.Join(j.Record(batch...), j.Settle(Changed, "", ids...)); err != nil {
			t.Fatal(err)
		}
	}
	info, _ := os.Stat(j.Path())
	start := time.Now()
	list, err := j.List(0)
	all := time.Since(start)
	if err != nil || len(list) != n || list[0].Outcome != Changed {
		t.Fatalf("List: %d changes, %v", len(list), err)
	}
	start = time.Now()
	list, err = j.List(50)
	if err != nil || len(list) != 50 {
		t.Fatalf("List(50): %d changes, %v", len(list), err)
	}
	t.Logf("List of %d changes (%d MB): %v; List(50): %v", n, info.Size()>>20, all, time.Since(start))
}
