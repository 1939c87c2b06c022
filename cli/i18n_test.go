package cli

import (
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/wfsim"
)

func TestLanguageOfLocale(t *testing.T) {
	for locale, want := range map[string]string{
		"": "en", "C": "en", "C.UTF-8": "en", "POSIX": "en", "en_US.UTF-8": "en", "de_DE.UTF-8": "en",
		"sv_SE.UTF-8": "sv", "sv_FI": "sv", "zh_CN.UTF-8": "zh-Hans", "zh_SG": "zh-Hans",
		"zh_TW.UTF-8": "zh-Hant", "zh_HK.UTF-8": "zh-Hant", "zh-Hant": "zh-Hant",
	} {
		if got := languageOf(locale); got != want {
			t.Errorf("languageOf(%q) = %q, want %q", locale, got, want)
		}
	}
	env := map[string]string{"LANG": "sv_SE.UTF-8", "LC_MESSAGES": "zh_TW.UTF-8"}
	if got := localeFromEnv(func(k string) string { return env[k] }); got != "zh_TW.UTF-8" {
		t.Errorf("LC_MESSAGES should win over LANG: %q", got)
	}
	env["LC_ALL"] = "C"
	if got := localeFromEnv(func(k string) string { return env[k] }); got != "C" {
		t.Errorf("LC_ALL should win: %q", got)
	}
}

// TestMessagesFollowTheLocale: the command line's words and the messages it
// passes on from the rest of wfconnect read in the locale's language; the
// hint wrapped around a message is kept.
func TestMessagesFollowTheLocale(t *testing.T) {
	r := newRig(t, wfsim.Options{Projects: 10})
	run := func(locale string, args ...string) (string, int) {
		var out, errb syncBuffer
		env := r.env(strings.NewReader(""), &out, &errb)
		env.Locale = locale
		code := Run(args, env)
		return errb.String(), code
	}
	for _, tc := range []struct {
		locale, want string
	}{
		{"sv_SE.UTF-8", "Inga anslutningar ännu."},
		{"zh_CN.UTF-8", "还没有连接。"},
		{"zh_TW.UTF-8", "還沒有連線。"},
		{"C", "No connections yet."},
	} {
		if got, code := run(tc.locale, "status"); code != 0 || !strings.Contains(got, tc.want) {
			t.Errorf("%s: status said %q (exit %d); want %q", tc.locale, got, code, tc.want)
		}
	}
	r.addProfile("acme", "spa")
	got, code := run("sv_SE.UTF-8", "token", "acme")
	if code != ExitNeedsConsent || !strings.Contains(got, "inte ansluten") && !strings.Contains(got, "är inte ansluten") {
		t.Errorf("sv token of a new connection: exit %d, %q", code, got)
	}
	if !strings.Contains(got, "wfconnect login acme") {
		t.Errorf("the hint around the message was lost: %q", got)
	}
	if english, _ := run("C", "token", "acme"); english == got {
		t.Errorf("Swedish and English read the same: %q", got)
	}
}
