//go:build unix

package journal

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestRefusesPlantedFiles: a symbolic link at the journal, its folder or its
// lock file, a FIFO or a folder at the journal, and files of another user
// are refused with ErrUnsafe; nothing is written where a link points, and
// a FIFO does not hang the caller.
func TestRefusesPlantedFiles(t *testing.T) {
	plant := map[string]func(t *testing.T, dir string, j *Journal){
		"symlink": func(t *testing.T, dir string, j *Journal) {
			os.WriteFile(filepath.Join(dir, "target"), nil, 0o600)
			os.Symlink(filepath.Join(dir, "target"), j.Path())
		},
		"symlinked folder": func(t *testing.T, dir string, j *Journal) {
			os.Remove(j.dir)
			os.Mkdir(filepath.Join(dir, "elsewhere"), 0o700)
			os.Symlink(filepath.Join(dir, "elsewhere"), j.dir)
		},
		"symlinked lock": func(t *testing.T, dir string, j *Journal) {
			os.WriteFile(filepath.Join(dir, "target"), nil, 0o600)
			os.Symlink(filepath.Join(dir, "target"), j.lockPath)
		},
		"fifo": func(t *testing.T, dir string, j *Journal) {
			if err := syscall.Mkfifo(j.Path(), 0o600); err != nil {
				t.Skip(err)
			}
		},
		"folder": func(t *testing.T, dir string, j *Journal) { os.Mkdir(j.Path(), 0o700) },
		"another user's file": func(t *testing.T, dir string, j *Journal) {
			os.WriteFile(j.Path(), nil, 0o600)
			chownOrSkip(t, j.Path())
		},
		"another user's folder": func(t *testing.T, dir string, j *Journal) { chownOrSkip(t, j.dir) },
		"another user's lock": func(t *testing.T, dir string, j *Journal) {
			os.WriteFile(j.lockPath, nil, 0o600)
			chownOrSkip(t, j.lockPath)
		},
	}
	for name, setup := range plant {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			j := Open(dir, "x")
			os.Mkdir(j.dir, 0o700)
			setup(t, dir, j)
			done := make(chan [2]error, 1)
			go func() {
				rerr := j.Record(change("c1", "t1", "A", "B"))
				_, lerr := j.List(0)
				done <- [2]error{rerr, lerr}
			}()
			var errs [2]error
			select {
			case errs = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("the journal hung")
			}
			if !errors.Is(errs[0], ErrUnsafe) {
				t.Errorf("Record: %v, want ErrUnsafe", errs[0])
			}
			if name != "symlinked lock" && name != "another user's lock" && !errors.Is(errs[1], ErrUnsafe) {
				t.Errorf("List: %v, want ErrUnsafe", errs[1])
			}
			if raw, _ := os.ReadFile(filepath.Join(dir, "target")); len(raw) != 0 {
				t.Errorf("wrote through the link: %q", raw)
			}
			if entries, _ := os.ReadDir(filepath.Join(dir, "elsewhere")); len(entries) != 0 {
				t.Errorf("wrote into the linked folder: %v", entries)
			}
		})
	}
}

// chownOrSkip gives path to another user (nobody), which only root can.
func chownOrSkip(t *testing.T, path string) {
	t.Helper()
	if os.Getuid() != 0 {
		t.Skip("giving a file to another user needs root")
	}
	if err := os.Chown(path, 65534, 65534); err != nil {
		t.Skip(err)
	}
}

// TestFilesArePrivate: the folder is 0700 and the file 0600 whatever the
// umask; looser ones of this user are tightened.
func TestFilesArePrivate(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := t.TempDir()
	j := Open(dir, "x")
	if err := j.Record(change("c1", "t1", "A", "B")); err != nil {
		t.Fatal(err)
	}
	checkMode(t, filepath.Join(dir, "journal"), 0o700)
	checkMode(t, j.Path(), 0o600)
	os.Chmod(filepath.Join(dir, "journal"), 0o755)
	os.Chmod(j.Path(), 0o644)
	if err := j.Record(change("c2", "t2", "A", "B")); err != nil {
		t.Fatal(err)
	}
	checkMode(t, filepath.Join(dir, "journal"), 0o700)
	checkMode(t, j.Path(), 0o600)
}

func checkMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != want {
		t.Errorf("%s: mode %04o, want %04o", path, got, want)
	}
}
