package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/workfront"
	"github.com/wfconnect/wfconnect/workspace"
)

// statusOptions are what status was given.
type statusOptions struct {
	// Name is the connection to show; with All, every connection instead.
	Name string
	All  bool
	JSON bool
}

// statusJSON is the documented `status --json` shape.
type statusJSON struct {
	Profile         string     `json:"profile"`
	Host            string     `json:"host"`
	State           string     `json:"state"`
	AccessExpiresAt *time.Time `json:"access_token_expires_at"`
	HasRefreshToken bool       `json:"has_refresh_token"`
	WID             string     `json:"wid"`
	ObtainedAt      *time.Time `json:"obtained_at"`
	RefreshedAt     *time.Time `json:"refreshed_at"`
	RotationSeen    bool       `json:"rotation_seen"`
	Storage         string     `json:"storage"`
	LastError       string     `json:"last_error,omitempty"`
	// Kind is web, spa, jwt or ims; Environment the lane (production,
	// preview, sandbox, simulated, other); TokenHeader the header
	// `wfconnect token`'s output goes in (sessionID, or Authorization as
	// Bearer, with x-gw-ims-org-id: IMSOrg).
	Kind        string `json:"kind"`
	Environment string `json:"environment"`
	TokenHeader string `json:"token_header"`
	IMSOrg      string `json:"ims_org,omitempty"`
}

func (c *command) statusCmd() *cobra.Command {
	var opts statusOptions
	cmd := &cobra.Command{
		Use:   "status [NAME] [--json]",
		Short: "Show whether each connection is connected, and until when",
		Example: `  wfconnect status
  wfconnect status acme
  wfconnect status acme --json`,
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: c.completeName,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("status takes at most one connection name")
			}
			opts.All = len(args) == 0
			if !opts.All {
				opts.Name = args[0]
			}
			return c.runStatus(cmd.Context(), &opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

func (c *command) runStatus(ctx context.Context, opts *statusOptions) error {
	ws, err := c.workspace()
	if err != nil {
		return err
	}
	names, err := c.statusNames(ws, opts)
	if err != nil {
		return err
	}
	all, err := c.readStatuses(ctx, ws, names, opts.All)
	if err != nil {
		return err
	}
	if opts.JSON {
		if !opts.All {
			return writeJSON(c.env.Stdout, all[0])
		}
		if all == nil {
			all = []statusJSON{}
		}
		return writeJSON(c.env.Stdout, all)
	}
	c.printStatuses(all)
	return nil
}

// statusNames are the connections status shows: the one named, or every
// one once.
// statusDeadline bounds the whole status command's keyring reads: a
// keyring that stalls costs this once, not once a connection.
var statusDeadline = 5 * time.Second

// readStatuses reads the connections' states at once, each on a goroutine
// of its own, under one deadline; a connection whose read outlives it is
// shown as unknown, saying so. Unless lenient (all connections), the one
// connection's error is the command's.
func (c *command) readStatuses(ctx context.Context, ws *workspace.Workspace, names []string, lenient bool) ([]statusJSON, error) {
	ctx, cancel := context.WithTimeout(ctx, statusDeadline)
	defer cancel()
	type result struct {
		st  auth.Status
		err error
	}
	results := make([]chan result, len(names))
	for i, name := range names {
		results[i] = make(chan result, 1)
		go func() {
			st, err := ws.Status(ctx, name)
			results[i] <- result{st, err}
		}()
	}
	all := make([]statusJSON, 0, len(names))
	for i, name := range names {
		var res result
		select {
		case res = <-results[i]:
		case <-ctx.Done():
			if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return nil, ctx.Err() // interrupted: said as such
			}
			res = result{auth.Status{Profile: name, State: auth.StateUnknown, Storage: ws.Storage()},
				msg.New("The stored tokens of %q could not be read within %s: the system keyring did not answer (it may be locked and waiting for a password).", name, statusDeadline)}
		}
		if res.err != nil && !lenient {
			return nil, res.err
		}
		if res.err != nil {
			// One broken connection must not hide the others.
			res.st.LastError = res.err.Error()
		}
		all = append(all, statusOf(ws, name, res.st))
	}
	return all, nil
}

func (c *command) statusNames(ws *workspace.Workspace, opts *statusOptions) ([]string, error) {
	if !opts.All {
		if _, err := ws.Profile(opts.Name); err != nil {
			return nil, err
		}
		return []string{opts.Name}, nil
	}
	list, err := c.profiles(ws)
	if err != nil {
		return nil, err
	}
	var names []string
	seen := map[string]bool{}
	for _, p := range list {
		if key := strings.ToLower(p.Name); !seen[key] {
			seen[key] = true // a name the file repeats is reported once
			names = append(names, p.Name)
		}
	}
	return names, nil
}

// statusOf is a connection's status with what its profile adds: the kind,
// the token header, the host when the tokens do not say it, the IMS org.
func statusOf(ws *workspace.Workspace, name string, st auth.Status) statusJSON {
	sj := toStatusJSON(st)
	p, err := ws.Profile(name)
	if err != nil {
		return sj
	}
	kind := orWeb(auth.Kind(p.AppType))
	sj.Kind, sj.TokenHeader = string(kind), kind.TokenHeader()
	if sj.Host == "" {
		sj.Host = p.Host
	}
	sj.Environment = string(workfront.LaneOf(sj.Host))
	if kind.Spec().NeedsIMSOrg {
		sj.IMSOrg = p.IMSOrg
	}
	return sj
}

// printStatuses writes the statuses for people: a block each on stdout, the
// errors on stderr.
func (c *command) printStatuses(all []statusJSON) {
	if len(all) == 0 {
		c.say("No connections yet.")
		return
	}
	for i, s := range all {
		if i > 0 {
			fmt.Fprintln(c.env.Stdout)
		}
		fmt.Fprint(c.env.Stdout, statusBlock(s, time.Now(), c.tr))
	}
	for _, s := range all {
		if s.LastError != "" {
			printText(c.env.Stderr, "%s: %s\n", s.Profile, s.LastError)
		}
	}
}

func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC().Truncate(time.Second)
	return &u
}

func toStatusJSON(st auth.Status) statusJSON {
	return statusJSON{
		Profile: st.Profile, Host: st.Host, State: string(st.State),
		AccessExpiresAt: timeOrNil(st.AccessExpiresAt), HasRefreshToken: st.HasRefreshToken,
		WID: st.WID, ObtainedAt: timeOrNil(st.ObtainedAt), RefreshedAt: timeOrNil(st.RefreshedAt),
		RotationSeen: st.RotationSeen, Storage: st.Storage, LastError: st.LastError,
		Kind: string(orWeb(st.Kind)), Environment: string(workfront.LaneOf(st.Host)), TokenHeader: orWeb(st.Kind).TokenHeader(),
	}
}

// orWeb reads an unset kind as the default one (web), as profiles.json does.
func orWeb(k auth.Kind) auth.Kind {
	kind, _ := auth.ParseKind(string(k))
	return kind
}

// statusBlock says one connection's state for people, as gh auth status
// does: a line with ✓ or ✗, the name and the host, then the details and,
// when it is not connected, what to run.
func statusBlock(s statusJSON, now time.Time, tr func(string) string) string {
	mark, state, next := stateWords(s, tr)
	var b strings.Builder
	printText(&b, "%s %s  %s\n", mark, s.Profile, s.Host)
	printText(&b, "  - %s: %s\n", tr("State"), state)
	printText(&b, "  - %s: %s\n", tr("Access token"), accessWords(s, now, tr))
	if orWeb(auth.Kind(s.Kind)).Interactive() {
		printText(&b, "  - %s: %s\n", tr("Refresh token"), tr(map[bool]string{true: "held", false: "none"}[s.HasRefreshToken]))
	} else {
		printText(&b, "  - %s: %s\n", tr("Renewal"), renewalWords(s, tr))
	}
	if s.WID != "" {
		printText(&b, "  - WID: %s\n", s.WID)
	}
	printText(&b, "  - %s: %s\n", tr("Tokens stored in"), tr(s.Storage))
	if s.Environment != "" {
		printText(&b, "  - %s: %s\n", tr("Environment"), tr(workfront.LaneLabel(s.Host)))
	}
	if s.TokenHeader != "" {
		printText(&b, "  - %s: %s\n", tr("Token header"), headerWords(s))
	}
	if next != "" {
		printText(&b, "  - %s: %s\n", tr("Next"), next)
	}
	return b.String()
}

// stateWords are a connection's mark (✓ or ✗), its state in words, and
// what to run next when it is not connected.
func stateWords(s statusJSON, tr func(string) string) (mark, state, next string) {
	login := "wfconnect login " + quoteArg(s.Profile)
	switch auth.State(s.State) {
	case auth.StateConnected:
		return "✓", tr("connected"), ""
	case auth.StateExpired:
		return "✓", tr("connected; the access token expired and is renewed on next use"), ""
	case auth.StateNotConnected:
		return "✗", tr("not connected"), login
	case auth.StateNeedsConsent:
		return "✗", tr("needs consent again: Workfront no longer accepts the sign-in"), login
	}
	return "✗", tr("unknown: the stored tokens could not be read"), fmt.Sprintf(tr("unlock the keyring, then run wfconnect status %s"), quoteArg(s.Profile))
}

// accessWords says until when the access token is good.
func accessWords(s statusJSON, now time.Time, tr func(string) string) string {
	switch {
	case s.State != string(auth.StateConnected) && s.State != string(auth.StateExpired):
		return tr("none")
	case s.AccessExpiresAt == nil:
		return tr("expiry unknown: renewed when Workfront asks")
	}
	at := s.AccessExpiresAt.Local().Format("2006-01-02 15:04:05")
	left := s.AccessExpiresAt.Sub(now).Round(time.Second)
	if left <= 0 {
		return fmt.Sprintf(tr("expired at %s"), at)
	}
	return fmt.Sprintf(tr("valid until %s (%s left)"), at, left)
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
