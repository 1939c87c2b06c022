package ui

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/wfconnect/wfconnect/journal"
)

// historyRow is what the History list shows of one change.
type historyRow struct {
	Title  string // when, what, the outcome
	Fields string // each field's before -> after
	Failed bool
}

// historyRowOf decides a change's row.
func historyRowOf(c journal.Change) historyRow {
	outcome := lang.L(c.Outcome)
	if c.RevertOf != "" {
		outcome += " · " + fmt.Sprintf(lang.L("reverts %s"), c.RevertOf)
	}
	object := c.ObjCode + " " + c.ObjID
	if c.ObjName != "" {
		object = c.ObjCode + " " + c.ObjName + " (" + c.ObjID + ")"
	}
	title := c.Time.Local().Format("2006-01-02 15:04:05") + " · " + cleanCell(object) + " · " + outcome + " · " + c.ID
	var parts []string
	for _, f := range slices.Sorted(maps.Keys(c.Changes)) {
		fc := c.Changes[f]
		parts = append(parts, cleanCell(f)+": "+valueOrEmpty(fc.Before)+" ⟶ "+valueOrEmpty(fc.After))
	}
	if c.Error != "" {
		parts = append(parts, cleanCell(c.Error))
	}
	return historyRow{Title: title, Fields: strings.Join(parts, "; "), Failed: c.Outcome == journal.Failed || c.Outcome == journal.Unknown}
}

// filterChanges keeps the changes whose row mentions every word of query,
// in any case.
func filterChanges(changes []journal.Change, query string) []journal.Change {
	words := strings.Fields(strings.ToLower(query))
	if len(words) == 0 {
		return changes
	}
	var out []journal.Change
	for _, c := range changes {
		r := historyRowOf(c)
		text := strings.ToLower(r.Title + " " + r.Fields)
		if !slices.ContainsFunc(words, func(w string) bool { return !strings.Contains(text, w) }) {
			out = append(out, c)
		}
	}
	return out
}
