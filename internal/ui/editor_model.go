package ui

import (
	"slices"

	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/journal"
	"github.com/wfconnect/wfconnect/workfront"
)

// pendingEdit is one field changed in the app and not yet sent: the value
// shown when it was changed, and the new one.
type pendingEdit struct {
	Field workfront.FieldMeta
	Shown any
	Value any
}

// pendingEdits are an object's changes held until Commit or Discard.
type pendingEdits struct {
	objCode, id string
	edits       map[string]pendingEdit
}

func newPendingEdits(objCode, id string) *pendingEdits {
	return &pendingEdits{objCode: objCode, id: id, edits: map[string]pendingEdit{}}
}

// put holds a change; changing a field back to what was shown drops it.
func (p *pendingEdits) put(f workfront.FieldMeta, shown, value any) {
	if edit.Same(shown, value) {
		delete(p.edits, f.Name)
		return
	}
	p.edits[f.Name] = pendingEdit{Field: f, Shown: shown, Value: value}
}

func (p *pendingEdits) count() int { return len(p.edits) }

// fields are the changed fields' names, in order.
func (p *pendingEdits) fields() []string {
	out := make([]string, 0, len(p.edits))
	for f := range p.edits {
		out = append(out, f)
	}
	slices.Sort(out)
	return out
}

// row is the change as the updater takes it.
func (p *pendingEdits) row() edit.Row {
	set := map[string]any{}
	for f, e := range p.edits {
		set[f] = e.Value
	}
	return edit.Row{ID: p.id, Set: set}
}

// conflict is a field someone changed in Workfront since it was shown.
type conflict struct {
	Field, Label      string
	Shown, Now, Yours any
}

// conflictsOf compares what was shown with what Workfront holds now.
func (p *pendingEdits) conflictsOf(now map[string]any) []conflict {
	var out []conflict
	for _, f := range p.fields() {
		e := p.edits[f]
		if !edit.Same(e.Shown, now[f]) {
			out = append(out, conflict{Field: f, Label: e.Field.Label, Shown: e.Shown, Now: now[f], Yours: e.Value})
		}
	}
	return out
}

// reviewLine is one field of the review: before -> after. The app draws
// the arrow as "⟶": Fyne's font fallback draws "→" and the space after it
// as a replacement character.
type reviewLine struct {
	Label, Before, After string
}

// reviewLinesOf are the plan's changes in the order of the labels.
func reviewLinesOf(meta workfront.TypeMeta, changes map[string]journal.FieldChange) []reviewLine {
	out := make([]reviewLine, 0, len(changes))
	for f, c := range changes {
		out = append(out, reviewLine{Label: fieldLabel(meta, f), Before: valueOrEmpty(c.Before), After: valueOrEmpty(c.After)})
	}
	order := workfront.NaturalOrder()
	slices.SortFunc(out, func(a, b reviewLine) int { return order(a.Label, b.Label) })
	return out
}

func fieldLabel(meta workfront.TypeMeta, name string) string {
	for _, f := range meta.Fields {
		if f.Name == name {
			return f.Label
		}
	}
	return name
}

// valueOrEmpty is a value for reading, or a dash for none.
func valueOrEmpty(v any) string {
	if t := cleanCell(workfront.ValueText(v)); t != "" {
		return t
	}
	return "—"
}
