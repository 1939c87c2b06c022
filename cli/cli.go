// Package cli owns wfconnect's subcommands for scripts: profile, login,
// status, token, logout, projects and sim. They share the workspace with the
// desktop app. Machine output goes to stdout, messages for people to stderr,
// and secrets never pass through argv.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"sync"
	"syscall"
	"time"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/workspace"
)

// Exit codes, documented in the README.
const (
	ExitOK           = 0
	ExitError        = 1
	ExitUsage        = 2
	ExitNeedsConsent = 3 // not connected yet, or the sign-in died: run login
)

// Commands lists the subcommands Run understands; main uses it to tell a
// subcommand from the desktop app's own flags.
var Commands = []string{"profile", "login", "status", "token", "logout", "projects", "sim", "help"}

// IsCommand reports whether arg names a subcommand.
func IsCommand(arg string) bool {
	for _, c := range Commands {
		if arg == c {
			return true
		}
	}
	return arg == "-h" || arg == "--help"
}

// Env is what a command may touch; tests give their own.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Open is the workspace factory; nil: workspace.Open with the defaults.
	Open func(opts workspace.Options) (*workspace.Workspace, error)
	// OpenBrowser opens a URL in the system browser.
	OpenBrowser func(url string) error
}

const usage = `Usage:
  wfconnect                                   open the desktop app
  wfconnect profile add NAME --domain D --client-id ID --redirect-uri URI
            [--client-secret-stdin] [--spa] [--token-auth basic-json|form] [--api-version vN.0]
            [--no-pkce] [--allow-missing-state]
  wfconnect profile set NAME [--no-pkce | --pkce] [--allow-missing-state | --require-state]
  wfconnect profile list [--json]
  wfconnect profile remove NAME
  wfconnect login NAME [--no-browser] [--timeout 10m]
  wfconnect status [NAME] [--json]
  wfconnect token NAME                        print a valid sessionID and nothing else
  wfconnect logout NAME                       forget the tokens
  wfconnect projects NAME [QUERY] [--status CUR,PLN] [--limit N] [--all] [--json]
  wfconnect sim [--addr 127.0.0.1:0] [--redirect-uri URI]...

Global flag (before or after the command): --verbose  log each request to stderr (secrets redacted)
Exit codes: 0 ok, 1 error, 2 usage, 3 the connection needs consent, first or again (run wfconnect login NAME)
`

// usageError is a mistake in the command line itself.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// Run executes one subcommand and returns the process exit code.
func Run(args []string, env Env) int {
	if env.Open == nil {
		env.Open = workspace.Open
	}
	verbose := false
	rest := args[:0:0]
	for _, a := range args {
		if a == "--verbose" || a == "-verbose" || a == "-v" {
			verbose = true
			continue
		}
		rest = append(rest, a)
	}
	if len(rest) == 0 || rest[0] == "help" || rest[0] == "-h" || rest[0] == "--help" {
		fmt.Fprint(env.Stdout, usage)
		return ExitOK
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	c := &command{env: env, verbose: verbose}
	// The command runs beside this goroutine, so Ctrl+C and SIGTERM end
	// wfconnect within interruptGrace whatever the command waits for: a
	// keyring that does not answer, a huge profiles file, the network.
	done := make(chan error, 1)
	go func() { done <- c.dispatch(ctx, rest) }()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		select {
		case err = <-done: // it noticed the interrupt by itself
		case <-time.After(interruptGrace):
			err = context.Canceled
		}
	}
	stop() // from here a second Ctrl+C quits at once
	if ws := c.opened(); ws != nil {
		ws.Close() // lets a refresh already sent save its tokens first
	}
	return c.exit(err)
}

// interruptGrace is how long an interrupted command may take to end by itself.
const interruptGrace = 500 * time.Millisecond

func (c *command) dispatch(ctx context.Context, rest []string) error {
	switch rest[0] {
	case "profile":
		return c.profile(ctx, rest[1:])
	case "login":
		return c.login(ctx, rest[1:])
	case "status":
		return c.status(ctx, rest[1:])
	case "token":
		return c.token(ctx, rest[1:])
	case "logout":
		return c.logout(ctx, rest[1:])
	case "projects":
		return c.projects(ctx, rest[1:])
	case "sim":
		return c.sim(ctx, rest[1:])
	}
	return usagef("unknown command %q", rest[0])
}

type command struct {
	env     Env
	verbose bool
	mu      sync.Mutex
	ws      *workspace.Workspace // opened by workspace(), closed by Run
}

// opened is the workspace the command opened, if any.
func (c *command) opened() *workspace.Workspace {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ws
}

func (c *command) exit(err error) int {
	if err == nil {
		return ExitOK
	}
	var ue usageError
	var fields workspace.FieldErrors
	switch {
	case errors.As(err, &fields):
		fields.Each(func(field string, err error) {
			fmt.Fprintf(c.env.Stderr, "wfconnect: %s: %s\n", fieldFlags[field], msg.Clean(err.Error()))
		})
		return ExitError
	case errors.As(err, &ue):
		fmt.Fprintf(c.env.Stderr, "wfconnect: %s\n\n%s", ue.msg, usage)
		return ExitUsage
	case workspace.IsNeedsConsent(err), errors.Is(err, auth.ErrNotConnected):
		fmt.Fprintf(c.env.Stderr, "wfconnect: %s\n", msg.Clean(err.Error()))
		return ExitNeedsConsent
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(c.env.Stderr, "wfconnect: interrupted")
		return ExitError
	default:
		fmt.Fprintf(c.env.Stderr, "wfconnect: %s\n", msg.Clean(err.Error()))
		return ExitError
	}
}

// fieldFlags names, for each field of a connection, what sets it on the
// command line, so that every validation message says what it is about.
var fieldFlags = map[string]string{
	"name": "NAME", "domain": "--domain", "client_id": "--client-id", "client_secret": "--client-secret-stdin",
	"redirect_uri": "--redirect-uri", "app_type": "--spa", "token_auth": "--token-auth", "api_version": "--api-version",
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

// parse parses flags that may stand before, between or after positional
// arguments, as people type them ("profile add NAME --domain D").
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			// Go's flag package writes -name; people type --name.
			return nil, usagef("%s", singleDashFlag.ReplaceAllString(err.Error(), "$1--$2"))
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

var singleDashFlag = regexp.MustCompile(`(^|[\s:])-([a-z][a-z-]*)`)

// oneName checks that exactly one profile name was given.
func oneName(cmd string, positional []string) (string, error) {
	if len(positional) != 1 {
		return "", usagef("%s needs exactly one connection name", cmd)
	}
	return positional[0], nil
}
