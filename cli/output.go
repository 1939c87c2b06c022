package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/wfconnect/wfconnect/msg"
)

// What the commands write, shared: JSON for scripts, and the small pieces
// of text for people.

func writeJSON(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(jsonSafe(b.Bytes()))
	return err
}

// jsonSafe is encoded JSON with the characters a terminal acts on that
// encoding/json leaves as they are (C1 controls, bidi and zero-width
// characters) written as \u escapes: the same JSON to a parser, nothing
// for a terminal. They can only be inside strings, where an escape means
// the same character.
func jsonSafe(b []byte) []byte {
	if !bytes.ContainsFunc(b, func(r rune) bool { return r >= 0x80 && r <= 0x9f || msg.Invisible(r) }) {
		return b
	}
	var out bytes.Buffer
	out.Grow(len(b) + 16)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r >= 0x80 && r <= 0x9f || msg.Invisible(r) {
			fmt.Fprintf(&out, `\u%04x`, r)
		} else {
			out.Write(b[:size])
		}
		b = b[size:]
	}
	return out.Bytes()
}

// printText writes text for people to w. Every string and error argument
// (a value a server or the profiles file may control) is cleaned of control
// characters and escapes first (msg.Clean), so the format's own tabs and
// line breaks are the only ones. Text for people goes through here or
// c.say; only --json, which escapes, does not.
func printText(w io.Writer, format string, args ...any) {
	fmt.Fprintf(w, format, cleanArgs(args)...)
}

// cleanArgs are args with their strings and errors cleaned for a terminal.
func cleanArgs(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case string:
			out[i] = msg.Clean(v)
		case error:
			out[i] = msg.Clean(v.Error())
		default:
			out[i] = a
		}
	}
	return out
}

// shellLine joins words into one shell command, each quoted as it needs.
func shellLine(words ...string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = msg.ShellQuote(w)
	}
	return strings.Join(quoted, " ")
}

// quoteArg quotes a connection's name for a command people may copy into
// a shell.
func quoteArg(s string) string { return msg.ShellQuote(s) }

// dash stands in for an empty value in a table.
func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
