package wfsim

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Wildcards in filter values, as Workfront's constants describe them:
// $$USER and $$USER.ID are the signed-in user's ID; $$TODAY (midnight) and
// $$NOW (this moment), then optionally b or e (the beginning or end of the
// period), then optionally +n or -n, then a unit h, d, w, m, q or y:
// $$TODAY+3d, $$TODAY-1w, $$TODAYb, $$TODAYe (midnight tomorrow), $$TODAYbm
// (the first of the month), $$TODAYe+1w (the Sunday after next week's
// Saturday). Weeks begin on Sunday. Months, quarters and years move by the
// calendar and keep the day, or the month's last day when it has fewer
// (Jan 31 + 1m = Feb 28), as Java's calendar does. The clock is the
// simulator's (Sim.now: time.Now unless a test sets or Advances it), in UTC: the instance's own time zone is not
// simulated.

// wildcard replaces a wildcard value: the text to compare, and for a date
// wildcard the time. Any other $$ value is refused, never compared as text.
func (c qctx) wildcard(field string, kind fieldKind, v string) (string, time.Time, *apiError) {
	if !strings.HasPrefix(v, "$$") {
		return v, time.Time{}, nil
	}
	fail := func(e apiError) (string, time.Time, *apiError) { return "", time.Time{}, &e }
	switch {
	case v == "$$USER" || v == "$$USER.ID":
		return c.userID, time.Time{}, nil
	case strings.HasPrefix(v, "$$TODAY") || strings.HasPrefix(v, "$$NOW"):
		if kind != kDate {
			return fail(badParam(fmt.Sprintf("%s is a date wildcard and %s is not a date", v, field)))
		}
		when, ok := dateWildcard(v, c.now)
		if !ok {
			return fail(badParam(fmt.Sprintf("Malformed date wildcard %s (for %s): write $$TODAY or $$NOW, then b or e, then +n or -n and a unit h, d, w, m, q or y, e.g. $$TODAY+3d", v, field)))
		}
		return valueString(when), when, nil
	}
	return fail(unsupported(fmt.Sprintf("the wildcard %s (for %s)", v, field)))
}

// dateWildcard computes $$TODAY… or $$NOW… from now.
func dateWildcard(v string, now time.Time) (time.Time, bool) {
	now = now.UTC()
	base, rest := now, strings.TrimPrefix(v, "$$NOW")
	if strings.HasPrefix(v, "$$TODAY") {
		base, rest = startOf(now, 'd'), strings.TrimPrefix(v, "$$TODAY")
	}
	var edge byte // 'b', 'e' or none
	if rest != "" && (rest[0] == 'b' || rest[0] == 'e') {
		edge, rest = rest[0], rest[1:]
	}
	n, signed := 0, false
	if rest != "" && (rest[0] == '+' || rest[0] == '-') {
		end := 1
		for end < len(rest) && rest[end] >= '0' && rest[end] <= '9' {
			end++
		}
		var err error
		if n, err = strconv.Atoi(rest[:end]); err != nil || end == len(rest) {
			return time.Time{}, false // no digits, or no unit
		}
		signed, rest = true, rest[end:]
	}
	unit := byte('d')
	switch {
	case len(rest) == 1 && strings.IndexByte("hdwmqy", rest[0]) >= 0 && (edge != 0 || signed):
		unit = rest[0]
	case rest != "":
		return time.Time{}, false
	}
	t := addUnits(base, n, unit)
	switch edge {
	case 'b':
		t = startOf(t, unit)
	case 'e':
		t = addUnits(startOf(t, unit), 1, unit)
	}
	return t, true
}

func addUnits(t time.Time, n int, unit byte) time.Time {
	switch unit {
	case 'h':
		return t.Add(time.Duration(n) * time.Hour)
	case 'd':
		return t.AddDate(0, 0, n)
	case 'w':
		return t.AddDate(0, 0, 7*n)
	case 'm':
		return addMonths(t, n)
	case 'q':
		return addMonths(t, 3*n)
	}
	return addMonths(t, 12*n)
}

// addMonths moves by calendar months, keeping the day or the month's last.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}

// startOf is the beginning of the hour, day, week (Sunday), month, quarter
// or year that holds t.
func startOf(t time.Time, unit byte) time.Time {
	y, m, d := t.Date()
	switch unit {
	case 'h':
		return t.Truncate(time.Hour)
	case 'd':
		return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
	case 'w':
		return time.Date(y, m, d-int(t.Weekday()), 0, 0, 0, 0, t.Location())
	case 'm':
		return time.Date(y, m, 1, 0, 0, 0, 0, t.Location())
	case 'q':
		return time.Date(y, m-(m-1)%3, 1, 0, 0, 0, 0, t.Location())
	}
	return time.Date(y, 1, 1, 0, 0, 0, 0, t.Location())
}
