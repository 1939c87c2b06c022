package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/wfsim"
)

// simOptions are what sim was given: its flags, in wfsim's own form
// (-name=value), for wfsim to read.
type simOptions struct {
	Args []string
}

func (c *command) simCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sim [--addr 127.0.0.1:0] [--redirect-uri URI]...",
		Short: "Run the built-in Workfront simulator",
		Long: `Run the built-in Workfront simulator until Ctrl+C. It prints its address and
its clients' IDs and secret as WFSIM_… lines for a script to read, and on
standard error the commands that set up one connection of each kind against
it. It listens on loopback only, and answers only under its own address,
unless --public is given.`,
		Example: `  wfconnect sim
  wfconnect sim --addr 127.0.0.1:8080 --redirect-uri http://127.0.0.1:8765/callback
  wfconnect sim --sandbox`,
		Args:              noArgs("sim"),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			addr, _ := cmd.Flags().GetString("addr")
			public, _ := cmd.Flags().GetBool("public")
			if err := c.checkSimAddr(addr, public); err != nil {
				return err
			}
			return c.runSim(cmd.Context(), &simOptions{Args: simArgs(cmd)})
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
	f.Bool("public", false, "allow an --addr off loopback, reachable from other machines, under any host name")
	f.Bool("sandbox", false, "a sandbox: its custom forms differ from the default instance's in known ways (to try compare)")
	return cmd
}

// checkSimAddr refuses a listen address off loopback unless --public was
// given, and warns when it was: the simulator signs in anyone who reaches it.
func (c *command) checkSimAddr(addr string, public bool) error {
	if wfsim.IsLoopbackAddr(addr) {
		return nil
	}
	if !public {
		return msg.New("--addr %s is not a loopback address: the simulator would sign in anyone who can reach it. Add --public if that is what you want.", addr)
	}
	c.say("Warning: the simulator listens on %s and answers anyone who reaches it, under any host name; its sign-ins and secrets are not protected.", addr)
	return nil
}

// simArgs hands the flags given over to wfsim, which reads its own flags.
func simArgs(cmd *cobra.Command) []string {
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
	return args
}

func (c *command) runSim(ctx context.Context, opts *simOptions) error {
	stop := make(chan struct{})
	go func() {
		<-ctx.Done()
		close(stop)
	}()
	return wfsim.Serve(opts.Args, c.env.Stdout, stop, func(s *wfsim.Sim, redirect string) {
		c.printSetUp(s, redirect)
	})
}

// printSetUp writes, for people, shell commands that set up and sign in one
// connection of each kind against the simulator. They go to standard error,
// after a comment line, so that scripts reading the WFSIM_ lines on
// standard output never see them.
func (c *command) printSetUp(s *wfsim.Sim, redirect string) {
	url := dialable(s.URL())
	secret := func(v string) string { return "printf '%s\\n' " + msg.ShellQuote(v) + " | " }
	lines := []string{
		"# " + c.tr("To set up one connection of each kind against this simulator, paste:"),
		secret(s.WebClientSecret()) + shellLine("wfconnect", "profile", "add", "sim-web", "--kind", "web", "--domain", url,
			"--client-id", s.WebClientID(), "--redirect-uri", redirect, "--client-secret-stdin"),
		shellLine("wfconnect", "profile", "add", "sim-spa", "--kind", "spa", "--domain", url,
			"--client-id", s.SPAClientID(), "--redirect-uri", redirect),
		secret(s.JWTClientSecret()) + shellLine("wfconnect", "profile", "add", "sim-jwt", "--kind", "jwt", "--domain", url,
			"--client-id", s.JWTClientID(), "--customer-id", s.CustomerID(), "--user-id", s.SignedInUserID(), "--client-secret-stdin"),
		shellLine("wfconnect", "profile", "pubkey", "sim-jwt") + " | " +
			shellLine("curl", "-sS", "--data-binary", "@-", url+wfsim.PublicKeysPath),
		secret(s.IMSClientSecret()) + shellLine("wfconnect", "profile", "add", "sim-ims", "--kind", "ims", "--domain", url,
			"--client-id", s.IMSClientID(), "--ims-org", s.IMSOrgID(), "--ims-url", url, "--client-secret-stdin"),
		"# " + c.tr("Then sign in and see who you are:"),
	}
	for _, name := range simSetUpNames {
		lines = append(lines, shellLine("wfconnect", "login", name)+" && "+shellLine("wfconnect", "whoami", name))
	}
	fmt.Fprintln(c.env.Stderr, strings.Join(lines, "\n"))
}

// dialable is the simulator's URL with an unspecified bind address
// (0.0.0.0, [::]) replaced by 127.0.0.1, which a client on this machine
// can reach and profile add takes as a local simulator.
func dialable(u string) string {
	for _, unspecified := range []string{"http://0.0.0.0:", "http://[::]:"} {
		if port, ok := strings.CutPrefix(u, unspecified); ok {
			return "http://127.0.0.1:" + port
		}
	}
	return u
}

// simSetUpNames are the connections printSetUp's commands add, one a kind.
var simSetUpNames = []string{"sim-web", "sim-spa", "sim-jwt", "sim-ims"}
