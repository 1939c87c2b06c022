package auth

import (
	"net"
	"net/url"
	"regexp"
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
// slash or the token path: "" is DefaultIMSURL; https to an Adobe IMS host
// (IsAdobeIMSHost) is required, except plain http on a loopback address
// (the simulator, tests; workspace's LocalHTTP rule says when).
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
	host := strings.ToLower(u.Host)
	switch strings.ToLower(u.Scheme) {
	case "http":
		ip := net.ParseIP(u.Hostname())
		if ip == nil || !ip.IsLoopback() {
			return "", msg.New("The IMS address %s must use https (plain http only for a loopback address such as 127.0.0.1).", raw)
		}
	default:
		// The client secret goes there: Adobe's IMS hosts only, never a
		// look-alike (ims-na1.adobelogin.com.evil.example) or an address
		// inside the network (169.254.169.254).
		if !IsAdobeIMSHost(u.Hostname()) || (u.Port() != "" && u.Port() != "443") {
			return "", msg.New("%s is not an Adobe IMS address: wfconnect sends the client secret only to Adobe IMS, at ims-<region>.adobelogin.com (like https://ims-na1.adobelogin.com).", raw)
		}
		host = strings.ToLower(u.Hostname())
	}
	path := strings.TrimSuffix(strings.TrimRight(u.Path, "/"), IMSTokenPath)
	return strings.ToLower(u.Scheme) + "://" + host + strings.TrimRight(path, "/"), nil
}

// adobeIMSHost is ims-<region>.adobelogin.com, the region two or three
// letters and a number (na1, eu1, jp1).
var adobeIMSHost = regexp.MustCompile(`^ims-[a-z]{2,3}[0-9]{1,2}\.adobelogin\.com$`)

// IsAdobeIMSHost reports whether host (no port) is one of Adobe IMS's.
func IsAdobeIMSHost(host string) bool { return adobeIMSHost.MatchString(strings.ToLower(host)) }

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
