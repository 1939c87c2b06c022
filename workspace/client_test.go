package workspace

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/workfront"
)

// TestClientAtAnotherVersion: ClientAt reads the profile's instance at the
// version asked for (wfsim's v20.0 lacks TEAMOB), "" is the profile's own,
// and a version not shaped like v21.0 is refused before any request.
func TestClientAtAnotherVersion(t *testing.T) {
	ws, _ := connectedDemo(t)
	hasTeams := func(version string) bool {
		t.Helper()
		c, err := ws.ClientAt(DemoName, version)
		if err != nil {
			t.Fatal(err)
		}
		types, err := c.ObjectTypes(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return slices.ContainsFunc(types, func(o workfront.ObjectType) bool { return o.ObjCode == "TEAMOB" })
	}
	if hasTeams("v20.0") || !hasTeams("") || !hasTeams("v22.0") {
		t.Errorf("v20.0 %v, the profile's own %v, v22.0 %v", hasTeams("v20.0"), hasTeams(""), hasTeams("v22.0"))
	}
	for _, bad := range []string{"20", "v20", "v20.0/../x", "latest"} {
		if _, err := ws.ClientAt(DemoName, bad); err == nil || !strings.Contains(err.Error(), "is not an API version") {
			t.Errorf("%q: %v", bad, err)
		}
	}
	if p, _ := ws.Profile(DemoName); p.APIVersion != "v21.0" {
		t.Errorf("the profile moved to %s", p.APIVersion)
	}
}
