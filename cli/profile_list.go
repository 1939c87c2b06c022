package cli

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/store"
)

// profileListOptions are what profile list was given.
type profileListOptions struct {
	JSON bool
}

func (c *command) profileListCmd() *cobra.Command {
	var opts profileListOptions
	cmd := &cobra.Command{
		Use:               "list [--json]",
		Aliases:           []string{"ls"},
		Short:             "List the saved connections",
		Example:           "  wfconnect profile list\n  wfconnect profile list --json",
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("profile list takes no names")
			}
			return c.runProfileList(cmd.Context(), &opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

func (c *command) runProfileList(_ context.Context, opts *profileListOptions) error {
	ws, err := c.workspace()
	if err != nil {
		return err
	}
	list, err := c.profiles(ws)
	if err != nil {
		return err
	}
	if opts.JSON {
		if list == nil {
			list = []store.Profile{}
		}
		return writeJSON(c.env.Stdout, list)
	}
	if len(list) == 0 {
		c.say("No connections yet. Add one with: wfconnect profile add NAME --domain D --client-id ID --redirect-uri URI --client-secret-stdin")
		return nil
	}
	tw := tabwriter.NewWriter(c.env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tHOST\tAPP\tTOKEN REQUEST\tAPI\tREDIRECT URI")
	for _, p := range list {
		printText(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", p.Name, p.Host, p.AppType, tokenAuthLabel(p), p.APIVersion, p.RedirectURI)
	}
	return tw.Flush()
}

// tokenAuthLabel says how the connection's token request proves who asks:
// a JWT, client credentials, PKCE alone (a browser kind without a secret),
// or the client secret in the form the profile chose.
func tokenAuthLabel(p store.Profile) string {
	spec := auth.Kind(p.AppType).Spec()
	switch {
	case spec.Renew == auth.RenewJWT:
		return "jwt"
	case spec.Renew == auth.RenewClientCredentials:
		return "client_credentials"
	case !spec.NeedsSecret:
		return "pkce"
	}
	return p.TokenAuth
}
