//go:build unix

package edit

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteResultsModes: a new file is 0600 whatever the umask, a replaced
// one never looser than it was; a symbolic link is refused and its target
// left alone.
func TestWriteResultsModes(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := t.TempDir()
	row := []ResultRow{{InputRow: InputRow{ID: "t1"}, Status: StatusChanged}}
	for _, c := range []struct {
		before, want os.FileMode // before 0: no file yet
	}{{0, 0o600}, {0o644, 0o600}, {0o400, 0o400}} {
		path := filepath.Join(dir, "r.csv")
		os.Remove(path)
		if c.before != 0 {
			os.WriteFile(path, []byte("old"), c.before)
			os.Chmod(path, c.before)
		}
		if err := WriteResults(path, nil, row); err != nil {
			t.Fatal(err)
		}
		if info, _ := os.Stat(path); info.Mode().Perm() != c.want {
			t.Errorf("over %04o: mode %04o, want %04o", c.before, info.Mode().Perm(), c.want)
		}
	}
	target := filepath.Join(dir, "target.csv")
	os.WriteFile(target, []byte("mine"), 0o600)
	link := filepath.Join(dir, "link.csv")
	os.Symlink(target, link)
	if err := WriteResults(link, nil, row); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("a symbolic link: %v", err)
	}
	if raw, _ := os.ReadFile(target); string(raw) != "mine" {
		t.Errorf("the link's target changed: %q", raw)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
}
