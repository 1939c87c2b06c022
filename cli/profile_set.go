package cli

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/workspace"
)

// profileSetOptions are what profile set was given: the sign-in options to
// change, in pairs that undo each other.
type profileSetOptions struct {
	Name                            string
	NoPKCE, PKCE                    bool
	AllowMissingState, RequireState bool
	Writes                          string
}

// profileSetCmd changes a saved connection's sign-in options; everything
// else, the client secret and the tokens included, stays as it is.
func (c *command) profileSetCmd() *cobra.Command {
	var opts profileSetOptions
	cmd := &cobra.Command{
		Use:   "set NAME [--no-pkce | --pkce] [--allow-missing-state | --require-state] [--writes MODE]",
		Short: "Change the sign-in options or the write mode of a saved connection",
		Long: `Change the sign-in options or the write mode of a saved connection.
Everything else, the client secret and the tokens included, stays as it is.

Write modes: read-only refuses every change before anything is sent (the
default for production and for hosts wfconnect cannot place); confirm shows
each change and asks (the default for preview, sandboxes and simulators);
direct sends without asking. Every change is journaled in every mode.`,
		Example: `  wfconnect profile set acme --no-pkce
  wfconnect profile set acme --require-state
  wfconnect profile set acme-sandbox --writes confirm`,
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: c.completeName,
		RunE: withName("profile set", &opts.Name, func(cmd *cobra.Command) error {
			return c.runProfileSet(cmd.Context(), &opts)
		}),
	}
	f := cmd.Flags()
	f.BoolVar(&opts.NoPKCE, "no-pkce", false, "stop sending PKCE (for apps that refuse it)")
	f.BoolVar(&opts.PKCE, "pkce", false, "send PKCE again")
	f.BoolVar(&opts.AllowMissingState, "allow-missing-state", false, "accept callbacks without state (less safe)")
	f.BoolVar(&opts.RequireState, "require-state", false, "refuse callbacks without state again")
	f.StringVar(&opts.Writes, "writes", "", "the write mode: read-only, confirm or direct")
	return cmd
}

func (c *command) runProfileSet(_ context.Context, opts *profileSetOptions) error {
	switch {
	case opts.NoPKCE && opts.PKCE:
		return usagef("--no-pkce and --pkce contradict each other: choose one")
	case opts.AllowMissingState && opts.RequireState:
		return usagef("--allow-missing-state and --require-state contradict each other: choose one")
	case !opts.NoPKCE && !opts.PKCE && !opts.AllowMissingState && !opts.RequireState && opts.Writes == "":
		return usagef("profile set needs one of --no-pkce, --pkce, --allow-missing-state, --require-state or --writes")
	}
	ws, err := c.workspace()
	if err != nil {
		return err
	}
	if opts.Writes != "" {
		return c.setWrites(ws, opts)
	}
	p, err := ws.Profile(opts.Name)
	if err != nil {
		return err
	}
	// Saving grants what the saved profile holds (a local http address):
	// only when using it would already be allowed, never on the file's word.
	if err := ws.Check(p.Name); err != nil {
		return err
	}
	d := workspace.DraftOf(p)
	if opts.NoPKCE || opts.PKCE {
		d.NoPKCE = opts.NoPKCE
	}
	if opts.AllowMissingState || opts.RequireState {
		d.AllowMissingState = opts.AllowMissingState
	}
	if _, err := ws.Save(d, p.Name); err != nil {
		return err
	}
	c.say("Saved %q: PKCE %s, callbacks without state %s.", p.Name, c.tr(onOff(!d.NoPKCE)), c.tr(map[bool]string{true: "accepted", false: "refused"}[d.AllowMissingState]))
	return nil
}

func onOff(on bool) string {
	if on {
		return "on"
	}
	return "off"
}

// setWrites saves the write mode; it is a setting of its own, so it is not
// mixed with the sign-in options in one save.
func (c *command) setWrites(ws *workspace.Workspace, opts *profileSetOptions) error {
	if opts.NoPKCE || opts.PKCE || opts.AllowMissingState || opts.RequireState {
		return usagef("--writes is set on its own: run profile set once for it and once for the sign-in options")
	}
	m, err := edit.ParseMode(opts.Writes)
	if err != nil {
		return usageError{msg: c.text(err)}
	}
	p, err := ws.SetWriteMode(opts.Name, m)
	if err != nil {
		return err
	}
	c.say("Saved %q: %s.", p.Name, c.tr(m.Label()))
	return nil
}
