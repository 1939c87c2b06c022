package ui

import (
	"testing"
	"time"
)

// TestDatesAndNumbersFollowTheLanguage: month names and digit grouping in
// the person's language (dates were English in Swedish and Chinese).
func TestDatesAndNumbersFollowTheLanguage(t *testing.T) {
	d := time.Date(2026, 3, 5, 14, 7, 9, 0, time.Local)
	for _, tc := range []struct{ lang, date, dateTime, number string }{
		{"en", "5 Mar 2026", "5 Mar 2026 14:07:09", "12,345,678"},
		{"sv", "5 mars 2026", "5 mars 2026 14:07:09", "12\u00a0345\u00a0678"},
		{"zh", "2026年3月5日", "2026年3月5日 14:07:09", "12,345,678"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			old := language
			language = func() string { return tc.lang }
			defer func() { language = old }()
			if got := localDate(d); got != tc.date {
				t.Errorf("localDate = %q, want %q", got, tc.date)
			}
			if got := localDateTime(d); got != tc.dateTime {
				t.Errorf("localDateTime = %q, want %q", got, tc.dateTime)
			}
			if got := thousands(12345678); got != tc.number {
				t.Errorf("thousands = %q, want %q", got, tc.number)
			}
			if localDate(time.Time{}) != "" || thousands(7) != "7" {
				t.Error("zero date or a small number")
			}
		})
	}
}
