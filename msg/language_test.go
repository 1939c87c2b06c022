package msg

import "testing"

func TestLanguageOfLocale(t *testing.T) {
	for locale, want := range map[string]string{
		"": "en", "C": "en", "C.UTF-8": "en", "POSIX": "en", "en_US.UTF-8": "en", "de_DE.UTF-8": "en",
		"sv_SE.UTF-8": "sv", "sv_FI": "sv", "sv-SE": "sv",
		"zh_CN.UTF-8": "zh-Hans", "zh_SG": "zh-Hans", "zh": "zh-Hans", "zh-CN": "zh-Hans", "zh-Hans-HK": "zh-Hans",
		"zh_TW.UTF-8": "zh-Hant", "zh_HK.UTF-8": "zh-Hant", "zh_MO.UTF-8": "zh-Hant", "zh-TW": "zh-Hant",
		"zh-HK": "zh-Hant", "zh-Hant": "zh-Hant", "zh-Hant-TW": "zh-Hant", "zh_TW.Big5": "zh-Hant",
	} {
		if got := LanguageOf(locale); got != want {
			t.Errorf("LanguageOf(%q) = %q, want %q", locale, got, want)
		}
	}
}

func TestLocaleFromEnv(t *testing.T) {
	env := map[string]string{"LANG": "sv_SE.UTF-8", "LC_MESSAGES": "zh_TW.UTF-8"}
	if got := LocaleFromEnv(func(k string) string { return env[k] }); got != "zh_TW.UTF-8" {
		t.Errorf("LC_MESSAGES should win over LANG: %q", got)
	}
	env["LC_ALL"] = "C"
	if got := LocaleFromEnv(func(k string) string { return env[k] }); got != "C" {
		t.Errorf("LC_ALL should win: %q", got)
	}
}
