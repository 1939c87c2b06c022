// Package store owns what wfconnect keeps on the machine: the profiles file
// and the secrets.
//
// The profiles file is JSON ({"schema":1,"profiles":[...]}) in ConfigDir(),
// written atomically with mode 0600, and it never holds a secret. The secrets
// (client secrets and token sets) live in the OS keyring (Secret Service,
// macOS Keychain or Windows Credential Manager), where every call is bounded
// by a timeout, or, as an explicit choice, in memory for this session only.
// There is no plaintext fallback.
//
// store imports nothing of wfconnect's and no Fyne; Vault has the method set
// of auth.TokenStore.
package store

import "errors"

// Sentinels for errors.Is. The errors this package returns wrap them in an
// *Error whose message is written for people.
var (
	// ErrDuplicateName: a connection with that name (ignoring case) exists.
	ErrDuplicateName = errors.New("duplicate connection name")
	// ErrNoProfile: no connection has that name.
	ErrNoProfile = errors.New("no such connection")
	// ErrNoName: a connection needs a name.
	ErrNoName = errors.New("connection without a name")
	// ErrSaveFailed: the profiles file could not be written; the old one is intact.
	ErrSaveFailed = errors.New("could not save the profiles file")

	// ErrKeyringUnavailable: the Secret Service is missing, locked, or refused.
	ErrKeyringUnavailable = errors.New("keyring unavailable")
	// ErrKeyringTimeout: the keyring did not answer in time (often: locked, waiting for a password).
	ErrKeyringTimeout = errors.New("keyring timeout")
	// ErrTooBig: the secret is larger than the keyring accepts.
	ErrTooBig = errors.New("secret too big for the keyring")
)

// Error is a failure explained for people. Kind is one of the sentinels
// above (errors.Is matches it); Err is the underlying cause, if any
// (errors.Is and errors.As reach it through Unwrap). Message never holds a
// secret value.
type Error struct {
	Kind    error
	Message string
	Err     error
}

func (e *Error) Error() string { return e.Message }

// Is reports whether target is e's kind.
func (e *Error) Is(target error) bool { return target != nil && target == e.Kind }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }
