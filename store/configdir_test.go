package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func unixOnly(t *testing.T) {
	t.Helper()
	if !checkPermissions {
		t.Skip("Unix modes and owners")
	}
}

// A config directory that others can write to is made 0700.
func TestConfigDirIsMadePrivate(t *testing.T) {
	unixOnly(t)
	dir := filepath.Join(t.TempDir(), "wfconnect")
	os.Mkdir(dir, 0o700)
	os.Chmod(dir, 0o777)
	t.Setenv("WFCONNECT_CONFIG_DIR", dir)
	got, err := ConfigDir()
	if err != nil || got != dir {
		t.Fatalf("%q %v", got, err)
	}
	if info, _ := os.Stat(dir); info.Mode().Perm() != 0o700 {
		t.Errorf("mode %v, want 0700", info.Mode().Perm())
	}
	os.Chmod(dir, 0o750) // not writable by others: left as it is
	if _, err := ConfigDir(); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(dir); info.Mode().Perm() != 0o750 {
		t.Errorf("mode %v, want 0750 kept", info.Mode().Perm())
	}
	// A new one is created 0700.
	fresh := filepath.Join(t.TempDir(), "new")
	t.Setenv("WFCONNECT_CONFIG_DIR", fresh)
	if _, err := ConfigDir(); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(fresh); info.Mode().Perm() != 0o700 {
		t.Errorf("new dir mode %v", info.Mode().Perm())
	}
}

// A config directory that belongs to another user is refused, and left
// as it is.
func TestConfigDirOfAnotherUserIsRefused(t *testing.T) {
	unixOnly(t)
	dir := filepath.Join(t.TempDir(), "wfconnect")
	os.Mkdir(dir, 0o700)
	os.Chmod(dir, 0o777)
	t.Setenv("WFCONNECT_CONFIG_DIR", dir)
	me := os.Getuid()
	currentUID = func() int { return me + 1 } // we play another user
	defer func() { currentUID = os.Getuid }()
	_, err := ConfigDir()
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{dir, "belongs to another user", "will not keep your connections there", "chown", "WFCONNECT_CONFIG_DIR"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
	if info, _ := os.Stat(dir); info.Mode().Perm() != 0o777 {
		t.Errorf("another user's directory was changed to %v", info.Mode().Perm())
	}
}
