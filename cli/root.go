package cli

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func init() {
	// wfconnect without arguments is the desktop app, so a double-click
	// from Explorer never reaches here; a command must not stop to say
	// "this is a command line tool" either.
	cobra.MousetrapHelpText = ""
}

// Version is wfconnect's version, as FyneApp.toml says; main sets it.
var Version = ""

// versionText is what --version and `wfconnect version` print: the version,
// and the commit it was built from when the build recorded one.
func versionText() string {
	v := Version
	if v == "" {
		v = "dev"
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		var rev, modified string
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					modified = ", modified"
				}
			}
		}
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if rev != "" {
			v += " (" + rev + modified + ")"
		}
	}
	return "wfconnect " + v
}

const rootLong = `wfconnect connects to Adobe Workfront over OAuth2. Without a command it opens
the desktop app; the commands below are for scripts and terminals. Machine
output goes to standard output, messages for people to standard error, and
secrets never pass through the command line.

Exit codes: 0 ok, 1 error, 2 usage, 3 the connection needs consent, first or
again (run wfconnect login NAME), 4 an export finished but the data changed
while it ran (it says by how many rows).`

// newRoot builds the command tree for one Run. args are the arguments Run
// got, so that a mistyped command is reported as one even when flags follow.
func (c *command) newRoot(args []string) *cobra.Command {
	root := rootCmd()
	root.SetArgs(args)
	root.SetIn(c.env.Stdin)
	root.SetOut(c.env.Stdout)
	root.SetErr(c.env.Stderr)
	root.SetVersionTemplate("{{.Version}}\n")
	root.PersistentFlags().BoolVarP(&c.verbose, "verbose", "v", false, "log each request to standard error (secrets redacted)")
	root.SetFlagErrorFunc(flagErrorFor(args))
	root.AddCommand(c.profileCmd(), c.loginCmd(), c.statusCmd(), c.tokenCmd(), c.whoamiCmd(), c.logoutCmd(),
		c.projectsCmd(), c.searchCmd(), c.countCmd(), c.getCmd(), c.findCmd(), c.metadataCmd(), c.exportCmd(), c.reportCmd(), c.updateCmd(), c.journalCmd(), c.revertCmd(), c.compareCmd(), c.usageCmd(), c.subscriptionsCmd(), c.simCmd(), versionCmd())
	withDeadlines(root)
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, sub := range root.Commands() {
		switch sub.Name() {
		case "help":
			fitHelpCmd(root, sub)
		case "completion":
			fitCompletionCmd(sub)
		}
	}
	walk(root, func(cmd *cobra.Command) {
		cmd.DisableFlagsInUseLine = true // each Use line shows its flags
		cmd.SuggestionsMinimumDistance = 2
	})
	translateHelp(root, c.tr)
	if len(args) > 0 && strings.HasPrefix(args[0], "__complete") {
		c.registerCompletions(root) // only then: cobra keeps them for good
	}
	return root
}

// rootCmd is wfconnect itself, before its commands are added.
func rootCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "wfconnect",
		Short:   "Connect to Adobe Workfront and explore it",
		Long:    rootLong,
		Version: versionText(),
		Example: `  wfconnect profile add acme --domain acme --client-id ID --redirect-uri http://127.0.0.1:8765/callback --client-secret-stdin
  wfconnect login acme
  wfconnect status
  wfconnect projects acme --status CUR`,
		Args:          cobra.ArbitraryArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		// The root runs only for no command at all, or a word that is none.
		RunE: func(cmd *cobra.Command, rest []string) error {
			if len(rest) > 0 {
				return unknownCommand(cmd, "unknown command %q", rest[0])
			}
			return cmd.Help()
		},
		ValidArgsFunction: cobra.NoFileCompletions,
	}
}

// flagErrorFor reports a flag cobra could not parse as a usage error; args
// are Run's, since a mistyped command word is the mistake to report first.
func flagErrorFor(args []string) func(*cobra.Command, error) error {
	return func(cmd *cobra.Command, err error) error {
		// "wfconnect stauts --json": the word is the mistake, not the flag.
		if cmd.HasSubCommands() {
			if words := positionals(args); len(words) > depth(cmd) && sub(cmd, words[depth(cmd)]) == nil {
				return unknownCommand(cmd, unknownFormat(cmd), words[depth(cmd)])
			}
		}
		return usageError{msg: flagMessage(err)}
	}
}

// fitHelpCmd gives cobra's help command examples, and makes a topic that
// names no command a usage error rather than a silent help page.
func fitHelpCmd(root, help *cobra.Command) {
	help.Example = "  wfconnect help\n  wfconnect help projects\n  wfconnect help profile add"
	showHelp := help.Run
	help.Run = nil
	help.RunE = func(cmd *cobra.Command, topic []string) error {
		found, rest, err := root.Find(topic)
		if err != nil {
			return usageError{msg: err.Error()}
		}
		if len(rest) > 0 && found.HasSubCommands() {
			return unknownCommand(found, unknownFormat(found), rest[0])
		}
		showHelp(cmd, topic)
		return nil
	}
}

// fitCompletionCmd gives cobra's completion command and its shells
// examples, and usage errors for a missing or unknown shell.
func fitCompletionCmd(completion *cobra.Command) {
	completion.Example = completionExamples
	completion.Args = cobra.ArbitraryArgs
	completion.RunE = func(cmd *cobra.Command, shell []string) error {
		if len(shell) == 0 {
			return usagef("completion needs bash, zsh, fish or powershell")
		}
		return unknownCommand(cmd, unknownFormat(cmd), shell[0])
	}
	for _, shell := range completion.Commands() {
		shell.Example = "  wfconnect completion " + shell.Name() + completionFiles[shell.Name()]
		shell.Args = noArgs("completion " + shell.Name())
	}
}

const completionExamples = `  wfconnect completion bash > ~/.local/share/bash-completion/completions/wfconnect
  wfconnect completion zsh > "${fpath[1]}/_wfconnect"
  wfconnect completion fish > ~/.config/fish/completions/wfconnect.fish
  wfconnect completion powershell >> $PROFILE`

var completionFiles = map[string]string{
	"bash":       " > ~/.local/share/bash-completion/completions/wfconnect",
	"zsh":        ` > "${fpath[1]}/_wfconnect"`,
	"fish":       " > ~/.config/fish/completions/wfconnect.fish",
	"powershell": " >> $PROFILE",
}

func versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print wfconnect's version",
		Example: "  wfconnect version\n  wfconnect --version",
		Args:    noArgs("version"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintln(cmd.OutOrStdout(), versionText())
			return err
		},
	}
}

// noArgs refuses positional arguments with a usage error.
func noArgs(name string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) > 0 {
			return usagef("%s takes no arguments", name)
		}
		return nil
	}
}

// unknownCommand is a usage error for a word that names no command, with
// the commands it may have meant.
func unknownCommand(cmd *cobra.Command, format, word string) error {
	err := usageError{msg: fmt.Sprintf(format, word), cmd: cmd}
	if suggestions := cmd.SuggestionsFor(word); len(suggestions) > 0 {
		err.hint = "\nDid you mean this?\n"
		for _, s := range suggestions {
			err.hint += "  " + cmd.CommandPath() + " " + s + "\n"
		}
		err.hint += "\n"
	}
	return err
}

func unknownFormat(cmd *cobra.Command) string {
	if cmd.HasParent() {
		return "unknown " + cmd.Name() + " command %q"
	}
	return "unknown command %q"
}

// walk calls fn for cmd and every command below it.
func walk(cmd *cobra.Command, fn func(*cobra.Command)) {
	fn(cmd)
	for _, sub := range cmd.Commands() {
		walk(sub, fn)
	}
}

// sub is cmd's subcommand called word, or nil.
func sub(cmd *cobra.Command, word string) *cobra.Command {
	for _, s := range cmd.Commands() {
		if s.Name() == word || s.HasAlias(word) {
			return s
		}
	}
	return nil
}

// depth is how many command words lead to cmd: 0 for wfconnect itself.
func depth(cmd *cobra.Command) int {
	n := 0
	for ; cmd.HasParent(); cmd = cmd.Parent() {
		n++
	}
	return n
}

// positionals are the words in args that are not flags (a flag's value
// counts as a word; only commands with subcommands look at them).
func positionals(args []string) []string {
	var words []string
	for i, a := range args {
		if a == "--" {
			return append(words, args[i+1:]...)
		}
		if !strings.HasPrefix(a, "-") {
			words = append(words, a)
		}
	}
	return words
}

// flagMessage says what is wrong with a flag, always writing flags with
// two dashes.
func flagMessage(err error) string {
	var notExist *pflag.NotExistError
	var invalid *pflag.InvalidValueError
	switch {
	case errors.As(err, &notExist):
		if typed := notExist.GetSpecifiedShortnames(); len(typed) > 1 {
			return fmt.Sprintf("unknown flag: -%s (flags take two dashes, like --%s)", typed, typed)
		}
		if typed := notExist.GetSpecifiedShortnames(); typed != "" {
			return fmt.Sprintf("unknown flag: -%s", typed)
		}
		return fmt.Sprintf("unknown flag: --%s", notExist.GetSpecifiedName())
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		return fmt.Sprintf("invalid value %q for --%s: %s", invalid.GetValue(), f.Name, valueHint(f))
	}
	return err.Error()
}

// valueHint says what a flag of that type takes.
func valueHint(f *pflag.Flag) string {
	switch f.Value.Type() {
	case "duration":
		return "use a duration like 5m or 90s"
	case "int":
		return "use a whole number"
	case "bool":
		return "use true or false"
	}
	return "see --help"
}

// IsCommand reports whether args are for the command line rather than the
// desktop app: a command word (a known one, or a mistyped one, which Run
// then reports with suggestions), help, --help, -h, --version, or cobra's
// completion requests. The desktop app's own flags are --demo and --verbose.
func IsCommand(args []string) bool {
	for _, a := range args {
		switch {
		case a == "--help" || a == "-h" || a == "--version":
			return true
		case a == "--":
			return false
		case !strings.HasPrefix(a, "-"):
			return true
		}
	}
	return false
}

// Commands names the commands Run understands, read from the command tree.
func Commands() []string {
	c := &command{}
	var names []string
	for _, sub := range c.newRoot(nil).Commands() {
		names = append(names, sub.Name())
		names = append(names, sub.Aliases...)
	}
	return names
}
