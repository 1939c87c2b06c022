package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
)

// profilePubkeyOptions are what profile pubkey was given.
type profilePubkeyOptions struct {
	Name string
}

func (c *command) profilePubkeyCmd() *cobra.Command {
	var opts profilePubkeyOptions
	return &cobra.Command{
		Use:   "pubkey NAME",
		Short: "Print a Machine to Machine connection's public key",
		Long: `Print the public key (PEM) of a Machine to Machine (jwt) connection, for an
administrator to paste into Workfront: Setup > System > OAuth2 Applications >
the app > Public Keys. The private key stays in the system keyring.`,
		Example:           "  wfconnect profile pubkey nightly\n  wfconnect profile pubkey nightly > nightly.pub.pem",
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: c.completeName,
		RunE: withName("profile pubkey", &opts.Name, func(cmd *cobra.Command) error {
			return c.runProfilePubkey(cmd.Context(), &opts)
		}),
	}
}

func (c *command) runProfilePubkey(_ context.Context, opts *profilePubkeyOptions) error {
	ws, err := c.workspace()
	if err != nil {
		return err
	}
	pub, err := ws.PublicKey(opts.Name)
	if err != nil {
		return err
	}
	_, err = fmt.Fprint(c.env.Stdout, pub)
	return err
}
