package cli

import (
	"context"

	"github.com/spf13/cobra"
)

// profileRemoveOptions are what profile remove was given.
type profileRemoveOptions struct {
	Name string
}

func (c *command) profileRemoveCmd() *cobra.Command {
	var opts profileRemoveOptions
	return &cobra.Command{
		Use:               "remove NAME",
		Aliases:           []string{"rm"},
		Short:             "Remove a saved connection and its secrets",
		Example:           "  wfconnect profile remove acme",
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: c.completeName,
		RunE: withName("profile remove", &opts.Name, func(cmd *cobra.Command) error {
			return c.runProfileRemove(cmd.Context(), &opts)
		}),
	}
}

func (c *command) runProfileRemove(_ context.Context, opts *profileRemoveOptions) error {
	ws, err := c.workspace()
	if err != nil {
		return err
	}
	if err := ws.Remove(opts.Name); err != nil {
		return err
	}
	c.say("Removed %q and its secrets.", opts.Name)
	return nil
}
