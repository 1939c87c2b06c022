package wfsim

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// RunMain is `wfconnect sim`: it starts a simulator, prints KEY=VALUE lines
// for scripts, and serves until stop is closed. The printed client secret is
// the simulator's own throwaway.
func RunMain(args []string, stdout io.Writer, stop <-chan struct{}) error {
	return Serve(args, stdout, stop, nil)
}

// Serve is RunMain with a hook: ready, when set, is called once the
// simulator listens and its KEY=VALUE lines are printed, with the
// simulator and the first registered redirect URI (for the caller to tell
// people how to use it).
func Serve(args []string, stdout io.Writer, stop <-chan struct{}, ready func(s *Sim, redirect string)) error {
	fs := flag.NewFlagSet("sim", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addr := fs.String("addr", "127.0.0.1:0", "listen address")
	var redirects stringList
	fs.Var(&redirects, "redirect-uri", "registered redirect URI (repeatable)")
	accessTTL := fs.Duration("access-ttl", 30*time.Minute, "sessionID inactivity lifetime")
	expiresIn := fs.Int("expires-in", 0, "expires_in in token responses (0, as Workfront documents)")
	rotation := fs.Bool("rotation", true, "rotate refresh tokens")
	latency := fs.Duration("latency", 0, "added latency per request")
	projects := fs.Int("projects", 50000, "number of sample projects")
	public := fs.Bool("public", false, "serve on a non-loopback address and take any Host header")
	sandbox := fs.Bool("sandbox", false, "a sandbox whose custom forms differ from the default instance's in known ways")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("sim: %w", err)
	}
	if len(redirects) == 0 {
		redirects = stringList{"http://127.0.0.1:8765/callback"}
	}
	opts := Options{RedirectURIs: redirects, AccessTTL: *accessTTL, Rotation: *rotation, Projects: *projects, Public: *public, Sandbox: *sandbox}
	if *expiresIn != 0 {
		opts.ExpiresIn = expiresIn
	}
	s := New(opts)
	s.SetLatency(*latency)
	if err := s.Start(*addr); err != nil {
		return fmt.Errorf("sim: listening on %s: %w", *addr, err)
	}
	defer s.Close()
	printVars(stdout, s, redirects[0])
	if ready != nil {
		ready(s, redirects[0])
	}
	<-stop
	return nil
}

// printVars prints the KEY=VALUE lines scripts read; their names and order
// are kept as they are.
func printVars(stdout io.Writer, s *Sim, redirect string) {
	fmt.Fprintf(stdout, "WFSIM_URL=%s\nWFSIM_CLIENT_ID=%s\nWFSIM_CLIENT_SECRET=%s\nWFSIM_SPA_CLIENT_ID=%s\nWFSIM_REDIRECT_URI=%s\n",
		s.URL(), s.WebClientID(), s.WebClientSecret(), s.SPAClientID(), redirect)
	fmt.Fprintf(stdout, "WFSIM_JWT_CLIENT_ID=%s\nWFSIM_JWT_CLIENT_SECRET=%s\nWFSIM_CUSTOMER_ID=%s\nWFSIM_USER_ID=%s\nWFSIM_PUBLIC_KEYS_URL=%s\n",
		s.JWTClientID(), s.JWTClientSecret(), s.CustomerID(), s.SignedInUserID(), s.URL()+PublicKeysPath)
	fmt.Fprintf(stdout, "WFSIM_IMS_URL=%s\nWFSIM_IMS_CLIENT_ID=%s\nWFSIM_IMS_CLIENT_SECRET=%s\nWFSIM_IMS_ORG=%s\n",
		s.URL(), s.IMSClientID(), s.IMSClientSecret(), s.IMSOrgID())
}

var (
	formAction  = regexp.MustCompile(`<form[^>]*action="([^"]+)"`)
	hiddenInput = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)
)

// Consent plays a person on the consent page: it fetches the authorize URL,
// submits Allow (or Deny) and returns where the browser would be sent,
// without following it.
func Consent(client *http.Client, authorizeURL string, allow bool) (string, error) {
	c := *client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.Get(authorizeURL)
	if err != nil {
		return "", err
	}
	page, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("consent page: %s", resp.Status)
	}
	action := formAction.FindSubmatch(page)
	if action == nil {
		return "", errors.New("consent page has no form")
	}
	form := url.Values{}
	for _, m := range hiddenInput.FindAllSubmatch(page, -1) {
		form.Set(htmlUnescape(string(m[1])), htmlUnescape(string(m[2])))
	}
	form.Set("decision", "deny")
	if allow {
		form.Set("decision", "allow")
	}
	base, _ := url.Parse(authorizeURL)
	target, err := base.Parse(htmlUnescape(string(action[1])))
	if err != nil {
		return "", err
	}
	resp, err = c.PostForm(target.String(), form)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusFound || loc == "" {
		return "", fmt.Errorf("consent: expected a redirect, got %s", resp.Status)
	}
	return loc, nil
}

var htmlEntities = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", "&quot;", `"`, "&#43;", "+")

func htmlUnescape(s string) string { return htmlEntities.Replace(s) }
