package auth

import (
	"context"
	"errors"
	"net/http/httptest"
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

// controlIn returns the first control character (C0 but the template's own
// line breaks, DEL, C1, ESC among them) or bidi override in s, or -1.
func controlIn(s string, allowNewline bool) rune {
	for _, r := range s {
		switch {
		case r == '\n' && allowNewline:
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return r
		}
	}
	return -1
}

// FuzzCallbackQuery: whatever query string reaches the real callback
// handler (or a paste), no control character reaches the page's text or an
// error's, so an error_description cannot retitle a terminal, clear it or
// fake a line.
func FuzzCallbackQuery(f *testing.F) {
	for _, s := range []string{
		"error=x&error_description=%1b]0;t%07%1b[2JConnected",
		"error=x&error_description=%1b]0;t%07%1b[2JConnected&state=S",
		"error=%1b[31mbad%1b[0m&state=S",
		"error=server_error&error_description=a%0d%0aFake:%20line%7f%c2%9b2J&state=S",
		"error=x&error_description=%e2%80%aeevil%e2%81%a6&state=S",
		"error=access_denied&state=S",
		"error=access_denied",
		"code=abc&state=S",
		"code=%1b[2J&state=S",
		"code=x",
		"state=%1b]0;t%07",
		"error=x&error_description=%ff%fe&state=S",
		"",
	} {
		f.Add(s)
	}
	cfg := Config{Profile: "fuzz", Host: "http://127.0.0.1:1", ClientID: "c", RedirectURI: "https://example.com/cb", AppType: AppSPA}
	langs := []string{"", "sv", "zh-TW"}
	f.Fuzz(func(t *testing.T, raw string) {
		fl, err := Begin(context.Background(), cfg, newMemStore(), BeginOptions{CallbackTimeout: time.Minute})
		if err != nil {
			t.Fatal(err)
		}
		defer fl.Cancel()
		// The real handler, as the listener would call it.
		fl.path, fl.hosts = "/cb", []string{"127.0.0.1:1"}
		var rejected []error
		fl.opts.OnRejected = func(err error) { rejected = append(rejected, err) }
		waited := make(chan error, 1)
		go func() { _, err := fl.Wait(context.Background()); waited <- err }()
		r := httptest.NewRequest("GET", "/cb", nil)
		r.URL.RawQuery = strings.ReplaceAll(raw, "state=S", "state="+fl.state)
		r.Host = "127.0.0.1:1"
		r.Header.Set("Accept-Language", langs[len(raw)%len(langs)])
		w := httptest.NewRecorder()
		fl.serveCallback(w, r)
		if c := controlIn(w.Body.String(), true); c != -1 {
			t.Fatalf("query %q: the page carries %U:\n%s", raw, c, w.Body.String())
		}
		for _, err := range rejected {
			if c := controlIn(err.Error(), false); c != -1 {
				t.Fatalf("query %q: the refusal carries %U: %q", raw, c, err)
			}
		}
		fl.Cancel()
		if err := <-waited; err != nil {
			if c := controlIn(err.Error(), false); c != -1 {
				t.Fatalf("query %q: the sign-in's error carries %U: %q", raw, c, err)
			}
		}

		// The same query pasted.
		pl, err := Begin(context.Background(), cfg, newMemStore(), BeginOptions{})
		if err != nil {
			t.Fatal(err)
		}
		defer pl.Cancel()
		if err := pl.SubmitPasted("?" + strings.ReplaceAll(raw, "state=S", "state="+pl.state)); err != nil {
			if c := controlIn(err.Error(), false); c != -1 {
				t.Fatalf("paste %q: the error carries %U: %q", raw, c, err)
			}
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err := pl.Wait(ctx); err != nil {
			if c := controlIn(err.Error(), false); c != -1 {
				t.Fatalf("paste %q: the sign-in's error carries %U: %q", raw, c, err)
			}
		}
	})
}

// TestCallbackPageCleansAnyError: an error that is not a message (its text
// taken as it came) loses its control characters on the page too.
func TestCallbackPageCleansAnyError(t *testing.T) {
	w := httptest.NewRecorder()
	writePage(w, httptest.NewRequest("GET", "/cb", nil), 200, false, "fail_title", "close", errors.New("\x1b]0;owned\x07\x1b[2Jboom\u202e"))
	if c := controlIn(w.Body.String(), true); c != -1 || !strings.Contains(w.Body.String(), "]0;owned[2Jboom") {
		t.Errorf("page carries %U:\n%q", c, w.Body.String())
	}
}
