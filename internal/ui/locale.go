package ui

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/assets"
	"github.com/wfconnect/wfconnect/msg"
)

// language is the UI's language family for dates and numbers: "en", "sv",
// "zh". Tests replace it.
var language = func() string {
	l := uiLanguage()
	if strings.HasPrefix(l, "zh") {
		return "zh"
	}
	return l
}

// uiLanguage is the translation the window speaks ("en", "sv", "zh-Hans",
// "zh-Hant"), the one the command line speaks too: the environment's
// locale, or the system's where none is set (Windows, macOS). It is asked
// once: the lookup may run a helper, far too slow for every cell.
var uiLanguage = sync.OnceValue(func() string {
	l := msg.LocaleFromEnv(os.Getenv)
	if l == "" {
		l = lang.SystemLocale().String()
	}
	return msg.LanguageOf(l)
})

// LoadTranslations gives Fyne English and the one translation the
// person's locale asks for. Only that one: Fyne keeps just the base
// language of the locale it matches, so zh-Hant became "zh", which its
// bundle reads as Simplified, and zh_TW, zh_HK and zh_MO got Simplified
// Chinese. Traditional goes in as zh-TW, a name Fyne passes on whole and
// matches for all three. Loading one file, not four, also starts faster.
func LoadTranslations() error {
	en, err := assets.Translations.ReadFile("translations/en.json")
	if err != nil {
		return fmt.Errorf("reading the English words: %w", err)
	}
	if err := lang.AddTranslationsForLocale(en, "en"); err != nil {
		return fmt.Errorf("loading the English words: %w", err)
	}
	file := uiLanguage()
	if file == "en" {
		return nil
	}
	data, err := assets.Translations.ReadFile("translations/" + file + ".json")
	if err != nil {
		return fmt.Errorf("reading the %s translation: %w", file, err)
	}
	name := fyne.Locale(file)
	if file == "zh-Hant" {
		name = "zh-TW"
	}
	if err := lang.AddTranslationsForLocale(data, name); err != nil {
		return fmt.Errorf("loading the %s translation: %w", file, err)
	}
	return nil
}

var (
	monthsEN = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	monthsSV = [12]string{"jan.", "feb.", "mars", "apr.", "maj", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "dec."}
)

// localDate renders a date for people in their language and time zone:
// 2 Jan 2026, 2 jan. 2026, 2026年1月2日. Zero is "".
func localDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	y, m, d := t.Local().Date()
	// strconv, not fmt: a page of 2000 rows formats thousands of dates.
	b := make([]byte, 0, 24)
	switch language() {
	case "zh":
		b = strconv.AppendInt(b, int64(y), 10)
		b = append(b, "年"...)
		b = strconv.AppendInt(b, int64(m), 10)
		b = append(b, "月"...)
		b = strconv.AppendInt(b, int64(d), 10)
		return string(append(b, "日"...))
	case "sv":
		b = strconv.AppendInt(b, int64(d), 10)
		b = append(append(append(b, ' '), monthsSV[m-1]...), ' ')
	default:
		b = strconv.AppendInt(b, int64(d), 10)
		b = append(append(append(b, ' '), monthsEN[m-1]...), ' ')
	}
	return string(strconv.AppendInt(b, int64(y), 10))
}

// localDateTime is localDate with the time of day (24-hour clock in all
// three languages).
func localDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return localDate(t) + " " + t.Local().Format("15:04:05")
}

// thousands groups digits as the language does: 12,345 in English and
// Chinese, 12 345 (a no-break space) in Swedish.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return s
	}
	sep := ","
	if language() == "sv" {
		sep = "\u00a0"
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	return s
}

// fyneWords are Fyne's own words that the window shows: its dialogs'
// buttons, the text fields' menu, the folder picker and the choosers'
// "(Select one)". Fyne has no Traditional Chinese for them and never
// translates "(Select one)", so the app's files carry them all.
func fyneWords() []string {
	return []string{"(Select one)", "Advanced", "Cancel", "Confirm", "Copy", "Create Folder", "Cut", "Enter filename",
		"Error", "Favourites", "File", "Folder", "New Folder", "No", "OK", "Open", "Paste", "Quit", "Redo", "Save",
		"Select all", "Show Hidden Files", "Undo", "Yes"}
}

// newSelect is widget.NewSelect with its placeholder in the person's
// language.
func newSelect(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = lang.L("(Select one)")
	return s
}
