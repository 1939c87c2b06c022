package auth

import (
	"net"
	"net/url"
	"strconv"
	"strings"

	"github.com/wfconnect/wfconnect/msg"
)

// workfrontSuffixes are the parent domains of Workfront instances: classic
// and Unified Experience (WORKFRONT.md, "Hosts and lanes").
var workfrontSuffixes = []string{".workfront.adobe.com", ".workfront.com"}

// IsLoopbackHost reports whether host (without port) is 127.0.0.1, localhost or ::1.
func IsLoopbackHost(host string) bool {
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// NormalizeHost turns what a person types (or pastes) for their Workfront
// domain into a base URL: "acme" or a Workfront page's whole address →
// https://acme.my.workfront.com. Plain http is accepted only for loopback
// hosts (the simulator and tests).
func NormalizeHost(input string) (string, error) {
	s := strings.TrimSpace(input)
	if s == "" {
		return "", msg.New("Enter your Workfront domain, like acme or acme.my.workfront.com.")
	}
	raw := s
	if !strings.Contains(s, "://") {
		raw = "https://" + s
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "", msg.New("%q is not a web address. Enter your Workfront domain, like acme or acme.my.workfront.com.", s)
	}
	// A page's address copied from the browser is welcome: only its host
	// counts, so a path, ?query or #fragment after it is dropped.
	if u.User != nil {
		return "", msg.New("%q contains a user name; enter only the Workfront domain.", s)
	}
	scheme := strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if port != "" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return "", msg.New("%q has an invalid port.", s)
		}
	}
	if IsLoopbackHost(host) {
		if scheme != "http" && scheme != "https" {
			return "", msg.New("%q must start with http:// or https://.", s)
		}
		return scheme + "://" + strings.ToLower(u.Host), nil
	}
	if scheme != "https" {
		return "", msg.New("%q must use https: Workfront is only served over https (plain http is accepted for 127.0.0.1 and localhost only).", s)
	}
	if port == "443" {
		port = "" // https's own port: the same host
	}
	if port != "" {
		return "", msg.New("%q has a port; Workfront hosts have none.", s)
	}
	for _, label := range strings.Split(host, ".") {
		if !validLabel(label) {
			return "", msg.New("%q is not a valid domain name.", s)
		}
	}
	if !strings.Contains(host, ".") {
		host += ".my.workfront.com" // a bare domain lives on the production lane
	}
	for _, suffix := range workfrontSuffixes {
		if prefix, ok := strings.CutSuffix(host, suffix); ok {
			parts := strings.Split(prefix, ".")
			if len(parts) != 2 {
				return "", msg.New("%s is not a Workfront instance host: expected <domain>.<lane>%s, like acme.my%s.", host, suffix, suffix)
			}
			if parts[0] == "oauth" {
				return "", msg.New("%s is Workfront's central sign-in host, not your instance: use your own domain, like acme.my.workfront.com.", host)
			}
			return "https://" + host, nil
		}
	}
	return "", msg.New("%s is not a Workfront host: use your Workfront domain, like acme, acme.my.workfront.com or acme.my.workfront.adobe.com.", host)
}

func validLabel(l string) bool {
	if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for _, r := range l {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// IsLoopbackRedirect reports whether wfconnect can catch the callback itself.
func IsLoopbackRedirect(uri string) bool {
	u, err := url.Parse(uri)
	return err == nil && u.Scheme == "http" && IsLoopbackHost(u.Hostname())
}

// ValidateRedirectURI checks a redirect URI: an absolute http(s) URL without a
// fragment; http only on loopback, with an explicit port.
func ValidateRedirectURI(uri string) error {
	if strings.TrimSpace(uri) == "" {
		return msg.New("Enter the redirect URL registered in Workfront, e.g. http://127.0.0.1:8765/callback.")
	}
	u, err := url.Parse(uri)
	if err != nil || !u.IsAbs() || u.Host == "" {
		return msg.New("%q is not a full URL: it must start with http:// or https:// and name a host.", uri)
	}
	switch {
	case u.Fragment != "" || strings.Contains(uri, "#"):
		return msg.New("%q has a #fragment; a redirect URL cannot have one.", uri)
	case u.User != nil:
		return msg.New("%q contains a user name; remove it.", uri)
	case u.Scheme == "https":
		return nil
	case u.Scheme != "http":
		return msg.New("%q must use http (loopback) or https.", uri)
	case !IsLoopbackHost(u.Hostname()):
		return msg.New("%q uses plain http on a non-loopback host; use https, or a loopback URL like http://127.0.0.1:8765/callback.", uri)
	}
	port, err := strconv.Atoi(u.Port())
	if err != nil || port < 1 || port > 65535 {
		return msg.New("%q needs an explicit port between 1 and 65535 (e.g. http://127.0.0.1:8765/callback), because it must match the URL registered in Workfront exactly.", uri)
	}
	return nil
}
