package journal

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func change(id, obj string, before, after any) Change {
	return Change{ID: id, ObjCode: "TASK", ObjID: obj, Changes: map[string]FieldChange{"status": {Before: before, After: after}}}
}

// TestRoundTrip: what Record wrote, List and Get give back, values of every
// JSON kind included, newest first.
func TestRoundTrip(t *testing.T) {
	j := Open(t.TempDir(), "Prod")
	at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	first := Change{ID: NewID(), Time: at, ObjCode: "TASK", ObjID: "t1", Batch: "b1", Outcome: Sending,
		Changes: map[string]FieldChange{
			"status":          {Before: "NEW", After: "CPL"},
			"percentComplete": {Before: 10.0, After: 100.0},
			"DE:Budget Code":  {Before: nil, After: "BC-9"},
			"assignments":     {Before: []any{map[string]any{"assignedToID": "u1"}}, After: []any{}},
		}}
	second := Change{ID: NewID(), Time: at.Add(time.Second), ObjCode: "PROJ", ObjID: "p1", BeforeUnknown: true, RevertOf: first.ID,
		Changes: map[string]FieldChange{"name": {After: "Ny ✓"}}}
	if err := j.Record(first, second); err != nil {
		t.Fatal(err)
	}
	list, err := j.List(0)
	if err != nil {
		t.Fatal(err)
	}
	second.Outcome = Sending // an empty outcome is recorded as Sending
	if len(list) != 2 || !reflect.DeepEqual(list[0], second) || !reflect.DeepEqual(list[1], first) {
		t.Fatalf("List gave\n%+v\nwant\n%+v\n%+v", list, second, first)
	}
	got, err := j.Get(strings.ToUpper(first.ID))
	if err != nil || !reflect.DeepEqual(got, first) {
		t.Fatalf("Get: %+v, %v", got, err)
	}
	if _, err := j.Get("c000"); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "c000") {
		t.Errorf("Get of a missing ID: %v", err)
	}
	if list, err := Open(t.TempDir(), "Prod").List(0); err != nil || len(list) != 0 {
		t.Errorf("a journal never written: %v, %v", list, err)
	}
}

// TestSettleAndLimit: Settle gives a change its outcome without touching
// the rest; limit keeps the newest.
func TestSettleAndLimit(t *testing.T) {
	j := Open(t.TempDir(), "x")
	var ids []string
	for i := 0; i < 5; i++ {
		id := NewID()
		ids = append(ids, id)
		if err := j.Record(change(id, fmt.Sprint("t", i), "NEW", "CPL")); err != nil {
			t.Fatal(err)
		}
	}
	if err := j.Settle(Changed, "", ids[0], ids[1]); err != nil {
		t.Fatal(err)
	}
	if err := j.Settle(Failed, "The status CPL is not valid.", ids[3]); err != nil {
		t.Fatal(err)
	}
	if err := j.Settle(Sending, "", ids[4]); err == nil {
		t.Error("Settle took Sending as an outcome")
	}
	list, err := j.List(3)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 || list[0].ID != ids[4] || list[2].ID != ids[2] {
		t.Fatalf("limit 3: %+v", list)
	}
	if list[0].Outcome != Sending || list[1].Outcome != Failed || list[1].Error != "The status CPL is not valid." || list[2].Outcome != Sending {
		t.Errorf("outcomes: %+v", list)
	}
	if c, _ := j.Get(ids[0]); c.Outcome != Changed || c.ObjID != "t0" {
		t.Errorf("settled change: %+v", c)
	}
	raw, _ := os.ReadFile(j.Path())
	if n := strings.Count(string(raw), "\n"); n != 8 {
		t.Errorf("Settle should append one line per ID (8 lines in all), the file has %d:\n%s", n, raw)
	}
}

// TestTornTailIsSkippedAndAppendsGoOn: a line cut short (as by a crash) is
// skipped without a complaint, the next append starts on a line of its
// own, and the torn line is not reported as damage later.
func TestTornTailIsSkippedAndAppendsGoOn(t *testing.T) {
	j := Open(t.TempDir(), "x")
	if err := j.Record(change("c1", "t1", "A", "B")); err != nil {
		t.Fatal(err)
	}
	f, _ := os.OpenFile(j.Path(), os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString(`{"id":"c2","time":"2026-01-01T00:00:00Z","objCode":"TA`)
	f.Close()
	if list, err := j.List(0); err != nil || len(list) != 1 {
		t.Fatalf("with a torn tail: %+v, %v", list, err)
	}
	if err := j.Record(change("c3", "t3", "A", "B")); err != nil {
		t.Fatal(err)
	}
	list, err := j.List(0)
	if err != nil || len(list) != 2 || list[0].ID != "c3" || list[1].ID != "c1" {
		t.Fatalf("after the next append: %+v, %v", list, err)
	}
}

// TestDamagedLinesAreReportedNotRepaired: lines broken in the middle of
// the journal are named in a DamagedError returned with every change that
// could be read, and the file is left as it was.
func TestDamagedLinesAreReportedNotRepaired(t *testing.T) {
	j := Open(t.TempDir(), "x")
	j.Record(change("c1", "t1", "A", "B"))
	f, _ := os.OpenFile(j.Path(), os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString("not json\n{\"objCode\":\"TASK\"}\n")
	f.Close()
	j.Record(change("c2", "t2", "A", "B"))
	before, _ := os.ReadFile(j.Path())
	list, err := j.List(0)
	var d *DamagedError
	if !errors.As(err, &d) || !reflect.DeepEqual(d.Lines, []int{2, 3}) || !strings.Contains(err.Error(), "lines 2, 3") {
		t.Fatalf("want a DamagedError at lines 2 and 3, got %v", err)
	}
	if len(list) != 2 || list[0].ID != "c2" || list[1].ID != "c1" {
		t.Errorf("the readable changes: %+v", list)
	}
	if c, err := j.Get("c1"); err != nil || c.ObjID != "t1" {
		t.Errorf("Get in a damaged journal: %+v, %v", c, err)
	}
	after, _ := os.ReadFile(j.Path())
	if string(after) != string(before) {
		t.Error("reading changed the damaged file")
	}
}

// TestHostileConnectionNames: any name gives a file inside the journal
// folder with a safe name; names that differ only in case share it,
// others do not.
func TestHostileConnectionNames(t *testing.T) {
	dir := t.TempDir()
	names := []string{"../x", "..", ".", "", " ", "a/b\\c", "Prod Ö", "日本語", "x\x00y", "-rf", "CON",
		strings.Repeat("long", 200), "\u202etxt.exe", "Stra\u00dfe"}
	seen := map[string]string{}
	for _, name := range names {
		j := Open(dir, name)
		if filepath.Dir(j.Path()) != filepath.Join(dir, "journal") {
			t.Errorf("%q: the journal %s is outside the folder", name, j.Path())
		}
		base := filepath.Base(j.Path())
		if strings.Trim(base, "abcdefghijklmnopqrstuvwxyz0123456789-_.") != "" || len(base) > 60 || strings.HasPrefix(base, ".") || strings.HasPrefix(base, "-") {
			t.Errorf("%q: unsafe file name %q", name, base)
		}
		if other, ok := seen[base]; ok {
			t.Errorf("%q and %q share %s", name, other, base)
		}
		seen[base] = name
		if err := j.Record(change(NewID(), "t", "A", name)); err != nil {
			t.Errorf("%q: %v", name, err)
		}
	}
	same := [][2]string{{"Prod", "PROD"}, {"prod ö", "PROD Ö"}, {"sss", "ſSS"}, {"kelvin", "\u212aELVIN"}, {"Ωmega", "ωMEGA"}}
	for _, p := range same {
		if Open(dir, p[0]).Path() != Open(dir, p[1]).Path() {
			t.Errorf("%q and %q are one connection but have two journals", p[0], p[1])
		}
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "journal"))
	if files := len(entries); files != 2*len(names) { // a journal and its lock file each
		t.Errorf("%d files for %d names", files, len(names))
	}
}

// TestNewIDs are short, typed easily and different.
func TestNewIDs(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 10000; i++ {
		id := NewID()
		if len(id) != 12 || id[0] != 'c' || strings.Trim(id, "0123456789abcdef") != "" || seen[id] {
			t.Fatalf("ID %q", id)
		}
		seen[id] = true
	}
}
