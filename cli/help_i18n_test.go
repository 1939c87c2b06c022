package cli

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/wfconnect/wfconnect/assets"
	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/workfront"
)

// helpWords are the words a translated help keeps as they are: products,
// formats, shells and the literal text of commands and Workfront (a JWT
// claim, a filter's value, a report's function) that is no command or flag
// name. Words in capitals (NAME, CSV, WFSIM_…) are placeholders, formats or
// variables and are kept too.
var helpWords = strings.Fields(`Workfront Adobe AdobeID AdobeOrg OAuth Excel Linux macOS Ctrl
	curl bash zsh fish powershell shell ps Web Bearer Authorization sessionID objCode
	iss sub openid x gw org id web spa jwt ims basic form json true
	issue alpha Apollo Risk min max dcount null label`)

// swedishAsEnglish are Swedish words of the translated help that English
// spells the same, and the technical terms Swedish uses as they are.
var swedishAsEnglish = strings.Fields(`in till standard cell version export format data
	session system System program typ under per alias status via ok filter
	information text array terminal server full disk enum loopback bearer`)

var (
	wordRE = regexp.MustCompile(`\pL+`)
	urlRE  = regexp.MustCompile(`https?://\S+`)
)

// asciiWords are the words of s written in ASCII letters only, but in URLs.
func asciiWords(s string) []string {
	var words []string
	for _, w := range wordRE.FindAllString(urlRE.ReplaceAllString(s, " "), -1) {
		if strings.Trim(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
			words = append(words, w)
		}
	}
	return words
}

// englishWords are the words of a help page that are not in allowed and,
// when english is given (for a language written in Latin letters), that
// the English help uses; in capitals they count as placeholders. Lines
// cobra indents with a tab (the completion commands' shell lines) are left
// out.
func englishWords(help string, allowed, english map[string]bool) []string {
	var left []string
	for _, line := range strings.Split(help, "\n") {
		if strings.HasPrefix(line, "\t") {
			continue
		}
		for _, w := range asciiWords(line) {
			if !allowed[w] && strings.ToUpper(w) != w && (english == nil || english[w]) {
				left = append(left, w)
			}
		}
	}
	return left
}

// helpTree is the English command tree, and the words its help may keep in
// any language: command names and aliases, flag names and their types, the
// object types find asks for, and the words of the examples and Use lines
// that are command lines only.
func helpTree(t *testing.T) (*cobra.Command, map[string]bool) {
	t.Helper()
	var en map[string]string
	raw, _ := assets.Translations.ReadFile("translations/en.json")
	if err := json.Unmarshal(raw, &en); err != nil {
		t.Fatal(err)
	}
	c := &command{env: Env{Locale: "C"}}
	c.setLanguage(c.env)
	root := c.newRoot(nil)
	allowed := map[string]bool{}
	add := func(s string) {
		for _, w := range asciiWords(s) {
			allowed[w] = true
		}
	}
	add(strings.Join(helpWords, " ") + " " + strings.ToLower(strings.Join(workfront.FindTypes(), " ")))
	for _, m := range edit.Modes() { // --writes takes these words as they are
		add(string(m))
	}
	walk(root, func(cmd *cobra.Command) {
		add(cmd.Name() + " " + strings.Join(cmd.Aliases, " ") + " " + cmd.Example)
		if en[cmd.Use] == "" {
			add(cmd.Use)
		}
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			varname, _ := pflag.UnquoteUsage(f)
			add(f.Name + " " + f.Shorthand + " " + varname)
		})
	})
	return root, allowed
}

// TestHelpFollowsTheLocale: --help of wfconnect and of every command below
// it, cobra's help and completion commands included, reads in the locale's
// language, down to cobra's headings and the -h flag; only names, formats
// and literal command lines stay as they are.
func TestHelpFollowsTheLocale(t *testing.T) {
	root, allowed := helpTree(t)
	var paths [][]string
	walk(root, func(cmd *cobra.Command) { paths = append(paths, strings.Fields(cmd.CommandPath())[1:]) })
	if len(paths) < 25 {
		t.Fatalf("only %d commands in the tree", len(paths))
	}
	help := func(locale string, path []string) string {
		var out, errb syncBuffer
		code := Run(append(path, "--help"), Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Locale: locale})
		if code != ExitOK || errb.String() != "" || out.String() == "" {
			t.Errorf("%s: wfconnect %s --help: exit %d, stderr %q", locale, strings.Join(path, " "), code, errb.String())
		}
		return out.String()
	}
	english := map[string]bool{}
	for _, path := range paths {
		for _, w := range asciiWords(help("C", path)) {
			english[w] = true
		}
	}
	for _, w := range swedishAsEnglish {
		delete(english, w)
	}
	for _, tc := range []struct {
		locale  string
		english map[string]bool // nil: any word in ASCII letters is English
	}{{"sv_SE.UTF-8", english}, {"zh_CN.UTF-8", nil}, {"zh_TW.UTF-8", nil}} {
		for _, path := range paths {
			if left := englishWords(help(tc.locale, path), allowed, tc.english); len(left) > 0 {
				t.Errorf("%s: wfconnect %s --help has English words left: %s", tc.locale, strings.Join(path, " "), strings.Join(left, " "))
			}
		}
	}
}

// TestEnglishHelpKeepsCobrasShape: in English the help reads as cobra
// writes it, headings, the -h flag and pflag's defaults included.
func TestEnglishHelpKeepsCobrasShape(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"--help"}, []string{"Usage:\n  wfconnect\n  wfconnect [command]\n", "\nExamples:\n", "\nAvailable Commands:\n  compare       Compare",
			"\nFlags:\n  -h, --help      help for wfconnect\n", "      --version   version for wfconnect\n",
			"\nUse \"wfconnect [command] --help\" for more information about a command.\n"}},
		{[]string{"login", "--help"}, []string{"\nFlags:\n  -h, --help               help for login\n",
			"      --timeout duration   how long to wait for consent (default 10m0s)\n", "\nGlobal Flags:\n  -v, --verbose "}},
		{[]string{"profile", "list", "--help"}, []string{"\nAliases:\n  list, ls\n"}},
		{[]string{"completion", "bash", "--help"}, []string{"Generate the autocompletion script for the bash shell.", "disable completion descriptions"}},
	} {
		var out, errb syncBuffer
		code := Run(tc.args, Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Locale: "C"})
		for _, want := range tc.want {
			if code != ExitOK || !strings.Contains(out.String(), want) {
				t.Errorf("%v (exit %d): no %q in\n%s", tc.args, code, want, out.String())
			}
		}
	}
}

// TestHelpTextsAreTranslated: every help text that is a translation key is
// in all four files (the UI's TestTranslationsComplete checks this too, but
// it builds Fyne).
func TestHelpTextsAreTranslated(t *testing.T) {
	texts := HelpTexts()
	if len(texts) < 80 {
		t.Fatalf("only %d help texts", len(texts))
	}
	for _, lang := range []string{"en", "sv", "zh-Hans", "zh-Hant"} {
		var table map[string]string
		raw, _ := assets.Translations.ReadFile("translations/" + lang + ".json")
		if err := json.Unmarshal(raw, &table); err != nil {
			t.Fatal(lang, err)
		}
		for _, s := range texts {
			if strings.TrimSpace(table[s]) == "" {
				t.Errorf("%s.json has no %q", lang, s)
			}
		}
	}
}
