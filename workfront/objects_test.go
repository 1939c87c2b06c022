package workfront

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func TestObjectValueAndText(t *testing.T) {
	var o Object
	raw := `{"ID":"p1","name":"Apollo","objCode":"PROJ","percentComplete":12.5,"priority":2,"isDone":false,
		"owner":{"ID":"u1","name":"Ada Lovelace","objCode":"USER","title":"Engineer"},
		"DE:Budget Code":"BC-001","tasks":[{"ID":"t1","name":"Design"},{"ID":"t2","name":"Build"}],
		"plannedCompletionDate":"2026-03-05T17:00:00:000+0100","nothing":null,"portfolio":{"ID":"f1"}}`
	if err := json.Unmarshal([]byte(raw), &o); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"ID": "p1", "name": "Apollo", "objCode": "PROJ", "percentComplete": "12.5", "priority": "2", "isDone": "false",
		"owner": "Ada Lovelace", "owner:title": "Engineer", "DE:Budget Code": "BC-001", "DE:Missing": "",
		"tasks": "Design, Build", "nothing": "", "portfolio": "f1", "missing:field": "",
	} {
		if got := o.Text(path); got != want {
			t.Errorf("Text(%q) = %q, want %q", path, got, want)
		}
	}
	if ts, ok := o.Time("plannedCompletionDate"); !ok || ts.UTC().Hour() != 16 {
		t.Errorf("Time = %v %v", ts, ok)
	}
	if _, ok := o.Time("name"); ok {
		t.Error("a name read as a date")
	}
	if n, ok := o.Number("percentComplete"); !ok || n != 12.5 {
		t.Errorf("Number = %v %v", n, ok)
	}
}

func TestParseFilter(t *testing.T) {
	for in, want := range map[string]Filter{
		"status=CUR":            {"status", "CUR"},
		"name_Mod=cicontains":   {"name_Mod", "cicontains"},
		"DE:Budget Code=BC-001": {"DE:Budget Code", "BC-001"},
		"project:name=a=b":      {"project:name", "a=b"},
		"status=CUR,PLN":        {"status", "CUR,PLN"},
		"description=":          {"description", ""},
	} {
		if got, err := ParseFilter(in); err != nil || got != want {
			t.Errorf("ParseFilter(%q) = %+v, %v", in, got, err)
		}
	}
	for _, bad := range []string{"status", "=CUR", "$$LIMIT=5", "fields=name", " =x"} {
		if _, err := ParseFilter(bad); err == nil {
			t.Errorf("ParseFilter(%q) accepted", bad)
		}
	}
}

func TestSearchParamsKeepOrderAndAddTheTiebreak(t *testing.T) {
	s := Search{ObjCode: "task", Fields: []string{"name", "project:name"},
		Filters: []Filter{{"status", "NEW"}, {"status", "INP"}, {"status_Mod", "in"}},
		Sorts:   []Sort{{Field: "plannedCompletionDate", Desc: true}}, First: 4000, Limit: 5000}
	got := encodeParams(s.params())
	want := "status=NEW&status=INP&status_Mod=in&plannedCompletionDate_1_Sort=desc&ID_2_Sort=asc&fields=name%2Cproject%3Aname&$$FIRST=4000&$$LIMIT=2000"
	if got != want {
		t.Errorf("params\n got %s\nwant %s", got, want)
	}
	s.Sorts = []Sort{{Field: "ID", Desc: true}}
	if got := encodeParams(s.params()); strings.Count(got, "ID_Sort") != 1 || !strings.Contains(got, "ID_Sort=desc") {
		t.Errorf("an ID sort got a second tiebreak: %s", got)
	}
}

func TestObjPathRefusesWhatIsNotAType(t *testing.T) {
	for _, ok := range []string{"proj", "PROJ", "optask", "Issue", "param"} {
		if _, err := objPath(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "proj/../user", "proj?x=1", "1abc", "pro j", strings.Repeat("a", 40)} {
		if _, err := objPath(bad); err == nil {
			t.Errorf("%q accepted as an object type", bad)
		}
	}
}

// TestGenericSearchAgainstSim: the generic path over real HTTP gives the
// same projects as the project search, and All pages through every one of
// a filter's matches exactly once.
func TestGenericSearchAgainstSim(t *testing.T) {
	e := newEnv(t, 5000, Options{})
	ctx := t.Context()
	filters := []Filter{{"status", "CUR"}, {"status", "PLN"}, {"status_Mod", "in"}}
	n, err := e.client.Count(ctx, "proj", filters)
	if err != nil || n == 0 {
		t.Fatalf("Count: %d %v", n, err)
	}
	rows, err := e.client.Search(ctx, Search{ObjCode: "PROJ", Fields: []string{"name", "status", "owner:name"}, Filters: filters, Limit: 10})
	if err != nil || len(rows) != 10 {
		t.Fatalf("Search: %d rows, %v", len(rows), err)
	}
	for _, r := range rows {
		if r.ObjCode() != "PROJ" || r.ID() == "" || r.Name() == "" || (r.Text("status") != "CUR" && r.Text("status") != "PLN") || r.Text("owner:name") == "" {
			t.Errorf("row %v", r)
		}
	}
	seen := map[string]bool{}
	err = e.client.All(ctx, Search{ObjCode: "proj", Fields: []string{"name"}, Filters: filters, Sorts: []Sort{{Field: "name"}}, Limit: 700}, func(o Object) error {
		if seen[o.ID()] {
			t.Errorf("%s twice", o.ID())
		}
		seen[o.ID()] = true
		return nil
	})
	if err != nil || len(seen) != n {
		t.Errorf("All: %d of %d, %v", len(seen), n, err)
	}
}

// A link pasted from the browser names the object: its type is asked
// first, and the ID comes out of the path or the query.
func TestParseObjectLink(t *testing.T) {
	for _, tc := range []struct{ in, obj, id string }{
		{"https://acme.my.workfront.com/project/5f0000aa/overview", "PROJ", "5f0000aa"},
		{" https://acme.my.workfront.com/project/view?ID=5f0000bb ", "PROJ", "5f0000bb"},
		{"https://acme.my.workfront.com/task/7a0003eb/updates", "TASK", "7a0003eb"},
		{"https://acme.my.workfront.com/issue/view?ID=op1", "OPTASK", "op1"},
		{"https://acme.my.workfront.com/somethingnew/ab12/overview", "", "ab12"},
	} {
		obj, id, ok := ParseObjectLink(tc.in)
		if !ok || obj != tc.obj || id != tc.id {
			t.Errorf("%q: %q %q %v, want %q %q", tc.in, obj, id, ok, tc.obj, tc.id)
		}
		if u := ObjectURL("https://acme.my.workfront.com", tc.obj, tc.id); tc.obj != "" {
			if back, id, _ := ParseObjectLink(u); back != tc.obj || id != tc.id {
				t.Errorf("%s reads back as %q %q", u, back, id)
			}
		}
	}
	for _, in := range []string{"5f0000aa", "", "https://acme.my.workfront.com/", "ftp://x/project/1/overview", "https://acme.my.workfront.com/project/view"} {
		if _, _, ok := ParseObjectLink(in); ok {
			t.Errorf("%q read as a link", in)
		}
	}
	if ObjectURL("https://acme.my.workfront.com", "HOUR", "h1") != "" {
		t.Error("hours have no page of their own")
	}
}

// Find against wfsim: a bare task ID is found by asking the likely types in
// turn; the task's web link is found with one question, to the task type.
func TestFindByIDAndByLink(t *testing.T) {
	e := newEnv(t, 100, Options{})
	ctx := context.Background()
	tasks, err := e.client.Search(ctx, Search{ObjCode: "TASK", Limit: 1})
	if err != nil || len(tasks) != 1 {
		t.Fatal(len(tasks), err)
	}
	id := tasks[0].ID()
	e.rec.take()
	o, err := Find(ctx, e.client, id)
	if err != nil || o.ObjCode() != "TASK" || o.ID() != id {
		t.Fatalf("by ID: %v %v", o, err)
	}
	if n := len(e.rec.take()); n != 2 {
		t.Errorf("by ID: %d requests, want 2 (projects, then tasks)", n)
	}
	o, err = Find(ctx, e.client, ObjectURL(e.sim.URL(), "TASK", id))
	if err != nil || o.ObjCode() != "TASK" || o.ID() != id {
		t.Fatalf("by link: %v %v", o, err)
	}
	if n := len(e.rec.take()); n != 1 {
		t.Errorf("by link: %d requests, want 1", n)
	}
	if _, err := Find(ctx, e.client, "https://acme.my.workfront.com/project/nosuchid/overview"); err == nil || !strings.Contains(err.Error(), `"nosuchid"`) {
		t.Errorf("an unknown ID: %v", err)
	}
}
