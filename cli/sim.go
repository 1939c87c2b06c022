package cli

import (
	"context"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

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
its clients' IDs and secret as WFSIM_… lines for a script to read.`,
		Example: `  wfconnect sim
  wfconnect sim --addr 127.0.0.1:8080 --redirect-uri http://127.0.0.1:8765/callback`,
		Args:              noArgs("sim"),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
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
	return cmd
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
	return wfsim.RunMain(opts.Args, c.env.Stdout, stop)
}
