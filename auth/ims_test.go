package auth

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
)

// TestIMSHostAllowList: only Adobe's IMS hosts (ims-<region>.adobelogin.com,
// https, port 443) and plain-http loopback (the simulator) are IMS
// addresses; look-alikes, metadata endpoints and other hosts are refused.
func TestIMSHostAllowList(t *testing.T) {
	for in, want := range map[string]string{
		"https://ims-na1.adobelogin.com":                  "https://ims-na1.adobelogin.com",
		"https://IMS-EU1.adobelogin.com/":                 "https://ims-eu1.adobelogin.com",
		"https://ims-jp1.adobelogin.com:443/ims/token/v3": "https://ims-jp1.adobelogin.com",
		"http://127.0.0.1:8080":                           "http://127.0.0.1:8080",
		"http://[::1]:9":                                  "http://[::1]:9",
	} {
		if got, err := NormalizeIMSURL(in); err != nil || got != want {
			t.Errorf("NormalizeIMSURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{
		"https://evil.example",
		"https://ims-na1.adobelogin.com.evil.example",
		"https://169.254.169.254",
		"https://169.254.169.254/ims/token/v3",
		"https://ims-na1.adobelogin.com:8443",
		"https://ims-na1.adobelogin.com.",
		"https://adobelogin.com",
		"https://xims-na1.adobelogin.com",
		"https://ims-na1.evil-adobelogin.com",
		"https://evil.example/ims-na1.adobelogin.com",
		"https://127.0.0.1:9",
		"https://[::1]:9",
	} {
		_, err := NormalizeIMSURL(bad)
		if err == nil || !strings.Contains(err.Error(), "not an Adobe IMS address") {
			t.Errorf("NormalizeIMSURL(%q): %v", bad, err)
		}
	}
}

// TestIMSSecretGoesNowhereElse: a connection whose IMS address is not
// Adobe's (a hand-edited profiles file, say) sends no request at all.
func TestIMSSecretGoesNowhereElse(t *testing.T) {
	var sent atomic.Int32
	client := &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
		sent.Add(1)
		return nil, errors.New("no network in this test")
	})}
	for _, planted := range []string{"https://169.254.169.254", "https://ims-na1.adobelogin.com.evil.example", "https://evil.example"} {
		cfg := Config{Profile: "ims", Host: "https://acme.my.workfront.adobe.com", ClientID: "id", ClientSecret: "secret",
			AppType: AppIMS, IMSOrg: "AB12@AdobeOrg", IMSURL: planted}
		_, err := NewSource(cfg, newMemStore(), SourceOptions{HTTPClient: client}).Token(context.Background())
		if err == nil || !strings.Contains(err.Error(), "not an Adobe IMS address") {
			t.Errorf("%s: %v", planted, err)
		}
	}
	if n := sent.Load(); n != 0 {
		t.Errorf("%d requests left for a host that is not Adobe's", n)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
