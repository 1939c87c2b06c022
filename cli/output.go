package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/wfconnect/wfconnect/msg"
)

// What the commands write, shared: JSON for scripts, and the small pieces
// of text for people.

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
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

// shellQuote quotes one word for a POSIX shell: as it is when every
// character is one no shell treats specially, else in single quotes.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, shellSafe) == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// shellSafe are the characters a shell word may hold unquoted.
const shellSafe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./_-"

// shellLine joins words into one shell command, each quoted as it needs.
func shellLine(words ...string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = shellQuote(w)
	}
	return strings.Join(quoted, " ")
}

// quoteArg quotes a connection's name for a command people may copy into
// a shell.
func quoteArg(s string) string { return shellQuote(s) }

// dash stands in for an empty value in a table.
func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
