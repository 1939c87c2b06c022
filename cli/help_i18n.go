package cli

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/wfconnect/wfconnect/assets"
)

// The help cobra generates speaks the person's language too: once the tree
// is complete, cobra's own help and completion commands and its -h and
// --version flags included, translateHelp puts every command's texts and
// every flag's usage through the translations, and gives the tree a usage
// template with translated headings. A text is its own translation key.

func init() {
	// The usage template turns pflag's "(default …)" into the person's
	// language with it; the words come in the template itself.
	cobra.AddTemplateFunc("wfReplace", func(old, new, s string) string { return strings.ReplaceAll(s, old, new) })
}

// translateHelp translates the help of every command in root's tree; a nil
// tr keeps it English.
func translateHelp(root *cobra.Command, tr func(string) string) {
	if tr == nil {
		tr = translator("en")
	}
	root.InitDefaultVersionFlag()
	if f := root.Flags().Lookup("version"); f != nil && isCobras(f) {
		f.Usage = fmt.Sprintf(tr("version for %s"), root.Name())
	}
	seen := map[*pflag.Flag]bool{}
	walk(root, func(cmd *cobra.Command) {
		cmd.InitDefaultHelpFlag()
		if f := cmd.Flags().Lookup("help"); f != nil && isCobras(f) {
			f.Usage = fmt.Sprintf(tr("help for %s"), cmd.Name())
		}
		eachHelpText(cmd, seen, func(text *string, _ bool) { *text = tr(*text) })
	})
	root.SetUsageTemplate(usageTemplate(tr))
}

// eachHelpText calls fn with each of cmd's texts: Short, Long and the usage
// of its flags (but cobra's -h and --version, which say the command's name),
// whole set to true as they are prose; and Use and Example, which are
// command lines that the translations have only when they carry words.
// seen keeps a flag shared by several commands (a persistent one) to once.
func eachHelpText(cmd *cobra.Command, seen map[*pflag.Flag]bool, fn func(text *string, whole bool)) {
	fn(&cmd.Short, true)
	fn(&cmd.Long, true)
	fn(&cmd.Use, false)
	fn(&cmd.Example, false)
	visit := func(f *pflag.Flag) {
		if !seen[f] && !isCobras(f) {
			seen[f] = true
			fn(&f.Usage, true)
		}
	}
	cmd.PersistentFlags().VisitAll(visit)
	cmd.Flags().VisitAll(visit)
}

// isCobras reports whether cobra made the flag (-h, --version).
func isCobras(f *pflag.Flag) bool {
	return len(f.Annotations[cobra.FlagSetByCobraAnnotation]) > 0
}

// usageTemplate is cobra's own usage template with its headings and
// sentences in tr's language.
func usageTemplate(tr func(string) string) string {
	t := (&cobra.Command{}).UsageTemplate()
	for _, r := range []struct{ english, translated string }{
		{`Use "{{.CommandPath}} [command] --help" for more information about a command.`,
			fmt.Sprintf(tr("Use \"%s [command] --help\" for more information about a command."), "{{.CommandPath}}")},
		{"{{.CommandPath}} [command]{{end}}", "{{.CommandPath}} " + tr("[command]") + "{{end}}"},
		{"Usage:", tr("Usage:")},
		{"\nAliases:\n", "\n" + tr("Aliases:") + "\n"},
		{"\nExamples:\n", "\n" + tr("Examples:") + "\n"},
		{"\nAvailable Commands:", "\n" + tr("Available Commands:")},
		{"\nAdditional Commands:", "\n" + tr("Additional Commands:")},
		{"\nFlags:\n", "\n" + tr("Flags:") + "\n"},
		{"\nGlobal Flags:\n", "\n" + tr("Global Flags:") + "\n"},
		{"\nAdditional help topics:", "\n" + tr("Additional help topics:")},
		{".FlagUsages | trimTrailingWhitespaces}}",
			fmt.Sprintf(".FlagUsages | trimTrailingWhitespaces | wfReplace %q %q}}", " (default ", " ("+tr("default")+" ")},
	} {
		t = strings.ReplaceAll(t, r.english, r.translated)
	}
	return t
}

// HelpTexts are the command line's help texts that are translation keys
// as they stand: each command's Short and Long and each flag's usage, and
// the Use lines and examples that en.json has. The translations' test reads
// them here, as they are not written as tr("…") calls.
func HelpTexts() []string {
	var en map[string]string
	if raw, err := assets.Translations.ReadFile("translations/en.json"); err == nil {
		json.Unmarshal(raw, &en)
	}
	c := &command{env: Env{Stdin: strings.NewReader("")}, lang: "en", tr: translator("en")}
	root := c.newRoot(nil)
	var texts []string
	seen := map[*pflag.Flag]bool{}
	walk(root, func(cmd *cobra.Command) {
		eachHelpText(cmd, seen, func(text *string, whole bool) {
			if *text != "" && (whole || en[*text] != "") {
				texts = append(texts, *text)
			}
		})
	})
	return texts
}
