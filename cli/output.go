package cli

import (
	"encoding/json"
	"io"
	"strings"
)

// What the commands write, shared: JSON for scripts, and the small pieces
// of text for people.

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// quoteArg quotes a connection's name for a command people may copy into
// a shell.
func quoteArg(s string) string {
	if strings.ContainsAny(s, " \t'\"$`\\") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}

// dash stands in for an empty value in a table.
func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
