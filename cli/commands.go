package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/pkg/browser"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/wfsim"
	"github.com/wfconnect/wfconnect/workfront"
	"github.com/wfconnect/wfconnect/workspace"
)

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

// addFlags are profile add's flags, for every kind.
type addFlags struct {
	kind, domain, clientID, redirect, tokenAuth, apiVersion string
	customerID, userID, keyFile, imsOrg, scopes, imsURL     string
	secretStdin, spa, allowMissingState, noPKCE             bool
}

func (c *command) profileAddCmd() *cobra.Command {
	var a addFlags
	cmd := &cobra.Command{
		Use: `add NAME --kind web|spa|jwt|ims --domain D --client-id ID [options]
    web (the default): --redirect-uri URI --client-secret-stdin [--token-auth basic-json|form]
    spa:               --redirect-uri URI                       (--spa stays an alias of --kind spa)
    jwt:               --customer-id C --user-id U --client-secret-stdin [--private-key-file PEM]
    ims:               --ims-org ORG@AdobeOrg --client-secret-stdin [--scopes S] [--ims-url URL]`,
		Short: "Save a Workfront connection",
		Long: `Save a Workfront connection of one of four kinds:
  web  a Web Application: browser consent, client secret
  spa  a Single Page Web Application: browser consent with PKCE, no secret
  jwt  a Machine to Machine Application: a signed JWT, no browser
  ims  an Adobe IMS server-to-server credential: client credentials, no browser
The client secret is read from standard input (--client-secret-stdin), never
from the command line, so it does not show up in ps or shell history. A jwt
connection without --private-key-file gets a new RSA-2048 key pair; its
public key is printed for you to paste into Workfront (Setup > System >
OAuth2 Applications > the app > Public Keys), and wfconnect profile pubkey
prints it again. The private key stays in the system keyring.`,
		Example: `  printf '%s\n' "$SECRET" | wfconnect profile add acme --domain acme --client-id 3f… \
      --redirect-uri http://127.0.0.1:8765/callback --client-secret-stdin
  wfconnect profile add acme-spa --kind spa --domain acme.my.workfront.com --client-id 9a… \
      --redirect-uri http://127.0.0.1:8765/callback
  printf '%s\n' "$SECRET" | wfconnect profile add nightly --kind jwt --domain acme --client-id 5c… \
      --customer-id 61aa… --user-id 62bb… --client-secret-stdin
  printf '%s\n' "$SECRET" | wfconnect profile add acme-ims --kind ims --domain acme.my.workfront.adobe.com \
      --client-id 7d… --ims-org 1234ABCD@AdobeOrg --client-secret-stdin`,
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.profileAdd(args, &a, cmd.Flags())
		},
	}
	f := cmd.Flags()
	f.StringVar(&a.kind, "kind", string(auth.AppWeb), "the kind of connection: web, spa, jwt or ims")
	f.StringVar(&a.domain, "domain", "", "your Workfront domain: acme, acme.my.workfront.com or acme.my.workfront.adobe.com")
	f.StringVar(&a.clientID, "client-id", "", "the Client ID from Workfront (Setup > System > OAuth2 Applications) or Adobe's console")
	f.StringVar(&a.redirect, "redirect-uri", "", "web, spa: the redirect URI registered in Workfront")
	f.BoolVar(&a.secretStdin, "client-secret-stdin", false, "web, jwt, ims: read the client secret from standard input")
	f.BoolVar(&a.spa, "spa", false, "the same as --kind spa")
	f.StringVar(&a.tokenAuth, "token-auth", string(auth.TokenAuthBasicJSON), "web: how the token request sends the client secret: basic-json or form")
	f.StringVar(&a.apiVersion, "api-version", "", "the Workfront API version, like v22.0 (default: the newest the instance offers)")
	f.BoolVar(&a.allowMissingState, "allow-missing-state", false, "web, spa: accept callbacks without state (for tenants that send none; less safe)")
	f.BoolVar(&a.noPKCE, "no-pkce", false, "web: do not send PKCE (for apps that refuse it)")
	f.StringVar(&a.customerID, "customer-id", "", "jwt: the Customer ID (the JWT's iss)")
	f.StringVar(&a.userID, "user-id", "", "jwt: the ID of the user the integration acts as (the JWT's sub)")
	f.StringVar(&a.keyFile, "private-key-file", "", "jwt: a PEM RSA private key (PKCS#1 or PKCS#8) to import; default: a new key pair")
	f.StringVar(&a.imsOrg, "ims-org", "", "ims: the IMS organization ID, ending in @AdobeOrg")
	f.StringVar(&a.scopes, "scopes", "", "ims: the credential's scopes, comma separated (default "+auth.DefaultIMSScopes+")")
	f.StringVar(&a.imsURL, "ims-url", "", "ims: the Adobe IMS base URL (default "+auth.DefaultIMSURL+")")
	return cmd
}

// kindFlags are the flags only some kinds take, by kind.
var kindFlags = map[string][]auth.Kind{
	"redirect-uri": {auth.AppWeb, auth.AppSPA}, "token-auth": {auth.AppWeb}, "no-pkce": {auth.AppWeb},
	"allow-missing-state": {auth.AppWeb, auth.AppSPA}, "client-secret-stdin": {auth.AppWeb, auth.AppJWT, auth.AppIMS},
	"customer-id": {auth.AppJWT}, "user-id": {auth.AppJWT}, "private-key-file": {auth.AppJWT},
	"ims-org": {auth.AppIMS}, "scopes": {auth.AppIMS}, "ims-url": {auth.AppIMS},
}

func (c *command) profileAdd(positional []string, a *addFlags, flags *pflag.FlagSet) error {
	name, err := oneName("profile add", positional)
	if err != nil {
		return err
	}
	kind, ok := auth.ParseKind(a.kind)
	if !ok {
		return usagef("--kind must be web, spa, jwt or ims, not %q", a.kind)
	}
	if a.spa {
		if flags.Changed("kind") && kind != auth.AppSPA {
			return usagef("--spa and --kind %s contradict each other: choose one", kind)
		}
		kind = auth.AppSPA
	}
	spec := kind.Spec()
	for _, flag := range slices.Sorted(maps.Keys(kindFlags)) {
		if flags.Changed(flag) && !slices.Contains(kindFlags[flag], kind) {
			return usagef("--%s does not apply to a %s connection", flag, kind)
		}
	}
	d := workspace.Draft{
		Name: name, Domain: a.domain, ClientID: a.clientID, RedirectURI: a.redirect,
		AppType: string(kind), TokenAuth: a.tokenAuth, APIVersion: a.apiVersion,
		AllowMissingState: a.allowMissingState, NoPKCE: a.noPKCE,
		CustomerID: a.customerID, UserID: a.userID, IMSOrg: a.imsOrg, Scopes: a.scopes, IMSURL: a.imsURL,
	}
	if spec.NeedsSecret && !a.secretStdin {
		if kind == auth.AppWeb {
			return usagef("a Web Application needs its client secret: pipe it in with --client-secret-stdin (it is never taken from the command line), or use --spa for a PKCE app")
		}
		return usagef("a %s connection needs its client secret: pipe it in with --client-secret-stdin (it is never taken from the command line)", kind)
	}
	if a.secretStdin {
		secret, err := readLine(c.env.Stdin)
		if err != nil {
			return fmt.Errorf("--client-secret-stdin: reading the client secret from standard input: %w", err)
		}
		d.ClientSecret = &secret
	}
	if spec.NeedsKey {
		if a.keyFile != "" {
			raw, err := readKeyFile(a.keyFile)
			if err != nil {
				return err
			}
			d.PrivateKey = &raw
		} else {
			d.GenerateKey = true
		}
	}
	ws, err := c.workspace()
	if err != nil {
		return err
	}
	p, err := ws.Save(d, "")
	if err != nil {
		return err
	}
	c.say("Saved %q (%s). Next: wfconnect login %s", p.Name, p.Host, quoteArg(p.Name))
	if spec.NeedsKey {
		pub, err := ws.PublicKey(p.Name)
		if err != nil {
			return err
		}
		c.say("Paste this public key into Workfront: Setup > System > OAuth2 Applications > the app > Public Keys (wfconnect profile pubkey %s prints it again).", quoteArg(p.Name))
		fmt.Fprint(c.env.Stdout, pub)
	}
	return nil
}

// maxKeyFile bounds a private key file: a PEM RSA key is a few KB.
const maxKeyFile = 64 << 10

// readKeyFile reads a PEM private key file; its content never goes to argv,
// a log or a message.
func readKeyFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("--private-key-file: %w", err)
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, maxKeyFile+1))
	if err != nil {
		return "", fmt.Errorf("--private-key-file: %w", err)
	}
	if len(raw) > maxKeyFile {
		return "", msg.New("%s is larger than 64 KB, so it is not a PEM private key.", path)
	}
	return string(raw), nil
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

// profileSet changes a saved connection's sign-in options; everything else,
// the client secret and the tokens included, stays as it is.
func (c *command) profileSetCmd() *cobra.Command {
	var noPKCE, pkce, allowMissingState, requireState bool
	cmd := &cobra.Command{
		Use:   "set NAME [--no-pkce | --pkce] [--allow-missing-state | --require-state]",
		Short: "Change the sign-in options of a saved connection",
		Long: `Change the sign-in options of a saved connection. Everything else, the
client secret and the tokens included, stays as it is.`,
		Example: `  wfconnect profile set acme --no-pkce
  wfconnect profile set acme --require-state`,
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: c.completeName,
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.profileSet(args, &noPKCE, &pkce, &allowMissingState, &requireState)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&noPKCE, "no-pkce", false, "stop sending PKCE (for apps that refuse it)")
	f.BoolVar(&pkce, "pkce", false, "send PKCE again")
	f.BoolVar(&allowMissingState, "allow-missing-state", false, "accept callbacks without state (less safe)")
	f.BoolVar(&requireState, "require-state", false, "refuse callbacks without state again")
	return cmd
}

func (c *command) profileSet(positional []string, noPKCE, pkce, allowMissingState, requireState *bool) error {
	name, err := oneName("profile set", positional)
	if err != nil {
		return err
	}
	switch {
	case *noPKCE && *pkce:
		return usagef("--no-pkce and --pkce contradict each other: choose one")
	case *allowMissingState && *requireState:
		return usagef("--allow-missing-state and --require-state contradict each other: choose one")
	case !*noPKCE && !*pkce && !*allowMissingState && !*requireState:
		return usagef("profile set needs one of --no-pkce, --pkce, --allow-missing-state or --require-state")
	}
	ws, err := c.workspace()
	if err != nil {
		return err
	}
	p, err := ws.Profile(name)
	if err != nil {
		return err
	}
	d := workspace.DraftOf(p)
	if *noPKCE || *pkce {
		d.NoPKCE = *noPKCE
	}
	if *allowMissingState || *requireState {
		d.AllowMissingState = *allowMissingState
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

func readLine(r io.Reader) (string, error) {
	if r == nil {
		return "", errors.New("no standard input")
	}
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !(errors.Is(err, io.EOF) && line != "") {
		if errors.Is(err, io.EOF) {
			return "", errors.New("standard input was empty")
		}
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func quoteArg(s string) string {
	if strings.ContainsAny(s, " \t'\"$`\\") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}

func (c *command) profileListCmd() *cobra.Command {
	var asJSON bool
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
			return c.profileList(&asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (c *command) profileList(asJSON *bool) error {
	ws, err := c.workspace()
	if err != nil {
		return err
	}
	list, err := c.profiles(ws)
	if err != nil {
		return err
	}
	if *asJSON {
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
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", p.Name, p.Host, p.AppType, tokenAuthLabel(p), p.APIVersion, p.RedirectURI)
	}
	return tw.Flush()
}

func tokenAuthLabel(p store.Profile) string {
	switch auth.Kind(p.AppType).Spec().Renew {
	case auth.RenewJWT:
		return "jwt"
	case auth.RenewClientCredentials:
		return "client_credentials"
	}
	if p.AppType == string(auth.AppSPA) {
		return "pkce"
	}
	return p.TokenAuth
}

func (c *command) profileRemoveCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "remove NAME",
		Aliases:           []string{"rm"},
		Short:             "Remove a saved connection and its secrets",
		Example:           "  wfconnect profile remove acme",
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: c.completeName,
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.profileRemove(args)
		},
	}
}

func (c *command) profileRemove(positional []string) error {
	name, err := oneName("profile remove", positional)
	if err != nil {
		return err
	}
	ws, err := c.workspace()
	if err != nil {
		return err
	}
	if err := ws.Remove(name); err != nil {
		return err
	}
	c.say("Removed %q and its secrets.", name)
	return nil
}

func (c *command) loginCmd() *cobra.Command {
	var noBrowser bool
	var wait time.Duration
	cmd := &cobra.Command{
		Use:   "login NAME [--no-browser] [--timeout 10m]",
		Short: "Connect: consent in Workfront and keep the tokens",
		Long: `Connect a saved connection. With a loopback redirect URI (http://127.0.0.1:PORT/…)
wfconnect opens the browser and waits for the callback; with any other
redirect, or --no-browser, it prints the link and reads the address the
browser lands on from standard input.`,
		Example: `  wfconnect login acme
  wfconnect login acme --no-browser
  wfconnect login acme --timeout 2m`,
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: c.completeName,
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.login(cmd.Context(), args, noBrowser, &wait)
		},
	}
	cmd.Flags().BoolVar(&noBrowser, "no-browser", false, "print the link and read the pasted address instead of opening a browser")
	cmd.Flags().DurationVar(&wait, "timeout", 10*time.Minute, "how long to wait for consent")
	return cmd
}

func (c *command) login(ctx context.Context, positional []string, noBrowser bool, wait *time.Duration) error {
	name, err := oneName("login", positional)
	if err != nil {
		return err
	}
	if *wait <= 0 || *wait > 24*time.Hour {
		return usagef("--timeout must be between 1s and 24h, like 5m or 90s (it is how long login waits for consent)")
	}
	ws, err := c.workspace()
	if err != nil {
		return err
	}
	if spec, err := ws.Kind(name); err != nil {
		return err
	} else if !spec.BrowserStep {
		return c.loginByItself(ctx, ws, name)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	flow, err := ws.BeginFor(ctx, name, *wait)
	if err != nil {
		return err
	}
	defer flow.Cancel()

	// Without a listener a paste is the only way in, so the end of stdin
	// ends the sign-in; with one, the callback may still come.
	stdinEnded := func() {}
	if !flow.Loopback() {
		stdinEnded = func() { cancel(errStdinEnded) }
	}
	paste := !flow.Loopback() || noBrowser
	if paste {
		c.say("Open this link in a browser and consent in Workfront:")
		fmt.Fprintf(c.env.Stderr, "\n  %s\n\n", flow.AuthURL())
		c.askForPaste(flow, stdinEnded)
	} else {
		c.say("Opening your browser to consent in Workfront… If it does not open, visit:")
		fmt.Fprintf(c.env.Stderr, "\n  %s\n\n", flow.AuthURL())
		c.say("Waiting for consent… (Ctrl+C to cancel)")
		// The browser may take a while to return (or be a script that
		// follows the redirect to our own listener), so do not wait for it.
		go func() {
			if err := c.openBrowser(flow.AuthURL()); err != nil {
				fmt.Fprintln(c.env.Stderr, c.browserFailure(err))
				c.askForPaste(flow, stdinEnded)
			}
		}()
	}
	go func() {
		select {
		case deadline := <-flow.CodeReceived():
			c.say("Code received; exchanging it for tokens (valid until %s)…", deadline.Format("15:04:05"))
		case <-ctx.Done():
		}
	}()
	go c.reportRefused(ctx, flow)
	tokens, err := flow.Wait(ctx)
	if err != nil {
		if errors.Is(context.Cause(ctx), errStdinEnded) {
			return errStdinEnded
		}
		if errors.Is(err, auth.ErrNoAnswer) {
			return fmt.Errorf("%w %s", err, fmt.Sprintf(c.tr("Run wfconnect login %s again; --timeout sets how long it waits."), quoteArg(name)))
		}
		return err
	}
	st := auth.StatusFromTokens(auth.Config{Profile: name}, tokens, time.Now(), ws.Storage())
	c.say("Connected %q. %s. Tokens are in the %s.", name, c.expiryText(st), c.tr(ws.Storage()))
	return nil
}

// reportRefused says at once that a callback was refused, and why: the
// sign-in goes on waiting for the right one.
func (c *command) reportRefused(ctx context.Context, flow workspace.Flow) {
	for {
		select {
		case err := <-flow.Rejected():
			c.say("wfconnect: a callback was refused: %s", c.text(err))
			c.say("Still waiting for consent… (Ctrl+C to cancel)")
		case <-ctx.Done():
			return
		}
	}
}

func (c *command) openBrowser(url string) error {
	if c.env.OpenBrowser != nil {
		return c.env.OpenBrowser(url)
	}
	// xdg-open chatter must not reach stdout, which scripts read.
	browser.Stdout = c.env.Stderr
	browser.Stderr = c.env.Stderr
	return browser.OpenURL(url)
}

var errStdinEnded = errors.New("Standard input ended before an address was pasted, so the sign-in was canceled.")

// browserFailure says that no browser opened, in words for people.
func (c *command) browserFailure(err error) string {
	if errors.Is(err, exec.ErrNotFound) {
		return c.tr("Could not open a browser: none was found (xdg-open, x-www-browser or www-browser). Open the link above yourself.")
	}
	return fmt.Sprintf(c.tr("Could not open a browser (%s). Open the link above yourself."), msg.Clean(err.Error()))
}

// askForPaste explains the paste path and reads pasted addresses in the
// background; ended runs when stdin ends with no address accepted.
func (c *command) askForPaste(flow workspace.Flow, ended func()) {
	c.say("Then paste the whole address the browser lands on (it holds ?code=…) and press Enter.")
	c.say("The code is valid for 2 minutes.")
	go func() {
		if !c.readPasted(flow) {
			ended()
		}
	}()
}

// readPasted feeds pasted lines to the flow until one is accepted; false
// means stdin ended first.
func (c *command) readPasted(flow workspace.Flow) bool {
	if c.env.Stdin == nil {
		return false
	}
	rd := bufio.NewReaderSize(c.env.Stdin, maxPastedLine)
	for {
		raw, tooLong, err := rd.ReadLine()
		if tooLong {
			for tooLong && err == nil {
				_, tooLong, err = rd.ReadLine()
			}
			c.say("That line is longer than %d KB, so it is not the address.", maxPastedLine>>10)
			c.say("Paste the address again, or press Ctrl+C to cancel.")
			continue
		}
		if err != nil {
			return false
		}
		line := strings.TrimSpace(string(raw))
		if line == "" {
			continue
		}
		if err := flow.SubmitPasted(line); err != nil {
			fmt.Fprintln(c.env.Stderr, c.text(err))
			c.say("Paste the address again, or press Ctrl+C to cancel.")
			continue
		}
		return true
	}
}

// maxPastedLine is far more than any address Workfront sends a browser to.
const maxPastedLine = 64 << 10

func (c *command) expiryText(st auth.Status) string {
	if st.AccessExpiresAt.IsZero() {
		return c.tr("Access token expiry unknown: refreshed when Workfront asks")
	}
	return fmt.Sprintf(c.tr("Access token valid until %s"), st.AccessExpiresAt.Local().Format("2006-01-02 15:04:05"))
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

// orWeb reads an unset kind as web, as profiles.json does.
func orWeb(k auth.Kind) auth.Kind {
	if k == "" {
		return auth.AppWeb
	}
	return k
}

func (c *command) statusCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "status [NAME] [--json]",
		Short: "Show whether each connection is connected, and until when",
		Example: `  wfconnect status
  wfconnect status acme
  wfconnect status acme --json`,
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: c.completeName,
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.status(cmd.Context(), args, &asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (c *command) status(ctx context.Context, positional []string, asJSON *bool) error {
	if len(positional) > 1 {
		return usagef("status takes at most one connection name")
	}
	ws, err := c.workspace()
	if err != nil {
		return err
	}
	var names []string
	if len(positional) == 1 {
		if _, err := ws.Profile(positional[0]); err != nil {
			return err
		}
		names = positional
	} else {
		list, err := c.profiles(ws)
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, p := range list {
			if key := strings.ToLower(p.Name); !seen[key] {
				seen[key] = true // a name the file repeats is reported once
				names = append(names, p.Name)
			}
		}
	}
	var all []statusJSON
	for _, name := range names {
		st, err := ws.Status(ctx, name)
		if err != nil && len(positional) == 1 {
			return err
		}
		if err != nil {
			// One broken connection must not hide the others.
			st.LastError = err.Error()
		}
		sj := toStatusJSON(st)
		if p, err := ws.Profile(name); err == nil {
			sj.Kind, sj.TokenHeader = string(orWeb(auth.Kind(p.AppType))), orWeb(auth.Kind(p.AppType)).TokenHeader()
			if sj.Host == "" {
				sj.Host = p.Host
			}
			sj.Environment = string(workfront.LaneOf(sj.Host))
			if auth.Kind(p.AppType).Spec().NeedsIMSOrg {
				sj.IMSOrg = p.IMSOrg
			}
		}
		all = append(all, sj)
	}
	if *asJSON {
		if len(positional) == 1 {
			return writeJSON(c.env.Stdout, all[0])
		}
		if all == nil {
			all = []statusJSON{}
		}
		return writeJSON(c.env.Stdout, all)
	}
	if len(all) == 0 {
		c.say("No connections yet.")
		return nil
	}
	for i, s := range all {
		if i > 0 {
			fmt.Fprintln(c.env.Stdout)
		}
		fmt.Fprint(c.env.Stdout, statusBlock(s, time.Now(), c.tr))
	}
	for _, s := range all {
		if s.LastError != "" {
			fmt.Fprintf(c.env.Stderr, "%s: %s\n", s.Profile, s.LastError)
		}
	}
	return nil
}

// statusBlock says one connection's state for people, as gh auth status
// does: a line with ✓ or ✗, the name and the host, then the details and,
// when it is not connected, what to run.
func statusBlock(s statusJSON, now time.Time, tr func(string) string) string {
	mark, state, next := "✗", tr("unknown: the stored tokens could not be read"), ""
	login := "wfconnect login " + quoteArg(s.Profile)
	switch auth.State(s.State) {
	case auth.StateConnected:
		mark, state = "✓", tr("connected")
	case auth.StateExpired:
		mark, state = "✓", tr("connected; the access token expired and is renewed on next use")
	case auth.StateNotConnected:
		state, next = tr("not connected"), login
	case auth.StateNeedsConsent:
		state, next = tr("needs consent again: Workfront no longer accepts the sign-in"), login
	default:
		next = fmt.Sprintf(tr("unlock the keyring, then run wfconnect status %s"), quoteArg(s.Profile))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s  %s\n", mark, s.Profile, s.Host)
	fmt.Fprintf(&b, "  - %s: %s\n", tr("State"), state)
	fmt.Fprintf(&b, "  - %s: %s\n", tr("Access token"), accessWords(s, now, tr))
	if auth.Kind(s.Kind).Interactive() || s.Kind == "" {
		fmt.Fprintf(&b, "  - %s: %s\n", tr("Refresh token"), tr(map[bool]string{true: "held", false: "none"}[s.HasRefreshToken]))
	} else {
		fmt.Fprintf(&b, "  - %s: %s\n", tr("Renewal"), renewalWords(s, tr))
	}
	if s.WID != "" {
		fmt.Fprintf(&b, "  - WID: %s\n", s.WID)
	}
	fmt.Fprintf(&b, "  - %s: %s\n", tr("Tokens stored in"), tr(s.Storage))
	if s.Environment != "" {
		fmt.Fprintf(&b, "  - %s: %s\n", tr("Environment"), tr(workfront.LaneLabel(s.Host)))
	}
	if s.TokenHeader != "" {
		fmt.Fprintf(&b, "  - %s: %s\n", tr("Token header"), headerWords(s))
	}
	if next != "" {
		fmt.Fprintf(&b, "  - %s: %s\n", tr("Next"), next)
	}
	return b.String()
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

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func (c *command) tokenCmd() *cobra.Command {
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
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.token(cmd.Context(), args)
		},
	}
}

func (c *command) token(ctx context.Context, positional []string) error {
	name, err := oneName("token", positional)
	if err != nil {
		return err
	}
	ws, err := c.workspace()
	if err != nil {
		return err
	}
	tok, err := ws.Token(ctx, name)
	if err != nil {
		return withLoginHint(err, name)
	}
	fmt.Fprintln(c.env.Stdout, tok)
	return nil
}

// withLoginHint adds the command that fixes a dead sign-in.
func withLoginHint(err error, name string) error {
	if workspace.IsNeedsConsent(err) {
		return fmt.Errorf("%w Run: wfconnect login %s", err, quoteArg(name))
	}
	if errors.Is(err, auth.ErrNotConnected) {
		return fmt.Errorf("%w Run: wfconnect login %s", err, quoteArg(name))
	}
	return err
}

func (c *command) logoutCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "logout NAME",
		Short:             "End the session at Workfront and forget its tokens (the connection is kept)",
		Example:           "  wfconnect logout acme",
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: c.completeName,
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.logout(cmd.Context(), args)
		},
	}
}

func (c *command) logout(ctx context.Context, positional []string) error {
	name, err := oneName("logout", positional)
	if err != nil {
		return err
	}
	ws, err := c.workspace()
	if err != nil {
		return err
	}
	if err := ws.Logout(ctx, name); err != nil {
		return err
	}
	c.say("Ended the session at Workfront and forgot the tokens of %q. The connection itself is kept; run wfconnect login %s to connect again.", name, quoteArg(name))
	return nil
}

func (c *command) simCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sim [--addr 127.0.0.1:0] [--redirect-uri URI]...",
		Short: "Run the built-in Workfront simulator",
		Long: `Run the built-in Workfront simulator until Ctrl+C. It prints its address and
its clients' IDs and secret as WFSIM_… lines for a script to read.`,
		Example: `  wfconnect sim
  wfconnect sim --addr 127.0.0.1:8080 --redirect-uri http://127.0.0.1:8765/callback`,
		Args:              noArgs("sim"),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// wfsim reads its own flags: hand over the ones given.
			var args []string
			local := cmd.LocalFlags()
			cmd.Flags().Visit(func(f *pflag.Flag) {
				if local.Lookup(f.Name) == nil {
					return // --verbose is ours
				}
				if sv, ok := f.Value.(pflag.SliceValue); ok {
					for _, v := range sv.GetSlice() {
						args = append(args, "-"+f.Name+"="+v)
					}
					return
				}
				args = append(args, "-"+f.Name+"="+f.Value.String())
			})
			return c.sim(cmd.Context(), args)
		},
	}
	f := cmd.Flags()
	f.String("addr", "127.0.0.1:0", "listen address")
	f.StringArray("redirect-uri", nil, "a registered redirect URI (repeatable; default http://127.0.0.1:8765/callback)")
	f.Duration("access-ttl", 30*time.Minute, "sessionID inactivity lifetime")
	f.Int("expires-in", 0, "expires_in in token responses (0, as Workfront documents)")
	f.Bool("rotation", true, "rotate refresh tokens")
	f.Duration("latency", 0, "added latency per request")
	f.Int("projects", 50000, "number of sample projects")
	return cmd
}

func (c *command) sim(ctx context.Context, args []string) error {
	stop := make(chan struct{})
	go func() {
		<-ctx.Done()
		close(stop)
	}()
	if err := wfsim.RunMain(args, c.env.Stdout, stop); err != nil {
		return err
	}
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
