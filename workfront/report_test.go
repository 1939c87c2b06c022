package workfront

import (
	"context"
	"encoding/json"
	"math"
	"testing"
)

func TestParseAgg(t *testing.T) {
	for in, want := range map[string]Agg{"sum:hours": {"sum", "hours"}, "AVG:DE:Budget": {"avg", "DE:Budget"}, " count : ID ": {"count", "ID"}} {
		if got, err := ParseAgg(in); err != nil || got != want {
			t.Errorf("ParseAgg(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"sum", "median:hours", ":hours", "sum:"} {
		if _, err := ParseAgg(in); err == nil {
			t.Errorf("ParseAgg(%q) accepted", in)
		}
	}
}

// TestReportAnswerShapes: the groups at the top level and wrapped in
// "data", in the order sent, with any <func>_<field> key and the rollup.
func TestReportAnswerShapes(t *testing.T) {
	for _, body := range []string{
		`{"Beta":{"sum_hours":15,"count_ID":3},"Alpha":{"sum_hours":"2.5","dcount_owner:name":1},"$$ROLLUP":{"sum_hours":17.5,"count_ID":4}}`,
		`{"data":{"Beta":{"sum_hours":15,"count_ID":3},"Alpha":{"sum_hours":"2.5","dcount_owner:name":1},"$$ROLLUP":{"sum_hours":17.5,"count_ID":4}}}`,
	} {
		var a reportAnswer
		if err := json.Unmarshal([]byte(body), &a); err != nil {
			t.Fatal(err)
		}
		if len(a.groups) != 2 || a.groups[0].Value != "Beta" || a.groups[1].Value != "Alpha" {
			t.Fatalf("%s: groups %+v", body, a.groups)
		}
		if a.groups[0].Count != 3 || a.groups[0].Values["sum_hours"] != 15 || a.groups[1].Values["sum_hours"] != 2.5 || a.groups[1].Values["dcount_owner:name"] != 1 || a.groups[1].Count != -1 {
			t.Errorf("%s: %+v", body, a.groups)
		}
		if a.total == nil || a.total.Values["sum_hours"] != 17.5 || a.total.Count != 4 {
			t.Errorf("%s: total %+v", body, a.total)
		}
	}
	var e reportAnswer
	if err := json.Unmarshal([]byte(`{"error":{"class":"x.NotFoundException","message":"no"}}`), &e); err != nil || e.err == nil {
		t.Errorf("error body: %v %+v", err, e)
	}
}

// TestReportAgainstSim: hours by project, counted and summed, match the
// hours themselves, in both answer shapes; status codes have labels.
func TestReportAgainstSim(t *testing.T) {
	e := newEnv(t, 1200, Options{})
	ctx := context.Background()
	want := map[string]float64{}
	wantN := map[string]int{}
	total := 0.0
	err := e.client.All(ctx, Search{ObjCode: "hour", Fields: []string{"hours", "project:name"}}, func(o Object) error {
		h, _ := o.Number("hours")
		want[o.Text("project:name")] += h
		wantN[o.Text("project:name")]++
		total += h
		return nil
	})
	if err != nil || len(want) == 0 {
		t.Fatalf("hours: %v", err)
	}
	for _, wrapped := range []bool{true, false} {
		e.sim.SetReportShape(wrapped)
		rep, err := e.client.Report(ctx, ReportQuery{ObjCode: "hour", GroupBy: "project:name", Aggs: []Agg{{"sum", "hours"}, {"max", "hours"}}, Rollup: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Groups) != len(want) {
			t.Errorf("%d groups, want %d", len(rep.Groups), len(want))
		}
		for _, g := range rep.Groups {
			sum, _ := g.Agg(Agg{"sum", "hours"})
			if math.Abs(sum-want[g.Value]) > 1e-9 || g.Count != wantN[g.Value] {
				t.Errorf("%q: sum %v count %d, want %v %d", g.Value, sum, g.Count, want[g.Value], wantN[g.Value])
			}
		}
		if rep.Total == nil || math.Abs(rep.Total.Values["sum_hours"]-total) > 1e-6 {
			t.Errorf("total %+v, want %v", rep.Total, total)
		}
	}
	byStatus, err := e.client.Report(ctx, ReportQuery{ObjCode: "proj", GroupBy: "status", Filters: []Filter{{"status", "CUR,PLN"}, {"status_Mod", "in"}}})
	if err != nil || len(byStatus.Groups) != 2 || byStatus.Total != nil {
		t.Fatalf("projects by status: %+v %v", byStatus, err)
	}
	n, _ := e.client.Count(ctx, "proj", []Filter{{"status", "CUR"}})
	if g := byStatus.Groups[0]; g.Value != "CUR" || g.Count != n {
		t.Errorf("CUR group %+v, want %d", g, n)
	}
	meta, err := e.client.TypeMetadata(ctx, "proj")
	if err != nil {
		t.Fatal(err)
	}
	if got := meta.ValueLabel("status", "CUR"); got != "Current" {
		t.Errorf("label of CUR: %q", got)
	}
	if _, err := e.client.Report(ctx, ReportQuery{ObjCode: "hour", GroupBy: "nosuch"}); err == nil {
		t.Error("a report on a field hours lack was answered")
	}
}

// TestRetryNotify: a retried 429 is reported through the context.
func TestRetryNotify(t *testing.T) {
	e := newEnv(t, 100, Options{})
	e.sim.SetThrottle(2, "")
	var seen []Retry
	ctx := WithRetryNotify(context.Background(), func(r Retry) { seen = append(seen, r) })
	for range 3 {
		if _, err := e.client.Count(ctx, "proj", nil); err != nil {
			t.Fatal(err)
		}
	}
	if len(seen) == 0 || seen[0].Status != 429 {
		t.Errorf("retries seen: %+v", seen)
	}
}

// TestReportEmptyGroupEitherWay: the group of objects with no value (here
// projects without a custom form's Budget Code) reads as one group with no
// value, whichever undocumented way Workfront names it: keyed "" or
// "null", with the grouped field as null or without it.
func TestReportEmptyGroupEitherWay(t *testing.T) {
	e := newEnv(t, 40, Options{})
	ctx := context.Background()
	none, err := e.client.Count(ctx, "proj", []Filter{{"DE:Budget Code_Mod", "isnull"}})
	if err != nil || none == 0 {
		t.Fatalf("projects without a Budget Code: %d %v", none, err)
	}
	for _, tc := range []struct {
		key       string
		withField bool
	}{{"", true}, {"", false}, {"null", true}, {"null", false}} {
		e.sim.SetReportEmptyGroup(tc.key, tc.withField)
		rep, err := e.client.Report(ctx, ReportQuery{ObjCode: "proj", GroupBy: "DE:Budget Code"})
		if err != nil {
			t.Fatal(err)
		}
		empty := 0
		for _, g := range rep.Groups {
			if g.Value == "null" {
				t.Errorf("key %q, field %v: a group reads as the value \"null\"", tc.key, tc.withField)
			}
			if g.Value == "" {
				empty++
				if g.Count != none {
					t.Errorf("key %q, field %v: the empty group counts %d, want %d", tc.key, tc.withField, g.Count, none)
				}
			}
		}
		if empty != 1 {
			t.Errorf("key %q, field %v: %d groups without a value, want 1", tc.key, tc.withField, empty)
		}
	}
}
