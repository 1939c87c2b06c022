package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/msg"
)

// errNotConfirmed is a write asked for without --yes where nobody can be
// asked.
var errNotConfirmed = usageError{msg: "Nothing was sent: standard input is not a terminal, so wfconnect cannot ask. Add --yes to send without asking, or --dry-run to only see the changes."}

// planAndSend is every write's common way: the dry run, shown; then, unless
// only that was asked, the question, the sending and the results.
func (c *command) planAndSend(ctx context.Context, t *writeTarget, in updateInput, flags writeFlags, send edit.SendOptions) error {
	plan, err := edit.Prepare(ctx, t.client, t.obj, in.rows)
	if err != nil {
		return err
	}
	return c.sendPlan(ctx, t, plan, in, flags, send)
}

// sendPlan shows a prepared plan and, unless only a dry run was asked,
// asks, sends it and reports.
func (c *command) sendPlan(ctx context.Context, t *writeTarget, plan edit.Plan, in updateInput, flags writeFlags, send edit.SendOptions) error {
	changes := plan.Count(edit.WillChange)
	if flags.DryRun || changes == 0 {
		if err := c.showPlan(plan, nil, flags.JSON); err != nil {
			return err
		}
		if changes == 0 && !flags.DryRun {
			c.sayNothingSent(plan)
		}
		if flags.Results != "" {
			if err := c.writeResults(flags.Results, in, plan); err != nil {
				return err
			}
		}
		return planExit(plan)
	}
	if !flags.JSON {
		c.showDiff(plan)
	}
	if err := c.confirm(t, changes, flags.Yes); err != nil {
		return err
	}
	sent, sendErr := edit.Send(ctx, t.client, t.journal, &plan, send)
	if flags.JSON {
		if err := c.showPlan(plan, sent, true); err != nil {
			return err
		}
	}
	c.sayOutcome(plan)
	if flags.Results != "" {
		if err := c.writeResults(flags.Results, in, plan); err != nil {
			return err
		}
	}
	if sendErr != nil {
		return sendErr
	}
	return planExit(plan)
}

// sayNothingSent says why nothing was sent: each conflict's reason (a
// revert refused because the object changed since), or nothing to change.
func (c *command) sayNothingSent(plan edit.Plan) {
	if plan.Count(edit.Conflict) == 0 {
		c.say("Nothing to change, so nothing was sent.")
		return
	}
	for _, r := range plan.Rows {
		if r.Status == edit.Conflict {
			fmt.Fprintln(c.env.Stderr, "wfconnect: "+c.rowWhy(r))
		}
	}
}

// confirm asks on a terminal, unless --yes or the connection's mode is
// direct; without a terminal it refuses.
func (c *command) confirm(t *writeTarget, changes int, yes bool) error {
	if yes || t.mode == edit.Direct {
		return nil
	}
	f, ok := c.env.Stdin.(*os.File)
	if !ok || !isTerminal(f) {
		return errNotConfirmed
	}
	fmt.Fprintf(c.env.Stderr, c.tr("Send %d changes to %s? [y/N] "), changes, msg.Clean(t.name))
	line, err := bufio.NewReader(io.LimitReader(c.env.Stdin, 64)).ReadString('\n')
	if err != nil && line == "" {
		return errNotConfirmed
	}
	if a := strings.ToLower(strings.TrimSpace(line)); a != "y" && a != "yes" && a != c.tr("y") && a != c.tr("yes") {
		return msg.New("Nothing was sent.")
	}
	return nil
}

// planExit is 0 when every row changed or was unchanged, 1 otherwise.
func planExit(plan edit.Plan) error {
	for _, r := range plan.Rows {
		switch r.Status {
		case edit.WillChange, edit.Changed, edit.Unchanged:
		default:
			return errSomeRowsFailed
		}
	}
	return nil
}

var errSomeRowsFailed = quietError{code: ExitError}

// quietError ends a command with an exit code and no more words: what went
// wrong was said already.
type quietError struct{ code int }

func (quietError) Error() string { return "some rows failed" }
