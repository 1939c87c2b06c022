package auth

import (
	"strings"
	"testing"
)

func TestNormalizeHost(t *testing.T) {
	ok := map[string]string{
		"acme":                                     "https://acme.my.workfront.com",
		"  Acme  ":                                 "https://acme.my.workfront.com",
		"acme.my.workfront.com":                    "https://acme.my.workfront.com",
		"ACME.MY.WORKFRONT.COM":                    "https://acme.my.workfront.com",
		"https://acme.preview.workfront.com/":      "https://acme.preview.workfront.com",
		"https://acme.preview.workfront.com":       "https://acme.preview.workfront.com",
		"acme.sb01.workfront.com":                  "https://acme.sb01.workfront.com",
		"acme.sb02.workfront.com/":                 "https://acme.sb02.workfront.com",
		"acme.my.workfront.adobe.com":              "https://acme.my.workfront.adobe.com",
		"https://acme.preview.workfront.adobe.com": "https://acme.preview.workfront.adobe.com",
		"my-org2":                             "https://my-org2.my.workfront.com",
		"http://127.0.0.1:8080":               "http://127.0.0.1:8080",
		"http://localhost:9000/":              "http://localhost:9000",
		"http://[::1]:7000":                   "http://[::1]:7000",
		"https://127.0.0.1:8443":              "https://127.0.0.1:8443",
		"HTTP://LOCALHOST:9000":               "http://localhost:9000",
		"http://127.0.0.1":                    "http://127.0.0.1",
		"https://acme.my.workfront.com:443":   "https://acme.my.workfront.com",
		"acme.sb01.workfront.adobe.com":       "https://acme.sb01.workfront.adobe.com",
		"\tacme.preview.workfront.adobe.com/": "https://acme.preview.workfront.adobe.com",
		// Whole page addresses, copied from the browser's address bar.
		"https://acme.my.workfront.com/project/5f00/overview?tab=tasks#top": "https://acme.my.workfront.com",
		"acme.my.workfront.com?x=1":                                         "https://acme.my.workfront.com",
		"acme.my.workfront.com#top":                                         "https://acme.my.workfront.com",
		"https://acme.my.workfront.com/?":                                   "https://acme.my.workfront.com",
		"https://acme.my.workfront.adobe.com/attask/api/v21.0/proj/search":  "https://acme.my.workfront.adobe.com",
		"http://127.0.0.1:8080/attask/api/v21.0":                            "http://127.0.0.1:8080",
	}
	for in, want := range ok {
		got, err := NormalizeHost(in)
		if err != nil || got != want {
			t.Errorf("NormalizeHost(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	bad := map[string]string{
		"":                                     "Enter your Workfront domain",
		"acme.example.com":                     "not a Workfront host",
		"http://acme.my.workfront.com":         "must use https",
		"https://user@acme.my.workfront.com":   "user name",
		"acme.my.workfront.com:8443":           "has a port",
		"oauth.my.workfront.com":               "central sign-in host",
		"a.b.c.my.workfront.com":               "not a Workfront instance host",
		"acme_corp":                            "not a valid domain name",
		"ftp://acme.my.workfront.com":          "must use https",
		"http://127.0.0.1:99999":               "invalid port",
		"workfront.com":                        "not a Workfront host",
		"oauth":                                "central sign-in host",
		"https://oauth.my.workfront.adobe.com": "central sign-in host",
		"acme corp":                            "not a web address",
		"acme.my.workfront.com.":               "not a valid domain name",
		"http://acme":                          "must use https",
		"https://acme.my.workfront.com.evil.example": "not a Workfront host",
		"   ":                               "Enter your Workfront domain",
		"https://acme\x00.my.workfront.com": "not a web address",
	}
	for in, want := range bad {
		_, err := NormalizeHost(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("NormalizeHost(%q) error = %v; want it to say %q", in, err, want)
		}
	}
}

func TestValidateRedirectURI(t *testing.T) {
	good := []string{"http://127.0.0.1:8765/callback", "http://localhost:8765/cb", "http://[::1]:8765/", "https://example.com/wf", "https://example.com:8443/cb?x=1",
		"HTTP://127.0.0.1:8765/callback", "https://127.0.0.1/cb", "https://[::1]:8443/cb", "http://127.0.0.1:65535/"}
	for _, u := range good {
		if err := ValidateRedirectURI(u); err != nil {
			t.Errorf("%q: %v", u, err)
		}
	}
	bad := map[string]string{
		"":                               "Enter the redirect URL",
		"/callback":                      "not a full URL",
		"http://127.0.0.1:8765/cb#x":     "fragment",
		"http://example.com/cb":          "non-loopback",
		"http://127.0.0.1/cb":            "explicit port",
		"http://127.0.0.1:0/cb":          "explicit port",
		"ftp://example.com/cb":           "http (loopback) or https",
		"https://user:pw@example.com/cb": "user name",
		"http://localhost/cb":            "explicit port",
		"http://[::1]:0/":                "explicit port",
		"http://127.0.0.1:65536/":        "between 1 and 65535",
		"javascript:alert(1)":            "not a full URL",
		"https:///cb":                    "not a full URL",
		"http://192.168.1.5:8765/cb":     "non-loopback",
	}
	for in, want := range bad {
		if err := ValidateRedirectURI(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ValidateRedirectURI(%q) = %v; want %q", in, err, want)
		}
	}
	if !IsLoopbackRedirect("http://localhost:1/x") || IsLoopbackRedirect("https://127.0.0.1:1/x") || IsLoopbackRedirect("https://example.com/x") {
		t.Error("IsLoopbackRedirect")
	}
}
