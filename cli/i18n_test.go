package cli

import (
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/wfsim"
)

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
