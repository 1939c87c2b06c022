package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/wfconnect/wfconnect/msg"
)

// tokenOptions are what token was given.
type tokenOptions struct {
	Name string
}

func (c *command) tokenCmd() *cobra.Command {
	var opts tokenOptions
	return &cobra.Command{
		Use:   "token NAME",
		Short: "Print a valid sessionID and nothing else",
		Long: `Print a valid sessionID for the connection and nothing else, renewing it
first when it has expired. A Machine to Machine (jwt) or IMS connection signs
in by itself when it has no valid token yet. An IMS connection's token is a
bearer token: send it as Authorization: Bearer, with x-gw-ims-org-id (wfconnect
status says so).`,
		Example:           `  curl -H "sessionID: $(wfconnect token acme)" https://acme.my.workfront.com/attask/api/v21.0/proj/search`,
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: c.completeName,
		RunE: withName("token", &opts.Name, func(cmd *cobra.Command) error {
			return c.runToken(cmd.Context(), &opts)
		}),
	}
}

func (c *command) runToken(ctx context.Context, opts *tokenOptions) error {
	ws, err := c.workspace()
	if err != nil {
		return err
	}
	tok, err := ws.Token(ctx, opts.Name)
	if err != nil {
		return withLoginHint(err, opts.Name)
	}
	if unsafeToken(tok) {
		return msg.New("The stored token of %q holds a line break or another control character, so it is not printed: it could add lines or headers to whatever uses it. Run wfconnect login %s to sign in again.", opts.Name, quoteArg(opts.Name))
	}
	fmt.Fprintln(c.env.Stdout, tok)
	return nil
}

// unsafeToken reports a token with a control character (CR and LF among
// them), which no sessionID or bearer token holds.
func unsafeToken(tok string) bool {
	return strings.IndexFunc(tok, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0
}
