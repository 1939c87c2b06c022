package query

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wfconnect/wfconnect/workfront"
)

var planned = Query{Connection: "acme", ObjCode: "PROJ", Name: "Planned", Folder: "Admin",
	Filters: []workfront.Filter{{Key: "status", Value: "PLN"}}, Columns: []string{"name", "status"}, Pinned: []string{"name"},
	Widths: map[string]float32{"status": 120}, Sorts: []workfront.Sort{{Field: "name"}}}

func TestSavedQueries(t *testing.T) {
	dir := t.TempDir()
	s := Open(dir)
	q, err := s.Save(planned)
	if err != nil || q.ID == "" {
		t.Fatalf("%+v %v", q, err)
	}
	if _, err := s.Save(Query{Connection: "acme", ObjCode: "TASK", Name: "planned"}); err == nil {
		t.Error("a name taken on the connection (any case) is refused")
	}
	if _, err := s.Save(Query{Connection: "other", ObjCode: "TASK", Name: "Planned"}); err != nil {
		t.Errorf("another connection may use the name: %v", err)
	}
	if _, err := s.Save(Query{Connection: "acme", ObjCode: "TASK", Name: " \x1b "}); err == nil {
		t.Error("an empty name is refused")
	}
	if err := s.Rename("acme", q.ID, "Planning"); err != nil {
		t.Fatal(err)
	}
	d1, _ := s.Duplicate("acme", q.ID)
	d2, _ := s.Duplicate("acme", q.ID)
	saved, _ := s.Saved("acme")
	if len(saved) != 3 || saved[0].Name != "Planning" || d1.Name != "Planning (copy)" || d2.Name != "Planning (copy 2)" {
		t.Fatalf("%+v / %q %q", saved, d1.Name, d2.Name)
	}
	if saved[0].Widths["status"] != 120 || saved[0].Pinned[0] != "name" || saved[0].Filters[0].Value != "PLN" {
		t.Errorf("kept %+v", saved[0])
	}
	if err := s.Delete("acme", d1.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete("acme", d1.ID); err == nil {
		t.Error("deleting twice says it is gone")
	}
	info, err := os.Stat(filepath.Join(dir, savedFile))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, %v", info.Mode(), err)
	}
}

func TestHistoryKeepsTheLast500(t *testing.T) {
	s := Open(t.TempDir())
	at := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	for i := range 510 {
		q := Query{ObjCode: "TASK", Text: fmt.Sprint(i)}
		if err := s.AddHistory("acme", q, at.Add(time.Duration(i)*time.Minute), i); err != nil {
			t.Fatal(err)
		}
	}
	s.AddHistory("acme", Query{ObjCode: "TASK", Text: "509", Name: "renamed"}, at.Add(time.Hour*24), 7)
	es, err := s.History("acme")
	if err != nil || len(es) != MaxHistory || es[0].Query.Text != "509" || es[0].Rows != 7 || es[1].Query.Text != "508" {
		t.Fatalf("%d entries, first %+v, %v", len(es), es[0], err)
	}
	s.AddHistory("acme", Query{ObjCode: "TASK", Text: "a"}, at.Add(48*time.Hour), 1)
	s.AddHistory("acme", Query{ObjCode: "TASK", Text: "ab"}, at.Add(48*time.Hour+time.Second), 1)
	if es, _ := s.History("acme"); es[0].Query.Text != "ab" || es[1].Query.Text != "509" {
		t.Errorf("a search typed letter by letter is one entry: %q, %q", es[0].Query.Text, es[1].Query.Text)
	}
	if other, _ := s.History("other"); len(other) != 0 {
		t.Error("history is per connection")
	}
}

func TestTabsKept(t *testing.T) {
	s := Open(t.TempDir())
	if err := s.SaveTabs("acme", Tabs{Open: []Query{planned, {ObjCode: "TASK"}}, Current: 1}); err != nil {
		t.Fatal(err)
	}
	tabs, err := s.Tabs("acme")
	if err != nil || len(tabs.Open) != 2 || tabs.Current != 1 || tabs.Open[0].Name != "Planned" {
		t.Errorf("%+v %v", tabs, err)
	}
}

// TestDamagedFileKeptAside: a file that is not JSON is moved aside and
// said, never emptied silently; a newer one is refused and left alone.
func TestDamagedFileKeptAside(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, savedFile)
	os.WriteFile(path, []byte("{not json"), 0o600)
	s := Open(dir)
	_, err := s.Saved("acme")
	var d *DamagedError
	if !errors.As(err, &d) || !strings.Contains(err.Error(), "kept as") {
		t.Fatalf("%v", err)
	}
	if kept, _ := os.ReadFile(d.Aside); string(kept) != "{not json" {
		t.Errorf("the damaged file was not kept: %q", kept)
	}
	if _, err := s.Save(planned); err != nil {
		t.Errorf("a fresh file starts: %v", err)
	}
	newer := filepath.Join(dir, historyFile)
	os.WriteFile(newer, []byte(`{"version": 9, "history": {}}`), 0o600)
	if err := s.AddHistory("acme", planned, time.Now(), 1); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("a newer file: %v", err)
	}
	if data, _ := os.ReadFile(newer); !strings.Contains(string(data), `"version": 9`) {
		t.Error("a newer file was overwritten")
	}
	os.Remove(newer)
	os.Symlink(path, newer)
	if _, err := s.History("acme"); err == nil || !strings.Contains(err.Error(), "regular") {
		t.Errorf("a symlink: %v", err)
	}
}

// TestTwoStoresLoseNothing: the app and the command line (two stores on
// one directory) add history at once; every entry is kept.
func TestTwoStoresLoseNothing(t *testing.T) {
	dir := t.TempDir()
	a, b := Open(dir), Open(dir)
	var wg sync.WaitGroup
	for i := range 40 {
		s := a
		if i%2 == 1 {
			s = b
		}
		wg.Go(func() {
			if err := s.AddHistory("acme", Query{ObjCode: "TASK", Text: fmt.Sprint(i)}, time.Now().Add(time.Duration(i)*time.Hour), i); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if es, _ := a.History("acme"); len(es) != 40 {
		t.Errorf("%d entries kept of 40", len(es))
	}
}

func TestExportImport(t *testing.T) {
	data, err := Export([]Query{planned})
	if err != nil || strings.Contains(string(data), "acme") {
		t.Fatalf("the connection is not exported: %s %v", data, err)
	}
	qs, err := Import(data)
	if err != nil || len(qs) != 1 || qs[0].Name != "Planned" || qs[0].Connection != "" || qs[0].Filters[0].Key != "status" {
		t.Fatalf("%+v %v", qs, err)
	}
	for _, bad := range []string{`{"profiles": []}`, `[1,2]`, `{"wfconnectQueries": 7, "queries": []}`, `{"wfconnectQueries":1,"queries":[{"name":"x"}]}`} {
		if _, err := Import([]byte(bad)); err == nil {
			t.Errorf("%s imported", bad)
		}
	}
}
