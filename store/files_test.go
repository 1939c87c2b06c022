package store

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

// A profiles.json that is a symbolic link is not read (nor written
// through): the link's target stays untouched.
func TestSymlinkedProfilesFileIsNotFollowed(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	dir := t.TempDir()
	p := OpenProfiles(dir)
	target := filepath.Join(t.TempDir(), "elsewhere.json")
	content := []byte(`{"schema":1,"profiles":[{"name":"planted","host":"https://evil.example"}]}`)
	os.WriteFile(target, content, 0o600)
	if err := os.Symlink(target, p.Path()); err != nil {
		t.Fatal(err)
	}
	check := func(what string, err error) {
		t.Helper()
		if err == nil {
			t.Errorf("%s: no error", what)
			return
		}
		for _, want := range []string{p.Path(), "is a symbolic link", "did not read it", "Replace the link"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: %q lacks %q", what, err, want)
			}
		}
	}
	list, err := p.Load()
	check("load", err)
	if len(list) != 0 {
		t.Errorf("load read through the link: %v", list)
	}
	_, err = p.Get("planted")
	check("get", err)
	check("put", p.Put(Profile{Name: "new"}, ""))
	check("remove", p.Remove("planted"))
	// Save replaces the link itself.
	if err := p.Save([]Profile{{Name: "mine"}}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(target); string(b) != string(content) {
		t.Errorf("the link's target was changed:\n%s", b)
	}
	if info, err := os.Lstat(p.Path()); err != nil || !info.Mode().IsRegular() {
		t.Errorf("profiles.json after the save: %v %v", info.Mode(), err)
	}
	if list, err := p.Load(); err != nil || len(list) != 1 || list[0].Name != "mine" {
		t.Errorf("after the save: %v %v", list, err)
	}
	// A dangling link is refused too, and not created through.
	os.Remove(p.Path())
	dangling := filepath.Join(t.TempDir(), "absent.json")
	os.Symlink(dangling, p.Path())
	_, err = p.Load()
	check("dangling", err)
	if _, err := os.Lstat(dangling); !os.IsNotExist(err) {
		t.Error("the dangling link's target was created")
	}
}

// The open itself refuses a link, for a link planted between the stat and
// the open.
func TestOpenNoFollow(t *testing.T) {
	if !checkPermissions {
		t.Skip("O_NOFOLLOW is Unix")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "target"), []byte("x"), 0o600)
	os.Symlink(filepath.Join(dir, "target"), filepath.Join(dir, "link"))
	if f, err := openNoFollow(filepath.Join(dir, "link")); err == nil || !isSymlinkRefusal(err) {
		if f != nil {
			f.Close()
		}
		t.Errorf("opened through a link: %v", err)
	}
}

const duplicated = `{"schema":1,"profiles":[
 {"name":"acme","host":"https://acme.my.workfront.com"},
 {"name":"beta","host":"https://beta.my.workfront.com"},
 {"name":"acme","host":"https://other.my.workfront.com"},
 {"name":"ACME","host":"https://third.my.workfront.com"}]}`

// Names that repeat (ignoring case) are reported by Load, which still
// gives every connection; Get, Put and Remove refuse the ambiguous name and
// act on the others.
func TestDuplicateNames(t *testing.T) {
	p := OpenProfiles(t.TempDir())
	os.WriteFile(p.Path(), []byte(duplicated), 0o600)
	list, err := p.Load()
	var de *DuplicateNamesError
	if !errors.As(err, &de) || !errors.Is(err, ErrAmbiguousName) || len(list) != 4 {
		t.Fatalf("load: %d profiles, %v", len(list), err)
	}
	if de.Path != p.Path() || !reflect.DeepEqual(de.Names, [][]string{{"acme", "acme", "ACME"}}) {
		t.Errorf("error %+v", de)
	}
	want := p.Path() + ` has more than one connection with the same name (names are compared ignoring case): "acme", "acme", "ACME". Edit the file so that each name appears once; until then wfconnect will not use, change or remove those connections.`
	if err.Error() != want {
		t.Errorf("message %q\nwant    %q", err, want)
	}

	ambiguous := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, ErrAmbiguousName) {
			t.Errorf("%s: %v", what, err)
			return
		}
		for _, want := range []string{p.Path(), `"acme", "acme", "ACME"`, "did not pick one", "Edit the file so that each name appears once"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: %q lacks %q", what, err, want)
			}
		}
	}
	_, err = p.Get("Acme")
	ambiguous("get", err)
	ambiguous("remove", p.Remove("acme"))
	ambiguous("replace", p.Put(Profile{Name: "acme2"}, "ACME"))
	if b, _ := os.ReadFile(p.Path()); string(b) != duplicated {
		t.Fatal("a refused change changed the file")
	}
	if err := p.Put(Profile{Name: "acme"}, ""); !errors.Is(err, ErrDuplicateName) {
		t.Errorf("adding another acme: %v", err)
	}

	// The other connections work.
	if got, err := p.Get("BETA"); err != nil || got.Host != "https://beta.my.workfront.com" {
		t.Errorf("get beta: %+v %v", got, err)
	}
	if err := p.Put(Profile{Name: "gamma"}, ""); err != nil {
		t.Fatal(err)
	}
	if err := p.Remove("beta"); err != nil {
		t.Fatal(err)
	}
	list, err = p.Load()
	if !errors.As(err, &de) || len(list) != 4 || list[3].Name != "gamma" {
		t.Errorf("after changes: %v %v", list, err)
	}

	// Fixed by hand: no error any more.
	os.WriteFile(p.Path(), []byte(`{"schema":1,"profiles":[{"name":"acme"},{"name":"ACME 2"}]}`), 0o600)
	if list, err := p.Load(); err != nil || len(list) != 2 {
		t.Errorf("fixed file: %v %v", list, err)
	}
}

// The file is parsed once while it does not change, however many lookups
// follow; a change, by this process or another, is seen.
func TestFileIsParsedOncePerVersion(t *testing.T) {
	p := OpenProfiles(t.TempDir())
	for _, n := range []string{"a", "b", "c"} {
		if err := p.Put(Profile{Name: n}, ""); err != nil {
			t.Fatal(err)
		}
	}
	list, err := p.Load()
	if err != nil {
		t.Fatal(err)
	}
	list[0].Name = "changed by the caller" // a caller's copy
	before := p.parses
	for i := 0; i < 10; i++ {
		for _, n := range []string{"a", "b", "c"} {
			if _, err := p.Get(n); err != nil {
				t.Fatal(err)
			}
		}
		if l, _ := p.Load(); len(l) != 3 || l[0].Name != "a" {
			t.Fatalf("load %v", l)
		}
	}
	if n := p.parses - before; n != 0 {
		t.Errorf("the unchanged file was parsed %d more times", n)
	}

	// Another process's save (an atomic rename: a new inode).
	WriteFileAtomic(p.Path(), []byte(`{"schema":1,"profiles":[{"name":"x"}]}`), 0o600)
	if _, err := p.Get("x"); err != nil {
		t.Errorf("a rename was missed: %v", err)
	}
	// An edit in place of the same size, later.
	os.WriteFile(p.Path(), []byte(`{"schema":1,"profiles":[{"name":"y"}]}`), 0o600)
	later := time.Now().Add(time.Minute)
	os.Chtimes(p.Path(), later, later)
	if _, err := p.Get("y"); err != nil {
		t.Errorf("an edit in place was missed: %v", err)
	}
	// Removed.
	os.Remove(p.Path())
	if l, err := p.Load(); err != nil || len(l) != 0 {
		t.Errorf("after removal: %v %v", l, err)
	}
}
