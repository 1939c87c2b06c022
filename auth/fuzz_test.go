package auth

import (
	"context"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

// FuzzNormalizeHost: never panics; whatever it accepts is an http(s) base
// URL with no path, query or fragment, and normalizing it again is stable.
func FuzzNormalizeHost(f *testing.F) {
	for _, s := range []string{"acme", "acme.my.workfront.com", "https://acme.preview.workfront.com/", "http://127.0.0.1:8080", "acme.example.com", "", "://", "https://[::1", "a\x00b", "ACME.MY.WORKFRONT.ADOBE.COM"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := NormalizeHost(in)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty message")
			}
			return
		}
		if !strings.HasPrefix(out, "https://") && !strings.HasPrefix(out, "http://") || strings.ContainsAny(out[8:], "/?#") {
			t.Fatalf("%q -> %q", in, out)
		}
		again, err := NormalizeHost(out)
		if err != nil || again != out {
			t.Fatalf("not stable: %q -> %q -> %q, %v", in, out, again, err)
		}
	})
}

// FuzzPastedURL: a pasted address never panics and is never accepted
// without a code or an error parameter and the right state.
func FuzzPastedURL(f *testing.F) {
	for _, s := range []string{"https://example.com/cb?code=abc&state=S", "?code=x", "garbage", "https://example.com/cb?error=access_denied&state=S", "https://e.com/?state=S&code=%zz", ""} {
		f.Add(s)
	}
	cfg := Config{Profile: "fuzz", Host: "https://acme.my.workfront.com", ClientID: "c", RedirectURI: "https://example.com/cb", AppType: AppSPA}
	f.Fuzz(func(t *testing.T, raw string) {
		fl, err := Begin(context.Background(), cfg, newMemStore(), BeginOptions{})
		if err != nil {
			t.Fatal(err)
		}
		defer fl.Cancel()
		raw = strings.ReplaceAll(raw, "state=S", "state="+fl.state)
		if err := fl.SubmitPasted(raw); err == nil {
			res := <-fl.results
			if res.err == nil && res.code == "" {
				t.Fatalf("accepted %q without a code", raw)
			}
		} else if err.Error() == "" {
			t.Fatal("empty message")
		}
	})
}

// FuzzTokenResponse: reading any token answer never panics, and the expiry
// is either unknown or in the future.
func FuzzTokenResponse(f *testing.F) {
	for _, s := range []string{`3600`, `"3600"`, `0`, `-5`, `"soon"`, `1e308`, `null`, `{}`} {
		f.Add(s, "sessionID", "w")
	}
	f.Fuzz(func(t *testing.T, expires, tokenType, wid string) {
		now := time.Now()
		tok := (&oauth2.Token{AccessToken: "a"}).WithExtra(map[string]any{"expires_in": expires, "token_type": tokenType, "wid": wid})
		ts := tokenSetFrom(tok, now)
		if !ts.Expiry.IsZero() && !ts.Expiry.After(now) {
			t.Fatalf("expires_in %q gave a past expiry", expires)
		}
		serverMessage([]byte(expires))
	})
}
