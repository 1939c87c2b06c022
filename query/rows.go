package query

import (
	"strings"

	"github.com/wfconnect/wfconnect/workfront"
)

// Row is one filter row: a field of the plain rows (ANDed) or of an OR
// group, its modifier, its values (several for in and notin, one
// parameter each) and between's upper bound.
type Row struct {
	Group  string // "" (the plain rows) or "OR:1", "OR:2", …
	Field  string
	Mod    string // "" sends no _Mod: Workfront's default, eq
	Values []string
	Range  string // field_Range, between's upper bound
}

// Exists is one EXISTS filter: objects that have (or have not) a linked
// object of a type under conditions, as Workfront's text mode writes it.
type Exists struct {
	Label      string // what follows EXISTS: ("a", "1")
	ObjCode    string // $$OBJCODE
	Not        bool   // $$EXISTSMOD=NOTEXISTS
	Conditions []workfront.Filter
}

// Split is filters as the UI shows them.
type Split struct {
	Rows   []Row
	Exists []Exists
	Raw    []workfront.Filter // kept as written
}

// SplitFilters reads parameters into rows. A field known refuses (nil:
// every field is known), a Workfront variable, an EXISTS inside an OR
// group, and a second modifier or bound for one row go to Raw, in order.
func SplitFilters(fs []workfront.Filter, known func(field string) bool) Split {
	var s Split
	rows := map[string]int{}
	exists := map[string]int{}
	for _, f := range fs {
		if label, rest, ok := cutExists(f.Key); ok {
			s.addExists(exists, label, rest, f.Value)
			continue
		}
		group, key := "", f.Key
		if n, rest, ok := cutOr(key); ok {
			group, key = "OR:"+n, rest
		}
		field, suffix := splitSuffix(key)
		if strings.HasPrefix(field, "$$") || strings.HasPrefix(field, "EXISTS:") || strings.HasPrefix(field, "OR:") ||
			field == "" || (known != nil && !known(field)) {
			s.Raw = append(s.Raw, f)
			continue
		}
		i, ok := rows[group+"\x00"+field]
		if !ok {
			i = len(s.Rows)
			rows[group+"\x00"+field] = i
			s.Rows = append(s.Rows, Row{Group: group, Field: field})
		}
		if !s.Rows[i].take(suffix, f.Value) {
			s.Raw = append(s.Raw, f)
		}
	}
	return s
}

// take adds one parameter to the row; false when the row has that part.
func (r *Row) take(suffix, value string) bool {
	switch suffix {
	case "_Mod":
		if r.Mod != "" {
			return false
		}
		r.Mod = value
	case "_Range":
		if r.Range != "" {
			return false
		}
		r.Range = value
	default:
		r.Values = append(r.Values, value)
	}
	return true
}

func (s *Split) addExists(index map[string]int, label, key, value string) {
	i, ok := index[label]
	if !ok {
		i = len(s.Exists)
		index[label] = i
		s.Exists = append(s.Exists, Exists{Label: label})
	}
	e := &s.Exists[i]
	switch key {
	case "$$OBJCODE":
		e.ObjCode = value
	case "$$EXISTSMOD":
		e.Not = strings.EqualFold(value, "NOTEXISTS")
	default:
		e.Conditions = append(e.Conditions, workfront.Filter{Key: key, Value: value})
	}
}

// cutExists splits "EXISTS:a:rest" into its label and the rest.
func cutExists(key string) (label, rest string, ok bool) {
	after, found := strings.CutPrefix(key, "EXISTS:")
	if !found {
		return "", "", false
	}
	return strings.Cut(after, ":")
}

// cutOr splits "OR:1:rest" into its group number and the rest.
func cutOr(key string) (n, rest string, ok bool) {
	after, found := strings.CutPrefix(key, "OR:")
	if !found {
		return "", "", false
	}
	n, rest, ok = strings.Cut(after, ":")
	return n, rest, ok && n != ""
}

// splitSuffix is a key's field and its _Mod or _Range suffix (the
// suffixes are case-sensitive in Workfront).
func splitSuffix(key string) (field, suffix string) {
	for _, s := range []string{"_Mod", "_Range"} {
		if f, ok := strings.CutSuffix(key, s); ok {
			return f, s
		}
	}
	return key, ""
}

// Filters is the row as parameters: each value, the bound, the modifier,
// every key with the row's OR prefix.
func (r Row) Filters() []workfront.Filter {
	prefix := ""
	if r.Group != "" {
		prefix = r.Group + ":"
	}
	out := make([]workfront.Filter, 0, len(r.Values)+2)
	for _, v := range r.Values {
		out = append(out, workfront.Filter{Key: prefix + r.Field, Value: v})
	}
	if r.Range != "" {
		out = append(out, workfront.Filter{Key: prefix + r.Field + "_Range", Value: r.Range})
	}
	if r.Mod != "" {
		out = append(out, workfront.Filter{Key: prefix + r.Field + "_Mod", Value: r.Mod})
	}
	return out
}

// Filters is the EXISTS filter as parameters: its modifier, its type,
// then its conditions.
func (e Exists) Filters() []workfront.Filter {
	prefix := "EXISTS:" + e.Label + ":"
	mod := "EXISTS"
	if e.Not {
		mod = "NOTEXISTS"
	}
	out := []workfront.Filter{{Key: prefix + "$$EXISTSMOD", Value: mod}, {Key: prefix + "$$OBJCODE", Value: e.ObjCode}}
	for _, c := range e.Conditions {
		out = append(out, workfront.Filter{Key: prefix + c.Key, Value: c.Value})
	}
	return out
}

// Filters is the split back as parameters: rows, EXISTS filters, then
// those kept as written.
func (s Split) Filters() []workfront.Filter {
	var out []workfront.Filter
	for _, r := range s.Rows {
		out = append(out, r.Filters()...)
	}
	for _, e := range s.Exists {
		out = append(out, e.Filters()...)
	}
	return append(out, s.Raw...)
}
