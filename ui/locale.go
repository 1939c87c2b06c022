package ui

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2/lang"
)

// language is the UI's language family for dates and numbers: "en", "sv",
// "zh". The translations themselves come from Fyne's lang; this only picks
// formats. Tests replace it.
var language = systemLanguage

// systemLanguage asks the system once: the lookup reads the environment and
// may run a helper, far too slow for every cell of a table.
var systemLanguage = sync.OnceValue(func() string {
	switch l := strings.ToLower(string(lang.SystemLocale())); {
	case strings.HasPrefix(l, "sv"):
		return "sv"
	case strings.HasPrefix(l, "zh"):
		return "zh"
	}
	return "en"
})

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
