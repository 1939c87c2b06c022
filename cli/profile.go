package cli

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workspace"
)

// profileCmd is the group of the saved connections' commands: add, set,
// list, remove and pubkey, each in its own file.
func (c *command) profileCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "profile",
		Short: "Add, change, list and remove saved connections",
		Example: `  wfconnect profile list
  printf '%s\n' "$SECRET" | wfconnect profile add acme --domain acme --client-id ID --redirect-uri http://127.0.0.1:8765/callback --client-secret-stdin
  wfconnect profile remove acme`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("profile needs add, set, list, remove or pubkey")
			}
			return unknownCommand(cmd, "unknown profile command %q", args[0])
		},
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	cmd.AddCommand(c.profileAddCmd(), c.profileSetCmd(), c.profileListCmd(), c.profileRemoveCmd(), c.profilePubkeyCmd())
	return cmd
}

// profiles lists the connections. Names the file repeats are a warning
// here, not an end: the other connections stay usable.
func (c *command) profiles(ws *workspace.Workspace) ([]store.Profile, error) {
	list, err := ws.Profiles()
	var dup *store.DuplicateNamesError
	if errors.As(err, &dup) {
		c.say("wfconnect: warning: %s", c.text(dup))
		err = nil
	}
	return list, err
}
