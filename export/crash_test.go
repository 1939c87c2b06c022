package export

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wfconnect/wfconnect/workfront"
)

// crashJobs are the two exports a killed child alternates between: after
// any kill the file is one of them, whole.
var crashJobs = []Job{
	{ObjCode: "proj", Fields: []string{"name"}},
	{ObjCode: "proj", Fields: []string{"name", "status"}},
}

// TestExportSurvivesKill kills a process that exports in a loop (to a
// wfsim on 127.0.0.1) with SIGKILL, 200 times, as store's TestCrashSafety
// does for the profiles file: after every kill the file holds one whole
// export, 0600; the partial files the kills left are removed by the next
// export to that folder once they are stale.
func TestExportSurvivesKill(t *testing.T) {
	if spec := os.Getenv("WFCONNECT_EXPORT_CRASH_CHILD"); spec != "" {
		exportForever(spec)
	}
	if testing.Short() || runtime.GOOS == "windows" {
		t.Skip("starts 200 processes and kills them with SIGKILL")
	}
	sim, c := newSim(t, 500)
	token := signIn(t, sim).access
	dir := t.TempDir()
	var whole [][]byte
	for i, job := range crashJobs {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("v%d.csv", i))
		if _, err := ToFile(context.Background(), c, job, path); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(path)
		whole = append(whole, b)
	}
	target := filepath.Join(dir, "out.csv")
	seen := map[int]int{}
	for i := 0; i < 200; i++ {
		killMidExport(t, fmt.Sprintf("%d|%s|%s|%s", i%2, sim.URL(), token, target))
		b, err := os.ReadFile(target)
		if err != nil {
			t.Fatalf("kill %d: %v", i+1, err)
		}
		switch {
		case bytes.Equal(b, whole[0]):
			seen[0]++
		case bytes.Equal(b, whole[1]):
			seen[1]++
		default:
			t.Fatalf("kill %d: the file is not one whole export (%d bytes)", i+1, len(b))
		}
		if mode := modeOfFile(t, target); mode != 0o600 {
			t.Fatalf("kill %d: the file is %o", i+1, mode)
		}
	}
	if seen[0] == 0 || seen[1] == 0 {
		t.Errorf("the kills never landed between exports of both kinds: %v", seen)
	}
	t.Logf("after 200 kills: %v, %d partial files left", seen, len(partials(t, dir)))
	defer func(was time.Duration) { staleAfter = was }(staleAfter)
	staleAfter = 0
	if _, err := ToFile(context.Background(), c, crashJobs[0], target); err != nil {
		t.Fatal(err)
	}
	if left := partials(t, dir); len(left) != 0 {
		t.Errorf("the next export left the killed exports' partial files: %v", left)
	}
}

// killMidExport starts a child that exports in a loop, waits until it has
// finished one export (so the kill lands in a later one, wherever it is),
// and kills it, by its PID, after a moment.
func killMidExport(t *testing.T, spec string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestExportSurvivesKill$")
	cmd.Env = append(os.Environ(), "WFCONNECT_EXPORT_CRASH_CHILD="+spec)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	if line != "ready\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the child did not export: %q %s", line, stderr.String())
	}
	time.Sleep(time.Duration(rand.IntN(15000)) * time.Microsecond)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
}

// exportForever is the child: it exports to the target, alternating the
// two jobs from the one the spec names (so that kills of a slow child,
// under -race, still leave both), until it is killed.
func exportForever(spec string) {
	parts := strings.SplitN(spec, "|", 4)
	first := int(parts[0][0] - '0')
	c := workfront.NewClient(parts[1], "v21.0", &simTokens{access: parts[2]}, workfront.Options{})
	for i := 0; ; i++ {
		if _, err := ToFile(context.Background(), c, crashJobs[(first+i)%2], parts[3]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if i == 0 {
			fmt.Println("ready")
		}
	}
}

func modeOfFile(t *testing.T, path string) os.FileMode {
	t.Helper()
	info, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode().Perm()
}
