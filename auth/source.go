package auth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gofrs/flock"
	"golang.org/x/oauth2"

	"github.com/wfconnect/wfconnect/msg"
)

// SourceOptions tunes a token source.
type SourceOptions struct {
	LockDir     string // where per-profile lock files live; "" disables the cross-process lock
	Now         func() time.Time
	HTTPClient  *http.Client
	RefreshSkew time.Duration // refresh this long before a known expiry; default 60 s
	Log         func(string)
}

// Source hands out a valid sessionID for one profile, refreshing when
// needed: once at a time in the process and, through a file lock, across
// processes. A rotated refresh token is saved before the new access token is
// handed to anyone.
type Source struct {
	cfg   Config
	store TokenStore
	opts  SourceOptions

	mu         sync.Mutex
	cached     *TokenSet
	flight     *refreshCall
	refreshing bool
	lastErr    error
	memoryOnly bool   // the store refused the newest tokens; they live here only
	gen        uint64 // bumped whenever a refresh (or a marker) replaces cached
}

type refreshCall struct {
	done chan struct{}
	tok  string
	err  error
}

// NewSource makes the token source of one profile.
func NewSource(cfg Config, store TokenStore, opts SourceOptions) *Source {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.RefreshSkew == 0 {
		opts.RefreshSkew = 60 * time.Second
	}
	if opts.Log == nil {
		opts.Log = func(string) {}
	}
	return &Source{cfg: cfg, store: store, opts: opts}
}

// readStore loads the stored tokens (nil when none).
func (s *Source) readStore() (*TokenSet, error) {
	blob, found, err := s.store.LoadTokens(s.cfg.Profile)
	if err != nil || !found {
		return nil, err
	}
	var t TokenSet
	if err := json.Unmarshal(blob, &t); err != nil {
		// Only a new sign-in can mend them, as with a dead refresh token.
		return nil, msg.New("The saved tokens of %s are damaged, so wfconnect cannot use them. Connect again.", s.cfg.Profile).WithKind(ErrNeedsConsent).Because(err)
	}
	return &t, nil
}

// current returns the tokens in memory, reading the store the first time.
// A needs-consent marker is re-read each time, so a new sign-in (saved by
// a Flow, perhaps in another process) is picked up.
func (s *Source) current() (*TokenSet, error) {
	s.mu.Lock()
	if s.cached != nil && (!s.cached.NeedsConsent || s.memoryOnly) {
		t := s.cached
		s.mu.Unlock()
		return t, nil
	}
	gen := s.gen
	s.mu.Unlock()
	t, err := s.readStore()
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.gen == gen && !s.memoryOnly {
		s.cached = t
	}
	if s.cached == nil {
		return t, nil
	}
	return s.cached, nil
}

// usable: held, and not within the refresh lead of a known expiry. The lead
// is RefreshSkew, or a quarter of the token's life when that is shorter.
func (s *Source) usable(t *TokenSet) bool {
	if t == nil || t.AccessToken == "" {
		return false
	}
	if t.Expiry.IsZero() {
		return true
	}
	skew := s.opts.RefreshSkew
	issued := t.RefreshedAt
	if issued.IsZero() {
		issued = t.ObtainedAt
	}
	if life := t.Expiry.Sub(issued); life > 0 && skew > life/4 {
		skew = life / 4
	}
	return s.opts.Now().Add(skew).Before(t.Expiry)
}

// fresher reports whether t replaced the stale token and has not expired:
// someone else refreshed, and their token is good enough to use.
func (s *Source) fresher(t *TokenSet, stale string) bool {
	return t != nil && t.AccessToken != "" && t.AccessToken != stale && (t.Expiry.IsZero() || s.opts.Now().Before(t.Expiry))
}

func (s *Source) needsConsentError() error {
	return msg.New("Workfront no longer accepts the saved sign-in for %s (the refresh token expired or was revoked). Connect again.", s.cfg.Profile).WithKind(ErrNeedsConsent)
}

func (s *Source) notConnectedError() error {
	return msg.New("%s is not connected.", s.cfg.Profile).WithKind(ErrNotConnected)
}

// Token returns a valid sessionID: the stored one while it is known to be
// valid (or its expiry is unknown), else a refreshed one.
func (s *Source) Token(ctx context.Context) (string, error) {
	t, err := s.current()
	switch {
	case err != nil:
		return "", err
	case t == nil && !s.cfg.AppType.Interactive():
		return s.Refresh(ctx, "") // a JWT or IMS connection signs in by itself
	case t == nil:
		return "", s.notConnectedError()
	case t.NeedsConsent && !s.cfg.AppType.Interactive():
		return s.Refresh(ctx, "")
	case t.NeedsConsent:
		return "", s.needsConsentError()
	case s.usable(t):
		return t.AccessToken, nil
	}
	return s.Refresh(ctx, t.AccessToken)
}

// SignIn gets a new access token now, for the kinds that sign in without a
// person (JWT, IMS): single flight, in the process and across processes,
// like a refresh. Browser kinds get an error: they sign in through Begin.
func (s *Source) SignIn(ctx context.Context) (string, error) {
	if s.cfg.AppType.Interactive() {
		return "", msg.New("The connection %s signs in through the browser.", s.cfg.Profile)
	}
	stale := ""
	if t, err := s.current(); err == nil && t != nil {
		stale = t.AccessToken
	}
	return s.Refresh(ctx, stale)
}

// ExtraHeaders are the headers every API call of this connection carries
// besides the token's: x-gw-ims-org-id for an IMS connection, none else.
func (s *Source) ExtraHeaders() [][2]string {
	if s.cfg.AppType.Spec().NeedsIMSOrg && s.cfg.IMSOrg != "" {
		return [][2]string{{IMSOrgHeader, s.cfg.IMSOrg}}
	}
	return nil
}

// HeaderFor says how to send token to Workfront: ("Authorization",
// "Bearer "+token) when Workfront's token answer called its tokens Bearer,
// else ("sessionID", token), Workfront's own header. The type is the one
// of the tokens last stored or refreshed.
func (s *Source) HeaderFor(token string) (name, value string) {
	s.mu.Lock()
	t := s.cached
	s.mu.Unlock()
	if t == nil {
		t, _ = s.current()
	}
	if t != nil && isBearer(t.TokenType) {
		return "Authorization", "Bearer " + token
	}
	return "sessionID", token
}

// Refresh is called after Workfront refused `stale`. If another caller has
// already replaced it, the newer token is returned; otherwise one refresh
// runs for everyone waiting.
func (s *Source) Refresh(ctx context.Context, stale string) (string, error) {
	s.mu.Lock()
	if s.fresher(s.cached, stale) {
		tok := s.cached.AccessToken
		s.mu.Unlock()
		return tok, nil
	}
	if c := s.flight; c != nil {
		s.mu.Unlock()
		select {
		case <-c.done:
			return c.tok, c.err
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
	c := &refreshCall{done: make(chan struct{})}
	s.flight = c
	s.refreshing = true
	s.mu.Unlock()

	// The refresh runs to its end even when every caller stops waiting:
	// once the request is at Workfront, rotation has killed the old refresh
	// token there, and only finishing (and saving) keeps the new one.
	go func() {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), refreshLimit)
		defer cancel()
		tok, err := s.refreshLocked(rctx, stale)
		s.mu.Lock()
		c.tok, c.err = tok, err
		s.flight = nil
		s.refreshing = false
		if err != nil {
			s.lastErr = err
		} else if !s.memoryOnly {
			s.lastErr = nil
		}
		s.mu.Unlock()
		close(c.done)
	}()
	select {
	case <-c.done:
		return c.tok, c.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// Settle waits (until ctx ends) for a refresh in flight to finish, so a
// process about to exit keeps the refresh token Workfront just rotated.
func (s *Source) Settle(ctx context.Context) {
	s.mu.Lock()
	c := s.flight
	s.mu.Unlock()
	if c == nil {
		return
	}
	select {
	case <-c.done:
	case <-ctx.Done():
	}
}

// refreshLimit bounds a refresh that no caller waits for any more: the
// cross-process lock plus one token request.
const refreshLimit = 2 * time.Minute

// lockPath is the per-profile lock file; the name is hashed so any profile
// name is safe on disk.
func (s *Source) lockPath() string {
	sum := sha256.Sum256([]byte(s.cfg.Profile))
	return filepath.Join(s.opts.LockDir, "locks", hex.EncodeToString(sum[:8])+".lock")
}

// lockAcrossProcesses takes the profile's refresh lock. When the lock file
// cannot even be created (a read-only or full config disk), the refresh
// goes ahead without it: the tokens live in the keyring, and refusing to
// refresh would cut the person off.
func (s *Source) lockAcrossProcesses(ctx context.Context) (unlock func(), err error) {
	if err := os.MkdirAll(filepath.Dir(s.lockPath()), 0o700); err != nil {
		s.opts.Log(fmt.Sprintf("refresh: no cross-process lock (%v); refreshing without it", err))
		return func() {}, nil
	}
	lock := flock.New(s.lockPath())
	ok, err := lock.TryLockContext(ctx, 25*time.Millisecond)
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		s.opts.Log(fmt.Sprintf("refresh: no cross-process lock (%v); refreshing without it", err))
		return func() {}, nil
	}
	if err != nil || !ok {
		return nil, fmt.Errorf("waiting for another wfconnect to finish refreshing: %w", errors.Join(err, ctx.Err()))
	}
	return func() { lock.Unlock() }, nil
}

func (s *Source) refreshLocked(ctx context.Context, stale string) (string, error) {
	if s.opts.LockDir != "" {
		unlock, err := s.lockAcrossProcesses(ctx)
		if err != nil {
			return "", err
		}
		defer unlock()
	}
	// Another process may have refreshed while we waited: re-read.
	t, err := s.readStore()
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	if s.memoryOnly && s.cached != nil {
		t = s.cached // the store could not take our newest tokens
	}
	s.mu.Unlock()
	byItself := !s.cfg.AppType.Interactive()
	switch {
	case t == nil && byItself, t != nil && t.NeedsConsent && byItself:
		return s.renewByItself(ctx, nil)
	case t == nil:
		s.setCached(nil)
		return "", s.notConnectedError()
	case t.NeedsConsent:
		s.setCached(t)
		return "", s.needsConsentError()
	case s.fresher(t, stale):
		s.setCached(t)
		s.opts.Log("refresh: another wfconnect process already refreshed; using its token")
		return t.AccessToken, nil
	case byItself:
		return s.renewByItself(ctx, t)
	case t.RefreshToken == "":
		return "", s.markNeedsConsent(t)
	}

	start := time.Now()
	fresh, err := tokenCall(ctx, s.cfg, s.opts.HTTPClient, s.opts.Now, func(ctx context.Context, conf *oauth2.Config) (*oauth2.Token, error) {
		return conf.TokenSource(ctx, &oauth2.Token{RefreshToken: t.RefreshToken}).Token()
	})
	if err != nil {
		var te *TokenError
		if errors.As(err, &te) && te.dead() {
			s.opts.Log(fmt.Sprintf("POST %s (refresh_token) -> %d in %s: the refresh token is dead", TokenPath, te.Status, time.Since(start).Round(time.Millisecond)))
			return "", s.markNeedsConsent(t)
		}
		s.opts.Log(fmt.Sprintf("POST %s (refresh_token) failed in %s; tokens kept", TokenPath, time.Since(start).Round(time.Millisecond)))
		return "", msg.New("Could not refresh the sign-in of %s; the saved tokens are kept and the refresh will be tried again. %v", s.cfg.Profile, err).Because(err)
	}
	next := *t
	next.AccessToken = fresh.AccessToken
	if fresh.TokenType != "" {
		next.TokenType = fresh.TokenType
	}
	next.Expiry = fresh.Expiry
	next.RefreshedAt = s.opts.Now()
	if fresh.WID != "" {
		next.WID = fresh.WID
	}
	rotated := fresh.RefreshToken != "" && fresh.RefreshToken != t.RefreshToken
	if fresh.RefreshToken != "" {
		next.RefreshToken = fresh.RefreshToken
	}
	next.RotationSeen = t.RotationSeen || rotated
	// Save before anyone sees the new access token: with rotation on, the
	// old refresh token is already dead.
	s.keep(&next, func(where string, err error) *msg.Error {
		return msg.New("Could not save the new refresh token to the %s: %v. It is kept in memory for this session; if you quit now you will have to connect again.", where, err)
	})
	s.opts.Log(fmt.Sprintf("POST %s (refresh_token) -> new sessionID in %s (rotation: %v)", TokenPath, time.Since(start).Round(time.Millisecond), rotated))
	return next.AccessToken, nil
}

// keep saves new tokens and makes them the cached ones. When the store
// refuses them, they live in memory for this session, and Status says so.
// failure says so, given the store's name and its error.
func (s *Source) keep(next *TokenSet, failure func(where string, err error) *msg.Error) {
	blob, _ := json.Marshal(next)
	if err := s.store.SaveTokens(s.cfg.Profile, blob); err != nil {
		problem := failure(s.store.Where(), err).Because(err)
		s.opts.Log("refresh: " + problem.Error())
		s.mu.Lock()
		s.memoryOnly = true
		s.lastErr = problem
		s.cached = next
		s.gen++
		s.mu.Unlock()
		return
	}
	s.mu.Lock()
	s.memoryOnly = false
	s.cached = next
	s.gen++
	s.mu.Unlock()
}

// renewByItself gets a new token the way the kind does without a person:
// a new signed JWT exchanged at Workfront, or a new client-credentials
// token from Adobe IMS. A refusal is not a dead sign-in: nothing is
// marked, and the next call tries again (after the profile is fixed).
func (s *Source) renewByItself(ctx context.Context, t *TokenSet) (string, error) {
	start := time.Now()
	var fresh *TokenSet
	var err error
	what := JWTExchangePath
	switch s.cfg.AppType.Spec().Renew {
	case RenewJWT:
		fresh, err = exchangeJWT(ctx, s.cfg, s.opts.HTTPClient, s.opts.Now)
	case RenewClientCredentials:
		what = IMSTokenPath + " (client_credentials)"
		fresh, err = imsToken(ctx, s.cfg, s.opts.HTTPClient, s.opts.Now)
	default:
		return "", fmt.Errorf("auth: %s cannot renew by itself", s.cfg.AppType)
	}
	if err != nil {
		s.opts.Log(fmt.Sprintf("POST %s failed in %s", what, time.Since(start).Round(time.Millisecond)))
		return "", err
	}
	now := s.opts.Now()
	fresh.ObtainedAt = now
	if t != nil && !t.ObtainedAt.IsZero() && !t.NeedsConsent {
		fresh.ObtainedAt, fresh.RefreshedAt = t.ObtainedAt, now
		if fresh.WID == "" {
			fresh.WID = t.WID
		}
	}
	s.keep(fresh, func(where string, err error) *msg.Error {
		return msg.New("Could not save the new token to the %s: %v. It is kept in memory for this session; the next run of wfconnect gets another one.", where, err)
	})
	s.opts.Log(fmt.Sprintf("POST %s -> new token in %s", what, time.Since(start).Round(time.Millisecond)))
	return fresh.AccessToken, nil
}

func (s *Source) setCached(t *TokenSet) {
	s.mu.Lock()
	s.cached = t
	s.gen++
	s.mu.Unlock()
}

// markNeedsConsent clears the dead tokens, keeping a marker so every process
// reports needs_consent until the person connects again.
func (s *Source) markNeedsConsent(t *TokenSet) error {
	marker := &TokenSet{NeedsConsent: true, WID: t.WID, ObtainedAt: t.ObtainedAt, RefreshedAt: t.RefreshedAt, RotationSeen: t.RotationSeen}
	blob, _ := json.Marshal(marker)
	saved := s.store.SaveTokens(s.cfg.Profile, blob)
	if saved != nil {
		s.opts.Log("could not clear the dead tokens: " + msg.Clean(saved.Error()))
	}
	s.mu.Lock()
	s.cached = marker
	s.gen++
	// Saved: the store holds the truth again. Not saved: remember the
	// verdict here, so this process does not retry a dead token.
	s.memoryOnly = saved != nil
	s.mu.Unlock()
	return s.needsConsentError()
}

// Status reads the stored tokens afresh (another process may have changed
// them) and says what state they are in. It never refreshes.
func (s *Source) Status(ctx context.Context) Status {
	s.mu.Lock()
	gen := s.gen
	s.mu.Unlock()
	t, err := s.readStore()
	s.mu.Lock()
	switch {
	case s.memoryOnly && s.cached != nil:
		t = s.cached
	case s.gen != gen:
		t = s.cached // a refresh finished while we read: it is newer
	case err == nil:
		s.cached = t
	case errors.Is(err, ErrNeedsConsent):
		t = &TokenSet{NeedsConsent: true}
	}
	refreshing, lastErr := s.refreshing, s.lastErr
	s.mu.Unlock()
	st := StatusFromTokens(s.cfg, t, s.opts.Now(), s.store.Where())
	if err != nil && t == nil {
		st.State = StateUnknown // not "not connected": the tokens may well be there
	}
	st.Refreshing = refreshing
	st.LastErr = lastErr
	if err != nil {
		st.LastErr = err
	}
	if st.LastErr != nil {
		st.LastError = st.LastErr.Error()
	}
	return st
}

// Disconnect forgets the tokens.
func (s *Source) Disconnect(ctx context.Context) error {
	s.mu.Lock()
	s.cached, s.memoryOnly, s.lastErr = nil, false, nil
	s.gen++
	s.mu.Unlock()
	return s.store.DeleteTokens(s.cfg.Profile)
}

// StatusFromTokens describes tokens for people and scripts.
func StatusFromTokens(cfg Config, t *TokenSet, now time.Time, where string) Status {
	st := Status{Profile: cfg.Profile, Host: cfg.Host, Kind: cfg.AppType, State: StateNotConnected, Storage: where}
	if t == nil {
		return st
	}
	st.WID, st.ObtainedAt, st.RefreshedAt, st.RotationSeen = t.WID, t.ObtainedAt, t.RefreshedAt, t.RotationSeen
	switch {
	case t.NeedsConsent:
		st.State = StateNeedsConsent
	case t.AccessToken == "":
		st.State = StateNotConnected
	case !t.Expiry.IsZero() && !now.Before(t.Expiry) && (t.RefreshToken != "" || !cfg.AppType.Interactive()):
		st.State = StateExpired // renewed on next use
	case !t.Expiry.IsZero() && !now.Before(t.Expiry):
		st.State = StateNeedsConsent
	default:
		st.State = StateConnected
	}
	st.AccessExpiresAt = t.Expiry
	st.HasRefreshToken = t.RefreshToken != ""
	return st
}
