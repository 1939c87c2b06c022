package store

import (
	"errors"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/wfconnect/wfconnect/msg"
)

// Service is the keyring service name of every wfconnect secret.
const Service = "wfconnect"

// Secrets keeps secret strings by account name.
type Secrets interface {
	// Get returns found=false (and no error) when nothing is stored.
	Get(account string) (value string, found bool, err error)
	Set(account, value string) error
	Delete(account string) error
	// Where names the storage for people.
	Where() string
}

// Sentinels for errors.Is; the errors themselves are msg.Error messages for people.
var (
	ErrKeyringUnavailable = errors.New("keyring unavailable")
	ErrKeyringTimeout     = errors.New("keyring timeout")
	ErrTooBig             = errors.New("secret too big for the keyring")
)

// goKeyring is the OS keyring through go-keyring, with our messages.
type goKeyring struct{}

// NewKeyring is the OS keyring (Secret Service, Keychain, Credential
// Manager). Every call gives up after timeout, because go-keyring has none
// and a locked keyring may wait forever for a password prompt.
func NewKeyring(timeout time.Duration) Secrets {
	return WithTimeout(goKeyring{}, timeout)
}

func (goKeyring) Where() string {
	switch runtime.GOOS {
	case "darwin":
		return "macOS Keychain"
	case "windows":
		return "Windows Credential Manager"
	}
	return "system keyring (Secret Service)"
}

func (goKeyring) Get(account string) (string, bool, error) {
	v, err := keyring.Get(Service, account)
	if errors.Is(err, keyring.ErrNotFound) {
		return "", false, nil
	}
	if err != nil {
		return "", false, explain(err)
	}
	return v, true, nil
}

func (goKeyring) Set(account, value string) error {
	return explain(keyring.Set(Service, account, value))
}

func (goKeyring) Delete(account string) error {
	err := keyring.Delete(Service, account)
	if errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return explain(err)
}

// timeoutSecrets bounds every call of the Secrets it wraps.
type timeoutSecrets struct {
	inner   Secrets
	timeout time.Duration
}

// WithTimeout bounds each call of s: one that outlives timeout is abandoned
// (a keyring call cannot be interrupted) and reported as ErrKeyringTimeout.
func WithTimeout(s Secrets, timeout time.Duration) Secrets {
	if timeout <= 0 {
		timeout = 3 * time.Second
	}
	return timeoutSecrets{inner: s, timeout: timeout}
}

func (t timeoutSecrets) Where() string { return t.inner.Where() }

func (t timeoutSecrets) Get(account string) (string, bool, error) {
	type got struct {
		v     string
		found bool
	}
	r, err := withTimeout(t.timeout, func() (got, error) {
		v, found, err := t.inner.Get(account)
		return got{v, found}, err
	})
	return r.v, r.found, err
}

func (t timeoutSecrets) Set(account, value string) error {
	_, err := withTimeout(t.timeout, func() (struct{}, error) { return struct{}{}, t.inner.Set(account, value) })
	return err
}

func (t timeoutSecrets) Delete(account string) error {
	_, err := withTimeout(t.timeout, func() (struct{}, error) { return struct{}{}, t.inner.Delete(account) })
	return err
}

// withTimeout runs call in a goroutine and stops waiting after timeout.
func withTimeout[T any](timeout time.Duration, call func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := call()
		done <- result{v, err}
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.v, r.err
	case <-timer.C:
		var zero T
		return zero, msg.New("The system keyring did not answer within %s. It may be locked and waiting for a password: unlock it (for example in Passwords and Keys), or start gnome-keyring or KWallet.", timeout).WithKind(ErrKeyringTimeout)
	}
}

// explain turns go-keyring's and D-Bus's errors into words a person can act on.
// The messages never hold the secret value.
func explain(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, keyring.ErrSetDataTooBig):
		return msg.New("The secret is too large for this system's keyring (Windows and macOS limit the size of an entry).").WithKind(ErrTooBig).Because(err)
	}
	return msg.New("The system keyring is locked or not running (Secret Service). Unlock it, or start gnome-keyring or KWallet. (%s)", scrub(err.Error())).WithKind(ErrKeyringUnavailable).Because(err)
}

// scrub keeps an underlying error short; go-keyring's errors never hold the value.
func scrub(s string) string {
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return strings.TrimSpace(s)
}

type memorySecrets struct {
	mu sync.Mutex
	m  map[string]string
}

// NewMemory keeps secrets in this process only: an explicit choice, shown as such.
func NewMemory() Secrets { return &memorySecrets{m: map[string]string{}} }

func (m *memorySecrets) Where() string {
	return "memory (this session only; forgotten when the app quits)"
}

func (m *memorySecrets) Get(account string) (string, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.m[account]
	return v, ok, nil
}

func (m *memorySecrets) Set(account, value string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.m[account] = value
	return nil
}

func (m *memorySecrets) Delete(account string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.m, account)
	return nil
}

// Vault files a profile's secrets under one account per kind:
// "<profile>/client-secret", "<profile>/private-key" (a Machine to Machine
// app's RSA key, PEM), "<profile>/tokens" and "<profile>/local-http" (the
// plain-http loopback addresses it may use). It satisfies auth.TokenStore.
type Vault struct{ Secrets Secrets }

const (
	kindClientSecret = "client-secret"
	kindPrivateKey   = "private-key"
	kindTokens       = "tokens"
	kindLocalHTTP    = "local-http"
)

func account(profile, kind string) string { return profile + "/" + kind }

// ClientSecret returns the profile's client secret.
func (v Vault) ClientSecret(profile string) (string, bool, error) {
	return v.Secrets.Get(account(profile, kindClientSecret))
}

// SetClientSecret stores the profile's client secret.
func (v Vault) SetClientSecret(profile, secret string) error {
	return v.Secrets.Set(account(profile, kindClientSecret), secret)
}

// DeleteClientSecret forgets the profile's client secret.
func (v Vault) DeleteClientSecret(profile string) error {
	return v.Secrets.Delete(account(profile, kindClientSecret))
}

// PrivateKey returns the profile's PEM private key (Machine to Machine apps).
func (v Vault) PrivateKey(profile string) (string, bool, error) {
	return v.Secrets.Get(account(profile, kindPrivateKey))
}

// SetPrivateKey stores the profile's PEM private key.
func (v Vault) SetPrivateKey(profile, pem string) error {
	return v.Secrets.Set(account(profile, kindPrivateKey), pem)
}

// DeletePrivateKey forgets the profile's private key.
func (v Vault) DeletePrivateKey(profile string) error {
	return v.Secrets.Delete(account(profile, kindPrivateKey))
}

// LoadTokens returns the profile's token blob.
func (v Vault) LoadTokens(profile string) ([]byte, bool, error) {
	s, found, err := v.Secrets.Get(account(profile, kindTokens))
	return []byte(s), found, err
}

// SaveTokens stores the profile's token blob.
func (v Vault) SaveTokens(profile string, blob []byte) error {
	return v.Secrets.Set(account(profile, kindTokens), string(blob))
}

// DeleteTokens forgets the profile's tokens.
func (v Vault) DeleteTokens(profile string) error {
	return v.Secrets.Delete(account(profile, kindTokens))
}

// LocalHTTP returns the plain-http loopback addresses the profile was
// allowed to use when it was added or edited ("<profile>/local-http", one
// address a line). It lives in the keyring, not the profiles file, so that
// a line added to the file by hand cannot grant it.
func (v Vault) LocalHTTP(profile string) (string, bool, error) {
	return v.Secrets.Get(account(profile, kindLocalHTTP))
}

// SetLocalHTTP stores the profile's allowed plain-http loopback addresses.
func (v Vault) SetLocalHTTP(profile, addresses string) error {
	return v.Secrets.Set(account(profile, kindLocalHTTP), addresses)
}

// DeleteLocalHTTP forgets the profile's plain-http allowance.
func (v Vault) DeleteLocalHTTP(profile string) error {
	return v.Secrets.Delete(account(profile, kindLocalHTTP))
}

// Forget deletes every secret of the profile, trying each kind, and returns
// the first failure.
func (v Vault) Forget(profile string) error {
	errSecret := v.Secrets.Delete(account(profile, kindClientSecret))
	errKey := v.Secrets.Delete(account(profile, kindPrivateKey))
	errLocal := v.Secrets.Delete(account(profile, kindLocalHTTP))
	errTokens := v.Secrets.Delete(account(profile, kindTokens))
	for _, err := range []error{errSecret, errKey, errLocal} {
		if err != nil {
			return err
		}
	}
	return errTokens
}

// Where names the storage for people.
func (v Vault) Where() string { return v.Secrets.Where() }
