package store

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/zalando/go-keyring"
)

// Service is the keyring service name of every wfconnect secret.
const Service = "wfconnect"

// DefaultKeyringTimeout bounds every keyring call when NewKeyring gets 0.
const DefaultKeyringTimeout = 3 * time.Second

type keyringSecrets struct{ timeout time.Duration }

// NewKeyring is the OS keyring through go-keyring: the Secret Service
// (gnome-keyring, KWallet) on Linux, the Keychain on macOS, the Credential
// Manager on Windows. go-keyring has no timeout and a locked keyring may wait
// forever for a password, so every call gives up after timeout (<= 0: 3 s)
// with ErrKeyringTimeout. Errors are *Error values written for people; they
// never hold the secret.
func NewKeyring(timeout time.Duration) Secrets {
	if timeout <= 0 {
		timeout = DefaultKeyringTimeout
	}
	return keyringSecrets{timeout: timeout}
}

func (k keyringSecrets) Where() string { return keyringWhere(runtime.GOOS) }

func keyringWhere(goos string) string {
	switch goos {
	case "darwin":
		return "macOS Keychain"
	case "windows":
		return "Windows Credential Manager"
	}
	return "system keyring (Secret Service)"
}

func (k keyringSecrets) Get(account string) (string, bool, error) {
	v, err := withTimeout(k.timeout, func() (string, error) { return keyring.Get(Service, account) })
	if errors.Is(err, keyring.ErrNotFound) {
		return "", false, nil
	}
	if err != nil {
		return "", false, explain(err, 0)
	}
	return v, true, nil
}

func (k keyringSecrets) Set(account, value string) error {
	_, err := withTimeout(k.timeout, func() (struct{}, error) {
		return struct{}{}, keyring.Set(Service, account, value)
	})
	return explain(err, len(value))
}

func (k keyringSecrets) Delete(account string) error {
	_, err := withTimeout(k.timeout, func() (struct{}, error) {
		return struct{}{}, keyring.Delete(Service, account)
	})
	if errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return explain(err, 0)
}

// withTimeout runs call in a goroutine and waits at most timeout. A call
// that outlives the timeout cannot be interrupted: it is abandoned, and its
// result, when it comes, is dropped.
func withTimeout[T any](timeout time.Duration, call func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1) // buffered: an abandoned call never blocks
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
		return zero, timeoutError(runtime.GOOS, timeout)
	}
}

func timeoutError(goos string, timeout time.Duration) error {
	var msg string
	switch goos {
	case "darwin":
		msg = fmt.Sprintf("The macOS Keychain did not answer within %s. It may be locked and waiting for your password: unlock it in Keychain Access and try again.", timeout)
	case "windows":
		msg = fmt.Sprintf("Windows Credential Manager did not answer within %s. Try again.", timeout)
	default:
		msg = fmt.Sprintf("The system keyring did not answer within %s. It may be locked and waiting for a password: unlock it (e.g. in Passwords and Keys), or start gnome-keyring or KWallet.", timeout)
	}
	return &Error{Kind: ErrKeyringTimeout, Message: msg}
}

// UnavailableMessage is what a person reads when the Secret Service is
// missing or locked.
const UnavailableMessage = "The system keyring is locked or not running (Secret Service). Unlock it, or start gnome-keyring or KWallet."

// explain turns go-keyring's and D-Bus's errors into words a person can act
// on. size is the length of the secret being stored, if any; the secret
// itself is never seen here.
func explain(err error, size int) error {
	var mine *Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &mine):
		return err
	case errors.Is(err, keyring.ErrSetDataTooBig):
		return &Error{Kind: ErrTooBig, Err: err, Message: fmt.Sprintf(
			"The secret is too large for this system's keyring (%d bytes; the macOS Keychain and Windows Credential Manager limit the size of an entry).", size)}
	}
	msg := UnavailableMessage
	switch runtime.GOOS {
	case "darwin":
		msg = "The macOS Keychain is locked or refused access. Unlock it in Keychain Access and try again."
	case "windows":
		msg = "Windows Credential Manager refused access."
	}
	// Everything else on Linux comes from D-Bus: no session bus,
	// org.freedesktop.secrets not provided, a locked collection whose unlock
	// prompt was dismissed or could not be shown. The cause is kept short
	// for the curious; go-keyring and D-Bus never put the secret in it.
	return &Error{Kind: ErrKeyringUnavailable, Err: err, Message: msg + " (" + short(err.Error()) + ")"}
}

func short(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 200 {
		s = string(r[:200]) + "…"
	}
	return s
}
