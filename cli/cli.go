// Package cli owns wfconnect's subcommands for scripts: profile, login,
// status, token, whoami, logout, projects, the generic search, count, get,
// find and metadata, export and report, and sim, with help, version and shell
// completion, as a cobra command tree (root.go). They share the workspace
// with the desktop app. Machine output goes to stdout, messages for people to stderr,
// and secrets never pass through argv.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/export"
	"github.com/wfconnect/wfconnect/workspace"
)

// Exit codes, documented in the README.
const (
	ExitOK           = 0
	ExitError        = 1
	ExitUsage        = 2
	ExitNeedsConsent = 3 // not connected yet, or the sign-in died: run login
	ExitDataChanged  = 4 // an export finished, but the data changed while it ran
)

// Env is what a command may touch; tests give their own.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Open is the workspace factory; nil: workspace.Open with the defaults.
	Open func(opts workspace.Options) (*workspace.Workspace, error)
	// OpenBrowser opens a URL in the system browser.
	OpenBrowser func(url string) error
	// Locale picks the language of messages ("sv_SE.UTF-8"); "" reads
	// LC_ALL, LC_MESSAGES and LANG.
	Locale string
}

// usageError is a mistake in the command line itself. hint, when set, is
// said after the message (suggestions for a mistyped command); cmd, when
// set, is the command whose help to point to.
type usageError struct {
	msg, hint string
	cmd       *cobra.Command
}

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{msg: fmt.Sprintf(format, args...)} }

// Run executes one subcommand and returns the process exit code.
func Run(args []string, env Env) int {
	if env.Open == nil {
		env.Open = workspace.Open
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	c := &command{env: env}
	c.setLanguage(env)
	root := c.newRoot(args)
	// The command runs beside this goroutine, so Ctrl+C and SIGTERM end
	// wfconnect within interruptGrace whatever the command waits for: a
	// keyring that does not answer, a huge profiles file, the network.
	type result struct {
		cmd *cobra.Command
		err error
	}
	done := make(chan result, 1)
	go func() {
		cmd, err := root.ExecuteContextC(ctx)
		done <- result{cmd, err}
	}()
	var res result
	select {
	case res = <-done:
	case <-ctx.Done():
		select {
		case res = <-done: // it noticed the interrupt by itself
		case <-time.After(interruptGrace):
			res.err = context.Canceled
		}
	}
	stop() // from here a second Ctrl+C quits at once
	if ws := c.opened(); ws != nil {
		ws.Close() // lets a refresh already sent save its tokens first
	}
	return c.exit(res.cmd, res.err)
}

// interruptGrace is how long an interrupted command may take to end by itself.
const interruptGrace = 500 * time.Millisecond

type command struct {
	env     Env
	verbose bool
	lang    string              // "en", "sv", "zh-Hans" or "zh-Hant"
	tr      func(string) string // translates a message's format
	mu      sync.Mutex
	ws      *workspace.Workspace // opened by workspace(), closed by Run
}

// opened is the workspace the command opened, if any.
func (c *command) opened() *workspace.Workspace {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ws
}

func (c *command) exit(cmd *cobra.Command, err error) int {
	if err == nil {
		return ExitOK
	}
	var ue usageError
	var fields workspace.FieldErrors
	switch {
	case errors.As(err, &fields):
		fields.Each(func(field string, err error) {
			fmt.Fprintf(c.env.Stderr, "wfconnect: %s: %s\n", fieldFlags[field], c.text(err))
		})
		return ExitError
	case errors.As(err, &ue):
		fmt.Fprintf(c.env.Stderr, "wfconnect: %s\n%s", ue.msg, ue.hint)
		path := "wfconnect COMMAND"
		if ue.cmd != nil {
			cmd = ue.cmd
		}
		if cmd != nil && cmd.HasParent() {
			path = cmd.CommandPath()
		}
		fmt.Fprintf(c.env.Stderr, "Run '%s --help' for usage.\n", path)
		return ExitUsage
	case workspace.IsNeedsConsent(err), errors.Is(err, auth.ErrNotConnected):
		fmt.Fprintf(c.env.Stderr, "wfconnect: %s\n", c.text(err))
		return ExitNeedsConsent
	case errors.Is(err, export.ErrDataChanged):
		fmt.Fprintf(c.env.Stderr, "wfconnect: %s\n", c.text(err))
		return ExitDataChanged
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(c.env.Stderr, "wfconnect: "+c.tr("interrupted"))
		return ExitError
	default:
		fmt.Fprintf(c.env.Stderr, "wfconnect: %s\n", c.text(err))
		return ExitError
	}
}

// fieldFlags names, for each field of a connection, what sets it on the
// command line, so that every validation message says what it is about.
var fieldFlags = map[string]string{
	"name": "NAME", "domain": "--domain", "client_id": "--client-id", "client_secret": "--client-secret-stdin",
	"redirect_uri": "--redirect-uri", "app_type": "--kind", "token_auth": "--token-auth", "api_version": "--api-version",
	"customer_id": "--customer-id", "user_id": "--user-id", "private_key": "--private-key-file",
	"ims_org": "--ims-org", "scopes": "--scopes", "ims_url": "--ims-url",
}

func (c *command) workspace() (*workspace.Workspace, error) {
	opts := workspace.Options{}
	if c.verbose {
		opts.Log = func(line string) {
			fmt.Fprintf(c.env.Stderr, "%s %s\n", time.Now().Format("15:04:05.000"), line)
		}
	}
	ws, err := c.env.Open(opts)
	c.mu.Lock()
	c.ws = ws
	c.mu.Unlock()
	return ws, err
}

// oneName checks that exactly one profile name was given.
func oneName(cmd string, positional []string) (string, error) {
	if len(positional) != 1 {
		return "", usagef("%s needs exactly one connection name", cmd)
	}
	return positional[0], nil
}
