// Package msg owns the shape of messages wfconnect shows to people: an
// error that keeps its English format and arguments, so the desktop app can
// show it in the person's language while the CLI and logs use the English.
// It imports nothing of ours and no Fyne.
package msg

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
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

func (e *Error) Error() string { return fmt.Sprintf(e.Format, cleanArgs(e.Args, nil)...) }

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
		return Clean(err.Error())
	}
	return fmt.Sprintf(translate(e.Format), cleanArgs(e.Args, translate)...)
}

// cleanArgs renders a message's arguments for people: text that may come
// from outside (a server's error description, a file's name) loses its
// control characters, and inner messages are localized when translate is set.
func cleanArgs(in []any, translate func(string) string) []any {
	out := make([]any, len(in))
	for i, a := range in {
		switch v := a.(type) {
		case error:
			if translate != nil {
				a = Clean(Localize(v, translate))
			} else {
				a = Clean(v.Error())
			}
		case string:
			a = Clean(v)
		case fmt.Stringer:
			a = Clean(v.String())
		}
		out[i] = a
	}
	return out
}

// Clean makes outside text safe to show in a terminal or a label: C0 and C1
// control characters (ESC among them) and DEL are dropped, so a crafted
// error text cannot retitle or clear a terminal or fake a line; tabs and line
// breaks (U+2028 and U+2029 too) become spaces; Unicode bidi controls and
// zero-width characters are dropped, so text cannot reorder or hide itself
// on screen; invalid UTF-8 becomes U+FFFD.
func Clean(s string) string { return clean(s, false) }

// CleanData is Clean for a data format that quotes its own line breaks and
// tabs (CSV): those are kept (a CR is dropped, so "\r\n" becomes "\n"),
// everything else a terminal would act on goes as in Clean.
func CleanData(s string) string { return clean(s, true) }

func clean(s string, keepLayout bool) string {
	safe := true
	for i := 0; i < len(s); i++ {
		if b := s[i]; b < 0x20 || b == 0x7f || b >= 0x80 {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case keepLayout && (r == '\t' || r == '\n'):
			b.WriteRune(r)
		case keepLayout && r == '\r':
		case r == '\t' || r == '\n' || r == '\r' || r == 0x2028 || r == 0x2029:
			b.WriteByte(' ')
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		case Invisible(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ShellQuote quotes one word for a POSIX shell: as it is when every
// character is one no shell treats specially, else in single quotes, so
// nothing a server or a file put there is read by the shell.
func ShellQuote(s string) string {
	if s != "" && strings.Trim(s, shellSafe) == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// shellSafe are the characters a shell word may hold unquoted.
const shellSafe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./_-"

// Invisible reports the characters that reorder or hide text on screen:
// the bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069)
// and the zero-width ones (U+200B–U+200D, U+2060–U+2064, U+FEFF).
func Invisible(r rune) bool {
	switch {
	case r == 0x061c, r >= 0x200b && r <= 0x200f, r >= 0x202a && r <= 0x202e,
		r >= 0x2060 && r <= 0x2064, r >= 0x2066 && r <= 0x2069, r == 0xfeff:
		return true
	}
	return false
}
