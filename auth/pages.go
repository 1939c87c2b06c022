package auth

import (
	"encoding/json"
	"html/template"
	"net/http"
	"strings"

	"golang.org/x/text/language"

	"github.com/wfconnect/wfconnect/assets"
)

var (
	pageTemplate = template.Must(template.New("callback").Parse(assets.CallbackPage))
	pageText     = mustPageText()
	pageLangs    = []language.Tag{language.English, language.Swedish, language.SimplifiedChinese, language.TraditionalChinese}
	pageLangKeys = []string{"en", "sv", "zh-Hans", "zh-Hant"}
	pageMatcher  = language.NewMatcher(pageLangs)
)

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
	_, i, conf := pageMatcher.Match(tags...)
	if conf == language.No {
		return "en"
	}
	return pageLangKeys[i]
}

// writePage answers the browser. title and msg are keys of CallbackText;
// detail, when given, is shown after the message (as is, escaped).
func writePage(w http.ResponseWriter, r *http.Request, status int, ok bool, title, msg, detail string) {
	lang := pageLanguage(r)
	text := pageText[lang]
	body := strings.TrimSpace(detail + " " + text[msg])
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	pageTemplate.Execute(w, map[string]any{"Lang": lang, "OK": ok, "Title": text[title], "Message": body})
}
