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
	"syscall"
	"time"

	"github.com/gofrs/flock"

	"github.com/wfconnect/wfconnect/msg"
)

// A renewer is one way of getting a new access token. It runs under the
// profile's refresh lock, after the stored tokens were read again, and
// saves what it gets (Source.keep) before the token is handed to anyone.
// held is what the store holds: nil when nothing, a needs-consent marker
// when Workfront refused the last tokens.
type renewer interface {
	renew(ctx context.Context, s *Source, held *TokenSet) (string, error)
}

// renewerOf is the one place where a kind's renewal (KindSpec.Renew)
// chooses its way: renew_refresh.go, renew_jwt.go or renew_ims.go.
func renewerOf(r Renewal) renewer {
	switch r {
	case RenewJWT:
		return jwtRenewal{}
	case RenewClientCredentials:
		return clientCredentialsRenewal{}
	}
	return refreshTokenRenewal{} // RenewRefreshToken
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
	path := s.lockPath()
	if info, err := os.Lstat(path); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return nil, msg.New("The lock file %s is a symbolic link, which wfconnect does not follow (someone may have planted it). Delete it and try again.", path)
	}
	lock := flock.New(path, flock.SetFlag(lockOpenFlag))
	ok, err := lock.TryLockContext(ctx, 25*time.Millisecond)
	var pathErr *fs.PathError
	switch {
	case err != nil && isSymlinkRefusal(err):
		return nil, msg.New("The lock file %s is a symbolic link, which wfconnect does not follow (someone may have planted it). Delete it and try again.", path).Because(err)
	case errors.Is(err, syscall.EISDIR):
		return nil, msg.New("The lock file %s is not a regular file, so wfconnect does not use it. Delete it and try again.", path).Because(err)
	case errors.As(err, &pathErr):
		s.opts.Log(fmt.Sprintf("refresh: no cross-process lock (%v); refreshing without it", err))
		return func() {}, nil
	case err != nil || !ok:
		return nil, fmt.Errorf("waiting for another wfconnect to finish refreshing: %w", errors.Join(err, ctx.Err()))
	}
	// The file the lock holds open, not the path, which could be swapped.
	if info, err := lock.Stat(); err != nil || !info.Mode().IsRegular() {
		lock.Close()
		return nil, msg.New("The lock file %s is not a regular file, so wfconnect does not use it. Delete it and try again.", path)
	} else if !ownedByMe(info) {
		lock.Close()
		return nil, msg.New("The lock file %s belongs to another user, so wfconnect does not use it. Delete it and try again.", path)
	}
	return func() { lock.Close() }, nil
}

// refreshLocked renews once, under the cross-process lock: unless another
// process has already replaced stale, the kind's renewer gets a new token.
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
	if t != nil && !t.NeedsConsent && s.fresher(t, stale) {
		s.setCached(t)
		s.opts.Log("refresh: another wfconnect process already refreshed; using its token")
		return t.AccessToken, nil
	}
	return s.renewer.renew(ctx, s, t)
}

// fetchToken asks for a new token without a refresh token: a JWT exchange
// (exchangeJWT) or an IMS client-credentials request (imsToken).
type fetchToken func(ctx context.Context, cfg Config, client *http.Client, now func() time.Time) (*TokenSet, error)

// renewWithoutPerson is how the kinds that sign in by themselves renew:
// fetch a new token (what names the request in the log) and keep it,
// along with when the sign-in began. A refusal is not a dead sign-in:
// nothing is marked, and the next call tries again (after the profile is
// fixed).
func (s *Source) renewWithoutPerson(ctx context.Context, held *TokenSet, what string, fetch fetchToken) (string, error) {
	start := time.Now()
	fresh, err := fetch(ctx, s.cfg, s.opts.HTTPClient, s.opts.Now)
	if err != nil {
		s.opts.Log(fmt.Sprintf("POST %s failed in %s", what, time.Since(start).Round(time.Millisecond)))
		return "", err
	}
	now := s.opts.Now()
	fresh.ObtainedAt = now
	if held != nil && !held.ObtainedAt.IsZero() && !held.NeedsConsent {
		fresh.ObtainedAt, fresh.RefreshedAt = held.ObtainedAt, now
		if fresh.WID == "" {
			fresh.WID = held.WID
		}
	}
	s.keep(fresh, func(where string, err error) *msg.Error {
		return msg.New("Could not save the new token to the %s: %v. It is kept in memory for this session; the next run of wfconnect gets another one.", where, err)
	})
	s.opts.Log(fmt.Sprintf("POST %s -> new token in %s", what, time.Since(start).Round(time.Millisecond)))
	return fresh.AccessToken, nil
}

// keep saves new tokens and makes them the cached ones. When the store
// refuses them, they live in memory for this session, and Status says so.
// failure says so, given the store's name and its error; keep returns it
// (nil when saved).
func (s *Source) keep(next *TokenSet, failure func(where string, err error) *msg.Error) error {
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
		return problem
	}
	s.mu.Lock()
	s.memoryOnly = false
	s.cached = next
	s.gen++
	s.mu.Unlock()
	return nil
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
