package workfront

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
)

// A redirect to another origin (here another port on 127.0.0.1) is not
// followed: the other server never sees the sessionID, the error says so,
// and it is not retried. A redirect within the origin is followed.
func TestRedirectToAnotherOriginIsRefused(t *testing.T) {
	var leaked, otherHits atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherHits.Add(1)
		if r.Header.Get("sessionID") != "" || r.Header.Get("Authorization") != "" {
			leaked.Add(1)
		}
		w.Write([]byte(`{"data":{"count":1}}`))
	}))
	defer other.Close()
	var hits atomic.Int32
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		switch {
		case strings.HasPrefix(r.URL.Path, "/moved/"):
			if r.Header.Get("sessionID") != "s" {
				t.Errorf("the same-origin redirect lost the sessionID")
			}
			w.Write([]byte(`{"data":{"count":7}}`))
		case strings.HasSuffix(r.URL.Path, "/proj/count") && r.URL.Query().Get("name") == "away":
			http.Redirect(w, r, other.URL+r.URL.Path, http.StatusFound)
		case strings.HasSuffix(r.URL.Path, "/proj/count"):
			http.Redirect(w, r, "/moved"+r.URL.Path, http.StatusMovedPermanently)
		default:
			http.NotFound(w, r)
		}
	}))
	defer origin.Close()

	var callerPolicy atomic.Int32
	given := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
		callerPolicy.Add(1)
		return nil
	}}
	c := NewClient(origin.URL, "v21.0", &countingTokens{}, Options{HTTPClient: given, BaseBackoff: 1})

	n, err := countProjects(c, context.Background(), Query{})
	if err != nil || n != 7 {
		t.Fatalf("same-origin redirect: %d %v", n, err)
	}
	if callerPolicy.Load() != 1 {
		t.Errorf("the caller's CheckRedirect was asked %d times, want 1", callerPolicy.Load())
	}

	hits.Store(0)
	_, err = countProjects(c, context.Background(), Query{Text: "away"})
	if !errors.Is(err, ErrRedirectRefused) {
		t.Fatalf("cross-origin redirect: %v", err)
	}
	otherURL, _ := url.Parse(other.URL)
	want := "Workfront at http://" + strings.TrimPrefix(origin.URL, "http://") + " answered with a redirect to http://" + otherURL.Host + ", another address; wfconnect did not follow it, so your sign-in was not sent there."
	if err.Error() != want {
		t.Errorf("message %q\nwant    %q", err, want)
	}
	if otherHits.Load() != 0 || leaked.Load() != 0 {
		t.Errorf("the other origin was asked %d times (%d with the sign-in)", otherHits.Load(), leaked.Load())
	}
	if hits.Load() != 1 {
		t.Errorf("%d requests: a refused redirect is not retried", hits.Load())
	}
	if given.CheckRedirect == nil || callerPolicy.Load() != 1 {
		t.Error("the caller's client was changed or its policy asked about the refused redirect")
	}
	if c.opts.HTTPClient == given {
		t.Error("the client uses the caller's *http.Client itself, not a copy")
	}
}

func TestOrigin(t *testing.T) {
	same := [][2]string{
		{"https://acme.my.workfront.com/a", "https://ACME.my.workfront.com:443/b?x"},
		{"http://127.0.0.1/a", "http://127.0.0.1:80/b"},
		{"http://[::1]:8080/", "http://[::1]:8080/x"},
	}
	differ := [][2]string{
		{"https://acme.my.workfront.com/a", "http://acme.my.workfront.com/a"},
		{"https://acme.my.workfront.com/a", "https://acme.my.workfront.com:8443/a"},
		{"https://acme.my.workfront.com/a", "https://evil.example/a"},
		{"http://127.0.0.1:1/", "http://127.0.0.1:2/"},
	}
	for _, pair := range append(same, differ...) {
		a, _ := url.Parse(pair[0])
		b, _ := url.Parse(pair[1])
		wantSame := len(same) > 0 && contains(same, pair)
		if got := origin(a) == origin(b); got != wantSame {
			t.Errorf("%s vs %s: same origin %v (%s, %s)", pair[0], pair[1], got, origin(a), origin(b))
		}
	}
}

func contains(list [][2]string, p [2]string) bool {
	for _, q := range list {
		if q == p {
			return true
		}
	}
	return false
}

// headerTokens is a TokenProvider that also names its header (as
// auth.Source does for bearer tokens).
type headerTokens struct {
	token, fresh string
}

func (h *headerTokens) Token(context.Context) (string, error)           { return h.token, nil }
func (h *headerTokens) Refresh(context.Context, string) (string, error) { return h.fresh, nil }
func (h *headerTokens) HeaderFor(token string) (string, string) {
	if strings.HasPrefix(token, "bearer-") {
		return "Authorization", "Bearer " + token
	}
	return "sessionID", token
}

// A HeaderProvider's header carries the token; a token with a control
// character is refused before anything is sent.
func TestHeaderProviderAndControlCharacters(t *testing.T) {
	type seen struct{ sessionID, authorization string }
	var got []seen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, seen{r.Header.Get("sessionID"), r.Header.Get("Authorization")})
		if r.Header.Get("Authorization") == "Bearer bearer-old" {
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte(`{"error":{"class":"com.attask.common.AuthenticationException","message":"expired"}}`))
			return
		}
		w.Write([]byte(`{"data":{"count":3}}`))
	}))
	defer srv.Close()
	count := func(tp TokenProvider) error {
		got = nil
		_, err := countProjects(NewClient(srv.URL, "v21.0", tp, Options{MaxRetries: -1}), context.Background(), Query{})
		return err
	}

	if err := count(&headerTokens{token: "bearer-abc"}); err != nil || len(got) != 1 || got[0] != (seen{"", "Bearer bearer-abc"}) {
		t.Errorf("bearer: %v %+v", err, got)
	}
	if err := count(&headerTokens{token: "sess"}); err != nil || len(got) != 1 || got[0] != (seen{"sess", ""}) {
		t.Errorf("session through HeaderFor: %v %+v", err, got)
	}
	if err := count(&countingTokens{}); err != nil || len(got) != 1 || got[0] != (seen{"s", ""}) {
		t.Errorf("plain TokenProvider: %v %+v", err, got)
	}
	// The refreshed token goes through HeaderFor too.
	if err := count(&headerTokens{token: "bearer-old", fresh: "bearer-new"}); err != nil || len(got) != 2 || got[1] != (seen{"", "Bearer bearer-new"}) {
		t.Errorf("refresh: %v %+v", err, got)
	}

	for _, tp := range []TokenProvider{
		&headerTokens{token: "abc\r\nX-Evil: 1"},
		&headerTokens{token: "bearer-abc\n"},
		&headerTokens{token: "abc\x00"},
		&headerTokens{token: "abc\x7f"},
		&headerTokens{token: "bearer-old", fresh: "bearer-new\r\nX-Evil: 1"},
	} {
		err := count(tp)
		if err == nil {
			t.Errorf("%q was accepted", tp.(*headerTokens).token)
			continue
		}
		if !errors.Is(err, ErrBadToken) || !strings.Contains(err.Error(), "holds a line break or another control character, so it was not sent. Connect again.") {
			t.Errorf("%q: %v", tp.(*headerTokens).token, err)
		}
		if strings.Contains(err.Error(), "abc") || strings.Contains(err.Error(), "bearer-") {
			t.Errorf("the token is in the message: %v", err)
		}
		for _, s := range got {
			if strings.ContainsAny(s.sessionID+s.authorization, "\r\n\x00\x7f") {
				t.Errorf("a bad token was sent: %+v", s)
			}
		}
		if tp.(*headerTokens).fresh == "" && len(got) != 0 {
			t.Errorf("%d requests with a bad token", len(got))
		}
	}
}
