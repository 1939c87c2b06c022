package wfsim

import (
	"net/url"
	"strings"
	"testing"
)

// TestExistsFilters: EXISTS and NOTEXISTS over HTTP give the rows that
// plain searches of both types, combined by hand, give.
func TestExistsFilters(t *testing.T) {
	_, _, get := objServer(t)
	projects := allRows(t, get, "proj", "fields=ID")
	tasks := allRows(t, get, "task", "fields=projectID,name,status")
	withTask, withNew := map[string]bool{}, map[string]bool{}
	for _, r := range tasks {
		pid, _ := r["projectID"].(string)
		withTask[pid] = true
		if r["status"] == "NEW" {
			withNew[pid] = true
		}
	}
	want := func(keep func(id string) bool) string {
		var ids []string
		for _, r := range projects {
			if id := r["ID"].(string); keep(id) {
				ids = append(ids, id)
			}
		}
		return strings.Join(ids, ",")
	}
	q := func(s string) string { return strings.ReplaceAll(url.PathEscape(s), "%26", "&") }
	for _, c := range []struct {
		query string
		want  string
	}{
		{"EXISTS:a:$$OBJCODE=TASK&EXISTS:a:projectID=FIELD:ID", want(func(id string) bool { return withTask[id] })},
		{"EXISTS:a:$$EXISTSMOD=NOTEXISTS&EXISTS:a:$$OBJCODE=TASK&EXISTS:a:projectID=FIELD:ID", want(func(id string) bool { return !withTask[id] })},
		{"EXISTS:1:$$OBJCODE=task&EXISTS:1:projectID=FIELD:ID&EXISTS:1:status=NEW", want(func(id string) bool { return withNew[id] })},
	} {
		got := names(allRows(t, get, "proj", q(c.query)), "ID")
		if got != c.want || c.want == "" || len(strings.Split(c.want, ",")) == len(projects) {
			t.Errorf("%s: %d rows, want %d of %d", c.query, len(strings.Split(got, ",")), len(strings.Split(c.want, ",")), len(projects))
		}
	}
	refused(t, get, api+"proj/count?"+q("EXISTS:a:projectID=FIELD:ID"), "needs the linked type")
	refused(t, get, api+"proj/count?"+q("EXISTS:a:$$OBJCODE=NOPE&EXISTS:a:projectID=FIELD:ID"), "unknown object type")
	refused(t, get, api+"proj/count?"+q("EXISTS:a:$$OBJCODE=TASK"), "exactly one link")
	refused(t, get, api+"proj/count?"+q("EXISTS:a:$$OBJCODE=TASK&EXISTS:a:projectID=FIELD:ID&EXISTS:a:$$EXISTSMOD=MAYBE"), "EXISTS or NOTEXISTS")
	refused(t, get, api+"proj/count?"+q("EXISTS:a:$$OBJCODE=TASK&EXISTS:a:nosuch=FIELD:ID"), "nosuch")
}
