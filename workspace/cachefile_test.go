//go:build unix

package workspace

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// typesFetches counts the object-type lists asked of the simulator.
func typesFetches(ws *Workspace) int {
	n := 0
	for _, r := range ws.demo.sim.Requests() {
		if strings.HasSuffix(r.Path, "/metadata") && strings.Count(r.Path, "/") == 4 { // not <obj>/metadata
			n++
		}
	}
	return n
}

// cachedTypes is the types cache file of the demo, made by one fetch.
func cachedTypes(t *testing.T, ws *Workspace) string {
	t.Helper()
	if _, err := ws.ObjectTypes(context.Background(), DemoName, false); err != nil {
		t.Fatal(err)
	}
	p, _ := ws.Profile(DemoName)
	path := ws.metadataPath(p, "types").path
	if _, err := os.Lstat(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestCacheFoldersAreMadePrivate: an existing cache folder open to all
// (0777) is tightened to 0700, the folders made are 0700, and the cache
// files 0600, even with a umask of 0.
func TestCacheFoldersAreMadePrivate(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	ws, cache := connectedDemo(t)
	os.Chmod(cache, 0o777)
	path := cachedTypes(t, ws)
	for dir := filepath.Dir(path); ; dir = filepath.Dir(dir) {
		if info, _ := os.Stat(dir); info.Mode().Perm() != 0o700 {
			t.Errorf("%s is %o", dir, info.Mode().Perm())
		}
		if dir == cache {
			break
		}
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("the cache file is %o", info.Mode().Perm())
	}
}

// TestCacheOfAnotherUserIsRefused: a cache folder owned by someone else
// is neither read nor written; the metadata comes from Workfront, and
// the log says why.
func TestCacheOfAnotherUserIsRefused(t *testing.T) {
	var logged []string
	ws, cache := connectedDemo(t)
	ws.log = func(s string) { logged = append(logged, s) }
	path := cachedTypes(t, ws)
	os.WriteFile(path, []byte(`[{"objCode":"EVIL","name":"Planted","label":"Planted"}]`), 0o600)
	ownedByMe = func(fs.FileInfo) bool { return false }
	defer func() { ownedByMe = defaultOwnedByMe }()
	types, err := ws.ObjectTypes(context.Background(), DemoName, false)
	if err != nil || len(types) < 2 || types[0].ObjCode == "EVIL" {
		t.Fatalf("the planted cache was used: %v %v", types, err)
	}
	if _, ok := ws.CachedObjectTypes(DemoName); ok {
		t.Error("completion read the other user's cache")
	}
	if said := strings.Join(logged, "\n"); !strings.Contains(said, "The metadata cache folder "+cache+" belongs to another user") {
		t.Errorf("log %q", said)
	}
}

// TestCacheFileThatIsNoFileIsRefused: a symbolic link or a FIFO in the
// cache file's place is not read (the FIFO without hanging, shell
// completion included), and the metadata comes from Workfront.
func TestCacheFileThatIsNoFileIsRefused(t *testing.T) {
	for _, kind := range []string{"symlink", "fifo"} {
		t.Run(kind, func(t *testing.T) {
			ws, _ := connectedDemo(t)
			path := cachedTypes(t, ws)
			os.Remove(path)
			planted := filepath.Join(t.TempDir(), "planted.json")
			os.WriteFile(planted, []byte(`[{"objCode":"EVIL","name":"Planted","label":"Planted"}]`), 0o600)
			if kind == "symlink" {
				os.Symlink(planted, path)
			} else if err := syscall.Mkfifo(path, 0o600); err != nil {
				t.Fatal(err)
			}
			done := make(chan bool, 1)
			go func() { _, ok := ws.CachedObjectTypes(DemoName); done <- ok }()
			select {
			case ok := <-done:
				if ok {
					t.Error("completion read it")
				}
			case <-time.After(5 * time.Second):
				t.Fatal("reading the cache hangs")
			}
			before := typesFetches(ws)
			types, err := ws.ObjectTypes(context.Background(), DemoName, false)
			if err != nil || len(types) < 2 || types[0].ObjCode == "EVIL" || typesFetches(ws) != before+1 {
				t.Fatalf("%v %v", types, err)
			}
			if b, _ := os.ReadFile(planted); !strings.Contains(string(b), "EVIL") {
				t.Error("the link's target was changed")
			}
		})
	}
}

// TestDamagedOrHugeCacheIsFetchedAgain: a cache file that is not JSON, or
// is over 50 MB (even valid JSON), is discarded and replaced by a fresh
// fetch.
func TestDamagedOrHugeCacheIsFetchedAgain(t *testing.T) {
	for _, kind := range []string{"damaged", "huge"} {
		t.Run(kind, func(t *testing.T) {
			ws, _ := connectedDemo(t)
			path := cachedTypes(t, ws)
			if kind == "damaged" {
				os.WriteFile(path, []byte(`[{"objCode":`), 0o600)
			} else {
				// Valid JSON, over the limit: read whole, it would be used.
				planted := `[{"objCode":"EVIL","name":"Planted","label":"Planted"}]` + strings.Repeat(" ", maxCacheFile)
				if err := os.WriteFile(path, []byte(planted), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			before := typesFetches(ws)
			types, err := ws.ObjectTypes(context.Background(), DemoName, false)
			if err != nil || len(types) < 2 || types[0].ObjCode == "EVIL" || typesFetches(ws) != before+1 {
				t.Fatalf("%d types, %v, %d fetches", len(types), err, typesFetches(ws)-before)
			}
			var again []workfront.ObjectType
			if !ws.metadataPath(ws.mustProfile(t), "types").read(&again) || len(again) != len(types) {
				t.Error("the fresh answer did not replace the bad file")
			}
		})
	}
}

var defaultOwnedByMe = ownedByMe

func (w *Workspace) mustProfile(t *testing.T) (p storeProfile) {
	t.Helper()
	p, err := w.Profile(DemoName)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

type storeProfile = store.Profile
