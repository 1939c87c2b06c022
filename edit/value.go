package edit

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/workfront"
)

// Assignment is one FIELD=VALUE as a person wrote it.
type Assignment struct{ Field, Text string }

// ParseAssignment reads FIELD=VALUE at its first "=", so a value may hold
// more: "DE:Budget Code=BC=9" sets DE:Budget Code to "BC=9". An empty value
// clears the field.
func ParseAssignment(s string) (Assignment, error) {
	field, text, ok := strings.Cut(s, "=")
	field = strings.TrimSpace(field)
	if !ok || field == "" {
		return Assignment{}, msg.New("%q is not FIELD=VALUE (for example status=CPL or \"DE:Budget Code=BC-9\").", s)
	}
	return Assignment{Field: field, Text: text}, nil
}

// systemFields are fields Workfront keeps itself, whatever the metadata's
// flags say.
var systemFields = []string{"ID", "objCode", "entryDate", "lastUpdateDate", "lastUpdatedByID", "enteredByID", "customerID"}

// Editable says whether a field can be written and, when not, why, in
// words for people.
func Editable(f workfront.FieldMeta) (bool, *msg.Error) {
	switch {
	case slices.Contains(systemFields, f.Name):
		return false, msg.New("Workfront sets %s itself.", f.Name)
	case f.ReadOnly:
		return false, msg.New("Workfront's metadata marks %s read-only.", f.Name)
	}
	return true, nil
}

// ReplacesWhole says whether Workfront replaces the field whole on an
// update: a list (or a nested collection), where the value sent becomes
// the entire list, not an addition to it.
func ReplacesWhole(f workfront.FieldMeta) bool { return strings.HasSuffix(f.Type, "[]") }

// FieldOf finds a field by its API name (as search --fields writes it) and
// checks it can be written.
func FieldOf(meta workfront.TypeMeta, name string) (workfront.FieldMeta, error) {
	i := slices.IndexFunc(meta.Fields, func(f workfront.FieldMeta) bool { return f.Name == name })
	if i < 0 {
		return workfront.FieldMeta{}, msg.New("%s has no field %q (see: wfconnect metadata NAME %s).", meta.Label, name, strings.ToLower(meta.ObjCode))
	}
	f := meta.Fields[i]
	if ok, why := Editable(f); !ok {
		return f, why
	}
	return f, nil
}

// Convert turns a person's text into the value Workfront expects for the
// field: a number, a boolean, a Workfront date, one of an enum's values (by
// value or label, in any case), or text. "" is null: the field is cleared.
func Convert(f workfront.FieldMeta, text string) (any, error) {
	t := strings.TrimSpace(text)
	if t == "" {
		return nil, nil
	}
	if ReplacesWhole(f) {
		return listValue(f, t)
	}
	if len(f.Values) > 0 {
		return enumValue(f, t)
	}
	switch f.Type {
	case "int":
		n, err := strconv.ParseInt(t, 10, 64)
		if err != nil {
			return nil, msg.New("%s takes a whole number, not %q.", f.Name, text)
		}
		return n, nil
	case "double", "currency":
		n, err := strconv.ParseFloat(strings.ReplaceAll(t, ",", "."), 64)
		if err != nil || math.IsInf(n, 0) || math.IsNaN(n) {
			return nil, msg.New("%s takes a number, not %q.", f.Name, text)
		}
		return n, nil
	case "boolean":
		b, err := strconv.ParseBool(strings.ToLower(t))
		if err != nil {
			return nil, msg.New("%s takes true or false, not %q.", f.Name, text)
		}
		return b, nil
	case "dateTime", "date":
		d, err := workfront.ParseDate(t)
		if err != nil || d.IsZero() { // ParseDate reads "null" as no date; only "" clears
			return nil, msg.New("%s takes a date such as 2026-12-31 or 2026-12-31T17:00:00:000+0100, not %q.", f.Name, text)
		}
		return workfront.FormatDate(d), nil
	}
	return text, nil
}

// listValue reads a list written as items separated by commas, each item
// checked as the list's element type would be.
func listValue(f workfront.FieldMeta, t string) (any, error) {
	elem := f
	elem.Type = strings.TrimSuffix(f.Type, "[]")
	out := []any{}
	for _, item := range strings.Split(t, ",") {
		if item = strings.TrimSpace(item); item == "" {
			continue
		}
		v, err := Convert(elem, item)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// enumValue accepts an enum's value or its label.
func enumValue(f workfront.FieldMeta, t string) (any, error) {
	for _, v := range f.Values {
		if strings.EqualFold(v.Value, t) || strings.EqualFold(v.Label, t) {
			if n, err := strconv.ParseInt(v.Value, 10, 64); err == nil && f.Type == "int" {
				return n, nil
			}
			return v.Value, nil
		}
	}
	names := make([]string, 0, len(f.Values))
	for _, v := range f.Values {
		names = append(names, v.Value)
	}
	return nil, msg.New("%q is not one of %s's values: %s.", t, f.Name, strings.Join(names, ", "))
}

// Same says whether a value read from Workfront equals a value to write:
// numbers by value, dates by instant, the rest by their text.
func Same(before, after any) bool {
	if before == nil || after == nil {
		return (before == nil || before == "") && (after == nil || after == "")
	}
	if a, ok := number(before); ok {
		if b, ok := number(after); ok {
			return a == b
		}
	}
	bs, as := workfront.ValueText(before), workfront.ValueText(after)
	if bs == as {
		return true
	}
	return sameInstant(bs, as)
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int64:
		return float64(n), true
	case int:
		return float64(n), true
	}
	return 0, false
}

func sameInstant(a, b string) bool {
	if len(a) < 10 || len(b) < 10 || a[4] != '-' || b[4] != '-' {
		return false
	}
	ta, errA := workfront.ParseDate(a)
	tb, errB := workfront.ParseDate(b)
	return errA == nil && errB == nil && ta.Equal(tb) && !ta.Equal(time.Time{})
}
