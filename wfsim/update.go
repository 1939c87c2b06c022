package wfsim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// Updates as Workfront's "API basics" documents them: PUT <obj>/<ID> with
// updates={…} changes one object and answers its new state as a GET would
// (fields= as asked); PUT <obj> with updates=[{"ID":…,…},…] changes at
// most 100, answering each new state, or with atomic=true all or none,
// answering {"data":{"success":true}}. A POST with method=PUT is the same
// (the form body carries the parameters). Top-level updates are sparse.
// Every field is checked against the type before anything changes: an
// unknown or read-only field, a value of the wrong type, an unknown enum
// value, a reference to nothing and a custom field the object's forms do
// not carry are each refused with Workfront's error, naming the field.

// maxBulk is Workfront's limit on objects per bulk update.
const maxBulk = 100

var updateParams = map[string]bool{"updates": true, "fields": true, "atomic": true, "method": true, "sessionID": true}

// update answers a write: rt.parts is [obj] (bulk) or [obj, ID].
func (s *Sim) update(w http.ResponseWriter, rt route, params []param, c qctx) {
	var fieldParams []param
	for _, p := range params {
		switch {
		case !updateParams[p.key]:
			writeAPIError(w, unsupported(p.key+"="+p.value+" with an update"))
			return
		case p.key == "fields":
			fieldParams = append(fieldParams, p)
		}
	}
	raw := lookup(params, "updates")
	if raw == "" {
		writeAPIError(w, badParam("An update needs updates={…} (or updates=[…] for several objects)"))
		return
	}
	code := ""
	if t := s.worldAt(c.version).byPath[strings.ToLower(rt.parts[0])]; t != nil {
		code = t.code
	}
	var ids []string
	var e *apiError
	if len(rt.parts) == 2 {
		ids, e = s.updateOne(code, c, rt.parts[1], raw)
	} else {
		ids, e = s.updateBulk(code, c, raw, strings.EqualFold(lookup(params, "atomic"), "true"))
	}
	if e == nil && code == "" {
		e = &apiError{http.StatusNotFound, "com.attask.common.NotFoundException", "Unknown object type " + rt.parts[0]}
	}
	if e == nil {
		s.mu.Lock()
		fail, failing := takeFailure(&s.writes.answerFail)
		s.mu.Unlock()
		if failing {
			e = &apiError{fail.status, "com.attask.common.ServerException", "The simulated Workfront saved the change but is failing on purpose before it answers."}
		}
	}
	if e != nil {
		writeAPIError(w, *e)
		return
	}
	t := s.worldAt(c.version).byCode[code]
	q, e := parseQuery(t, c, fieldParams)
	if e != nil { // the change is made; only the answer's fields were wrong
		writeAPIError(w, *e)
		return
	}
	s.answerUpdated(w, t, q, ids, len(rt.parts) == 2, strings.EqualFold(lookup(params, "atomic"), "true"))
}

// answerUpdated writes the objects' new states, or an atomic bulk's success.
func (s *Sim) answerUpdated(w http.ResponseWriter, t *objType, q gquery, ids []string, one, atomic bool) {
	switch {
	case atomic && !one:
		writeJSON(w, []byte(`{"data":{"success":true}}`))
		return
	case one:
		buf := appendObject(append(make([]byte, 0, 512), `{"data":`...), t, int(t.byID[ids[0]]), q.fields)
		writeJSON(w, append(buf, '}'))
		return
	}
	buf := append(make([]byte, 0, 256*len(ids)), `{"data":[`...)
	for n, id := range ids {
		if n > 0 {
			buf = append(buf, ',')
		}
		buf = appendObject(buf, t, int(t.byID[id]), q.fields)
	}
	writeJSON(w, append(buf, "]}"...))
}

// decodeUpdates reads updates= as JSON, numbers kept as written.
func decodeUpdates(raw string, into any) *apiError {
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(into); err != nil || dec.More() {
		e := badParam("updates is not valid JSON of the right shape: " + raw[:min(len(raw), 80)])
		return &e
	}
	return nil
}

// updateOne changes one object; code "" is an unknown type.
func (s *Sim) updateOne(code string, c qctx, id, raw string) ([]string, *apiError) {
	var u map[string]any
	if e := decodeUpdates(raw, &u); e != nil || code == "" {
		return nil, e
	}
	s.worldMu.Lock()
	defer s.worldMu.Unlock()
	t := s.worldLocked().at(c.version).byCode[code]
	id = c.objectID(t, id)
	if v, ok := u["ID"]; ok && v == id {
		delete(u, "ID") // the object's own ID, as a bulk item carries it
	}
	i, values, e := t.checkUpdate(c.version, id, u)
	if e != nil {
		return nil, e
	}
	s.setLocked(t, i, values, c.userID)
	return []string{id}, nil
}

// updateBulk changes several objects: each item carries its ID.
func (s *Sim) updateBulk(code string, c qctx, raw string, atomic bool) ([]string, *apiError) {
	var items []map[string]any
	if e := decodeUpdates(raw, &items); e != nil || code == "" {
		return nil, e
	}
	switch {
	case len(items) == 0:
		e := badParam("updates=[…] holds no objects")
		return nil, &e
	case len(items) > maxBulk:
		e := badParam(fmt.Sprintf("A bulk update takes at most %d objects; this one has %d", maxBulk, len(items)))
		return nil, &e
	}
	s.mu.Lock()
	allOrNone := atomic || s.writes.bulkRollsBack
	s.mu.Unlock()
	s.worldMu.Lock()
	defer s.worldMu.Unlock()
	t := s.worldLocked().at(c.version).byCode[code]
	type change struct {
		i      int
		values map[*fieldDef]any
	}
	changes := make([]change, 0, len(items))
	ids := make([]string, 0, len(items))
	for n, u := range items {
		id, _ := u["ID"].(string)
		if id == "" {
			e := badParam(fmt.Sprintf("Item %d of updates=[…] has no ID", n+1))
			return nil, &e
		}
		delete(u, "ID")
		i, values, e := t.checkUpdate(c.version, id, u)
		if e != nil {
			return nil, e // with allOrNone, nothing was changed yet
		}
		if !allOrNone {
			s.setLocked(t, i, values, c.userID)
		}
		changes = append(changes, change{i, values})
		ids = append(ids, id)
	}
	if allOrNone {
		for _, ch := range changes {
			s.setLocked(t, ch.i, ch.values, c.userID)
		}
	}
	return ids, nil
}

// checkUpdate checks one object's updates: its row and the typed values.
// A refusal names the object's ID.
func (t *objType) checkUpdate(version, id string, u map[string]any) (int, map[*fieldDef]any, *apiError) {
	j, ok := t.byID[id]
	if !ok {
		e := notFound(t, id)
		return 0, nil, &e
	}
	if len(u) == 0 {
		e := badParam(fmt.Sprintf("The updates for %s %s change no field", t.name, id))
		return 0, nil, &e
	}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range u {
			if !yield(k) {
				return
			}
		}
	})
	values := make(map[*fieldDef]any, len(u)+2)
	for _, k := range keys {
		f, v, e := t.checkValue(version, int(j), k, u[k], false)
		if e != nil {
			e.message += fmt.Sprintf(" (%s %s)", t.name, id)
			return 0, nil, e
		}
		values[f] = v
	}
	return int(j), values, nil
}

// checkValue checks one field's new value on row i and turns it into the
// simulator's own (string, int, float64, bool, time.Time or nil).
func (t *objType) checkValue(version string, i int, name string, v any, anyField bool) (*fieldDef, any, *apiError) {
	fail := func(msg string) (*fieldDef, any, *apiError) { e := badParam(msg); return nil, nil, &e }
	f := t.byName[name]
	switch {
	case f == nil && t.w != nil && t.w.formFields[t.code][name] != nil:
		return fail(fmt.Sprintf("Custom field %s is not on a custom form of this %s", name, t.name))
	case f == nil && (t.refByName[name] != nil || t.colByName[name] != nil):
		return fail(fmt.Sprintf("The simulator does not simulate updating %s (%s) whole; set its ID field or update its objects", name, t.name))
	case f == nil && name == "objCode":
		return fail(fmt.Sprintf("Field objCode (%s) is read-only and cannot be updated", t.name))
	case f == nil:
		e := unknownField(version, name, t)
		return nil, nil, &e
	case f.readOnly && !anyField:
		return fail(fmt.Sprintf("Field %s (%s) is read-only and cannot be updated", name, t.name))
	case f.custom && f.onForm != nil && !f.onForm(i):
		return fail(fmt.Sprintf("Custom field %s is not on a custom form of this %s", name, t.name))
	}
	out, msg := f.convert(v)
	if msg == "" {
		msg = t.checkReference(f, out)
	}
	if msg != "" {
		return fail(fmt.Sprintf("Invalid value %s for field %s (%s): %s", shown(v), name, t.name, msg))
	}
	return f, out, nil
}

// convert types a JSON value for f; msg says why it cannot be.
func (f *fieldDef) convert(v any) (out any, msg string) {
	if v == nil {
		if f.name == "name" || (f.enum != nil && !f.custom) {
			return nil, "it cannot be empty"
		}
		return nil, ""
	}
	switch f.kind {
	case kString:
		s, ok := v.(string)
		if !ok {
			return nil, "it takes a string"
		}
		if f.name == "name" && strings.TrimSpace(s) == "" {
			return nil, "it cannot be empty"
		}
		out = s
	case kInt:
		n, ok := v.(json.Number)
		k, err := strconv.Atoi(string(n))
		if !ok || err != nil {
			return nil, "it takes a whole number"
		}
		out = k
	case kDouble:
		n, ok := v.(json.Number)
		x, err := n.Float64()
		if !ok || err != nil {
			return nil, "it takes a number"
		}
		out = x
	case kBool:
		b, ok := v.(bool)
		if !ok {
			return nil, "it takes true or false"
		}
		out = b
	case kDate:
		s, ok := v.(string)
		when, parsed := parseDate(s)
		if !ok || !parsed {
			return nil, "it takes a date such as 2026-03-24T17:00:00:000+0000"
		}
		out = when
	default:
		return nil, "the simulator does not simulate updating a list"
	}
	if f.enum != nil && !slices.ContainsFunc(f.enum.values, func(e enumValue) bool { return e.value == out }) {
		names := make([]string, len(f.enum.values))
		for k, e := range f.enum.values {
			names[k] = fmt.Sprint(e.value)
		}
		return nil, "it must be one of " + strings.Join(names, ", ")
	}
	return out, ""
}

// checkReference refuses an ID field's value that names no object of the
// type its reference points to.
func (t *objType) checkReference(f *fieldDef, v any) string {
	id, ok := v.(string)
	if !ok || t.w == nil {
		return ""
	}
	for _, r := range t.refs {
		if r.idField != f.name {
			continue
		}
		to := t.w.byCode[r.objCode]
		if _, found := to.byID[id]; !found {
			return fmt.Sprintf("no %s has that ID", to.name)
		}
	}
	return ""
}

// shown is a refused value as the error shows it: JSON, cut short.
func shown(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 60 {
		return string(b[:57]) + "..."
	}
	return string(b)
}
