package auth

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/oauth2"

	"github.com/wfconnect/wfconnect/msg"
)

// CodeValidity is how long Workfront accepts an authorization code.
const CodeValidity = 2 * time.Minute

var (
	// ErrCanceled: the person canceled the sign-in.
	ErrCanceled = errors.New("the sign-in was canceled")
	// ErrNeedsConsent: the refresh token is dead; the person must consent again.
	ErrNeedsConsent = errors.New("needs consent")
	// ErrNotConnected: no tokens are stored for the profile.
	ErrNotConnected = errors.New("not connected")
	// ErrPortInUse: the loopback redirect's port is taken.
	ErrPortInUse = errors.New("port in use")
	// ErrDenied: the person clicked Deny on Workfront's consent screen.
	ErrDenied = errors.New("access denied")
	// ErrNoAnswer: no sign-in arrived within the callback timeout.
	ErrNoAnswer = errors.New("no sign-in arrived in time")
	// ErrCodeExpired: the authorization code is older than CodeValidity.
	ErrCodeExpired = errors.New("code expired")
)

// BeginOptions tunes a sign-in.
type BeginOptions struct {
	Now             func() time.Time
	CallbackTimeout time.Duration // how long to wait for consent; default 10 minutes
	HTTPClient      *http.Client
	Log             func(string)
	// OnRejected, when set, hears at once (on the listener's goroutine) of
	// every callback the listener refuses: wrong or missing state, wrong
	// path, method or Host. The error is a *msg.Error saying why; the flow
	// keeps waiting. Pasted addresses are answered by SubmitPasted instead.
	OnRejected func(error)
}

// pendingFlows counts sign-ins waiting in this process: a callback without
// state is accepted only while exactly one is pending.
var pendingFlows atomic.Int32

type callback struct {
	code, domain, lane string
	err                error
	at                 time.Time
}

// Flow is one sign-in: the authorize URL, the listener (for a loopback
// redirect URI) or the paste path, and the one exchange of the code.
type Flow struct {
	cfg      Config
	store    TokenStore
	opts     BeginOptions
	state    string
	verifier string
	authURL  string

	srv   *http.Server
	path  string
	hosts []string   // Host header values the listener answers to
	conns *connLimit // the listener's simultaneous connections

	results  chan callback
	codeSeen chan time.Time
	canceled chan struct{}
	timedOut chan struct{} // closed when CallbackTimeout passed with no callback
	timer    *time.Timer
	exchange chan error // closed after the exchange, the result stored in exchangeErr

	mu          sync.Mutex
	accepted    bool // a callback (code or Workfront's error) was taken
	expired     bool // CallbackTimeout passed first
	exchangeErr error
	lastRefusal error // the last callback the listener refused, for the timeout's message
	finishOnce  sync.Once
	cancelOnce  sync.Once
}

// Begin prepares the sign-in. For a loopback redirect URI the listener is
// already accepting connections when Begin returns, so the browser can be
// opened right after.
func Begin(ctx context.Context, cfg Config, store TokenStore, opts BeginOptions) (*Flow, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.CallbackTimeout == 0 {
		opts.CallbackTimeout = 10 * time.Minute
	}
	if opts.Log == nil {
		opts.Log = func(string) {}
	}
	if !cfg.AppType.Interactive() {
		return nil, msg.New("The connection %s signs in without a browser, so it has no consent page.", cfg.Profile)
	}
	if err := ValidateRedirectURI(cfg.RedirectURI); err != nil {
		return nil, err
	}
	f := &Flow{
		cfg: cfg, store: store, opts: opts,
		state:    randomToken(24),
		results:  make(chan callback, 1),
		codeSeen: make(chan time.Time, 1),
		canceled: make(chan struct{}),
		timedOut: make(chan struct{}),
		exchange: make(chan error),
	}
	authOpts := []oauth2.AuthCodeOption{}
	// PKCE (S256) for every sign-in (RFC 9700), unless a Web Application's
	// Workfront refuses it and its owner turned it off.
	if !cfg.AppType.Spec().PKCEOption || !cfg.NoPKCE {
		f.verifier = oauth2.GenerateVerifier()
		authOpts = append(authOpts, oauth2.S256ChallengeOption(f.verifier))
	}
	f.authURL = oauthConfig(cfg).AuthCodeURL(f.state, authOpts...)
	if IsLoopbackRedirect(cfg.RedirectURI) {
		if err := f.listen(); err != nil {
			return nil, err
		}
	}
	pendingFlows.Add(1)
	// The timeout runs from now, whether or not anyone waits: a listener
	// nobody waits on still closes.
	f.mu.Lock()
	f.timer = time.AfterFunc(opts.CallbackTimeout, f.timeout)
	f.mu.Unlock()
	return f, nil
}

// timeout ends a flow that got no callback in time.
func (f *Flow) timeout() {
	f.mu.Lock()
	if f.accepted {
		f.mu.Unlock()
		return // a code is being exchanged; Wait finishes the flow
	}
	f.expired = true
	f.mu.Unlock()
	close(f.timedOut)
	f.finish()
}

func randomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// AuthURL is the page to open in the browser.
func (f *Flow) AuthURL() string { return f.authURL }

// Loopback reports whether wfconnect catches the callback itself.
func (f *Flow) Loopback() bool { return f.srv != nil }

// CodeReceived yields the code's deadline once a code arrives.
func (f *Flow) CodeReceived() <-chan time.Time { return f.codeSeen }

// Cancel abandons the sign-in; the listener closes.
func (f *Flow) Cancel() {
	f.cancelOnce.Do(func() { close(f.canceled) })
	f.finish()
}

func (f *Flow) finish() {
	f.finishOnce.Do(func() {
		f.mu.Lock()
		timer := f.timer
		f.mu.Unlock()
		if timer != nil {
			timer.Stop()
		}
		pendingFlows.Add(-1)
		if f.srv != nil {
			// Shutdown lets the answer to the browser finish; Close after a
			// grace period in case a connection lingers.
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			if f.srv.Shutdown(ctx) != nil {
				f.srv.Close()
			}
		}
	})
}

// listen binds the redirect URI's host and port on loopback only. For
// "localhost" that is 127.0.0.1 and ::1, since a browser may resolve
// localhost to either: the port taken on either fails the sign-in, and only
// a machine without IPv6 at all is served on 127.0.0.1 alone.
func (f *Flow) listen() error {
	u, _ := url.Parse(f.cfg.RedirectURI)
	host, port := u.Hostname(), u.Port()
	localhost := strings.EqualFold(host, "localhost")
	if localhost {
		host = "127.0.0.1"
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(host, port))
	if err != nil {
		return listenError(host, port, err)
	}
	lns := []net.Listener{ln}
	if localhost {
		ln6, err := net.Listen("tcp", net.JoinHostPort("::1", port))
		switch {
		case err == nil:
			lns = append(lns, ln6)
		case noIPv6(err):
			f.opts.Log(fmt.Sprintf("callback listener: 127.0.0.1:%s only (this machine has no ::1: %v)", port, err))
		default:
			ln.Close()
			return listenError("::1", port, err)
		}
	}
	f.path = u.EscapedPath()
	if f.path == "" {
		f.path = "/"
	}
	f.hosts = []string{strings.ToLower(u.Host), "127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port}
	if port == "80" {
		// A browser leaves http's own port out of the Host header.
		f.hosts = append(f.hosts, strings.ToLower(u.Hostname()), "127.0.0.1", "localhost", "[::1]")
	}
	lim := callbackServerLimits
	f.conns = newConnLimit(lim.conns)
	f.srv = &http.Server{
		Handler:           f.conns.handle(http.HandlerFunc(f.serveCallback)),
		ConnContext:       f.conns.connContext,
		ReadHeaderTimeout: lim.readHeader,
		ReadTimeout:       lim.read,
		WriteTimeout:      lim.write,
		IdleTimeout:       lim.idle,
		MaxHeaderBytes:    64 << 10,
	}
	for _, l := range lns {
		go f.srv.Serve(f.conns.listener(l))
	}
	return nil
}

// callbackServerLimits bound what the callback listener gives anyone who
// connects (a variable so that tests can shorten the timeouts). The write
// timeout outlasts the minute the callback page waits for the exchange.
var callbackServerLimits = struct {
	readHeader, read, write, idle time.Duration
	conns                         int
}{readHeader: 10 * time.Second, read: 30 * time.Second, write: 75 * time.Second, idle: 30 * time.Second, conns: 32}

func listenError(host, port string, err error) error {
	if isAddrInUse(err) {
		return msg.New("Port %s on %s is already in use, so wfconnect cannot receive the callback. Close the other program using it (or another wfconnect sign-in), or register another loopback redirect URL in Workfront, for example http://127.0.0.1:%s/callback, and use it in this connection.",
			port, host, suggestPort(port)).WithKind(ErrPortInUse).Because(err)
	}
	return fmt.Errorf("cannot listen on %s for the callback: %w", net.JoinHostPort(host, port), err)
}

// noIPv6 recognises a machine without ::1 (IPv6 off or absent), on Unix
// and on Windows, as opposed to ::1's port being taken.
func noIPv6(err error) bool {
	s := err.Error()
	return errors.Is(err, syscall.EADDRNOTAVAIL) || errors.Is(err, syscall.EAFNOSUPPORT) || errors.Is(err, syscall.EPROTONOSUPPORT) ||
		strings.Contains(s, "cannot assign requested address") || strings.Contains(s, "address family not supported") ||
		strings.Contains(s, "requested address is not valid in its context") || strings.Contains(s, "address incompatible with the requested protocol")
}

// isAddrInUse recognises "port taken" on Unix (EADDRINUSE) and on Windows
// (WSAEADDRINUSE, whose text is "Only one usage of each socket address…").
func isAddrInUse(err error) bool {
	s := err.Error()
	return errors.Is(err, syscall.EADDRINUSE) || strings.Contains(s, "address already in use") || strings.Contains(s, "Only one usage of each socket address")
}

func suggestPort(port string) string {
	var n int
	fmt.Sscanf(port, "%d", &n)
	if n <= 0 || n >= 65535 {
		return "8766"
	}
	return fmt.Sprint(n + 1)
}

func (f *Flow) serveCallback(w http.ResponseWriter, r *http.Request) {
	if !f.hostAllowed(r.Host) {
		// Only the redirect URL's own names: a page elsewhere that rebinds
		// its DNS name to 127.0.0.1 reaches the listener under its own name.
		err := msg.New("The sign-in listener was reached under another name (%s) and refused the request. Only the redirect URL registered in Workfront, %s, is answered.", r.Host, f.cfg.RedirectURI)
		f.refused(err)
		f.page(w, r, http.StatusMisdirectedRequest, false, "rejected_title", "", err)
		return
	}
	if r.URL.EscapedPath() != f.path {
		if r.URL.Path != "/favicon.ico" { // browsers ask for it on their own
			f.refused(msg.New("A callback arrived at %s, but wfconnect waits for it at %s. Check that the redirect URL registered in Workfront is exactly %s.", r.URL.EscapedPath(), f.path, f.cfg.RedirectURI))
		}
		f.page(w, r, http.StatusNotFound, false, "not_found_title", "not_found", nil)
		return
	}
	if r.Method != http.MethodGet {
		err := msg.New("The sign-in callback only accepts GET.")
		f.refused(err)
		w.Header().Set("Allow", "GET")
		f.page(w, r, http.StatusMethodNotAllowed, false, "not_found_title", "not_found", err)
		return
	}
	res, reject := f.accept(r.URL.Query(), false)
	if reject != nil {
		status := http.StatusBadRequest
		if errors.Is(reject, errAlreadyDone) {
			status = http.StatusConflict
		} else {
			f.refused(reject)
		}
		f.page(w, r, status, false, "rejected_title", "", reject)
		return
	}
	if res.err != nil {
		f.page(w, r, http.StatusOK, false, "fail_title", "close", res.err)
		return
	}
	// Wait for the exchange, so the page tells the truth.
	select {
	case <-f.exchange:
		f.mu.Lock()
		err := f.exchangeErr
		f.mu.Unlock()
		if err != nil {
			f.page(w, r, http.StatusOK, false, "fail_title", "close", err)
			return
		}
		f.page(w, r, http.StatusOK, true, "ok_title", "ok", nil)
	case <-time.After(time.Minute):
		f.page(w, r, http.StatusOK, true, "received_title", "received", nil)
	case <-r.Context().Done():
	}
}

// hostAllowed reports whether a request's Host header names the redirect
// URL's listener: its own host, 127.0.0.1, localhost or [::1], with its port.
func (f *Flow) hostAllowed(host string) bool {
	for _, h := range f.hosts {
		if strings.EqualFold(host, h) {
			return true
		}
	}
	return false
}

// refused records a callback the listener turned away and tells
// OnRejected, while the sign-in still waits (a late or replayed callback
// is not news).
func (f *Flow) refused(err error) {
	f.mu.Lock()
	if f.accepted || f.expired {
		f.mu.Unlock()
		return
	}
	select {
	case <-f.canceled:
		f.mu.Unlock()
		return
	default:
	}
	f.lastRefusal = err
	f.mu.Unlock()
	if f.opts.OnRejected != nil {
		f.opts.OnRejected(err)
	}
}

// timeoutErrorLocked says that no sign-in arrived, and why when the listener
// refused what did arrive. Called with f.mu held.
func (f *Flow) timeoutErrorLocked() error {
	wait := f.opts.CallbackTimeout.Round(time.Second)
	if f.lastRefusal != nil {
		return msg.New("No sign-in arrived within %s; the last callback was refused: %s", wait, f.lastRefusal).WithKind(ErrNoAnswer)
	}
	return msg.New("No answer from Workfront within %s.", wait).WithKind(ErrNoAnswer)
}

var errAlreadyDone = msg.New("This sign-in was already completed. You can close this tab and return to Workfront Connect.")

// accept checks a callback's (or pasted URL's) parameters. A rejection
// leaves the flow waiting; an accepted result (a code, or Workfront's error)
// ends it.
//
// A callback must carry the state this sign-in sent: without it, it could
// be anyone's code (login CSRF). A pasted address is the person's own act,
// so it may lack state, but a state it carries must match.
func (f *Flow) accept(q url.Values, pasted bool) (callback, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.accepted {
		return callback{}, errAlreadyDone
	}
	select {
	case <-f.canceled:
		return callback{}, ErrCanceled
	default:
	}
	if f.expired {
		return callback{}, f.timeoutErrorLocked()
	}
	switch state := q.Get("state"); {
	case state == "" && q.Get("code") == "" && q.Get("error") == "":
		return callback{}, msg.New("That address carries no code. After you click Allow in Workfront, copy the whole address of the page you land on; it contains ?code=….")
	case state == "" && pasted:
		f.opts.Log("pasted address carried no state; accepted as the person's own")
	case state == "":
		if err := f.statelessAllowed(q); err != nil {
			return callback{}, err
		}
		f.opts.Log("callback carried no state; accepted because the connection allows it, exactly one sign-in is pending, and its domain and lane match the host")
	case state != f.state:
		return callback{}, msg.New("This callback does not belong to the sign-in wfconnect is waiting for (the state does not match). Start again from Workfront Connect.")
	}
	res := callback{code: q.Get("code"), domain: q.Get("domain"), lane: q.Get("lane"), at: f.opts.Now()}
	if e := q.Get("error"); e != "" {
		res.err = consentError(e, q.Get("error_description"))
	} else if res.code == "" {
		return callback{}, msg.New("That address carries no code. After you click Allow in Workfront, copy the whole address of the page you land on; it contains ?code=….")
	}
	f.accepted = true
	f.results <- res
	if res.err == nil {
		f.codeSeen <- res.at.Add(CodeValidity)
	}
	return res, nil
}

// statelessAllowed decides on a callback without state: refused, unless the
// connection opted in (its Workfront returns no state), exactly one sign-in
// is pending in this process, and the callback's domain and lane name the
// connection's host. A host that does not have the shape
// <domain>.<lane>.workfront.com (or .workfront.adobe.com), such as a
// loopback simulator, gives nothing to check them against, so a stateless
// callback is refused there even with the opt-in; pasting the address
// still works. Called with f.mu held.
func (f *Flow) statelessAllowed(q url.Values) error {
	if !f.cfg.AllowMissingState {
		return msg.New("This callback carried no state, so wfconnect cannot tell that it comes from the sign-in you started, and ignored it. Finish the sign-in in the browser tab wfconnect opened, or copy the address you land on after clicking Allow and paste it into wfconnect.")
	}
	if pendingFlows.Load() != 1 {
		return msg.New("The callback carried no state, and more than one sign-in is waiting, so wfconnect cannot tell which it belongs to. Cancel the other sign-ins and try again.")
	}
	domain, lane, ok := hostDomainLane(f.cfg.Host)
	if !ok || q.Get("domain") == "" || !strings.EqualFold(q.Get("domain"), domain) || !strings.EqualFold(q.Get("lane"), lane) {
		return msg.New("The callback carried no state, and its domain and lane do not name this connection's Workfront (%s), so wfconnect ignored it. Copy the address you land on after clicking Allow and paste it into wfconnect.", f.cfg.Host)
	}
	return nil
}

// hostDomainLane splits a Workfront instance host, https://<domain>.<lane>.workfront.com
// or …workfront.adobe.com, into its domain and lane; ok is false for any
// other host.
func hostDomainLane(host string) (domain, lane string, ok bool) {
	u, err := url.Parse(host)
	if err != nil {
		return "", "", false
	}
	name := strings.ToLower(u.Hostname())
	for _, suffix := range workfrontSuffixes {
		if prefix, found := strings.CutSuffix(name, suffix); found {
			parts := strings.Split(prefix, ".")
			if len(parts) == 2 && parts[0] != "" && parts[1] != "" {
				return parts[0], parts[1], true
			}
		}
	}
	return "", "", false
}

func consentError(code, description string) error {
	if code == "access_denied" {
		return msg.New("You denied access in Workfront, so wfconnect was not connected.").WithKind(ErrDenied)
	}
	if description != "" {
		return msg.New("Workfront reported an error: %s (%s).", description, code)
	}
	return msg.New("Workfront reported an error: %s.", code)
}

// SubmitPasted takes the address the browser landed on after consent (or
// just its ?query). Errors are for people; the flow keeps waiting.
func (f *Flow) SubmitPasted(raw string) error {
	raw = strings.TrimSpace(raw)
	garbage := msg.New("That doesn't look like the address Workfront sent you to. Copy the whole URL from the browser's address bar after you click Allow.")
	var query string
	switch {
	case strings.HasPrefix(raw, "?"):
		query = raw[1:]
	case strings.Contains(raw, "://"):
		u, err := url.Parse(raw)
		if err != nil {
			return garbage
		}
		query = u.RawQuery
	case strings.HasPrefix(raw, "code=") || strings.HasPrefix(raw, "error=") || strings.Contains(raw, "&code=") || strings.Contains(raw, "&error="):
		query = raw // just the query, without its "?"
	default:
		return garbage
	}
	q, err := url.ParseQuery(query)
	if err != nil || (q.Get("code") == "" && q.Get("error") == "") {
		if err == nil && query != "" {
			return msg.New("That address carries no code. After you click Allow in Workfront, copy the whole address of the page you land on; it contains ?code=….")
		}
		return garbage
	}
	_, err = f.accept(q, true)
	return err
}

// Wait waits for the callback (or a paste), exchanges the code once, and
// saves the tokens before returning them.
func (f *Flow) Wait(ctx context.Context) (*TokenSet, error) {
	defer f.finish()
	var res callback
	select {
	case res = <-f.results:
	case <-f.canceled:
		return nil, ErrCanceled
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-f.timedOut:
		f.mu.Lock()
		defer f.mu.Unlock()
		return nil, f.timeoutErrorLocked()
	}
	tokens, err := f.exchangeCode(ctx, res)
	f.mu.Lock()
	f.exchangeErr = err
	f.mu.Unlock()
	close(f.exchange)
	return tokens, err
}

func (f *Flow) exchangeCode(ctx context.Context, res callback) (*TokenSet, error) {
	if res.err != nil {
		return nil, res.err
	}
	deadline := res.at.Add(CodeValidity)
	if !f.opts.Now().Before(deadline) {
		return nil, msg.New("The authorization code expired (codes are valid for 2 minutes). Click Connect to try again.").WithKind(ErrCodeExpired)
	}
	parent := ctx
	ctx, cancel := context.WithDeadline(ctx, time.Now().Add(deadline.Sub(f.opts.Now())))
	defer cancel()
	start := time.Now()
	// The code is sent exactly once: no retry, even after a network error,
	// because Workfront may have used it up.
	tokens, err := tokenCall(ctx, f.cfg, f.opts.HTTPClient, f.opts.Now, func(ctx context.Context, conf *oauth2.Config) (*oauth2.Token, error) {
		var opts []oauth2.AuthCodeOption
		if f.verifier != "" {
			opts = append(opts, oauth2.VerifierOption(f.verifier))
		}
		return conf.Exchange(ctx, res.code, opts...)
	})
	if err != nil {
		f.opts.Log(fmt.Sprintf("POST %s (authorization_code) failed after %s", TokenPath, time.Since(start).Round(time.Millisecond)))
		if ctx.Err() == context.DeadlineExceeded && parent.Err() == nil {
			return nil, msg.New("The authorization code expired while it was being exchanged (codes are valid for 2 minutes). Click Connect to try again.")
		}
		return nil, err
	}
	f.opts.Log(fmt.Sprintf("POST %s (authorization_code) -> tokens in %s", TokenPath, time.Since(start).Round(time.Millisecond)))
	now := f.opts.Now()
	tokens.ObtainedAt = now
	tokens.Domain, tokens.Lane = res.domain, res.lane
	blob, err := json.Marshal(tokens)
	if err != nil {
		return nil, err
	}
	if err := f.store.SaveTokens(f.cfg.Profile, blob); err != nil {
		return nil, msg.New("Workfront accepted the sign-in, but the tokens could not be saved: %v", err).Because(err)
	}
	return tokens, nil
}
