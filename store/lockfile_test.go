//go:build unix

package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestUnsafeLockFileIsRefused: a .profiles.lock that is a symbolic link
// (to a file, or dangling), a FIFO, a directory or another user's file is
// refused at once with a message that names it and says what to do; the
// link's target is neither locked nor created, and the FIFO does not hang
// the save.
func TestUnsafeLockFileIsRefused(t *testing.T) {
	unixOnly(t)
	for _, tc := range []struct {
		name  string
		plant func(t *testing.T, lock string) (target string)
		said  string
	}{
		{"symlink", func(t *testing.T, lock string) string {
			target := filepath.Join(t.TempDir(), "victim")
			os.WriteFile(target, []byte("keep"), 0o600)
			return target + "|" + mustSymlink(t, target, lock)
		}, "is a symbolic link"},
		{"dangling symlink", func(t *testing.T, lock string) string {
			return mustSymlink(t, filepath.Join(t.TempDir(), "absent"), lock)
		}, "is a symbolic link"},
		{"fifo", func(t *testing.T, lock string) string {
			if err := syscall.Mkfifo(lock, 0o600); err != nil {
				t.Skip("no FIFOs here:", err)
			}
			return ""
		}, "is not a regular file"},
		{"directory", func(t *testing.T, lock string) string {
			os.Mkdir(lock, 0o700)
			return ""
		}, "is not a regular file"},
		{"another user's", func(t *testing.T, lock string) string {
			os.WriteFile(lock, nil, 0o600)
			me := os.Getuid()
			currentUID = func() int { return me + 1 } // we play another user
			t.Cleanup(func() { currentUID = os.Getuid })
			return ""
		}, "belongs to another user"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			lock := filepath.Join(dir, lockFileName)
			target := tc.plant(t, lock)
			p := OpenProfiles(dir)
			done := make(chan error, 1)
			go func() { done <- p.Put(Profile{Name: "a", Host: "https://acme.my.workfront.com"}, "") }()
			var err error
			select {
			case err = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("the save hangs on the planted lock file")
			}
			if !errors.Is(err, ErrUnsafeLockFile) || !strings.Contains(err.Error(), lock) || !strings.Contains(err.Error(), tc.said) || !strings.Contains(err.Error(), "Delete it") {
				t.Fatalf("err %v, want ErrUnsafeLockFile saying %q", err, tc.said)
			}
			if _, err := os.Lstat(p.Path()); !os.IsNotExist(err) {
				t.Error("the profiles file was written without the lock")
			}
			if tc.name == "symlink" {
				victim, _, _ := strings.Cut(target, "|")
				if b, _ := os.ReadFile(victim); string(b) != "keep" {
					t.Errorf("the link's target changed: %q", b)
				}
			}
			if tc.name == "dangling symlink" {
				if _, err := os.Lstat(target); !os.IsNotExist(err) {
					t.Error("the dangling link's target was created")
				}
			}
		})
	}
}

// TestLockFileIsMadePrivate: the lock file wfconnect makes is a regular
// 0600 file, and saving through it works.
func TestLockFileIsMadePrivate(t *testing.T) {
	unixOnly(t)
	dir := t.TempDir()
	p := OpenProfiles(dir)
	if err := p.Put(Profile{Name: "a", Host: "https://acme.my.workfront.com"}, ""); err != nil {
		t.Fatal(err)
	}
	info, err := os.Lstat(filepath.Join(dir, lockFileName))
	if err != nil || !info.Mode().IsRegular() || info.Mode().Perm() != 0o600 {
		t.Errorf("lock file: %v %v", info, err)
	}
	if err := p.Put(Profile{Name: "b", Host: "https://acme.my.workfront.com"}, ""); err != nil {
		t.Fatal(err)
	}
}

func mustSymlink(t *testing.T, target, link string) string {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	return target
}
