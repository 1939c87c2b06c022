package workspace

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	for in, secret := range map[string]string{
		"GET /cb?code=abc123def&state=x":                     "abc123def",
		`{"access_token":"tok-123456","x":1}`:                "tok-123456",
		"refresh_token=rt-987654&grant_type=refresh_token":   "rt-987654",
		"client_secret=s3cr3t-value":                         "s3cr3t-value",
		"sessionID: 0a1b2c3d4e5f":                            "0a1b2c3d4e5f",
		"Authorization: Basic aWQ6c2VjcmV0":                  "aWQ6c2VjcmV0",
		"code_verifier=verifier-xyz-0123456789abcdefghijklm": "verifier-xyz-0123456789abcdefghijklm",
	} {
		out := Redact(in)
		if strings.Contains(out, secret) || !strings.Contains(out, "[redacted]") {
			t.Errorf("Redact(%q) = %q", in, out)
		}
	}
	plain := "GET /attask/api/v21.0/proj/search -> 200 in 12ms"
	if Redact(plain) != plain {
		t.Errorf("changed a clean line: %q", Redact(plain))
	}
}
