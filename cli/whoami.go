package cli

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
	"github.com/wfconnect/wfconnect/workspace"
)

// whoamiOptions are what whoami was given.
type whoamiOptions struct {
	Name string
	JSON bool
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
	var opts whoamiOptions
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
		RunE: withName("whoami", &opts.Name, func(cmd *cobra.Command) error {
			return c.runWhoami(cmd.Context(), &opts)
		}),
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

func (c *command) runWhoami(ctx context.Context, opts *whoamiOptions) error {
	ws, err := c.workspace()
	if err != nil {
		return err
	}
	id, err := ws.WhoAmI(ctx, opts.Name)
	if err != nil {
		return withLoginHint(err, opts.Name)
	}
	p, err := ws.Profile(opts.Name) // after WhoAmI, which may have settled the version
	if err != nil {
		return err
	}
	advice, upgrade := workspace.VersionWarning(p, id.APIVersions, time.Now())
	if opts.JSON {
		return writeJSON(c.env.Stdout, toWhoamiJSON(p, id, advice, upgrade))
	}
	if err := c.printWhoami(p, id); err != nil {
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

func toWhoamiJSON(p store.Profile, id workfront.Identity, advice workfront.VersionAdvice, upgrade string) whoamiJSON {
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
	return out
}

// printWhoami writes who the connection is for people, a row a fact.
func (c *command) printWhoami(p store.Profile, id workfront.Identity) error {
	tw := tabwriter.NewWriter(c.env.Stdout, 0, 4, 2, ' ', 0)
	row := func(label, value string) { printText(tw, "%s:\t%s\n", label, value) }
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
	return tw.Flush()
}
