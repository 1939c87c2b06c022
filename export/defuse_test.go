package export

import "testing"

// TestDefuseCellRoundTrips: formula starts get an apostrophe, text that
// already starts with apostrophes before one gets one more, and
// UndefuseCell gives back exactly the text that was defused.
func TestDefuseCellRoundTrips(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(1)": "'=HYPERLINK(1)", "+1": "'+1", "-x": "'-x", "@SUM": "'@SUM", "\tx": "'\tx", "\rx": "'\rx",
		"'=x": "''=x", "''-x": "'''-x", "plain": "plain", "": "", "'": "'", "'a": "'a", "a=b": "a=b",
	} {
		if got := DefuseCell(in); got != want {
			t.Errorf("DefuseCell(%q) = %q, want %q", in, got, want)
		}
		if back := UndefuseCell(DefuseCell(in)); back != in {
			t.Errorf("UndefuseCell(DefuseCell(%q)) = %q", in, back)
		}
	}
}
