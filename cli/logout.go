package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/wfconnect/wfconnect/workspace"
)

// logoutOptions are what logout was given.
type logoutOptions struct {
	Name string
}

func (c *command) logoutCmd() *cobra.Command {
	var opts logoutOptions
	return &cobra.Command{
		Use:               "logout NAME",
		Short:             "End the session at Workfront and forget its tokens (the connection is kept)",
		Example:           "  wfconnect logout acme",
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: c.completeName,
		RunE: withName("logout", &opts.Name, func(cmd *cobra.Command) error {
			return c.runLogout(cmd.Context(), &opts)
		}),
	}
}

func (c *command) runLogout(ctx context.Context, opts *logoutOptions) error {
	ws, err := c.workspace()
	if err != nil {
		return err
	}
	if err := ws.Logout(ctx, opts.Name); errors.Is(err, workspace.ErrTokenOutlivesLogout) {
		fmt.Fprintln(c.env.Stderr, c.text(err)) // said in the person's language; not a failure
		return nil
	} else if err != nil {
		return err
	}
	c.say("Ended the session at Workfront and forgot the tokens of %q. The connection itself is kept; run wfconnect login %s to connect again.", opts.Name, quoteArg(opts.Name))
	return nil
}
