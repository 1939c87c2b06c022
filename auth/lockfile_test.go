//go:build unix

package auth

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wfconnect/wfconnect/wfsim"
)

// TestPlantedRefreshLockIsRefused: a symbolic link (dangling: its target
// is not created), a FIFO (without hanging) or a folder in place of a
// profile's refresh lock file is refused with a message that names it,
// and the saved tokens stay as they were.
func TestPlantedRefreshLockIsRefused(t *testing.T) {
	for _, tc := range []struct {
		name  string
		plant func(t *testing.T, lock string) string
		said  string
	}{
		{"symlink", func(t *testing.T, lock string) string {
			target := filepath.Join(t.TempDir(), "absent")
			os.Symlink(target, lock)
			return target
		}, "is a symbolic link"},
		{"fifo", func(t *testing.T, lock string) string { syscall.Mkfifo(lock, 0o600); return "" }, "is not a regular file"},
		{"folder", func(t *testing.T, lock string) string { os.Mkdir(lock, 0o700); return "" }, "is not a regular file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sim := startSim(t, wfsim.Options{})
			store := newMemStore()
			src, cfg := connect(t, sim, "form", store, SourceOptions{LockDir: t.TempDir()})
			before := store.tokens(t, cfg.Profile)
			lock := src.lockPath()
			os.MkdirAll(filepath.Dir(lock), 0o700)
			target := tc.plant(t, lock)
			done := make(chan error, 1)
			go func() { _, err := src.Refresh(context.Background(), before.AccessToken); done <- err }()
			var err error
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("the refresh hangs on the planted lock file")
			}
			if err == nil || !strings.Contains(err.Error(), "The lock file "+lock+" "+tc.said) {
				t.Fatalf("err %v, want %q", err, tc.said)
			}
			if target != "" {
				if _, err := os.Lstat(target); !os.IsNotExist(err) {
					t.Error("the link's target was created")
				}
			}
			if after := store.tokens(t, cfg.Profile); after.RefreshToken != before.RefreshToken || after.AccessToken != before.AccessToken {
				t.Errorf("the tokens changed: %+v", after)
			}
		})
	}
}
