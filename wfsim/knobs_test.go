package wfsim

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"
)

// TestThrottleEveryNth: every third API request answers 429 with the
// Retry-After asked for.
func TestThrottleEveryNth(t *testing.T) {
	s, srv, get := objServer(t)
	s.SetThrottle(3, "1")
	var codes []int
	for range 6 {
		code, _ := get(api + "proj/count")
		codes = append(codes, code)
	}
	if fmt.Sprint(codes) != "[200 200 429 200 200 429]" || s.Throttled() != 2 {
		t.Errorf("codes %v, throttled %d", codes, s.Throttled())
	}
	s.SetThrottle(1, "7")
	req, _ := http.NewRequest("GET", srv.URL+api+"proj/count", nil)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "7" {
		t.Errorf("%d Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}

// TestMaxInFlight: with latency, eight requests at once are eight in flight.
func TestMaxInFlight(t *testing.T) {
	s, _, get := objServer(t)
	s.SetLatency(100 * time.Millisecond)
	s.ResetMaxInFlight()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { get(api + "proj/count") })
	}
	wg.Wait()
	if got := s.MaxInFlight(); got != 8 {
		t.Errorf("max in flight %d, want 8", got)
	}
}

// TestGrowthMidAndEnd: added projects show in counts and searches; mid
// ones fall among the IDs, the others after the last.
func TestGrowthMidAndEnd(t *testing.T) {
	s, _, get := objServer(t)
	before := allRows(t, get, "proj", "fields=name")
	s.SetGrowth(1, 5, true)
	_, v := get(api + "proj/search?ID_Sort=asc&$$LIMIT=1")
	s.SetGrowth(0, 0, false)
	_, c := get(api + "proj/count")
	if n := dataOf(c)["count"].(float64); int(n) != len(before)+5 || s.Added() != 5 {
		t.Fatalf("count %v after adding 5 to %d (added %d)", n, len(before), s.Added())
	}
	_ = v
	after := allRows(t, get, "proj", "fields=name")
	for i := 1; i < len(after); i++ {
		if after[i-1]["ID"].(string) >= after[i]["ID"].(string) {
			t.Fatalf("IDs out of order at %d", i)
		}
	}
	if last := after[len(after)-1]["ID"]; last != before[len(before)-1]["ID"] {
		t.Errorf("mid growth moved the last ID: %v", last)
	}
	s.SetGrowth(1, 2, false)
	get(api + "proj/search?$$LIMIT=1")
	s.SetGrowth(0, 0, false)
	end := allRows(t, get, "proj", "fields=name")
	if len(end) != len(after)+2 || end[len(end)-1]["name"] != "Added while exporting #7" {
		t.Errorf("%d rows, last %v", len(end), end[len(end)-1])
	}
	// A filter on ID sees them too.
	_, g := get(api + "proj/count?ID=" + before[len(before)-1]["ID"].(string) + "&ID_Mod=gt")
	if n := dataOf(g)["count"].(float64); n != 2 {
		t.Errorf("after the last original ID: %v", n)
	}
}

// TestReportGroupsAndAggregates: tasks by assignee, with sum, avg, min,
// max, count and dcount, and the rollup, checked against the tasks; every
// group carries dcount_ID and its own field.
func TestReportGroupsAndAggregates(t *testing.T) {
	_, _, get := objServer(t)
	tasks := allRows(t, get, "task", "fields=workRequired,assignedTo:name,project:name")
	type acc struct {
		n, sum, lo, hi float64
		projects       map[any]bool
	}
	want := map[string]*acc{}
	for _, r := range tasks {
		name := ""
		if a, ok := r["assignedTo"].(map[string]any); ok {
			name = a["name"].(string)
		}
		a := want[name]
		if a == nil {
			a = &acc{lo: 1e18, hi: -1e18, projects: map[any]bool{}}
			want[name] = a
		}
		w := r["workRequired"].(float64)
		a.n++
		a.sum += w
		a.lo, a.hi = min(a.lo, w), max(a.hi, w)
		a.projects[r["project"].(map[string]any)["name"]] = true
	}
	code, v := get(api + "task/report?assignedTo:name_1_GroupBy=true&workRequired_AggFunc=sum&workRequired_AggFunc=avg&workRequired_AggFunc=min&workRequired_AggFunc=max&ID_AggFunc=count&project:name_AggFunc=dcount&$$ROLLUP=true")
	if code != 200 {
		t.Fatalf("%d %v", code, v)
	}
	groups := dataOf(v)
	if len(groups) != len(want)+1 {
		t.Errorf("%d groups, want %d and the rollup", len(groups), len(want))
	}
	for name, a := range want {
		g, _ := groups[name].(map[string]any)
		var value any = name
		if name == "" {
			value = nil
		}
		if v, ok := g["assignedTo:name"]; !ok || v != value || g["dcount_ID"] != a.n {
			t.Errorf("%q: %v lacks dcount_ID or its group's value", name, g)
		}
		if g == nil || g["count_ID"] != a.n || g["sum_workRequired"] != a.sum || g["min_workRequired"] != a.lo || g["max_workRequired"] != a.hi ||
			g["avg_workRequired"] != a.sum/a.n || g["dcount_project:name"] != float64(len(a.projects)) {
			t.Errorf("%q: %v, want %+v", name, g, *a)
		}
	}
	if r, _ := groups["$$ROLLUP"].(map[string]any); r == nil || r["count_ID"] != float64(len(tasks)) || r["dcount_ID"] != float64(len(tasks)) || r["assignedTo:name"] != nil {
		t.Errorf("rollup %v", groups["$$ROLLUP"])
	}
	// Workfront's sample (fixtures/report.json): a group-by alone, each
	// group with dcount_ID and the group's field; filters and OR groups apply.
	_, v = get(api + "task/report?status_1_GroupBy=true&OR:1:status=CPL&status=NEW")
	byStatus := dataOf(v)
	if len(byStatus) != 2 {
		t.Errorf("by status: %v", byStatus)
	}
	for _, st := range []string{"NEW", "CPL"} {
		g, _ := byStatus[st].(map[string]any)
		if n := countOf(get, api+"task/count?status="+st); g == nil || len(g) != 2 || g["status"] != st || g["dcount_ID"] != float64(n) {
			t.Errorf("%s: %v", st, g)
		}
	}
	_, v = get(api + "task/report?workRequired_1_GroupBy=true")
	if g, _ := dataOf(v)["600"].(map[string]any); g == nil || g["workRequired"] != 600.0 {
		t.Errorf("a number's group: %v", g)
	}
	if code, _ := get(api + "task/report?status_1_GroupBy=true&$$FOO=1"); code != 422 {
		t.Errorf("an unknown $$ parameter: %d", code)
	}
	if code, _ := get(api + "ctgy/report?objTypes_1_GroupBy=true"); code != 422 {
		t.Errorf("a group by a list: %d", code)
	}
	if code, _ := get(api + "task/report?workRequired_AggFunc=sum"); code != 422 {
		t.Errorf("no group-by: %d", code)
	}
	if code, _ := get(api + "task/report?status_1_GroupBy=true&workRequired_AggFunc=median"); code != 422 {
		t.Errorf("unknown function: %d", code)
	}
}
