package cli

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/workfront"
	"github.com/wfconnect/wfconnect/workspace"
)

// loginByItself signs a jwt or ims connection in: no browser, no consent.
func (c *command) loginByItself(ctx context.Context, ws *workspace.Workspace, name string) error {
	st, err := ws.SignIn(ctx, name)
	if err != nil {
		return err
	}
	c.say("Connected %q. %s. Tokens are in the %s.", name, c.expiryText(st), c.tr(ws.Storage()))
	return nil
}

func (c *command) profilePubkeyCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "pubkey NAME",
		Short: "Print a Machine to Machine connection's public key",
		Long: `Print the public key (PEM) of a Machine to Machine (jwt) connection, for an
administrator to paste into Workfront: Setup > System > OAuth2 Applications >
the app > Public Keys. The private key stays in the system keyring.`,
		Example:           "  wfconnect profile pubkey nightly\n  wfconnect profile pubkey nightly > nightly.pub.pem",
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: c.completeName,
		RunE: func(cmd *cobra.Command, args []string) error {
			name, err := oneName("profile pubkey", args)
			if err != nil {
				return err
			}
			ws, err := c.workspace()
			if err != nil {
				return err
			}
			pub, err := ws.PublicKey(name)
			if err != nil {
				return err
			}
			_, err = fmt.Fprint(c.env.Stdout, pub)
			return err
		},
	}
}

// whoamiJSON is the documented `whoami --json` shape.
type whoamiJSON struct {
	Profile     string   `json:"profile"`
	Host        string   `json:"host"`
	Environment string   `json:"environment"`
	UserID      string   `json:"user_id"`
	Name        string   `json:"name"`
	Email       string   `json:"email"`
	Admin       *bool    `json:"admin"`
	APIVersion  string   `json:"api_version"`
	CurrentAPI  string   `json:"current_api"`
	APIVersions []string `json:"api_versions"`
	RoundTripMS int64    `json:"round_trip_ms"`
	// VersionWarning is "", "retires_this_year" or "deprecated"; Upgrade
	// the version to move to.
	VersionWarning string `json:"version_warning,omitempty"`
	Upgrade        string `json:"upgrade_to,omitempty"`
}

func (c *command) whoamiCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "whoami NAME [--json]",
		Short: "Show who a connection is signed in as, and what the instance offers",
		Long: `Ask Workfront who the connection's session belongs to: the user's name, email
and whether they are an administrator, the instance's API versions and the
round-trip time. It warns when the connection's API version is deprecated or
retires this year.`,
		Example:           "  wfconnect whoami acme\n  wfconnect whoami acme --json",
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: c.completeName,
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.whoami(cmd.Context(), args, asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (c *command) whoami(ctx context.Context, positional []string, asJSON bool) error {
	name, err := oneName("whoami", positional)
	if err != nil {
		return err
	}
	ws, err := c.workspace()
	if err != nil {
		return err
	}
	id, err := ws.WhoAmI(ctx, name)
	if err != nil {
		return withLoginHint(err, name)
	}
	p, err := ws.Profile(name) // after WhoAmI, which may have settled the version
	if err != nil {
		return err
	}
	advice, upgrade := workspace.VersionWarning(p, id.APIVersions, time.Now())
	out := whoamiJSON{
		Profile: p.Name, Host: p.Host, Environment: string(workfront.LaneOf(p.Host)),
		UserID: id.UserID, Name: id.Name, Email: id.Email,
		APIVersion: p.APIVersion, CurrentAPI: id.CurrentAPI, APIVersions: id.APIVersions,
		RoundTripMS: id.RoundTrip.Milliseconds(),
	}
	if out.APIVersions == nil {
		out.APIVersions = []string{}
	}
	if id.AdminKnown {
		out.Admin = &id.Admin
	}
	switch advice {
	case workfront.VersionDeprecated:
		out.VersionWarning, out.Upgrade = "deprecated", upgrade
	case workfront.VersionRetiresThisYear:
		out.VersionWarning, out.Upgrade = "retires_this_year", upgrade
	}
	if asJSON {
		return writeJSON(c.env.Stdout, out)
	}
	tw := tabwriter.NewWriter(c.env.Stdout, 0, 4, 2, ' ', 0)
	row := func(label, value string) { fmt.Fprintf(tw, "%s:\t%s\n", label, value) }
	row(c.tr("Connection"), fmt.Sprintf("%s  %s (%s)", p.Name, p.Host, c.tr(workfront.LaneLabel(p.Host))))
	row(c.tr("User"), fmt.Sprintf("%s <%s>", dash(id.Name), dash(id.Email)))
	row(c.tr("User ID"), id.UserID)
	admin := c.tr("unknown")
	switch {
	case id.AdminKnown && id.Admin:
		admin = c.tr("yes")
	case id.AdminKnown:
		admin = c.tr("no")
	}
	row(c.tr("Administrator"), admin)
	row(c.tr("API version"), p.APIVersion)
	row(c.tr("Instance's newest"), dash(id.CurrentAPI))
	row(c.tr("Versions offered"), dash(strings.Join(id.APIVersions, ", ")))
	row(c.tr("Round trip"), id.RoundTrip.Round(time.Millisecond).String())
	if err := tw.Flush(); err != nil {
		return err
	}
	switch advice {
	case workfront.VersionDeprecated:
		c.say("Warning: API %s is deprecated. Move this connection to %s: edit it in the app, or add it again with --api-version %s.", p.APIVersion, upgrade, upgrade)
	case workfront.VersionRetiresThisYear:
		c.say("Warning: API %s stops being supported this year. Move this connection to %s: edit it in the app, or add it again with --api-version %s.", p.APIVersion, upgrade, upgrade)
	}
	return nil
}

// renewalWords says how a connection's token is renewed, for status.
func renewalWords(s statusJSON, tr func(string) string) string {
	switch auth.Kind(s.Kind).Spec().Renew {
	case auth.RenewJWT:
		return tr("a new JWT, exchanged by itself (no browser)")
	case auth.RenewClientCredentials:
		return tr("a new token from Adobe IMS, by itself (no browser)")
	}
	if s.HasRefreshToken {
		return tr("refresh token held")
	}
	return tr("no refresh token")
}

// headerWords says which header `wfconnect token` output belongs in.
func headerWords(s statusJSON) string {
	if auth.Kind(s.Kind).TokenHeader() == "Authorization" {
		return fmt.Sprintf("Authorization: Bearer $(wfconnect token %s), with %s: %s", quoteArg(s.Profile), auth.IMSOrgHeader, s.IMSOrg)
	}
	return fmt.Sprintf("sessionID: $(wfconnect token %s)", quoteArg(s.Profile))
}
