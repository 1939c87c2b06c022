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
// it is Swedish or Chinese. Cobra's generated help stays English.

// languageOf maps a POSIX locale ("sv_SE.UTF-8", "zh_TW", "C") to one of the
// translation files: "en", "sv", "zh-Hans" or "zh-Hant".
func languageOf(locale string) string {
	l := strings.ToLower(strings.SplitN(locale, ".", 2)[0])
	switch {
	case strings.HasPrefix(l, "sv"):
		return "sv"
	case strings.HasPrefix(l, "zh_tw"), strings.HasPrefix(l, "zh_hk"), strings.HasPrefix(l, "zh_mo"), strings.Contains(l, "hant"):
		return "zh-Hant"
	case strings.HasPrefix(l, "zh"):
		return "zh-Hans"
	}
	return "en"
}

// localeFromEnv is what the environment says, as the C library reads it.
func localeFromEnv(getenv func(string) string) string {
	for _, key := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(key); v != "" {
			return v
		}
	}
	return ""
}

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
	fmt.Fprintf(c.env.Stderr, c.tr(format)+"\n", args...)
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
		locale = localeFromEnv(os.Getenv)
	}
	c.lang = languageOf(locale)
	c.tr = translator(c.lang)
}
