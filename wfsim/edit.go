package wfsim

import (
	"encoding/json"
	"fmt"
	"maps"
	"time"
)

// Values that change: what updates (update.go) and Touch write over the
// generated rows. A written value sits in its field's overlay (by row) and,
// by object ID, in the simulator's store, from which a rebuilt world (rows
// added mid-export) gets it back. Every change stamps lastUpdateDate with
// the simulator's clock and lastUpdatedByID with who made it.

// writeState is the simulator's written values and its write knobs.
type writeState struct {
	edits map[string]map[string]map[string]any // objCode → ID → field → value; guarded by Sim.worldMu

	bulkRollsBack bool    // a failing non-atomic bulk changes nothing; guarded by Sim.mu
	answerFail    failure // updates applied, then answered with an error; guarded by Sim.mu
}

// alwaysReadOnly are the fields no update may set, on any type: Workfront
// keeps them itself.
var alwaysReadOnly = map[string]bool{"ID": true, "objCode": true, "entryDate": true, "lastUpdateDate": true, "lastUpdatedByID": true, "enteredByID": true}

// readOnlyFields are, by type, the other fields an update refuses: what
// Workfront computes (a project's percentComplete rolls up from its tasks,
// a user's name from first and last name), and the moves between parents
// the simulator does not simulate (its collections are built once).
var readOnlyFields = map[string][]string{
	"PROJ":   {"percentComplete", "portfolioID", "programID", "referenceNumber"},
	"TASK":   {"projectID"},
	"OPTASK": {"projectID"},
	"USER":   {"name"},
	"PRGM":   {"portfolioID"},
	"HOUR":   {"taskID", "projectID"},
	"DOCU":   {"projectID"},
}

// readOnlyTypes are the types whose objects no update may change: the
// custom forms' definitions, from which the DE: fields are built.
var readOnlyTypes = map[string]bool{"CTGY": true, "CTGYPA": true, "PARAM": true, "POPT": true}

// stampBase is the lastUpdateDate of a generated object without an entryDate.
var stampBase = time.Date(2024, 1, 8, 9, 0, 0, 0, time.UTC)

// prepareWrites gives a type lastUpdateDate and lastUpdatedByID (with the
// lastUpdatedBy reference) when it has none (by default the entryDate or a
// fixed date, and the ownerID or the sample user stamp, the last one:
// not the person who signs in), marks its read-only fields,
// and makes every field but ID read its overlay first.
func prepareWrites(t *objType, stamp string) {
	if t.byName["lastUpdateDate"] == nil {
		base := func(int) any { return stampBase }
		if e := t.byName["entryDate"]; e != nil {
			base = e.get
		}
		t.insertField(&fieldDef{name: "lastUpdateDate", label: "Last Update Date", kind: kDate, get: base})
	}
	if t.byName["lastUpdatedByID"] == nil {
		base := func(int) any { return stamp }
		if o := t.byName["ownerID"]; o != nil {
			base = o.get
		}
		t.insertField(&fieldDef{name: "lastUpdatedByID", label: "Last Updated By ID", kind: kString, get: base})
		t.ref("lastUpdatedBy", "Last Updated By", "USER", "lastUpdatedByID")
	}
	for _, f := range t.fields {
		f.readOnly = readOnlyTypes[t.code] || alwaysReadOnly[f.name]
		if f.name != "ID" {
			f.get = overlaid(f, f.get)
		}
	}
	for _, name := range readOnlyFields[t.code] {
		t.byName[name].readOnly = true
	}
}

// insertField adds a plain field before the custom ones.
func (t *objType) insertField(f *fieldDef) {
	at := len(t.fields)
	for k, g := range t.fields {
		if g.custom {
			at = k
			break
		}
	}
	t.field(f)
	copy(t.fields[at+1:], t.fields[at:])
	t.fields[at] = f
}

// overlaid reads a field's written value first, then the generated one.
func overlaid(f *fieldDef, base func(int) any) func(int) any {
	return func(i int) any {
		if m := f.over.Load(); m != nil {
			if v, ok := (*m)[int32(i)]; ok {
				return v
			}
		}
		return base(i)
	}
}

// setLocked writes values on row i of t (the caller holds worldMu) and
// stamps the change.
func (s *Sim) setLocked(t *objType, i int, values map[*fieldDef]any, by string) {
	values[t.byName["lastUpdateDate"]] = s.now()
	values[t.byName["lastUpdatedByID"]] = by
	id := t.id(i)
	if s.writes.edits == nil {
		s.writes.edits = map[string]map[string]map[string]any{}
	}
	byID := s.writes.edits[t.code]
	if byID == nil {
		byID = map[string]map[string]any{}
		s.writes.edits[t.code] = byID
	}
	if byID[id] == nil {
		byID[id] = map[string]any{}
	}
	for f, v := range values {
		byID[id][f.name] = v
		setOver(f, int32(i), v)
	}
	r := t.root() // a view's type shares the newest's cache
	r.mu.Lock()
	r.sorted = nil // the orders cached before may no longer hold
	r.mu.Unlock()
}

func setOver(f *fieldDef, i int32, v any) {
	m := map[int32]any{}
	if old := f.over.Load(); old != nil {
		m = maps.Clone(*old)
	}
	m[i] = v
	f.over.Store(&m)
}

// reapplyLocked puts every written value into a world just built.
func (s *Sim) reapplyLocked(w *world) {
	for code, byID := range s.writes.edits {
		t := w.byCode[code]
		for id, values := range byID {
			i, ok := t.byID[id]
			if !ok {
				continue
			}
			for name, v := range values {
				if f := t.byName[name]; f != nil {
					setOver(f, i, v)
				}
			}
		}
	}
}

// Touch changes one field of one object the way someone else would behind
// the client's back: the value as a JSON update would carry it (string,
// number, bool, nil; a time.Time for a date), checked as an update checks
// it, except that a read-only field other than ID may be touched too. It
// stamps lastUpdateDate with the simulator's clock and lastUpdatedByID
// with the second sample user (not the one who signs in).
func (s *Sim) Touch(objCode, id, field string, value any) error {
	switch v := value.(type) {
	case time.Time:
		value = v.Format(DateLayout)
	case int:
		value = json.Number(fmt.Sprint(v))
	case float64:
		value = json.Number(fmt.Sprint(v))
	}
	s.worldMu.Lock()
	defer s.worldMu.Unlock()
	w := s.worldLocked()
	t := w.byCode[objCode]
	if t == nil {
		return fmt.Errorf("wfsim: no object type %s", objCode)
	}
	i, ok := t.byID[id]
	if !ok {
		return fmt.Errorf("wfsim: no %s with ID %s", objCode, id)
	}
	if field == "ID" {
		return fmt.Errorf("wfsim: the ID of an object cannot change")
	}
	f, v, e := t.checkValue("v22.0", int(i), field, value, true)
	if e != nil {
		return fmt.Errorf("wfsim: %s", e.message)
	}
	s.setLocked(t, int(i), map[*fieldDef]any{f: v}, w.d.owners[1].id)
	return nil
}

// Value is one field of one object as the API would send it now (a date as
// a time.Time); false when the type, the object or the field is unknown.
func (s *Sim) Value(objCode, id, field string) (any, bool) {
	t := s.world().byCode[objCode]
	if t == nil {
		return nil, false
	}
	i, ok := t.byID[id]
	f := t.byName[field]
	if !ok || f == nil {
		return nil, false
	}
	return f.get(int(i)), true
}

// SetBulkFailureRollsBack chooses what a bulk update without atomic=true
// does when one of its objects is refused, which Workfront does not
// document. By default (false) the simulator plays the cautious reading of
// a server that is not transactional: the call answers the error, naming
// the refused object's ID; the objects before it stay changed and those
// after it are not tried. true: the call answers the error and nothing is
// changed, as with atomic=true.
func (s *Sim) SetBulkFailureRollsBack(on bool) { s.set(func() { s.writes.bulkRollsBack = on }) }

// SetUpdateAnswerFailures makes the next n updates (PUT, or POST with
// method=PUT) that succeed be applied and then answered with status
// instead of the objects: the unknown outcome of a gateway that gave up
// after Workfront saved.
func (s *Sim) SetUpdateAnswerFailures(status, n int) {
	s.set(func() { s.writes.answerFail = failure{status: status, n: n} })
}

// CountWrites counts the logged API requests that asked to change objects
// (Verb PUT: a PUT, or a POST with method=PUT), whatever their answer.
func (s *Sim) CountWrites() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.log {
		if r.Verb == "PUT" {
			n++
		}
	}
	return n
}
