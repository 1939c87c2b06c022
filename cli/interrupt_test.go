//go:build unix

package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wfconnect/wfconnect/store"
)

// stalledBus is a D-Bus address whose socket accepts connections and never
// answers: a Secret Service that hangs, as a stuck keyring daemon does.
func stalledBus(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "wfc-stall-") // short: unix socket paths are limited
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	path := filepath.Join(dir, "bus")
	l, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	var held []net.Conn
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			held = append(held, conn) // never read, never answered
		}
	}()
	t.Cleanup(func() {
		l.Close()
		for _, c := range held {
			c.Close()
		}
	})
	return "unix:path=" + path
}

// writeProfiles writes n single-page profiles (they need no client secret),
// padded so the file is about size bytes.
func writeProfiles(t *testing.T, dir string, n, size int) {
	t.Helper()
	list := make([]store.Profile, n)
	for i := range list {
		list[i] = store.Profile{Name: fmt.Sprintf("p%d", i), Host: fmt.Sprintf("https://acme%d.my.workfront.com", i),
			ClientID: "id", RedirectURI: "http://127.0.0.1:8765/callback", AppType: "spa", TokenAuth: "basic-json", APIVersion: "v21.0"}
	}
	if pad := size / n; pad > 200 {
		for i := range list {
			list[i].ClientID = strings.Repeat("x", pad-200)
		}
	}
	raw, err := json.Marshal(map[string]any{"schema": 1, "profiles": list})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "profiles.json"), raw, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestInterruptEndsCommand: Ctrl+C and SIGTERM end every command within a
// second, whatever it waits for. Before, `status` with a stalled keyring
// ignored both for a minute, and with a 100 MB profiles file for minutes.
func TestInterruptEndsCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes and writes a 100 MB file")
	}
	for _, tc := range []struct {
		name     string
		sig      syscall.Signal
		profiles int
		size     int
		stalled  bool
	}{
		{"stalled-keyring/SIGINT", syscall.SIGINT, 20, 0, true},
		{"stalled-keyring/SIGTERM", syscall.SIGTERM, 20, 0, true},
		// The file is parsed once now, so the keyring holds it up after that.
		{"100MB-profiles/SIGTERM", syscall.SIGTERM, 2000, 100 << 20, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeProfiles(t, dir, tc.profiles, tc.size)
			env := []string{"WFCONNECT_CONFIG_DIR=" + dir}
			if tc.stalled {
				env = append(env, "DBUS_SESSION_BUS_ADDRESS="+stalledBus(t))
			} else {
				env = append(env, "WFCONNECT_TEST_KEYRING_ERROR=memory")
			}
			cmd := runProcess(env, "status")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			exited := startHeld(t, cmd, &stderr, 1500*time.Millisecond)
			sent := time.Now()
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			select {
			case <-exited:
				limit := time.Second
				if raceDetector {
					limit = 3 * time.Second
				}
				took := time.Since(sent)
				t.Logf("ended %s after %v", took.Round(time.Millisecond), tc.sig)
				if took > limit {
					t.Errorf("ended %s after %v; want within %s", took.Round(time.Millisecond), tc.sig, limit)
				}
				if got := stderr.String(); !strings.Contains(got, "wfconnect: interrupted") {
					t.Errorf("stderr %q; want it to say it was interrupted", got)
				}
			case <-time.After(10 * time.Second):
				cmd.Process.Kill() // our own child, by the handle we started it with
				<-exited
				t.Fatalf("still running 10 s after %v", tc.sig)
			}
		})
	}
}

// startHeld starts a child process and checks that it is still running
// after hold (the case holds it up), so that a signal then reaches it in
// the middle of its work; the channel gets its end.
func startHeld(t *testing.T, cmd *exec.Cmd, stderr *bytes.Buffer, hold time.Duration) chan error {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		t.Fatalf("%s ended before the signal (%v): the case does not hold it up\n%s", strings.Join(cmd.Args[1:], " "), err, stderr.String())
	case <-time.After(hold):
	}
	return exited
}
