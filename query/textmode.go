package query

import (
	"strings"

	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/workfront"
)

// Workfront's text mode is one API parameter per line, in the API's own
// syntax: status=CUR, status_Mod=in, OR:1:status=ONH,
// EXISTS:a:$$OBJCODE=TASK. Values may hold spaces, '=' and ':'.

// Limits on pasted text: a report's filter is a few dozen lines.
const (
	maxTextBytes = 64 << 10
	maxTextLines = 2000
)

// Line is a line kept as a raw parameter, and why (for people).
type Line struct {
	N    int
	Text string
	Why  string
}

// Parsed is text mode read: every line as a parameter, in order, the
// OR:n: and EXISTS:x: prefixes kept in the key; Kept names lines sent as
// they are that the rows cannot show as a field row.
type Parsed struct {
	Filters []workfront.Filter
	Kept    []Line
}

// notFilters are parameters that are not filters: paging, fields, sorts,
// groupings and the session, which a query sets by other means.
var notFilters = []string{"$$FIRST", "$$LIMIT", "fields", "method", "sessionID"}

// Parse reads text-mode lines. A line without '=' or with an empty key,
// and one that is a parameter but not a filter, is an error naming its
// line; blank lines are skipped.
func Parse(text string) (Parsed, error) {
	if len(text) > maxTextBytes {
		return Parsed{}, msg.New("The text is too long for a filter (%d KB; at most 64 KB).", len(text)>>10)
	}
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	if len(lines) > maxTextLines {
		return Parsed{}, msg.New("The text has %d lines; a filter has at most 2000.", len(lines))
	}
	var p Parsed
	for i, raw := range lines {
		line := strings.TrimSpace(raw)
		if line == "" {
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		key = strings.TrimSpace(key)
		if !ok || key == "" {
			return Parsed{}, msg.New("Line %d is not a filter: %q (write field=value, like status=CUR).", i+1, cut(line))
		}
		if bad := notAFilter(key); bad != "" {
			return Parsed{}, msg.New("Line %d is not a filter: %s is set by wfconnect, not in a filter.", i+1, bad)
		}
		f := workfront.Filter{Key: key, Value: value}
		p.Filters = append(p.Filters, f)
		if why := keptWhy(key); why != "" {
			p.Kept = append(p.Kept, Line{N: i + 1, Text: line, Why: why})
		}
	}
	return p, nil
}

// notAFilter names what a key sets, when it is not a filter ("" if it is).
func notAFilter(key string) string {
	field := stripPrefix(key)
	for _, n := range notFilters {
		if field == n {
			return n
		}
	}
	for _, suffix := range []string{"_Sort", "_GroupBy", "_AggFunc"} {
		if strings.HasSuffix(field, suffix) {
			return suffix
		}
	}
	return ""
}

// keptWhy says why a line cannot be a field row ("" when it can): a
// Workfront variable as the key, outside an EXISTS filter.
func keptWhy(key string) string {
	if strings.HasPrefix(key, "EXISTS:") {
		return ""
	}
	if strings.HasPrefix(stripPrefix(key), "$$") {
		return "a Workfront variable, not a field"
	}
	return ""
}

// KeptReasons are the words Line.Why can hold, for the translations.
func KeptReasons() []string { return []string{"a Workfront variable, not a field"} }

// stripPrefix is a key without its OR:n: and EXISTS:x: prefixes.
func stripPrefix(key string) string {
	for {
		switch {
		case strings.HasPrefix(key, "OR:"), strings.HasPrefix(key, "EXISTS:"):
			rest := key[strings.Index(key, ":")+1:]
			_, after, ok := strings.Cut(rest, ":")
			if !ok {
				return key
			}
			key = after
		default:
			return key
		}
	}
}

func cut(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}

// Format writes parameters as text mode, one per line, in order:
// Parse(Format(f)).Filters is f for any f Parse accepts.
func Format(filters []workfront.Filter) string {
	lines := make([]string, len(filters))
	for i, f := range filters {
		lines[i] = f.Key + "=" + strings.ReplaceAll(f.Value, "\n", " ")
	}
	return strings.Join(lines, "\n")
}
