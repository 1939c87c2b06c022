package query

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/workfront"
)

// everyModifier is a line per modifier Workfront documents for filters,
// with the OR and EXISTS forms.
var everyModifier = []string{
	"status=CUR", "status=PLN", "status_Mod=in",
	"name=launch", "name_Mod=cicontains",
	"priority=2", "priority_Mod=ne",
	"percentComplete=10", "percentComplete_Range=50", "percentComplete_Mod=between",
	"plannedCompletionDate=$$TODAY-1w", "plannedCompletionDate_Mod=gte",
	"DE:Budget Code=BC-001", "DE:Budget Code_Mod=cieq",
	"project:name=Apollo", "project:name_Mod=contains",
	"description=", "description_Mod=isnull",
	"ownerID=", "ownerID_Mod=notnull",
}

func TestTextModeRoundTripOverEveryModifier(t *testing.T) {
	mods := []string{"eq", "ne", "gte", "lte", "gt", "lt", "contains", "cicontains", "notcontains", "cinotcontains", "like",
		"cilike", "notlike", "in", "notin", "cieq", "cine", "isnull", "notnull", "isblank", "notblank"}
	lines := slices.Clone(everyModifier)
	for _, m := range mods {
		lines = append(lines, "OR:1:f_"+m+"=x", "OR:1:f_"+m+"_Mod="+m)
	}
	lines = append(lines, "EXISTS:a:$$EXISTSMOD=NOTEXISTS", "EXISTS:a:$$OBJCODE=TASK", "EXISTS:a:projectID=FIELD:ID", "EXISTS:a:name=test",
		"EXISTS:1:$$EXISTSMOD=EXISTS", "EXISTS:1:$$OBJCODE=HOUR", "EXISTS:1:taskID=FIELD:ID")
	text := strings.Join(lines, "\r\n") + "\n\n"
	p, err := Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Filters) != len(lines) || len(p.Kept) != 0 {
		t.Fatalf("%d filters, kept %v", len(p.Filters), p.Kept)
	}
	if got := Format(p.Filters); got != strings.Join(lines, "\n") {
		t.Errorf("format\n%s", got)
	}
	split := SplitFilters(p.Filters, nil)
	if len(split.Raw) != 0 || len(split.Exists) != 2 || len(split.Rows) != 9+len(mods) {
		t.Fatalf("rows %d, exists %d, raw %v", len(split.Rows), len(split.Exists), split.Raw)
	}
	if r := split.Rows[0]; r.Field != "status" || r.Mod != "in" || !slices.Equal(r.Values, []string{"CUR", "PLN"}) {
		t.Errorf("in row %+v", r)
	}
	if r := split.Rows[3]; r.Range != "50" || r.Mod != "between" {
		t.Errorf("between row %+v", r)
	}
	if e := split.Exists[0]; !e.Not || e.ObjCode != "TASK" || len(e.Conditions) != 2 || e.Label != "a" {
		t.Errorf("exists %+v", e)
	}
	back := split.Filters()
	if got := Format(back); got != strings.Join(lines, "\n") {
		t.Errorf("rows back as text mode\n%s", got)
	}
	again, _ := Parse(Format(back))
	if !slices.Equal(again.Filters, p.Filters) {
		t.Error("text → rows → text → parse is not the same parameters")
	}
}

func TestParseRefusesWhatIsNotAFilter(t *testing.T) {
	for text, want := range map[string]string{
		"status=CUR\nno equals here":   "Line 2",
		"=CUR":                         "Line 1",
		"name_1_Sort=asc":              "_Sort",
		"$$LIMIT=10":                   "$$LIMIT",
		"OR:1:fields=name":             "fields",
		strings.Repeat("a=b\n", 70000): "too long",
	} {
		_, err := Parse(text)
		var m *msg.Error
		if err == nil || !errors.As(err, &m) || !strings.Contains(err.Error(), want) {
			t.Errorf("%.30q: %v", text, err)
		}
	}
}

func TestVariablesAndUnknownFieldsAreKeptAsWritten(t *testing.T) {
	p, err := Parse("$$USER.ID=x\nstatus=CUR\nDE:Gone=1")
	if err != nil || len(p.Kept) != 1 || p.Kept[0].N != 1 {
		t.Fatalf("kept %+v, %v", p.Kept, err)
	}
	split := SplitFilters(p.Filters, func(f string) bool { return f == "status" })
	if len(split.Rows) != 1 || len(split.Raw) != 2 || split.Raw[1].Key != "DE:Gone" {
		t.Errorf("rows %+v raw %+v", split.Rows, split.Raw)
	}
	dup := SplitFilters([]workfront.Filter{{Key: "a_Mod", Value: "eq"}, {Key: "a_Mod", Value: "ne"}, {Key: "OR:1:EXISTS:a:$$OBJCODE", Value: "TASK"}}, nil)
	if len(dup.Raw) != 2 {
		t.Errorf("a second modifier and an EXISTS inside OR are kept as written: %+v", dup)
	}
}
