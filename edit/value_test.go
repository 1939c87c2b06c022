package edit

import (
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

func TestConvert(t *testing.T) {
	status := workfront.FieldMeta{Name: "status", Type: "string", Values: []workfront.EnumValue{{Value: "NEW", Label: "New"}, {Value: "INP", Label: "In Progress"}, {Value: "CPL", Label: "Complete"}}}
	priority := workfront.FieldMeta{Name: "priority", Type: "int", Values: []workfront.EnumValue{{Value: "0", Label: "None"}, {Value: "2", Label: "Normal"}, {Value: "4", Label: "Urgent"}}}
	date, _ := workfront.ParseDate("2026-12-31T17:00:00:000+0100")
	cases := []struct {
		f    workfront.FieldMeta
		in   string
		want any // nil with bad: refused
		bad  bool
	}{
		{workfront.FieldMeta{Name: "n", Type: "int"}, " 42 ", int64(42), false},
		{workfront.FieldMeta{Name: "n", Type: "int"}, "4.5", nil, true},
		{workfront.FieldMeta{Name: "n", Type: "int"}, "", nil, false},
		{workfront.FieldMeta{Name: "x", Type: "double"}, "12,5", 12.5, false},
		{workfront.FieldMeta{Name: "x", Type: "double"}, "1e3", 1000.0, false},
		{workfront.FieldMeta{Name: "x", Type: "double"}, "NaN", nil, true},
		{workfront.FieldMeta{Name: "x", Type: "double"}, "Inf", nil, true},
		{workfront.FieldMeta{Name: "x", Type: "double"}, "lots", nil, true},
		{workfront.FieldMeta{Name: "x", Type: "currency"}, "99.95", 99.95, false},
		{workfront.FieldMeta{Name: "b", Type: "boolean"}, "TRUE", true, false},
		{workfront.FieldMeta{Name: "b", Type: "boolean"}, "false", false, false},
		{workfront.FieldMeta{Name: "b", Type: "boolean"}, "yes", nil, true},
		{workfront.FieldMeta{Name: "d", Type: "dateTime"}, "2026-12-31T17:00:00:000+0100", workfront.FormatDate(date), false},
		{workfront.FieldMeta{Name: "d", Type: "dateTime"}, "31/12/2026", nil, true},
		{workfront.FieldMeta{Name: "d", Type: "dateTime"}, "null", nil, true}, // only "" clears
		{workfront.FieldMeta{Name: "d", Type: "dateTime"}, "", nil, false},
		{status, "INP", "INP", false},
		{status, "inp", "INP", false},
		{status, "in progress", "INP", false},
		{status, "COMPLETE", "CPL", false},
		{status, "Done", nil, true},
		{status, "", nil, false},
		{priority, "urgent", int64(4), false},
		{priority, "2", int64(2), false},
		{priority, "3", nil, true},
		{workfront.FieldMeta{Name: "DE:Budget Code", Type: "string", Custom: true}, "BC=9", "BC=9", false},
	}
	for _, c := range cases {
		got, err := Convert(c.f, c.in)
		if (err != nil) != c.bad || got != c.want {
			t.Errorf("Convert(%s %s, %q) = %#v, %v; want %#v (refused %v)", c.f.Type, c.f.Name, c.in, got, err, c.want, c.bad)
		}
	}
	// A date without a time zone reads as the same instant Same finds.
	got, err := Convert(workfront.FieldMeta{Name: "d", Type: "date"}, "2026-12-31")
	want, _ := workfront.ParseDate("2026-12-31")
	if err != nil || !Same(got, workfront.FormatDate(want)) {
		t.Errorf("a plain date: %v %v", got, err)
	}
}

func TestSame(t *testing.T) {
	cases := []struct {
		a, b any
		want bool
	}{
		{nil, nil, true}, {nil, "", true}, {"", nil, true}, {nil, 0.0, false}, {0.0, nil, false},
		{50.0, int64(50), true}, {50.0, 50, true}, {50.5, int64(50), false},
		{"INP", "INP", true}, {"INP", "inp", false},
		{true, true, true}, {true, false, false},
		{"2026-01-01T00:00:00:000+0000", "2026-01-01T01:00:00:000+0100", true},
		{"2026-01-01T00:00:00:000+0000", "2026-01-01T00:00:00:000+0100", false},
	}
	for _, c := range cases {
		if got := Same(c.a, c.b); got != c.want {
			t.Errorf("Same(%#v, %#v) = %v", c.a, c.b, got)
		}
	}
}

func TestParseAssignment(t *testing.T) {
	a, err := ParseAssignment("DE:Budget Code=BC=9")
	if err != nil || a.Field != "DE:Budget Code" || a.Text != "BC=9" {
		t.Errorf("%+v %v", a, err)
	}
	if a, err := ParseAssignment(" status =CPL"); err != nil || a.Field != "status" || a.Text != "CPL" {
		t.Errorf("%+v %v", a, err)
	}
	if a, err := ParseAssignment("description="); err != nil || a.Text != "" {
		t.Errorf("clearing: %+v %v", a, err)
	}
	for _, bad := range []string{"status", "=CPL", " =x", ""} {
		if _, err := ParseAssignment(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestEditable(t *testing.T) {
	cases := []struct {
		f    workfront.FieldMeta
		ok   bool
		word string
	}{
		{workfront.FieldMeta{Name: "percentComplete", Type: "double"}, true, ""},
		{workfront.FieldMeta{Name: "DE:Risk", Type: "string", Custom: true}, true, ""},
		{workfront.FieldMeta{Name: "ID", Type: "string"}, false, "itself"},
		{workfront.FieldMeta{Name: "lastUpdateDate", Type: "dateTime"}, false, "itself"},
		{workfront.FieldMeta{Name: "entryDate", Type: "dateTime"}, false, "itself"},
		{workfront.FieldMeta{Name: "projectID", Type: "string", ReadOnly: true}, false, "read-only"},
		{workfront.FieldMeta{Name: "tags", Type: "string[]"}, true, ""}, // replaced whole: the review says so
	}
	for _, c := range cases {
		ok, why := Editable(c.f)
		if ok != c.ok || (why == nil) != c.ok || (why != nil && !strings.Contains(why.Error(), c.word)) {
			t.Errorf("Editable(%s) = %v, %v", c.f.Name, ok, why)
		}
	}
	meta := workfront.TypeMeta{ObjCode: "TASK", Label: "Task", Fields: []workfront.FieldMeta{{Name: "name", Type: "string"}, {Name: "ID", Type: "string"}}}
	if _, err := FieldOf(meta, "nope"); err == nil || !strings.Contains(err.Error(), "metadata") {
		t.Errorf("unknown field: %v", err)
	}
	if _, err := FieldOf(meta, "ID"); err == nil {
		t.Error("ID is editable")
	}
	if f, err := FieldOf(meta, "name"); err != nil || f.Name != "name" {
		t.Errorf("name: %v", err)
	}
}

func TestModes(t *testing.T) {
	lanes := map[string]Mode{
		"https://acme.my.workfront.com":       ReadOnly,
		"https://acme.my.workfront.adobe.com": ReadOnly,
		"https://workfront.acme.example":      ReadOnly, // a host wfconnect cannot place may be production
		"https://acme.example.com":            ReadOnly,
		"https://acme.preview.workfront.com":  Confirm,
		"https://acme.sb01.workfront.com":     Confirm,
		"https://acme.sb02.workfront.com":     Confirm,
		"http://127.0.0.1:8080":               Confirm,
		"http://localhost:8080":               Confirm,
		"http://[::1]:8080":                   Confirm,
		"http://acme.my.workfront.com":        ReadOnly, // plain http, not a simulator
		"http://10.0.0.5:8080":                ReadOnly,
	}
	for host, want := range lanes {
		if got := DefaultMode(host); got != want {
			t.Errorf("DefaultMode(%s) = %s, want %s", host, got, want)
		}
		if got := ModeOf(store.Profile{Host: host}); got != want {
			t.Errorf("ModeOf(%s, no saved mode) = %s, want %s", host, got, want)
		}
	}
	for saved, want := range map[string]Mode{"read-only": ReadOnly, "confirm": Confirm, "direct": Direct, "Direct": ReadOnly, "yes": ReadOnly, " direct": ReadOnly} {
		if got := ModeOf(store.Profile{Host: "http://127.0.0.1:8080", Writes: saved}); got != want {
			t.Errorf("ModeOf(saved %q) = %s, want %s", saved, got, want)
		}
	}
	if got := ModeOf(store.Profile{Host: "https://acme.my.workfront.com", Writes: "direct"}); got != Direct {
		t.Errorf("a chosen mode on production: %s", got)
	}
	if _, err := ParseMode("sometimes"); err == nil {
		t.Error("ParseMode took nonsense")
	}
}
