package msg

import "strings"

// LanguageOf is which of the app's translations a locale asks for, as
// POSIX writes locales ("sv_SE.UTF-8", "zh_TW", "C") or BCP 47 does
// ("zh-Hant-HK"): "en", "sv", "zh-Hans" or "zh-Hant". Taiwan, Hong Kong
// and Macao write Traditional Chinese; other Chinese is Simplified.
func LanguageOf(locale string) string {
	l := strings.ToLower(strings.SplitN(locale, ".", 2)[0])
	l = strings.ReplaceAll(l, "-", "_")
	switch {
	case strings.HasPrefix(l, "sv"):
		return "sv"
	case !strings.HasPrefix(l, "zh"):
		return "en"
	case strings.Contains(l, "hans"): // the script, when written, wins over the region
		return "zh-Hans"
	case strings.Contains(l, "hant"), strings.Contains(l, "_tw"), strings.Contains(l, "_hk"), strings.Contains(l, "_mo"):
		return "zh-Hant"
	}
	return "zh-Hans"
}

// LocaleFromEnv is the locale the environment names, as the C library
// reads it: LC_ALL, LC_MESSAGES or LANG, the first that is set.
func LocaleFromEnv(getenv func(string) string) string {
	for _, key := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(key); v != "" {
			return v
		}
	}
	return ""
}
