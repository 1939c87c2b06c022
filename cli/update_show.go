package cli

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"text/tabwriter"

	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/journal"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/workfront"
)

// showDiff prints every row that is not simply unchanged: each field's
// before -> after, or why the row will not be sent.
func (c *command) showDiff(plan edit.Plan) {
	tw := tabwriter.NewWriter(c.env.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\t"+c.tr("NAME")+"\t"+c.tr("FIELD")+"\t"+c.tr("BEFORE -> AFTER")+"\t"+c.tr("STATUS"))
	for _, r := range plan.Rows {
		if r.Status == edit.Unchanged {
			continue
		}
		id, name, status := msg.Clean(r.ID), cut(msg.Clean(r.Name), 40), c.tr(string(r.Status))
		if len(r.Changes) == 0 {
			fmt.Fprintf(tw, "%s\t%s\t\t%s\t%s\n", id, name, cut(c.rowWhy(r), 80), status)
			continue
		}
		for _, f := range slices.Sorted(maps.Keys(r.Changes)) {
			ch := r.Changes[f]
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s -> %s\t%s\n", id, name, msg.Clean(f), shown(ch.Before), shown(ch.After), status)
			id, name = "", ""
		}
		if r.Why != "" && r.Status != edit.Changed {
			fmt.Fprintf(tw, "\t\t\t%s\t\n", cut(c.rowWhy(r), 80))
		}
	}
	tw.Flush()
	c.sayCounts(plan)
}

func (c *command) rowWhy(r edit.Planned) string {
	if r.Err != nil {
		return c.text(r.Err)
	}
	return msg.Clean(r.Why)
}

// shown is a value for a table cell: cleaned, cut, and "(empty)" for none.
func shown(v any) string {
	t := workfront.ValueText(v)
	if t == "" {
		return "(empty)"
	}
	return cut(msg.Clean(t), 40)
}

func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// sayCounts says, on standard error, how many rows have each status.
func (c *command) sayCounts(plan edit.Plan) {
	c.say("%d to change, %d unchanged, %d not found, %d refused.", plan.Count(edit.WillChange), plan.Count(edit.Unchanged), plan.Count(edit.NotFound), plan.Count(edit.Refused))
}

// sayOutcome says what sending did.
func (c *command) sayOutcome(plan edit.Plan) {
	c.say("%d changed, %d failed, %d changed in Workfront meanwhile (not sent), %d not confirmed, %d not sent.",
		plan.Count(edit.Changed), plan.Count(edit.Failed), plan.Count(edit.Conflict), plan.Count(edit.Unknown), plan.Count(edit.NotSent))
	if plan.Count(edit.Unknown) > 0 {
		c.say("Workfront did not confirm some changes: they may or may not have been applied. wfconnect journal shows them; a dry run shows what Workfront holds now.")
	}
}

// planRow is one row in --json.
type planRow struct {
	ID       string                         `json:"id"`
	Name     string                         `json:"name,omitempty"`
	Line     int                            `json:"line,omitempty"`
	Status   string                         `json:"status"`
	Changes  map[string]journal.FieldChange `json:"changes,omitempty"`
	Error    string                         `json:"error,omitempty"`
	ChangeID string                         `json:"changeID,omitempty"`
}

// showPlan prints the plan: the table and counts, or a JSON array.
func (c *command) showPlan(plan edit.Plan, sent []edit.Sent, asJSON bool) error {
	if !asJSON {
		c.showDiff(plan)
		return nil
	}
	out := make([]planRow, len(plan.Rows))
	for i, r := range plan.Rows {
		out[i] = planRow{ID: r.ID, Name: r.Name, Line: r.Line, Status: string(r.Status), Changes: r.Changes, Error: r.Why}
		if i < len(sent) {
			out[i].ChangeID = sent[i].ChangeID
		}
	}
	enc := json.NewEncoder(c.env.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// writeResults writes each input row's outcome beside the input.
func (c *command) writeResults(path string, in updateInput, plan edit.Plan) error {
	columns := in.columns
	if columns == nil && len(plan.Rows) > 0 {
		columns = slices.Sorted(maps.Keys(plan.Rows[0].Set))
	}
	if err := edit.WriteResults(path, columns, edit.ResultRows(plan, in.file)); err != nil {
		return err
	}
	c.say("Each row's outcome: %s", path)
	return nil
}
