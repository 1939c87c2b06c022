//go:build unix

package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptedExportLeavesNoFile: Ctrl+C (and SIGTERM) in the middle of
// an export, in a real child process, leaves nothing at the target path
// nor beside it, and says it was interrupted.
func TestInterruptedExportLeavesNoFile(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	r := connectedRig(t, 20000)
	r.sim.SetLatency(150 * time.Millisecond)
	seed := map[string]string{}
	for _, k := range []string{"acme/tokens", "acme/client-secret", "acme/local-http"} {
		if v, ok, _ := r.secrets.Get(k); ok {
			seed[k] = v
		}
	}
	raw, _ := json.Marshal(seed)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "projects.xlsx")
			cmd := runProcess([]string{"WFCONNECT_CONFIG_DIR=" + r.dir, "WFCONNECT_TEST_KEYRING_ERROR=memory", "WFCONNECT_TEST_KEYRING_SEED=" + string(raw)},
				"export", "acme", "proj", "--fields", "name,status,owner:name", "-o", path, "--concurrency", "1")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			exited := startHeld(t, cmd, &stderr, 1200*time.Millisecond)
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			select {
			case <-exited:
			case <-time.After(10 * time.Second):
				cmd.Process.Kill() // our own child, by the handle we started it with
				<-exited
				t.Fatal("still running 10 s after the signal")
			}
			if _, err := os.Stat(path); !os.IsNotExist(err) {
				t.Errorf("%s exists after %v (%v)", path, sig, err)
			}
			if left, _ := os.ReadDir(dir); len(left) != 0 {
				t.Errorf("left beside it: %v", left)
			}
			if got := stderr.String(); !strings.Contains(got, "wfconnect: interrupted") || cmd.ProcessState.ExitCode() != ExitError {
				t.Errorf("exit %d, stderr %q", cmd.ProcessState.ExitCode(), got)
			}
			t.Logf("stderr: %s", strings.TrimSpace(stderr.String()))
		})
	}
}
