package edit

import (
	"context"
	"strings"
	"time"

	"github.com/wfconnect/wfconnect/journal"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/workfront"
)

// recheck reads the batch's objects again just before sending: a row whose
// values moved since the dry run is a conflict, not sent unless forced.
func (s *sender) recheck(ctx context.Context, rows []int) ([]int, error) {
	chunk := make([]Planned, len(rows))
	for k, i := range rows {
		chunk[k] = s.plan.Rows[i]
	}
	now, err := readCurrent(ctx, s.w, s.plan.ObjCode, chunk)
	if err != nil {
		return nil, err
	}
	keep := rows[:0:0]
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, i := range rows {
		p := &s.plan.Rows[i]
		o := now[p.ID]
		switch {
		case o == nil:
			p.setWhy(NotFound, msg.New("No object with this ID."))
		case !s.opts.Force && len(p.Moved(o)) > 0:
			p.setWhy(Conflict, msg.New("Changed in Workfront since it was shown: %s.", strings.Join(p.Moved(o), ", ")))
		default:
			s.freshen(p, o)
			keep = append(keep, i)
		}
	}
	return keep, nil
}

// freshen makes a forced row's before-values what Workfront holds now, so
// the journal records what the write really replaced.
func (s *sender) freshen(p *Planned, o workfront.Object) {
	for f, c := range p.Changes {
		v, _ := o.Value(f)
		p.Before[f] = v
		p.Changes[f] = journal.FieldChange{Before: v, After: c.After}
	}
}

// record journals the rows as being sent, one change each, one batch.
func (s *sender) record(rows []int) ([]string, error) {
	batch := journal.NewID()
	changes := make([]journal.Change, len(rows))
	ids := make([]string, len(rows))
	now := time.Now().UTC()
	for k, i := range rows {
		p := s.plan.Rows[i]
		ids[k] = journal.NewID()
		changes[k] = journal.Change{ID: ids[k], Time: now, ObjCode: s.plan.ObjCode, ObjID: p.ID, ObjName: p.Name, Changes: p.Changes,
			Outcome: journal.Sending, Batch: batch, RevertOf: s.opts.RevertOf}
	}
	if len(rows) == 1 {
		changes[0].Batch = ""
	}
	if err := s.j.Record(changes...); err != nil {
		return nil, msg.New("Nothing was sent: the journal could not record the change (%v).", err).Because(err)
	}
	return ids, nil
}

// settle gives the rows their outcome, in the plan and in the journal.
func (s *sender) settle(rows []int, ids []string, status Status, err error, objs []workfront.Object) {
	why := ""
	if err != nil {
		why = err.Error()
	}
	outcome := map[Status]string{Changed: journal.Changed, Failed: journal.Failed, Unknown: journal.Unknown}[status]
	settleErr := s.j.Settle(outcome, why, ids...)
	byID := map[string]workfront.Object{}
	for _, o := range objs {
		if o != nil {
			byID[o.ID()] = o
		}
	}
	s.mu.Lock()
	for k, i := range rows {
		p := &s.plan.Rows[i]
		p.setWhy(status, err)
		s.sent[i] = Sent{Now: byID[p.ID], ChangeID: ids[k]}
	}
	s.done += len(rows)
	progress := Progress{Done: s.done, Total: s.total, Elapsed: time.Since(s.start)}
	s.mu.Unlock()
	if settleErr != nil {
		s.fail(msg.New("Sent, but the journal could not record the outcome (%v); it says these changes are still being sent.", settleErr).Because(settleErr))
	}
	if s.opts.Progress != nil {
		s.opts.Progress(progress)
	}
}
