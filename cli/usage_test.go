package cli

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// TestUsageMatchesPlainCounts: each field's count of objects with a value
// is what a plain count with field_Mod=notnull says, over real HTTP
// against wfsim; never-used fields come first.
func TestUsageMatchesPlainCounts(t *testing.T) {
	r := connectedRig(t, 300)
	out, errOut, code := r.run("", "usage", "acme", "proj", "--custom", "--json")
	var fields []struct {
		Field     string  `json:"field"`
		WithValue int     `json:"withValue"`
		Total     int     `json:"total"`
		Share     float64 `json:"share"`
	}
	if err := json.Unmarshal([]byte(out), &fields); err != nil || code != 0 || len(fields) == 0 {
		t.Fatalf("exit %d, %v\n%s%s", code, err, out, errOut)
	}
	for i, f := range fields {
		plain, _, _ := r.run("", "count", "acme", "proj", f.Field+"=", f.Field+"_Mod=notnull")
		if strings.TrimSpace(plain) != strconv.Itoa(f.WithValue) || f.Total != 300 {
			t.Errorf("%s: usage %d of %d, plain count %q", f.Field, f.WithValue, f.Total, plain)
		}
		if i > 0 && f.Share < fields[i-1].Share {
			t.Errorf("not by share: %v", fields)
		}
	}
	table, _, code := r.run("", "usage", "acme", "proj")
	if code != 0 || !strings.Contains(table, "FIELD") || !strings.Contains(table, "DE:Budget Code") || !strings.Contains(table, "description") {
		t.Errorf("table: exit %d\n%s", code, table)
	}
}
