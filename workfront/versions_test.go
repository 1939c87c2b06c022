package workfront

import (
	"encoding/json"
	"testing"
	"time"
)

func TestAdviseVersion(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	for v, want := range map[string]VersionAdvice{
		"v22.0": VersionSupported, "v21.0": VersionSupported, "v19.0": VersionSupported,
		"v17.0": VersionRetiresThisYear, "v16.0": VersionRetiresThisYear,
		"v15.0": VersionDeprecated, "v14.0": VersionDeprecated, "v2.0": VersionDeprecated,
		"v30.0": VersionUnknown, "latest": VersionUnknown,
	} {
		if got := AdviseVersion(v, now); got != want {
			t.Errorf("AdviseVersion(%s) = %d, want %d", v, got, want)
		}
	}
	if got := AdviseVersion("v19.0", now.AddDate(1, 0, 0)); got != VersionRetiresThisYear {
		t.Errorf("v19.0 in 2027: %d", got)
	}
	if got := UpgradeTarget([]string{"v16.0", "v20.0", "v21.0"}, now); got != "v21.0" {
		t.Errorf("UpgradeTarget = %s", got)
	}
	if got := UpgradeTarget(nil, now); got != NewestKnownVersion() || got != "v22.0" {
		t.Errorf("UpgradeTarget(nil) = %s", got)
	}
}

func TestLaneOf(t *testing.T) {
	for host, want := range map[string]string{
		"https://acme.my.workfront.com":         "Production",
		"https://acme.my.workfront.adobe.com":   "Production",
		"https://acme.preview.workfront.com":    "Preview",
		"https://acme.sb01.workfront.com":       "Sandbox (sb01)",
		"https://acme.sb02.workfront.adobe.com": "Sandbox (sb02)",
		"http://127.0.0.1:8080":                 "Simulated",
		"https://workfront.com":                 "Unknown environment",
	} {
		if got := LaneLabel(host); got != want {
			t.Errorf("LaneLabel(%s) = %s, want %s", host, got, want)
		}
	}
}

// TestVersionsOf: apiVersions as the documented object, or as a list;
// sorted by number, not as text.
func TestVersionsOf(t *testing.T) {
	for raw, want := range map[string]string{
		`{"v9.0":"/a","v21.0":"/b","v10.0":"/c"}`: `["v9.0","v10.0","v21.0"]`,
		`["v21.0","v20.0"]`:                       `["v20.0","v21.0"]`,
		`"nonsense"`:                              `null`,
	} {
		got, _ := json.Marshal(versionsOf(json.RawMessage(raw)))
		if string(got) != want {
			t.Errorf("versionsOf(%s) = %s, want %s", raw, got, want)
		}
	}
}
