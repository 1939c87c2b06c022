package store

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestCrashSafety kills a process that saves profiles in a loop with SIGKILL,
// 200 times; after every kill the file parses and holds one whole version.
func TestCrashSafety(t *testing.T) {
	if spec := os.Getenv("WFCONNECT_CRASH_CHILD"); spec != "" {
		first, dir, _ := strings.Cut(spec, "|")
		p := OpenProfiles(dir)
		for i := 0; ; i++ {
			p.Save(version((int(first[0]-'0') + i) % 2))
			if i == 0 {
				fmt.Println("ready") // the kill then lands in a later save
			}
		}
	}
	if testing.Short() {
		t.Skip("starts 200 processes")
	}
	dir := t.TempDir()
	p := OpenProfiles(dir)
	if err := p.Save(version(0)); err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for i := 0; i < 200; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashSafety$")
		// Each child starts with the other version and says when its first
		// save is done, so that a slow start (-race, a busy machine) still
		// has the kills land in saves of both versions.
		cmd.Env = append(os.Environ(), fmt.Sprintf("WFCONNECT_CRASH_CHILD=%d|%s", i%2, dir))
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
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		list, err := p.Load()
		if err != nil {
			t.Fatalf("kill %d: %v", i+1, err)
		}
		if len(list) != 3 || (list[0].Name != "v0" && list[0].Name != "v1") || list[2].ClientID != list[0].Name {
			t.Fatalf("kill %d: mixed or partial content %+v", i+1, list)
		}
		seen[list[0].Name]++
	}
	// Every child had saved before its kill (it said so), and both
	// versions were left behind: the kills landed among saves.
	if seen["v0"] == 0 || seen["v1"] == 0 {
		t.Errorf("the children never got to save: %v", seen)
	}
	t.Logf("after 200 kills: %v", seen)
}

// version is one of two whole contents a save can leave.
func version(v int) []Profile {
	name := fmt.Sprintf("v%d", v)
	return []Profile{{Name: name, ClientID: name}, {Name: name + "-b", ClientID: name}, {Name: name + "-c", ClientID: name}}
}

// TestProcessesAddingAtOnceLoseNothing: the desktop app and scripts may add
// connections at the same moment; every one of them must be in the file.
func TestProcessesAddingAtOnceLoseNothing(t *testing.T) {
	if spec := os.Getenv("WFCONNECT_ADD_CHILD"); spec != "" {
		dir, prefix, _ := strings.Cut(spec, "|")
		p := OpenProfiles(dir)
		for i := 0; i < 10; i++ {
			if err := p.Put(Profile{Name: fmt.Sprintf("%s-%d", prefix, i)}, ""); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
		os.Exit(0)
	}
	dir := t.TempDir()
	const children = 6
	cmds := make([]*exec.Cmd, children)
	for i := range cmds {
		cmds[i] = exec.Command(os.Args[0], "-test.run=^TestProcessesAddingAtOnceLoseNothing$")
		cmds[i].Env = append(os.Environ(), fmt.Sprintf("WFCONNECT_ADD_CHILD=%s|p%d", dir, i))
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
	list, err := OpenProfiles(dir).Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != children*10 {
		t.Errorf("%d of %d connections survived processes adding at once", len(list), children*10)
	}
}
