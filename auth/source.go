package auth

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"sync"
	"time"

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
	cfg     Config
	store   TokenStore
	opts    SourceOptions
	renewer renewer // the kind's way of renewing (renewerOf)

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
	return &Source{cfg: cfg, store: store, opts: opts, renewer: renewerOf(cfg.AppType.Spec().Renew)}
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

// HeaderFor says how to send token to Workfront, as the connection's kind
// says (Kind.HeaderFor): an IMS token always as Bearer; the others as the
// type of the tokens last stored or refreshed says.
func (s *Source) HeaderFor(token string) (name, value string) {
	s.mu.Lock()
	t := s.cached
	s.mu.Unlock()
	if t == nil {
		t, _ = s.current()
	}
	typ := ""
	if t != nil {
		typ = t.TokenType
	}
	return s.cfg.AppType.HeaderFor(typ, token)
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
