package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/journal"
	"github.com/wfconnect/wfconnect/msg"
)

func (c *command) journalCmd() *cobra.Command {
	var limit int
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "journal NAME [--limit N] [--json]",
		Short: "List the changes wfconnect made through a connection, newest first",
		Long: `List the changes wfconnect made through a connection, newest first: when,
which object, each field's before and after values, and the outcome. The
journal is kept on this computer, in the config directory, and holds no
token or secret. wfconnect revert NAME CHANGE_ID undoes a change.`,
		Example: `  wfconnect journal acme --limit 20
  wfconnect journal acme --json`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: c.completeName,
		RunE: func(cmd *cobra.Command, args []string) error {
			if limit < 0 {
				return usagef("--limit must be 0 (every change) or more")
			}
			return c.listJournal(args[0], limit, asJSON)
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 50, "at most this many changes (0: every one)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array of the changes")
	return cmd
}

// connectionJournal is a saved connection's journal, by its saved name.
func (c *command) connectionJournal(name string) (*journal.Journal, string, error) {
	ws, err := c.workspace()
	if err != nil {
		return nil, "", err
	}
	p, err := ws.Profile(name)
	if err != nil {
		return nil, "", err
	}
	return journal.Open(ws.Dir(), p.Name), p.Name, nil
}

func (c *command) listJournal(name string, limit int, asJSON bool) error {
	j, _, err := c.connectionJournal(name)
	if err != nil {
		return err
	}
	changes, err := j.List(limit)
	if err != nil && changes == nil {
		return err
	}
	if err != nil {
		fmt.Fprintln(c.env.Stderr, "wfconnect: "+c.text(err)) // damaged lines: the rest is still worth listing
	}
	if asJSON {
		if changes == nil {
			changes = []journal.Change{}
		}
		enc := json.NewEncoder(c.env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(changes)
	}
	if len(changes) == 0 {
		c.say("No changes yet.")
		return nil
	}
	tw := tabwriter.NewWriter(c.env.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, c.tr("CHANGE")+"\t"+c.tr("TIME")+"\t"+c.tr("OBJECT")+"\t"+c.tr("FIELD")+"\t"+c.tr("BEFORE -> AFTER")+"\t"+c.tr("OUTCOME"))
	for _, ch := range changes {
		id, when, obj := ch.ID, ch.Time.Local().Format("2006-01-02 15:04:05"), msg.Clean(ch.ObjCode+" "+ch.ObjID)
		outcome := c.tr(ch.Outcome)
		if ch.RevertOf != "" {
			outcome += " (" + fmt.Sprintf(c.tr("reverts %s"), ch.RevertOf) + ")"
		}
		for _, f := range slices.Sorted(maps.Keys(ch.Changes)) {
			fc := ch.Changes[f]
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s -> %s\t%s\n", id, when, obj, msg.Clean(f), shown(fc.Before), shown(fc.After), outcome)
			id, when, obj, outcome = "", "", "", ""
		}
		if ch.Error != "" {
			fmt.Fprintf(tw, "\t\t\t\t%s\t\n", cut(msg.Clean(ch.Error), 80))
		}
	}
	return tw.Flush()
}

func (c *command) revertCmd() *cobra.Command {
	var flags writeFlags
	var force bool
	cmd := &cobra.Command{
		Use:   "revert NAME CHANGE_ID [--dry-run] [--yes] [--force]",
		Short: "Undo a change: write its before-values back, previewed first",
		Long: `Undo a change from the journal: write the before-values back, as a new change
that is previewed, confirmed and journaled like any other. When the object
no longer holds what the change wrote (someone changed it since), the revert
is refused unless --force.`,
		Example: `  wfconnect revert acme c7f3a9b2e1 --dry-run
  wfconnect revert acme c7f3a9b2e1 --yes`,
		Args:              cobra.ExactArgs(2),
		ValidArgsFunction: c.completeName,
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.runRevert(cmd.Context(), args[0], args[1], flags, force)
		},
	}
	addWriteFlags(cmd, &flags)
	cmd.Flags().Lookup("results").Hidden = true
	cmd.Flags().BoolVar(&force, "force", false, "revert even when the object changed since")
	return cmd
}

func (c *command) runRevert(ctx context.Context, name, id string, flags writeFlags, force bool) error {
	j, _, err := c.connectionJournal(name)
	if err != nil {
		return err
	}
	change, err := j.Get(strings.TrimSpace(id))
	if err != nil {
		return err
	}
	t, err := c.writeTarget(ctx, name, change.ObjCode, flags.DryRun)
	if err != nil {
		return err
	}
	plan, err := edit.PrepareRevert(ctx, t.client, change, force)
	if err != nil {
		return err
	}
	return c.sendPlan(ctx, t, plan, updateInput{rows: []edit.Row{plan.Rows[0].Row}}, flags, edit.SendOptions{RevertOf: change.ID, Force: force})
}
