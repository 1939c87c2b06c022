package workfront

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// Version is one Workfront API version and its support, as Workfront's
// "API version support schedule" gives it (late 2026).
type Version struct {
	Name        string // "v22.0"
	Released    string // "May 2026"; "" when the schedule does not say
	Deprecated  bool   // already unsupported
	RetiresYear int    // the year it becomes unsupported; 0 when Deprecated
}

// knownVersions is the schedule, newest first.
var knownVersions = []Version{
	{Name: "v22.0", Released: "May 2026", RetiresYear: 2029},
	{Name: "v21.0", Released: "Oct 2025", RetiresYear: 2028},
	{Name: "v20.0", Released: "May 2025", RetiresYear: 2028},
	{Name: "v19.0", Released: "2024", RetiresYear: 2027},
	{Name: "v18.0", Released: "2024", RetiresYear: 2027},
	{Name: "v17.0", Released: "2023", RetiresYear: 2026},
	{Name: "v16.0", Released: "2023", RetiresYear: 2026},
	{Name: "v15.0", Deprecated: true},
}

// KnownVersions lists the API versions wfconnect knows the support of,
// newest first (v2.0–v14.0 are deprecated too; VersionAdvice says so).
func KnownVersions() []Version { return slices.Clone(knownVersions) }

// NewestKnownVersion is the newest API version wfconnect knows: a new
// profile's version when the instance has not said which it offers.
func NewestKnownVersion() string { return knownVersions[0].Name }

// VersionNumber reads "v21.0" (or "21", "v21") as 21; ok is false otherwise.
func VersionNumber(v string) (int, bool) {
	v = strings.TrimPrefix(strings.TrimSpace(v), "v")
	v = strings.TrimSuffix(v, ".0")
	n, err := strconv.Atoi(v)
	return n, err == nil && n > 0
}

// VersionAdvice is what a pinned version deserves: a warning or nothing.
type VersionAdvice int

const (
	// VersionSupported: nothing to say.
	VersionSupported VersionAdvice = iota
	// VersionRetiresThisYear: supported until some time this year.
	VersionRetiresThisYear
	// VersionDeprecated: already unsupported.
	VersionDeprecated
	// VersionUnknown: newer than wfconnect knows, or not a version.
	VersionUnknown
)

// AdviseVersion says whether a profile's pinned version is deprecated or
// becomes unsupported during now's year, per Workfront's schedule. The
// version warning shows for VersionDeprecated and VersionRetiresThisYear,
// with an upgrade to UpgradeTarget.
func AdviseVersion(v string, now time.Time) VersionAdvice {
	n, ok := VersionNumber(v)
	if !ok {
		return VersionUnknown
	}
	if n <= 14 {
		return VersionDeprecated
	}
	for _, k := range knownVersions {
		if kn, _ := VersionNumber(k.Name); kn == n {
			switch {
			case k.Deprecated || k.RetiresYear < now.Year():
				return VersionDeprecated
			case k.RetiresYear == now.Year():
				return VersionRetiresThisYear
			}
			return VersionSupported
		}
	}
	return VersionUnknown
}

// UpgradeTarget is the version to move a profile to: the newest the
// instance offers that wfconnect knows to be supported (offered as
// Identity.APIVersions gives them; nil when unknown), else the newest
// wfconnect knows.
func UpgradeTarget(offered []string, now time.Time) string {
	best, bestN := "", 0
	for _, v := range offered {
		n, ok := VersionNumber(v)
		if ok && n > bestN && AdviseVersion(v, now) == VersionSupported {
			best, bestN = "v"+strconv.Itoa(n)+".0", n
		}
	}
	if best == "" {
		return NewestKnownVersion()
	}
	return best
}

// Lane is the Workfront environment a host belongs to, for the badge that
// keeps a sandbox from being mistaken for production.
type Lane string

const (
	LaneProduction Lane = "production" // <domain>.my.workfront.com (or .adobe.com)
	LanePreview    Lane = "preview"    // <domain>.preview.workfront.com
	LaneSandbox    Lane = "sandbox"    // <domain>.sb01 / .sb02.workfront.com
	LaneSimulated  Lane = "simulated"  // the demo or a local simulator (plain http on loopback)
	LaneOther      Lane = "other"      // a host wfconnect cannot place
)

// LaneOf places a normalized host (https://acme.sb01.workfront.com) in its
// lane; the label's English words are LaneLabel's.
func LaneOf(host string) Lane {
	h := strings.ToLower(host)
	if strings.HasPrefix(h, "http://") {
		return LaneSimulated
	}
	h = strings.TrimPrefix(h, "https://")
	if i := strings.IndexAny(h, ":/"); i >= 0 {
		h = h[:i]
	}
	labels := strings.Split(h, ".")
	if len(labels) < 3 {
		return LaneOther
	}
	switch labels[1] {
	case "my":
		return LaneProduction
	case "preview":
		return LanePreview
	case "sb01", "sb02":
		return LaneSandbox
	}
	return LaneOther
}

// LaneLabels lists every label LaneLabel gives (for translations).
func LaneLabels() []string {
	return []string{"Production", "Preview", "Sandbox (sb01)", "Sandbox (sb02)", "Simulated", "Unknown environment"}
}

// LaneLabel is the lane's name for people (English; also the translation
// key): "Production", "Preview", "Sandbox (sb01)", "Simulated".
func LaneLabel(host string) string {
	switch LaneOf(host) {
	case LaneProduction:
		return "Production"
	case LanePreview:
		return "Preview"
	case LaneSandbox:
		if strings.Contains(strings.ToLower(host), ".sb02.") {
			return "Sandbox (sb02)"
		}
		return "Sandbox (sb01)"
	case LaneSimulated:
		return "Simulated"
	}
	return "Unknown environment"
}
