package workspace

import "regexp"

// secretShapes match the places a secret could ride along in a log line:
// query or form parameters, JSON fields, and headers.
var secretShapes = regexp.MustCompile(`(?i)((?:access_token|refresh_token|client_secret|code_verifier|code|sessionID|password|apiKey)["']?\s*[:=]\s*["']?)([^\s&"',;]+)|(Authorization:\s*(?:Basic|Bearer)\s+)(\S+)`)

// Redact removes secrets from a log line. Every log line passes through it,
// in the one place the workspace writes the log (Options.Log's wrapper).
func Redact(line string) string {
	return secretShapes.ReplaceAllStringFunc(line, func(m string) string {
		sub := secretShapes.FindStringSubmatch(m)
		if sub[1] != "" {
			return sub[1] + "[redacted]"
		}
		return sub[3] + "[redacted]"
	})
}
