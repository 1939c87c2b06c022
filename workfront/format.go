package workfront

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// DateLayout describes Workfront's date format, "2017-03-24T17:00:00:000+0400":
// note the colon before the milliseconds, which RFC 3339 parsers reject.
// Go's time package cannot express that colon (":000" would only match a
// literal 000), so use ParseDate and FormatDate rather than this layout.
const DateLayout = "2006-01-02T15:04:05:000-0700"

// fallbackLayouts are tried after the fast path (and after a colon before
// the fraction has become a dot). Parsing accepts a fraction after the
// seconds even where a layout has none.
var fallbackLayouts = []string{
	"2006-01-02T15:04:05Z0700", // +0400 or Z
	time.RFC3339,               // +04:00 or Z
	"2006-01-02",
}

// ParseDate reads a Workfront date. It also takes the same with a dot before
// the milliseconds, RFC 3339, and a bare date (midnight UTC). "" and "null"
// are the zero time.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "null" {
		return time.Time{}, nil
	}
	if t, ok := parseWorkfront([]byte(s)); ok {
		return t, nil
	}
	alt := s
	if len(alt) > 20 && alt[19] == ':' && alt[10] == 'T' {
		alt = alt[:19] + "." + alt[20:]
	}
	for _, layout := range fallbackLayouts {
		if t, err := time.Parse(layout, alt); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a Workfront date", s)
}

// parseWorkfront is the fast path for "2017-03-24T17:00:00:000+0400" (or
// with a dot before the milliseconds): a few thousand of these come with
// every page, and time.Parse makes a new zone for each one.
func parseWorkfront(b []byte) (time.Time, bool) {
	if len(b) != 28 || b[4] != '-' || b[7] != '-' || b[10] != 'T' || b[13] != ':' || b[16] != ':' ||
		(b[19] != ':' && b[19] != '.') || (b[23] != '+' && b[23] != '-') {
		return time.Time{}, false
	}
	num := func(from, to int) int {
		n := 0
		for _, c := range b[from:to] {
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	year, month, day := num(0, 4), num(5, 7), num(8, 10)
	hour, minute, sec, milli := num(11, 13), num(14, 16), num(17, 19), num(20, 23)
	zh, zm := num(24, 26), num(26, 28)
	if year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
		minute < 0 || minute > 59 || sec < 0 || sec > 59 || milli < 0 || zh < 0 || zh > 23 || zm < 0 || zm > 59 {
		return time.Time{}, false
	}
	offset := (zh*60 + zm) * 60
	if b[23] == '-' {
		offset = -offset
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, milli*1e6, zone(offset))
	if t.Day() != day { // 31 April and the like
		return time.Time{}, false
	}
	return t, true
}

var zones sync.Map // offset seconds -> *time.Location

// zone is a fixed zone for an offset, made once per offset (at most a few
// thousand exist): unnamed like time.Parse's, or UTC for +0000.
func zone(offset int) *time.Location {
	if offset == 0 {
		return time.UTC
	}
	if l, ok := zones.Load(offset); ok {
		return l.(*time.Location)
	}
	l, _ := zones.LoadOrStore(offset, time.FixedZone("", offset))
	return l.(*time.Location)
}

// FormatDate writes t in Workfront's format, in t's own zone, with
// milliseconds: "2017-03-24T17:00:00:000+0400". The zero time is "".
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	b := make([]byte, 0, 32)
	b = t.AppendFormat(b, "2006-01-02T15:04:05")
	ms := t.Nanosecond() / 1e6
	b = append(b, ':', byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
	b = t.AppendFormat(b, "-0700")
	return string(b)
}

// LocalDate renders a date for people, in their local time zone: "2 Jan
// 2006". The zero time is "".
func LocalDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2 Jan 2006")
}

// ProjectURL is the project's page in Workfront's web UI, for a host given
// as https://acme.my.workfront.com.
func ProjectURL(host, id string) string {
	return strings.TrimRight(host, "/") + "/project/" + url.PathEscape(id) + "/overview"
}

// webPages are the object types with a page of their own in Workfront's
// web UI, by the path of its classic link (<host>/<path>/view?ID=<ID>).
// Only the project link is documented; the others follow its classic form.
var webPages = map[string]string{"TASK": "task", "OPTASK": "issue", "USER": "user", "PORT": "portfolio",
	"PRGM": "program", "DOCU": "document", "TMPL": "template", "PTLTAB": "dashboard", "PTLSEC": "report"}

// ObjectURL is an object's page in Workfront's web UI; "" for a type that
// has none (hours, custom forms, …).
func ObjectURL(host, objCode, id string) string {
	objCode = strings.ToUpper(objCode)
	if objCode == "PROJ" {
		return ProjectURL(host, id)
	}
	path, ok := webPages[objCode]
	if !ok || id == "" {
		return ""
	}
	return strings.TrimRight(host, "/") + "/" + path + "/view?ID=" + url.QueryEscape(id)
}

// StatusCode is a built-in project status.
type StatusCode struct{ Code, Name string }

// Statuses are Workfront's nine built-in project statuses, in the order a
// project lives through them. Instances can add their own.
var statuses = []StatusCode{
	{"IDA", "Idea"}, {"REQ", "Requested"}, {"APR", "Approved"}, {"REJ", "Rejected"}, {"PLN", "Planning"},
	{"CUR", "Current"}, {"ONH", "On Hold"}, {"CPL", "Complete"}, {"DED", "Dead"},
}

// Statuses returns them (a copy: the list is not for changing).
func Statuses() []StatusCode { return slices.Clone(statuses) }

// StatusName names a status code; an instance's custom codes stay as they are.
func StatusName(code string) string {
	for _, s := range statuses {
		if s.Code == code {
			return s.Name
		}
	}
	return code
}
