package wfsim

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// countOf is a count answer's number (-1 for an error).
func countOf(get func(string) (int, map[string]any), path string) int {
	code, v := get(path)
	n, ok := dataOf(v)["count"].(float64)
	if code != 200 || !ok {
		return -1
	}
	return int(n)
}

// refused checks an answer is a 422 InvalidParameterException whose
// message says mention.
func refused(t *testing.T, get func(string) (int, map[string]any), path, mention string) {
	t.Helper()
	code, v := get(path)
	e, _ := v["error"].(map[string]any)
	msg, _ := e["message"].(string)
	if code != 422 || e["class"] != "com.attask.common.InvalidParameterException" || !strings.Contains(msg, mention) {
		t.Errorf("%s: %d %v; want a 422 saying %q", path, code, v, mention)
	}
}

// TestBetweenNeedsRange: between is field=a&field_Range=b&field_Mod=between;
// the comma form and a between without _Range are refused, saying what to send.
func TestBetweenNeedsRange(t *testing.T) {
	_, _, get := objServer(t)
	tasks := allRows(t, get, "task", "fields=workRequired")
	want := 0
	for _, r := range tasks {
		if w := r["workRequired"].(float64); w >= 600 && w <= 1200 {
			want++
		}
	}
	if got := countOf(get, api+"task/count?workRequired=600&workRequired_Range=1200&workRequired_Mod=between"); got != want || want == 0 {
		t.Errorf("between: %d, want %d", got, want)
	}
	// Workfront's constants: between is the default modifier with a _Range.
	if got := countOf(get, api+"task/count?workRequired=600&workRequired_Range=1200"); got != want {
		t.Errorf("_Range without _Mod: %d, want %d", got, want)
	}
	if got := countOf(get, api+"task/count?OR:1:workRequired=600&OR:1:workRequired_Range=1200&OR:1:workRequired_Mod=between"); got != want {
		t.Errorf("between in an OR group: %d, want %d", got, want)
	}
	refused(t, get, api+"task/count?workRequired=600,1200&workRequired_Mod=between", "workRequired_Mod=between needs workRequired_Range=<upper bound>")
	refused(t, get, api+"task/count?workRequired=600&workRequired_Mod=between", "workRequired_Range=")
	refused(t, get, api+"task/count?workRequired=600&workRequired=700&workRequired_Range=1200&workRequired_Mod=between", "one workRequired=<lower>")
	refused(t, get, api+"task/count?workRequired=600&workRequired_Range=1200&workRequired_Mod=gt", "workRequired_Range goes with workRequired_Mod=between")
	refused(t, get, api+"task/count?workRequired=600&workRequired_range=1200&workRequired_Mod=between", "workRequired_Range")
	refused(t, get, api+"task/count?workRequired=600&workRequired_MOD=between", "workRequired_MOD")
}

// TestModifierDefaultsAndValues: several values without _Mod mean in; a
// modifier without a value, or several values for one that takes one, is
// refused.
func TestModifierDefaultsAndValues(t *testing.T) {
	_, _, get := objServer(t)
	in := countOf(get, api+"proj/count?status=CUR&status=PLN&status_Mod=in")
	if got := countOf(get, api+"proj/count?status=CUR&status=PLN"); got != in || in <= countOf(get, api+"proj/count?status=CUR") {
		t.Errorf("two values without _Mod: %d, in gives %d", got, in)
	}
	refused(t, get, api+"proj/count?status_Mod=in", "status_Mod=in needs a value")
	refused(t, get, api+"proj/count?status=CUR&status=PLN&status_Mod=eq", "status_Mod=in")
	if got := countOf(get, api+"proj/count?programID=&programID_Mod=isnull"); got != 500 {
		t.Errorf("isnull: %d", got)
	}
}

// TestNumberedSorts: name_1_Sort, ID_2_Sort apply in their numbers' order,
// whatever the parameters' order; one unnumbered key works; several
// unnumbered keys, a mix, or a repeated number are refused.
func TestNumberedSorts(t *testing.T) {
	_, _, get := objServer(t)
	page := func(q string) []map[string]any {
		t.Helper()
		code, v := get(api + "proj/search?fields=status,percentComplete&$$LIMIT=2000&" + q)
		if code != 200 {
			t.Fatalf("%s: %d %v", q, code, v)
		}
		return rowsOf(t, v)
	}
	a := page("status_1_Sort=asc&percentComplete_2_Sort=desc")
	b := page("percentComplete_2_Sort=desc&status_1_Sort=asc")
	if names(a, "ID") != names(b, "ID") || len(a) != 2000 {
		t.Fatalf("the parameters' order changed the rows")
	}
	for i := 1; i < len(a); i++ {
		p, r := a[i-1], a[i]
		c := compareValues(p["status"], r["status"])
		if c == 0 {
			c = -compareValues(p["percentComplete"], r["percentComplete"])
		}
		if c == 0 && p["ID"].(string) > r["ID"].(string) || c > 0 {
			t.Fatalf("out of order at %d: %v then %v", i, p, r)
		}
	}
	// ciasc and cidesc order strings lower-cased; one unnumbered key alone is fine.
	for _, dir := range []string{"ciasc", "cidesc", "DESC"} {
		rows := page("name_Sort=" + dir)
		for i := 1; i < len(rows); i++ {
			c := strings.Compare(strings.ToLower(rows[i-1]["name"].(string)), strings.ToLower(rows[i]["name"].(string)))
			if strings.HasSuffix(strings.ToLower(dir), "desc") {
				c = -c
			}
			if c > 0 {
				t.Fatalf("%s: out of order at %d", dir, i)
			}
		}
	}
	refused(t, get, api+"proj/search?name_Sort=asc&ID_Sort=asc", "field_1_Sort, field_2_Sort")
	refused(t, get, api+"proj/search?name_1_Sort=asc&ID_Sort=asc", "number every one")
	refused(t, get, api+"proj/search?name_1_Sort=asc&ID_1_Sort=asc", "the number 1")
	refused(t, get, api+"proj/search?name_1_Sort=up", "asc, desc, ciasc or cidesc")
	refused(t, get, api+"proj/search?nosuch_1_Sort=asc", "nosuch")
}

// TestCaseInsensitiveSortTies: ciasc leaves names that differ only in case
// to the next key (ID), where asc puts upper case first.
func TestCaseInsensitiveSortTies(t *testing.T) {
	rows := []rec{{"ID": "1", "name": "b"}, {"ID": "2", "name": "B"}, {"ID": "3", "name": "a"}, {"ID": "4", "name": "A"}}
	typ := tableType("TEST", "Test", "Test", rows)
	plains(typ, rows, []plainField{{"ID", "ID", kString, nil}, {"name", "Name", kString, nil}})
	for ci, want := range map[bool][]int32{false: {3, 2, 1, 0}, true: {2, 3, 0, 1}} {
		got := typ.order([]gsort{{path: "name", get: typ.byName["name"].get, kind: kString, ci: ci}})
		if !slices.Equal(got, want) {
			t.Errorf("ci %v: %v, want %v", ci, got, want)
		}
	}
}

// TestORGroups: the plain filters are one group, each OR:n: another; a row
// matches any group.
func TestORGroups(t *testing.T) {
	_, _, get := objServer(t)
	projects := allRows(t, get, "proj", "fields=status,priority,percentComplete")
	cases := []struct {
		query string
		want  func(r map[string]any) bool
	}{
		{"status=CUR&OR:1:status=ONH", func(r map[string]any) bool { return r["status"] == "CUR" || r["status"] == "ONH" }},
		{"OR:1:status=CUR&OR:2:status=ONH", func(r map[string]any) bool { return r["status"] == "CUR" || r["status"] == "ONH" }},
		{"status=CUR&priority=4&OR:1:status=ONH&OR:1:priority=0", func(r map[string]any) bool {
			return r["status"] == "CUR" && r["priority"] == 4.0 || r["status"] == "ONH" && r["priority"] == 0.0
		}},
		{"OR:1:status=CPL&OR:1:status_Mod=ne&OR:1:priority=3&OR:1:priority_Mod=gte&OR:2:percentComplete=10&OR:2:percentComplete_Range=20&OR:2:percentComplete_Mod=between",
			func(r map[string]any) bool {
				p := r["percentComplete"].(float64)
				return r["status"] != "CPL" && r["priority"].(float64) >= 3 || p >= 10 && p <= 20
			}},
	}
	for _, c := range cases {
		var ids []string
		for _, r := range projects {
			if c.want(r) {
				ids = append(ids, r["ID"].(string))
			}
		}
		if got := countOf(get, api+"proj/count?"+c.query); got != len(ids) || len(ids) == 0 || len(ids) == len(projects) {
			t.Errorf("%s: count %d, want %d of %d", c.query, got, len(ids), len(projects))
		}
		if got := names(allRows(t, get, "proj", c.query), "ID"); got != strings.Join(ids, ",") {
			t.Errorf("%s: the search's rows differ", c.query)
		}
	}
	refused(t, get, api+"proj/count?OR:x:status=CUR", "OR:<number>:<field>")
	refused(t, get, api+"proj/search?OR:1:name_Sort=asc", "filters only")
	refused(t, get, api+"proj/search?OR:1:fields=name", "filters only")
	refused(t, get, api+"proj/count?OR:1:nosuch=1", "nosuch")
}

// TestDateWildcards: $$TODAY and $$NOW with b, e, offsets and units, from
// the simulator's clock, in filters and between.
func TestDateWildcards(t *testing.T) {
	s, _, get := objServer(t)
	now := time.Date(2025, 6, 18, 15, 30, 0, 0, time.UTC) // a Wednesday
	s.set(func() { s.clock = func() time.Time { return now } })
	projects := allRows(t, get, "proj", "fields=plannedCompletionDate")
	date := func(r map[string]any) time.Time {
		d, _ := time.Parse(DateLayout, r["plannedCompletionDate"].(string))
		return d
	}
	midnight := time.Date(2025, 6, 18, 0, 0, 0, 0, time.UTC)
	for w, at := range map[string]time.Time{
		"$$TODAY": midnight, "$$TODAYb": midnight, "$$TODAYe": midnight.AddDate(0, 0, 1), "$$TODAY+3d": midnight.AddDate(0, 0, 3),
		"$$TODAY-1w": midnight.AddDate(0, 0, -7), "$$TODAY+2m": time.Date(2025, 8, 18, 0, 0, 0, 0, time.UTC),
		"$$TODAY-1y": time.Date(2024, 6, 18, 0, 0, 0, 0, time.UTC), "$$TODAY+5h": midnight.Add(5 * time.Hour),
		"$$NOW": now, "$$NOW-2h": now.Add(-2 * time.Hour), "$$TODAYbm": time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC),
		"$$TODAYe+1w": time.Date(2025, 6, 29, 0, 0, 0, 0, time.UTC), "$$TODAYbq": time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC),
		"$$TODAYey": time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), "$$TODAY+1q": time.Date(2025, 9, 18, 0, 0, 0, 0, time.UTC),
	} {
		want := 0
		for _, r := range projects {
			if date(r).Before(at) {
				want++
			}
		}
		if got := countOf(get, api+"proj/count?plannedCompletionDate_Mod=lt&plannedCompletionDate="+url.QueryEscape(w)); got != want || want == 0 || want == len(projects) {
			t.Errorf("%s (%s): %d, want %d", w, at, got, want)
		}
	}
	want := 0
	for _, r := range projects {
		if d := date(r); !d.Before(midnight) && !d.After(midnight.AddDate(0, 1, 0)) {
			want++
		}
	}
	if got := countOf(get, api+"proj/count?plannedCompletionDate=$$TODAY&plannedCompletionDate_Range=$$TODAY%2B1m&plannedCompletionDate_Mod=between"); got != want || want == 0 {
		t.Errorf("between $$TODAY and $$TODAY+1m: %d, want %d", got, want)
	}
	for _, bad := range []string{"$$TODAY+3", "$$TODAYx", "$$TODAY3d", "$$TODAY+d", "$$TODAYd", "$$NOW+1z"} {
		refused(t, get, api+"proj/count?plannedCompletionDate="+url.QueryEscape(bad), "Malformed date wildcard "+bad)
	}
	refused(t, get, api+"proj/count?name=$$TODAY", "$$TODAY is a date wildcard and name is not a date")
	refused(t, get, api+"proj/count?ownerID=$$CUSTOMER", "does not support the wildcard $$CUSTOMER")
	refused(t, get, api+"proj/count?ownerID=$$USER.homeGroupID", "$$USER.homeGroupID")
	// $$USER, like $$USER.ID, is the signed-in user's ID.
	mine := countOf(get, api+"proj/count?ownerID="+s.SignedInUserID())
	if got := countOf(get, api+"proj/count?ownerID=$$USER"); got != mine || mine == 0 || countOf(get, api+"proj/count?ownerID=$$USER.ID") != mine {
		t.Errorf("$$USER: %d, want %d", got, mine)
	}
}

// TestCalendarArithmetic: months and years keep the day, or the month's last.
func TestCalendarArithmetic(t *testing.T) {
	for _, c := range []struct {
		now  time.Time
		w    string
		want string
	}{
		{time.Date(2025, 1, 31, 9, 0, 0, 0, time.UTC), "$$TODAY+1m", "2025-02-28"},
		{time.Date(2024, 2, 29, 9, 0, 0, 0, time.UTC), "$$TODAY+1y", "2025-02-28"},
		{time.Date(2024, 3, 31, 9, 0, 0, 0, time.UTC), "$$TODAY-1m", "2024-02-29"},
		{time.Date(2025, 6, 15, 9, 0, 0, 0, time.UTC), "$$TODAYbw", "2025-06-15"}, // a Sunday
		{time.Date(2025, 12, 31, 23, 0, 0, 0, time.UTC), "$$TODAYe", "2026-01-01"},
	} {
		got, ok := dateWildcard(c.w, c.now)
		if !ok || got.Format("2006-01-02T15:04") != c.want+"T00:00" {
			t.Errorf("%s from %s: %s %v, want %s", c.w, c.now, got, ok, c.want)
		}
	}
}

// TestUnsupportedReadsAreRefused: map=true, filters={json} and unknown $$
// parameters are refused, never skipped; method and sessionID are the
// transport's and stay accepted.
func TestUnsupportedReadsAreRefused(t *testing.T) {
	s, srv, get := objServer(t)
	refused(t, get, api+"proj/search?map=true", "does not support map=true")
	refused(t, get, api+"proj/search?filters="+url.QueryEscape(`{"status":"CUR"}`), "does not support filters=")
	refused(t, get, api+"proj/count?$$FOO=1", "does not support $$FOO=1")
	refused(t, get, api+"proj/search?$$ROLLUP=true", "$$ROLLUP")
	refused(t, get, api+"proj/"+s.dataset().projects[0].ID+"?$$BAR=1", "$$BAR")
	if code, _ := get(api + "proj/search?map=false&method=GET&$$LIMIT=1"); code != 200 {
		t.Errorf("map=false and method=GET: %d", code)
	}
	sid := s.testSession()
	if code, body := apiGet(t, srv, "", api+"proj/count?sessionID="+sid); code != 200 || !strings.Contains(body, `"count":2000`) {
		t.Errorf("sessionID as a parameter: %d %s", code, body)
	}
}
