package store

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/zalando/go-keyring"
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

// Sentinels for errors.Is; the errors themselves carry a message for people.
var (
	ErrKeyringUnavailable = errors.New("keyring unavailable")
	ErrKeyringTimeout     = errors.New("keyring timeout")
	ErrTooBig             = errors.New("secret too big for the keyring")
)

// KeyringError is a keyring failure explained for people. It never holds a
// secret value.
type KeyringError struct {
	Kind    error // one of the sentinels above
	Message string
	Cause   error
}

func (e *KeyringError) Error() string { return e.Message }

// Is lets errors.Is match the kind.
func (e *KeyringError) Is(target error) bool { return target == e.Kind }
func (e *KeyringError) Unwrap() error        { return e.Cause }

const unavailableMessage = "The system keyring is locked or not running (Secret Service). Unlock it, or start gnome-keyring or KWallet."

type keyringSecrets struct{ timeout time.Duration }

// NewKeyring is the OS keyring (Secret Service, Keychain, Credential
// Manager). Every call gives up after timeout, because go-keyring has none
// and a locked keyring may wait forever for a password prompt.
func NewKeyring(timeout time.Duration) Secrets {
	if timeout <= 0 {
		timeout = 3 * time.Second
	}
	return keyringSecrets{timeout: timeout}
}

func (k keyringSecrets) Where() string {
	switch runtime.GOOS {
	case "darwin":
		return "macOS Keychain"
	case "windows":
		return "Windows Credential Manager"
	}
	return "system keyring (Secret Service)"
}

// withTimeout runs call in a goroutine; a call that outlives the timeout is
// abandoned (it cannot be interrupted) and reported.
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
	select {
	case r := <-done:
		return r.v, r.err
	case <-time.After(timeout):
		var zero T
		return zero, &KeyringError{Kind: ErrKeyringTimeout, Message: fmt.Sprintf(
			"The system keyring did not answer within %s. It may be locked and waiting for a password: unlock it (for example in Passwords and Keys), or start gnome-keyring or KWallet.", timeout)}
	}
}

func (k keyringSecrets) Get(account string) (string, bool, error) {
	v, err := withTimeout(k.timeout, func() (string, error) { return keyring.Get(Service, account) })
	if errors.Is(err, keyring.ErrNotFound) {
		return "", false, nil
	}
	if err != nil {
		return "", false, explain(err)
	}
	return v, true, nil
}

func (k keyringSecrets) Set(account, value string) error {
	_, err := withTimeout(k.timeout, func() (struct{}, error) { return struct{}{}, keyring.Set(Service, account, value) })
	return explain(err)
}

func (k keyringSecrets) Delete(account string) error {
	_, err := withTimeout(k.timeout, func() (struct{}, error) { return struct{}{}, keyring.Delete(Service, account) })
	if errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return explain(err)
}

// explain turns go-keyring's and D-Bus's errors into words a person can act on.
func explain(err error) error {
	var ke *KeyringError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ke):
		return err
	case errors.Is(err, keyring.ErrSetDataTooBig):
		return &KeyringError{Kind: ErrTooBig, Cause: err,
			Message: "The secret is too large for this system's keyring (Windows and macOS limit the size of an entry)."}
	}
	return &KeyringError{Kind: ErrKeyringUnavailable, Cause: err, Message: unavailableMessage + " (" + scrub(err.Error()) + ")"}
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
// "<profile>/client-secret" and "<profile>/tokens". It satisfies auth.TokenStore.
type Vault struct{ Secrets Secrets }

const (
	kindClientSecret = "client-secret"
	kindTokens       = "tokens"
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

// Forget deletes every secret of the profile.
func (v Vault) Forget(profile string) error {
	return errors.Join(
		v.Secrets.Delete(account(profile, kindClientSecret)),
		v.Secrets.Delete(account(profile, kindTokens)),
	)
}

// Where names the storage for people.
func (v Vault) Where() string { return v.Secrets.Where() }
