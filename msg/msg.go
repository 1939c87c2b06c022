// Package msg owns the shape of messages wfconnect shows to people: an
// error that keeps its English format and arguments, so the desktop app can
// show it in the person's language while the CLI and logs use the English.
// It imports nothing of ours and no Fyne.
package msg

import (
	"errors"
	"fmt"
)

// Error is a message for people. Format is the English text with fmt verbs;
// it is also the translation key.
type Error struct {
	Format string
	Args   []any
	Kind   error // a sentinel for errors.Is, or nil
	Cause  error // what went wrong underneath, or nil
}

// New makes a message.
func New(format string, args ...any) *Error { return &Error{Format: format, Args: args} }

// WithKind marks the message with a sentinel kind.
func (e *Error) WithKind(kind error) *Error { e.Kind = kind; return e }

// Because records the underlying error (kept for errors.Is/As, not shown).
func (e *Error) Because(cause error) *Error { e.Cause = cause; return e }

func (e *Error) Error() string { return fmt.Sprintf(e.Format, e.Args...) }

// Unwrap exposes the kind and the cause to errors.Is and errors.As.
func (e *Error) Unwrap() []error {
	var out []error
	if e.Kind != nil {
		out = append(out, e.Kind)
	}
	if e.Cause != nil {
		out = append(out, e.Cause)
	}
	return out
}

// Localize renders err for people: a message's format goes through
// translate, and messages among its arguments are localized too.
func Localize(err error, translate func(string) string) string {
	var e *Error
	if err == nil {
		return ""
	}
	if !errors.As(err, &e) {
		return err.Error()
	}
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		if inner, ok := a.(error); ok {
			a = Localize(inner, translate)
		}
		args[i] = a
	}
	return fmt.Sprintf(translate(e.Format), args...)
}
