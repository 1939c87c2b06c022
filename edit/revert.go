package edit

import (
	"context"
	"slices"
	"strings"

	"github.com/wfconnect/wfconnect/journal"
	"github.com/wfconnect/wfconnect/msg"
)

// PrepareRevert plans the write that puts a change's before-values back.
// The row is a conflict when the object no longer holds what the change
// wrote (someone changed it since), unless force.
func PrepareRevert(ctx context.Context, r Reader, c journal.Change, force bool) (Plan, error) {
	switch {
	case c.Outcome != journal.Changed && c.Outcome != journal.Unknown:
		return Plan{}, msg.New("Change %s was not applied (%s), so there is nothing to revert.", c.ID, c.Outcome)
	case c.BeforeUnknown:
		return Plan{}, msg.New("Change %s has no before-values (they could not be read when it was made), so it cannot be reverted.", c.ID)
	case len(c.Changes) == 0:
		return Plan{}, msg.New("Change %s changed no field, so there is nothing to revert.", c.ID)
	}
	row := Row{ID: c.ObjID, Set: map[string]any{}}
	for f, fc := range c.Changes {
		row.Set[f] = fc.Before
	}
	plan, err := Prepare(ctx, r, c.ObjCode, []Row{row})
	if err != nil {
		return plan, err
	}
	p := &plan.Rows[0]
	if moved := movedSince(c, p.Before); len(moved) > 0 && !force && p.Status != NotFound {
		p.setWhy(Conflict, msg.New("Changed in Workfront since change %s: %s. Revert with --force to write the before-values anyway.", c.ID, strings.Join(moved, ", ")))
	}
	return plan, nil
}

// movedSince lists the fields whose value now is not what the change wrote.
func movedSince(c journal.Change, now map[string]any) []string {
	var out []string
	for f, fc := range c.Changes {
		if !Same(now[f], fc.After) {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return out
}
