package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/wfconnect/wfconnect/assets"
	"github.com/wfconnect/wfconnect/msg"
)

// The command line speaks the language LC_ALL, LC_MESSAGES or LANG names
// (the first that is set), with the app's own translations: English unless
// it is Swedish or Chinese; the help cobra generates too (help_i18n.go).

// translator looks formats up in one language's file; English (and any
// format the file lacks) stays as written.
func translator(lang string) func(string) string {
	if lang == "en" {
		return func(s string) string { return s }
	}
	var table map[string]string
	if raw, err := assets.Translations.ReadFile("translations/" + lang + ".json"); err == nil {
		json.Unmarshal(raw, &table)
	}
	return func(s string) string {
		if t := table[s]; t != "" {
			return t
		}
		return s
	}
}

// say writes a line for people to stderr, in their language.
func (c *command) say(format string, args ...any) {
	fmt.Fprintf(c.env.Stderr, c.tr(format)+"\n", cleanArgs(args)...)
}

// text renders an error for people: a message in their language, with the
// words wrapped around it (a "Run: wfconnect login NAME" hint) kept, and no
// control characters from outside.
func (c *command) text(err error) string {
	english := err.Error()
	var m *msg.Error
	if c.lang == "en" || !errors.As(err, &m) {
		return msg.Clean(english)
	}
	inner := m.Error()
	translated := msg.Localize(m, c.tr)
	return msg.Clean(strings.Replace(english, inner, translated, 1))
}

func (c *command) setLanguage(env Env) {
	locale := env.Locale
	if locale == "" {
		locale = msg.LocaleFromEnv(os.Getenv)
	}
	c.lang = msg.LanguageOf(locale)
	c.tr = translator(c.lang)
}
