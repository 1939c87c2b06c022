package workfront

import (
	"fmt"
	"net/url"
	"strings"
	"time"
)

// DateLayout is Workfront's date format, with a colon before the milliseconds
// ("2017-03-24T17:00:00:000+0400"), which RFC 3339 parsers reject.
const DateLayout = "2006-01-02T15:04:05:000-0700"

var dateLayouts = []string{DateLayout, "2006-01-02T15:04:05.000-0700", time.RFC3339Nano, "2006-01-02"}

// ParseDate reads a Workfront date; "" is the zero time.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "null" {
		return time.Time{}, nil
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a Workfront date", s)
}

// FormatDate writes t in Workfront's format.
func FormatDate(t time.Time) string { return t.Format(DateLayout) }

// LocalDate renders a date for people, in their local time zone.
func LocalDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2 Jan 2006")
}

// ProjectURL is the project's page in Workfront's web UI.
func ProjectURL(host, id string) string {
	return strings.TrimRight(host, "/") + "/project/" + url.PathEscape(id) + "/overview"
}

// StatusCode is a built-in project status.
type StatusCode struct{ Code, Name string }

// Statuses are Workfront's nine built-in project statuses.
var Statuses = []StatusCode{
	{"CUR", "Current"}, {"PLN", "Planning"}, {"CPL", "Complete"}, {"DED", "Dead"}, {"ONH", "On Hold"},
	{"REQ", "Requested"}, {"APR", "Approved"}, {"REJ", "Rejected"}, {"IDA", "Idea"},
}

// StatusName names a status code; an instance's custom codes stay as they are.
func StatusName(code string) string {
	for _, s := range Statuses {
		if s.Code == code {
			return s.Name
		}
	}
	return code
}
