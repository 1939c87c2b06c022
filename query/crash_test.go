package query

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// TestCrashSafety kills a process that saves a query, adds history and
// keeps tabs in a loop, with SIGKILL, 200 times; after every kill each
// file reads whole.
func TestCrashSafety(t *testing.T) {
	if dir := os.Getenv("WFCONNECT_QUERY_CRASH_CHILD"); dir != "" {
		s := Open(dir)
		for i := 0; ; i++ {
			s.Save(Query{ID: "q1", Connection: "acme", ObjCode: "TASK", Name: "Loop", Text: fmt.Sprint(i)})
			s.AddHistory("acme", Query{ObjCode: "TASK", Text: fmt.Sprint(i)}, time.Now(), i)
			s.SaveTabs("acme", Tabs{Open: []Query{{ObjCode: "TASK", Text: fmt.Sprint(i)}}})
			if i == 0 {
				fmt.Println("ready")
			}
		}
	}
	if testing.Short() {
		t.Skip("starts 200 processes")
	}
	dir := t.TempDir()
	s := Open(dir)
	for i := range 200 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashSafety$")
		cmd.Env = append(os.Environ(), "WFCONNECT_QUERY_CRASH_CHILD="+dir)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if line, _ := bufio.NewReader(out).ReadString('\n'); line != "ready\n" {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("kill %d: the child did not save: %q", i+1, line)
		}
		time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
		cmd.Process.Signal(syscall.SIGKILL) // the child this test started, by its PID
		cmd.Wait()
		saved, err1 := s.Saved("acme")
		hist, err2 := s.History("acme")
		tabs, err3 := s.Tabs("acme")
		if err1 != nil || err2 != nil || err3 != nil || len(saved) != 1 || len(hist) == 0 || len(tabs.Open) != 1 {
			t.Fatalf("kill %d: %v %v %v; %d saved, %d history, %d tabs", i+1, err1, err2, err3, len(saved), len(hist), len(tabs.Open))
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if info, _ := e.Info(); e.Name()[0] != '.' && info.Mode().Perm() != 0o600 {
			t.Errorf("%s is %v", e.Name(), info.Mode())
		}
	}
}
