package edit

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/journal"
)

// A production connection is read-only by default, and CheckWritable
// refuses it with words that say how to change the mode (the CLI's test
// shows no request goes).
func TestReadOnlyRefusal(t *testing.T) {
	m := DefaultMode("https://acme.my.workfront.com")
	err := CheckWritable("acme", m)
	if m != ReadOnly || !errors.Is(err, ErrReadOnly) {
		t.Fatalf("%s: %v", m, err)
	}
	if !strings.Contains(err.Error(), "wfconnect profile set acme --writes confirm") {
		t.Errorf("the refusal does not say how to change the mode: %v", err)
	}
	for _, ok := range []Mode{Confirm, Direct} {
		if err := CheckWritable("acme", ok); err != nil {
			t.Errorf("%s refused: %v", ok, err)
		}
	}
}

// sendOne makes a change for real and returns its journal entry.
func sendOne(t *testing.T, r *rig, id string, pct float64) journal.Change {
	t.Helper()
	ctx := context.Background()
	plan, err := Prepare(ctx, r.client, "TASK", percentRows([]string{id}, pct))
	if err != nil {
		t.Fatal(err)
	}
	sent, err := Send(ctx, r.client, r.journal, &plan, SendOptions{})
	if err != nil || plan.Rows[0].Status != Changed {
		t.Fatalf("%v: %s %s", err, plan.Rows[0].Status, plan.Rows[0].Why)
	}
	c, err := r.journal.Get(sent[0].ChangeID)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Revert puts the before-values back as a new journaled change that names
// the one it reverts; after a change behind the client's back it is a
// conflict (nothing sent) unless forced.
func TestRevert(t *testing.T) {
	r := newRig(t, 10)
	ctx := context.Background()
	ids := r.taskIDs(t, 2)
	original := r.value(t, ids[0], "percentComplete")
	c := sendOne(t, r, ids[0], 91)
	plan, err := PrepareRevert(ctx, r.client, c, false)
	if err != nil || plan.Rows[0].Status != WillChange {
		t.Fatalf("%v %+v", err, plan.Rows)
	}
	sent, err := Send(ctx, r.client, r.journal, &plan, SendOptions{RevertOf: c.ID})
	if err != nil || plan.Rows[0].Status != Changed {
		t.Fatalf("%v: %s %s", err, plan.Rows[0].Status, plan.Rows[0].Why)
	}
	if v := r.value(t, ids[0], "percentComplete"); !Same(v, original) {
		t.Fatalf("after revert wfsim holds %v, want %v", v, original)
	}
	rc, err := r.journal.Get(sent[0].ChangeID)
	if err != nil || rc.RevertOf != c.ID || rc.Outcome != journal.Changed || !Same(rc.Changes["percentComplete"].Before, 91) {
		t.Fatalf("the revert's journal: %+v %v", rc, err)
	}

	c2 := sendOne(t, r, ids[1], 92)
	if err := r.sim.Touch("TASK", ids[1], "percentComplete", 10.0); err != nil {
		t.Fatal(err)
	}
	writes := r.sim.CountWrites()
	plan, err = PrepareRevert(ctx, r.client, c2, false)
	if err != nil || plan.Rows[0].Status != Conflict || !strings.Contains(plan.Rows[0].Why, "--force") {
		t.Fatalf("%v %s %q", err, plan.Rows[0].Status, plan.Rows[0].Why)
	}
	if _, err := Send(ctx, r.client, r.journal, &plan, SendOptions{RevertOf: c2.ID}); err != nil || r.sim.CountWrites() != writes {
		t.Fatalf("a refused revert sent: %v, %d writes", err, r.sim.CountWrites()-writes)
	}
	plan, err = PrepareRevert(ctx, r.client, c2, true)
	if err != nil || plan.Rows[0].Status != WillChange {
		t.Fatalf("forced: %v %+v", err, plan.Rows)
	}
	if _, err := Send(ctx, r.client, r.journal, &plan, SendOptions{RevertOf: c2.ID, Force: true}); err != nil || plan.Rows[0].Status != Changed {
		t.Fatalf("forced: %v %s", err, plan.Rows[0].Status)
	}
	if v := r.value(t, ids[1], "percentComplete"); !Same(v, c2.Changes["percentComplete"].Before) {
		t.Fatalf("after a forced revert wfsim holds %v", v)
	}
	all, _ := r.journal.List(0)
	if all[0].RevertOf != c2.ID || !Same(all[0].Changes["percentComplete"].Before, 10) {
		t.Errorf("the forced revert's journal: %+v", all[0])
	}
}
