package auth

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/wfconnect/wfconnect/assets"
	"github.com/wfconnect/wfconnect/msg"
)

// The callback page's template and words are read when a page is first
// shown, not when the program starts: most starts never show one.
var (
	pageTemplate = sync.OnceValue(func() *template.Template {
		return template.Must(template.New("callback").Parse(assets.CallbackPage))
	})
	pageText     = sync.OnceValue(mustPageText)
	pageLangs    = []language.Tag{language.English, language.Swedish, language.SimplifiedChinese, language.TraditionalChinese}
	pageLangKeys = []string{"en", "sv", "zh-Hans", "zh-Hant"}
	pageMatcher  = sync.OnceValue(func() language.Matcher { return language.NewMatcher(pageLangs) })
)

// messageText holds the app's translations (en, sv, zh-Hans, zh-Hant), so
// that a message shown on the callback page reads in the page's language.
var messageText = sync.OnceValue(mustMessageText)

func mustMessageText() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, lang := range pageLangKeys {
		raw, err := assets.Translations.ReadFile("translations/" + lang + ".json")
		if err != nil {
			panic(err)
		}
		var m map[string]string
		if err := json.Unmarshal(raw, &m); err != nil {
			panic(err)
		}
		out[lang] = m
	}
	return out
}

func mustPageText() map[string]map[string]string {
	var m map[string]map[string]string
	if err := json.Unmarshal(assets.CallbackText, &m); err != nil {
		panic(err)
	}
	return m
}

// pageLanguage picks the callback page's language from the browser's
// Accept-Language, English when nothing matches.
func pageLanguage(r *http.Request) string {
	tags, _, _ := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	_, i, conf := pageMatcher().Match(tags...)
	if conf == language.No {
		return "en"
	}
	return pageLangKeys[i]
}

// writePage answers the browser, on every path, success or refusal. title and msg are keys of CallbackText;
// detail, when not nil, is shown before the message, in the page's language
// when wfconnect knows its words.
func writePage(w http.ResponseWriter, r *http.Request, status int, ok bool, title, message string, detail error) {
	writeNamedPage(w, r, "", status, ok, title, message, detail)
}

// page is writePage naming the flow's connection, so a person with several
// knows which one the page is about.
func (f *Flow) page(w http.ResponseWriter, r *http.Request, status int, ok bool, title, message string, detail error) {
	writeNamedPage(w, r, f.cfg.Profile, status, ok, title, message, detail)
}

func writeNamedPage(w http.ResponseWriter, r *http.Request, connection string, status int, ok bool, title, message string, detail error) {
	lang := pageLanguage(r)
	text := pageText()[lang]
	said := ""
	if detail != nil {
		said = msg.Localize(detail, func(format string) string {
			if t := messageText()[lang][format]; t != "" {
				return t
			}
			return format
		})
	}
	// A message's arguments are cleaned already; an error of another
	// kind may carry outside text as it came.
	body := strings.TrimSpace(msg.Clean(said) + " " + text[message])
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	// The page runs nothing, loads nothing, is framed by no one and tells
	// no one where it was (its address held the code).
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	footer := "Workfront Connect"
	if connection != "" {
		footer += " · " + fmt.Sprintf(text["connection"], msg.Clean(connection))
	}
	pageTemplate().Execute(w, map[string]any{"Lang": lang, "OK": ok, "Title": text[title], "Message": body, "Footer": footer})
}
