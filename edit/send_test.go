package edit

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/journal"
)

// One edit: the dry run shows before -> after, the request is PUT
// …/task/<ID> with the updates JSON, Send changes it, and the journal has
// the change with its before and after and the outcome changed.
func TestOneEditPreviewAndCommit(t *testing.T) {
	r := newRig(t, 10)
	ctx := context.Background()
	id := r.taskIDs(t, 1)[0]
	before := r.value(t, id, "percentComplete")
	set, err := Values(r.meta, []Assignment{{"percentComplete", "42"}})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := Prepare(ctx, r.client, "TASK", []Row{{ID: id, Set: set}})
	if err != nil {
		t.Fatal(err)
	}
	p := plan.Rows[0]
	if p.Status != WillChange || !Same(p.Changes["percentComplete"].Before, before) || !Same(p.Changes["percentComplete"].After, 42) {
		t.Fatalf("dry run: %s %+v (wfsim holds %v)", p.Status, p.Changes, before)
	}
	if r.sim.CountWrites() != 0 {
		t.Fatal("the dry run wrote")
	}
	reqs := Requests(r.sim.URL(), "v21.0", plan, false)
	if len(reqs) != 1 || !strings.HasSuffix(reqs[0].URL, "/attask/api/v21.0/task/"+id) || reqs[0].Updates != `{"percentComplete":42}` {
		t.Fatalf("requests: %+v", reqs)
	}
	if txt := reqs[0].Text(); !strings.HasPrefix(txt, "PUT "+r.sim.URL()+"/attask/api/v21.0/task/"+id+"\nupdates=") {
		t.Errorf("request text: %q", txt)
	}
	sent, err := Send(ctx, r.client, r.journal, &plan, SendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if plan.Rows[0].Status != Changed || !Same(r.value(t, id, "percentComplete"), 42) {
		t.Fatalf("after Send: %s, wfsim holds %v", plan.Rows[0].Status, r.value(t, id, "percentComplete"))
	}
	if puts := r.puts(); len(puts) != 1 || !strings.HasSuffix(puts[0].Path, "/task/"+id) {
		t.Fatalf("writes: %+v", puts)
	}
	if n, ok := sent[0].Now.Number("percentComplete"); !ok || n != 42 {
		t.Errorf("Workfront's answer: %v", sent[0].Now)
	}
	cs := r.changesOf(t, id)
	if len(cs) != 1 || cs[0].ID != sent[0].ChangeID || cs[0].Outcome != journal.Changed || cs[0].ObjCode != "TASK" {
		t.Fatalf("journal: %+v", cs)
	}
	fc := cs[0].Changes["percentComplete"]
	if !Same(fc.Before, before) || !Same(fc.After, 42) || len(cs[0].Changes) != 1 {
		t.Errorf("journal's change: %+v", cs[0].Changes)
	}
}

// A conflict: someone changes the object between the dry run and Send, so
// the row is a conflict and nothing is sent or journaled; with Force it is
// sent, and the journal's before is what Workfront held then.
func TestConflictBetweenPrepareAndSend(t *testing.T) {
	r := newRig(t, 10)
	ctx := context.Background()
	id := r.taskIDs(t, 1)[0]
	plan, err := Prepare(ctx, r.client, "TASK", percentRows([]string{id}, 60))
	if err != nil || plan.Rows[0].Status != WillChange {
		t.Fatalf("%v %+v", err, plan.Rows)
	}
	if err := r.sim.Touch("TASK", id, "percentComplete", 33.0); err != nil {
		t.Fatal(err)
	}
	forced := plan
	forced.Rows = append([]Planned(nil), plan.Rows...)
	forced.Rows[0].Before = map[string]any{"percentComplete": plan.Rows[0].Before["percentComplete"]}
	forced.Rows[0].Changes = map[string]journal.FieldChange{"percentComplete": plan.Rows[0].Changes["percentComplete"]}
	if _, err := Send(ctx, r.client, r.journal, &plan, SendOptions{}); err != nil {
		t.Fatal(err)
	}
	if plan.Rows[0].Status != Conflict || !strings.Contains(plan.Rows[0].Why, "percentComplete") {
		t.Fatalf("row: %s %q", plan.Rows[0].Status, plan.Rows[0].Why)
	}
	if n := r.sim.CountWrites(); n != 0 {
		t.Fatalf("%d writes for a conflict", n)
	}
	if cs := r.changesOf(t, id); len(cs) != 0 {
		t.Fatalf("journal has a conflict: %+v", cs)
	}
	if _, err := Send(ctx, r.client, r.journal, &forced, SendOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	if forced.Rows[0].Status != Changed || !Same(r.value(t, id, "percentComplete"), 60) {
		t.Fatalf("forced: %s, wfsim %v", forced.Rows[0].Status, r.value(t, id, "percentComplete"))
	}
	cs := r.changesOf(t, id)
	if len(cs) != 1 || !Same(cs[0].Changes["percentComplete"].Before, 33) || cs[0].Outcome != journal.Changed {
		t.Fatalf("journal after force: %+v", cs)
	}
}

// A write whose answer never comes (a gateway error after Workfront saved)
// is unknown, in the plan and in the journal.
func TestUnconfirmedWriteIsUnknown(t *testing.T) {
	r := newRig(t, 10)
	ctx := context.Background()
	id := r.taskIDs(t, 1)[0]
	plan, err := Prepare(ctx, r.client, "TASK", percentRows([]string{id}, 70))
	if err != nil {
		t.Fatal(err)
	}
	r.sim.SetUpdateAnswerFailures(http.StatusBadGateway, 10)
	if _, err := Send(ctx, r.client, r.journal, &plan, SendOptions{}); err != nil {
		t.Fatal(err)
	}
	if plan.Rows[0].Status != Unknown {
		t.Fatalf("row: %s %q", plan.Rows[0].Status, plan.Rows[0].Why)
	}
	if cs := r.changesOf(t, id); len(cs) != 1 || cs[0].Outcome != journal.Unknown {
		t.Fatalf("journal: %+v", cs)
	}
}

// atomicRows are n tasks' rows, the one at bad refused by Workfront (an
// assignee that is no user: the metadata takes any text there).
func badAssigneeRows(t *testing.T, r *rig, ids []string, bad int) []Row {
	t.Helper()
	rows := percentRows(ids, 55)
	set, err := Values(r.meta, []Assignment{{"percentComplete", "55"}, {"assignedToID", "0000000000000000000000000000dead"}})
	if err != nil {
		t.Fatalf("the metadata refused the bad row itself: %v", err)
	}
	rows[bad].Set = set
	return rows
}

// An atomic batch that Workfront refuses fails whole: nothing applied,
// every row failed; more than 100 rows atomic is refused before any request.
func TestAtomicBatchFailsWhole(t *testing.T) {
	r := newRig(t, 100)
	ctx := context.Background()
	ids := r.taskIDs(t, 101)
	plan, err := Prepare(ctx, r.client, "TASK", badAssigneeRows(t, r, ids[:50], 30))
	if err != nil || plan.Count(WillChange) != 50 {
		t.Fatalf("%v: %d to change", err, plan.Count(WillChange))
	}
	if _, err := Send(ctx, r.client, r.journal, &plan, SendOptions{Atomic: true}); err != nil {
		t.Fatal(err)
	}
	if n := plan.Count(Failed); n != 50 {
		t.Fatalf("%d failed, want 50: %+v", n, plan.Rows[0])
	}
	for _, p := range plan.Rows {
		if v := r.value(t, p.ID, "percentComplete"); !Same(v, p.Before["percentComplete"]) {
			t.Fatalf("%s was changed from %v to %v by a refused atomic batch", p.ID, p.Before["percentComplete"], v)
		}
	}
	if puts := r.puts(); len(puts) != 1 {
		t.Fatalf("%d write requests, want 1", len(puts))
	}
	all, _ := r.journal.List(0)
	for _, c := range all {
		if c.Outcome != journal.Failed {
			t.Fatalf("journal: %s %s", c.ObjID, c.Outcome)
		}
	}
	big, err := Prepare(ctx, r.client, "TASK", percentRows(ids, 56))
	if err != nil {
		t.Fatal(err)
	}
	writes := r.sim.CountWrites()
	_, err = Send(ctx, r.client, r.journal, &big, SendOptions{Atomic: true})
	if !errors.Is(err, ErrAtomicTooLarge) || r.sim.CountWrites() != writes {
		t.Fatalf("101 rows atomic: %v, %d writes", err, r.sim.CountWrites()-writes)
	}
}

func decodeJSON(t *testing.T, s string, into any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), into); err != nil {
		t.Fatalf("%v: %s", err, s)
	}
}
