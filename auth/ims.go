package auth

import (
	"net"
	"net/url"
	"strings"

	"github.com/wfconnect/wfconnect/msg"
)

// DefaultIMSURL is Adobe IMS's base URL for North America; other regions
// and tests give their own.
const DefaultIMSURL = "https://ims-na1.adobelogin.com"

// IMSTokenPath is appended to the IMS base URL for the token request.
const IMSTokenPath = "/ims/token/v3"

// IMSOrgHeader carries the IMS organization ID on every API call of an
// IMS connection.
const IMSOrgHeader = "x-gw-ims-org-id"

// DefaultIMSScopes are the scopes asked for when a profile names none.
const DefaultIMSScopes = "openid,AdobeID"

// NormalizeIMSURL checks an IMS base URL and returns it without a trailing
// slash or the token path: "" is DefaultIMSURL; https is required, except
// plain http on a loopback address (the simulator, tests).
func NormalizeIMSURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return DefaultIMSURL, nil
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "", msg.New("%q is not an IMS address; use https://ims-na1.adobelogin.com or your region's IMS host.", raw)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", msg.New("An IMS address has no user name, ?query or #fragment: use https://ims-na1.adobelogin.com or your region's IMS host.")
	}
	if u.Scheme == "http" {
		ip := net.ParseIP(u.Hostname())
		if ip == nil || !ip.IsLoopback() {
			return "", msg.New("The IMS address %s must use https (plain http only for a loopback address such as 127.0.0.1).", raw)
		}
	}
	path := strings.TrimSuffix(strings.TrimRight(u.Path, "/"), IMSTokenPath)
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host) + strings.TrimRight(path, "/"), nil
}

// ValidIMSOrg reports whether org looks like an IMS organization ID:
// letters and digits, then @AdobeOrg.
func ValidIMSOrg(org string) bool {
	id, ok := strings.CutSuffix(org, "@AdobeOrg")
	if !ok || id == "" {
		return false
	}
	for _, r := range id {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// NormalizeScopes writes scopes as Adobe's console lists them: comma
// separated, no spaces, no repeats; "" is DefaultIMSScopes.
func NormalizeScopes(s string) string {
	var out []string
	seen := map[string]bool{}
	for _, sc := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }) {
		if !seen[sc] {
			seen[sc] = true
			out = append(out, sc)
		}
	}
	if len(out) == 0 {
		return DefaultIMSScopes
	}
	return strings.Join(out, ",")
}
