package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/workfront"
)

// The object types and events Workfront's event subscriptions accept
// (Workfront's "Event Subscription API").
var (
	subscriptionTypes  = []string{"ASSGN", "CMPY", "DOCU", "EXPNS", "HOUR", "NOTE", "OPTASK", "PORT", "PRGM", "PROJ", "PTLSEC", "PTLTAB", "TASK", "TMPL", "TSHET", "USER"}
	subscriptionEvents = []string{"CREATE", "UPDATE", "DELETE"}
	comparisons        = []string{"eq", "ne", "gt", "gte", "lt", "lte", "contains", "notContains", "containsOnly", "changed"}
)

// subscriptionRow is one subscription as the list shows it.
type subscriptionRow struct {
	Title, Filters, URL string
}

func subscriptionRowOf(s workfront.Subscription) subscriptionRow {
	r := subscriptionRow{Title: s.ObjCode + " · " + s.EventType, Filters: filtersText(s), URL: s.URL}
	if s.AuthToken != "" {
		r.URL += "  ·  " + lang.L("token") + " " + workfront.MaskToken(s.AuthToken)
	}
	if s.ObjID != "" {
		r.Title += " · " + s.ObjID
	}
	return r
}

// filtersText is a subscription's filters on one line, as people read
// them.
func filtersText(s workfront.Subscription) string {
	if len(s.Filters) == 0 {
		return lang.L("every event (no filters)")
	}
	parts := make([]string, len(s.Filters))
	for i, f := range s.Filters {
		parts[i] = filterLine(f)
	}
	connector := s.FilterConnector
	if connector == "" {
		connector = "AND"
	}
	return strings.Join(parts, " "+connector+" ")
}

// filterLine is a filter as the filter box reads and writes it:
// "field comparison value", "[old]" at the end for the value before.
func filterLine(f workfront.SubscriptionFilter) string {
	c := f.Comparison
	if c == "" {
		c = "eq"
	}
	line := f.FieldName + " " + c
	if f.FieldValue != "" {
		line += " " + f.FieldValue
	}
	if f.State == "oldState" {
		line += " [old]"
	}
	return line
}

// parseFilters reads the filter box: one "field comparison value" a line
// (value left out for "changed"), "[old]" at the end to test the value
// before the change. Blank lines are skipped; a bad line is named.
func parseFilters(text string) ([]workfront.SubscriptionFilter, error) {
	var out []workfront.SubscriptionFilter
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		state := "newState"
		if rest, ok := strings.CutSuffix(line, "[old]"); ok {
			line, state = strings.TrimSpace(rest), "oldState"
		}
		parts := strings.SplitN(line, " ", 3)
		if len(parts) < 2 || !isComparison(parts[1]) {
			return nil, msg.New("Line %d of the filters is not \"field comparison value\" (comparisons: %s): %s", n+1, strings.Join(comparisons, ", "), line)
		}
		f := workfront.SubscriptionFilter{FieldName: parts[0], Comparison: parts[1], State: state}
		if len(parts) == 3 {
			f.FieldValue = strings.TrimSpace(parts[2])
		}
		if f.FieldValue == "" && f.Comparison != "changed" {
			return nil, msg.New("Line %d of the filters has no value to compare with: %s", n+1, line)
		}
		out = append(out, f)
	}
	return out, nil
}

func isComparison(s string) bool {
	for _, c := range comparisons {
		if c == s {
			return true
		}
	}
	return false
}

// filtersBox writes filters back into the box's form.
func filtersBox(fs []workfront.SubscriptionFilter) string {
	lines := make([]string, len(fs))
	for i, f := range fs {
		lines[i] = filterLine(f)
	}
	return strings.Join(lines, "\n")
}

// subscriptionRequest is the request a create sends, as the review shows
// it: the token masked.
func subscriptionRequest(host string, s workfront.Subscription) string {
	s.AuthToken = workfront.MaskToken(s.AuthToken)
	return fmt.Sprintf("POST %s/attask/eventsubscription/api/v1/subscriptions\n\n%s", strings.TrimRight(host, "/"), subscriptionJSON(s))
}
