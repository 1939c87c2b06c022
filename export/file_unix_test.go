//go:build unix

package export

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestExportModes: a new export is 0600 even with a umask of 0, and
// replacing a file keeps its mode (0600 stays 0600, 0640 stays 0640).
func TestExportModes(t *testing.T) {
	_, c := newSim(t, 20)
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := t.TempDir()
	job := Job{ObjCode: "proj", Fields: []string{"name"}}
	for _, f := range []Format{CSV, XLSX, JSON} {
		path := filepath.Join(dir, "new"+f.Extension())
		if _, err := ToFile(context.Background(), c, job, path); err != nil {
			t.Fatal(err)
		}
		if mode := modeOfFile(t, path); mode != 0o600 {
			t.Errorf("a new %s export is %o", f, mode)
		}
	}
	for _, mode := range []os.FileMode{0o600, 0o640} {
		path := filepath.Join(dir, "old.csv")
		os.WriteFile(path, []byte("old"), mode)
		os.Chmod(path, mode)
		if _, err := ToFile(context.Background(), c, job, path); err != nil {
			t.Fatal(err)
		}
		if got := modeOfFile(t, path); got != mode {
			t.Errorf("replacing a %o file left it %o", mode, got)
		}
	}
}

// TestExportRefusesOddTargets: a symbolic link (its target untouched), a
// FIFO (without blocking) and a folder are refused, and nothing is left
// beside them.
func TestExportRefusesOddTargets(t *testing.T) {
	_, c := newSim(t, 20)
	dir := t.TempDir()
	victim := filepath.Join(t.TempDir(), "victim.csv")
	os.WriteFile(victim, []byte("keep"), 0o600)
	link := filepath.Join(dir, "link.csv")
	os.Symlink(victim, link)
	fifo := filepath.Join(dir, "fifo.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder.csv")
	os.Mkdir(folder, 0o700)
	for path, said := range map[string]string{link: "is a symbolic link", fifo: "is not a regular file", folder: "is a folder"} {
		done := make(chan error, 1)
		go func() {
			_, err := ToFile(context.Background(), c, Job{ObjCode: "proj", Fields: []string{"name"}}, path)
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), said) {
				t.Errorf("%s: %v, want %q", filepath.Base(path), err, said)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: the export hangs", filepath.Base(path))
		}
	}
	if b, _ := os.ReadFile(victim); string(b) != "keep" {
		t.Errorf("the link's target changed: %q", b)
	}
	if info, _ := os.Lstat(link); info.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
	if left := partials(t, dir); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}
