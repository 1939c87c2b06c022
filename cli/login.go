package cli

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"time"

	"github.com/pkg/browser"
	"github.com/spf13/cobra"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/workspace"
)

// loginOptions are what login was given.
type loginOptions struct {
	Name      string
	NoBrowser bool
	// Timeout is how long login waits for consent.
	Timeout time.Duration
}

func (c *command) loginCmd() *cobra.Command {
	var opts loginOptions
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
		RunE: withName("login", &opts.Name, func(cmd *cobra.Command) error {
			return c.runLogin(cmd.Context(), &opts)
		}),
	}
	cmd.Flags().BoolVar(&opts.NoBrowser, "no-browser", false, "print the link and read the pasted address instead of opening a browser")
	cmd.Flags().DurationVar(&opts.Timeout, "timeout", 10*time.Minute, "how long to wait for consent")
	return cmd
}

func (c *command) runLogin(ctx context.Context, opts *loginOptions) error {
	if opts.Timeout <= 0 || opts.Timeout > 24*time.Hour {
		return usagef("--timeout must be between 1s and 24h, like 5m or 90s (it is how long login waits for consent)")
	}
	ws, err := c.workspace()
	if err != nil {
		return err
	}
	spec, err := ws.Kind(opts.Name)
	if err != nil {
		return err
	}
	if !spec.BrowserStep {
		return c.loginByItself(ctx, ws, opts.Name)
	}
	return c.loginInBrowser(ctx, ws, opts)
}

// loginByItself signs a jwt or ims connection in: no browser, no consent.
func (c *command) loginByItself(ctx context.Context, ws *workspace.Workspace, name string) error {
	st, err := ws.SignIn(ctx, name)
	if err != nil {
		return err
	}
	c.sayConnected(ws, name, st)
	return nil
}

// loginInBrowser signs in through consent in a browser: the callback to
// the loopback listener, or the address pasted on standard input.
func (c *command) loginInBrowser(ctx context.Context, ws *workspace.Workspace, opts *loginOptions) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	flow, err := ws.BeginFor(ctx, opts.Name, opts.Timeout)
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
	c.askForConsent(flow, !flow.Loopback() || opts.NoBrowser, stdinEnded)
	go c.reportCode(ctx, flow)
	go c.reportRefused(ctx, flow)
	tokens, err := flow.Wait(ctx)
	if err != nil {
		if errors.Is(context.Cause(ctx), errStdinEnded) {
			return errStdinEnded
		}
		if errors.Is(err, auth.ErrNoAnswer) {
			return fmt.Errorf("%w %s", err, fmt.Sprintf(c.tr("Run wfconnect login %s again; --timeout sets how long it waits."), quoteArg(opts.Name)))
		}
		return err
	}
	c.sayConnected(ws, opts.Name, auth.StatusFromTokens(auth.Config{Profile: opts.Name}, tokens, time.Now(), ws.Storage()))
	return nil
}

// askForConsent shows the consent link and either reads the pasted address
// (paste) or opens the browser, falling back to the paste when it cannot.
func (c *command) askForConsent(flow workspace.Flow, paste bool, stdinEnded func()) {
	if paste {
		c.say("Open this link in a browser and consent in Workfront:")
		fmt.Fprintf(c.env.Stderr, "\n  %s\n\n", flow.AuthURL())
		c.askForPaste(flow, stdinEnded)
		return
	}
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

// reportCode says when the code has come, and until when it is good.
func (c *command) reportCode(ctx context.Context, flow workspace.Flow) {
	select {
	case deadline := <-flow.CodeReceived():
		c.say("Code received; exchanging it for tokens (valid until %s)…", deadline.Format("15:04:05"))
	case <-ctx.Done():
	}
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

// browserFailure says that no browser opened, in words for people.
func (c *command) browserFailure(err error) string {
	if errors.Is(err, exec.ErrNotFound) {
		return c.tr("Could not open a browser: none was found (xdg-open, x-www-browser or www-browser). Open the link above yourself.")
	}
	return fmt.Sprintf(c.tr("Could not open a browser (%s). Open the link above yourself."), msg.Clean(err.Error()))
}

// sayConnected tells people that the sign-in worked, and where the tokens are.
func (c *command) sayConnected(ws *workspace.Workspace, name string, st auth.Status) {
	c.say("Connected %q. %s. Tokens are in the %s.", name, c.expiryText(st), c.tr(ws.Storage()))
}

func (c *command) expiryText(st auth.Status) string {
	if st.AccessExpiresAt.IsZero() {
		return c.tr("Access token expiry unknown: refreshed when Workfront asks")
	}
	return fmt.Sprintf(c.tr("Access token valid until %s"), st.AccessExpiresAt.Local().Format("2006-01-02 15:04:05"))
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
