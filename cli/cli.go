// Package cli owns wfconnect's subcommands for scripts and terminals, as a
// cobra command tree: profile (add, set, list, remove, pubkey), login,
// status, token, whoami, logout, projects, the generic search, count, get,
// find and metadata, export, report and sim, with help, version and shell
// completion. It owns how they read the command line, what they print (machine
// output on stdout, messages for people on stderr, in the person's language)
// and the exit codes; the work itself is the workspace's, shared with the
// desktop app. Secrets never pass through argv.
//
// root.go builds the tree. A command, or a small group of related ones
// (explore.go: search, count, get, find and metadata), has a file of its
// own; most keep what they were given in an options struct, which their
// cobra wiring fills, apart from the run function that does the work. Which
// of profile add's flags a kind of connection takes is read from auth's kind
// table (kind_flags.go).
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
	"github.com/wfconnect/wfconnect/msg"
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
	var quiet quietError
	switch {
	case errors.As(err, &quiet):
		return quiet.code
	case errors.As(err, &fields):
		fields.Each(func(field string, err error) {
			fmt.Fprintf(c.env.Stderr, "wfconnect: %s: %s\n", fieldArg(field), c.text(err))
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

func (c *command) workspace() (*workspace.Workspace, error) {
	opts := workspace.Options{}
	if c.verbose {
		opts.Log = func(line string) {
			fmt.Fprintf(c.env.Stderr, "%s %s\n", time.Now().Format("15:04:05.000"), msg.Clean(line))
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

// withName is the RunE of a command that takes one connection name: it
// checks that exactly one was given, puts it in *name and runs run.
func withName(cmdName string, name *string, run func(cmd *cobra.Command) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		n, err := oneName(cmdName, args)
		if err != nil {
			return err
		}
		*name = n
		return run(cmd)
	}
}
