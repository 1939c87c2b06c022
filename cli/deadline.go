package cli

import (
	"context"
	"errors"
	"time"

	"github.com/spf13/cobra"

	"github.com/wfconnect/wfconnect/msg"
)

// A command that asks Workfront and waits for no person gets one deadline
// for all its requests and their retries: a Workfront that trickles its
// answers must not keep a script waiting for each attempt's own timeout in
// turn. Variables, so that tests can shorten them.
var (
	commandDeadline = 2 * time.Minute
	pagingDeadline  = 15 * time.Minute // with --all, page after page
)

// deadlineCommands are the commands that get the deadline. login waits for
// a person, export and sim keep their own pace.
var deadlineCommands = map[string]bool{
	"token": true, "whoami": true, "projects": true, "search": true, "count": true,
	"get": true, "find": true, "metadata": true, "report": true,
}

// withDeadlines wraps the RunE of each deadline command in root's tree.
func withDeadlines(root *cobra.Command) {
	walk(root, func(cmd *cobra.Command) {
		if !deadlineCommands[cmd.Name()] || cmd.RunE == nil || cmd.Parent() != root {
			return
		}
		run := cmd.RunE
		cmd.RunE = func(cmd *cobra.Command, args []string) error {
			limit := commandDeadline
			if all := cmd.Flags().Lookup("all"); all != nil && all.Changed {
				limit = pagingDeadline
			}
			ctx, cancel := context.WithTimeout(cmd.Context(), limit)
			defer cancel()
			cmd.SetContext(ctx)
			err := run(cmd, args)
			if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return msg.New("Workfront did not finish answering within %s, the most wfconnect %s waits, so it stopped.", limit, cmd.Name()).Because(err)
			}
			return err
		}
	})
}
