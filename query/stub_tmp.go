// Package query is a temporary stand-in (deleted before the real package is merged).
package query

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/wfconnect/wfconnect/workfront"
)

var _ = context.Background

type Query struct {
	ID, Name, Folder string
	Tags             []string
	Connection       string `json:"connection,omitempty"`
	ObjCode          string
	Text             string
	Filters          []workfront.Filter
	Columns          []string
	Widths           map[string]float32
	Pinned           []string
	Sorts            []workfront.Sort
	Named            string `json:",omitempty"`
}
type Entry struct {
	Query Query
	At    time.Time
	Rows  int
}
type Tabs struct {
	Open    []Query
	Current int
}
type Line struct {
	N         int
	Text, Why string
}
type Parsed struct {
	Filters []workfront.Filter
	Kept    []Line
}

func Parse(text string) (Parsed, error) {
	var p Parsed
	for i, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		k, v, ok := strings.Cut(l, "=")
		if !ok {
			return Parsed{}, errors.New("line " + string(rune('0'+i)) + " is not a filter")
		}
		p.Filters = append(p.Filters, workfront.Filter{Key: k, Value: v})
	}
	return p, nil
}
func Format(fs []workfront.Filter) string {
	var b []string
	for _, f := range fs {
		b = append(b, f.Key+"="+f.Value)
	}
	return strings.Join(b, "\n")
}

type Row struct {
	Group, Field, Mod string
	Values            []string
	Range             string
}
type Exists struct {
	Label, ObjCode string
	Not            bool
	Conditions     []workfront.Filter
}
type Split struct {
	Rows   []Row
	Exists []Exists
	Raw    []workfront.Filter
}

func SplitFilters(fs []workfront.Filter, known func(string) bool) Split {
	var s Split
	idx := map[string]int{}
	ex := map[string]int{}
	for _, f := range fs {
		key := f.Key
		if strings.HasPrefix(key, "EXISTS:") {
			rest := key[7:]
			label, k, _ := strings.Cut(rest, ":")
			i, ok := ex[label]
			if !ok {
				i = len(s.Exists)
				ex[label] = i
				s.Exists = append(s.Exists, Exists{Label: label})
			}
			switch k {
			case "$$OBJCODE":
				s.Exists[i].ObjCode = f.Value
			case "$$EXISTSMOD":
				s.Exists[i].Not = f.Value == "NOTEXISTS"
			default:
				s.Exists[i].Conditions = append(s.Exists[i].Conditions, workfront.Filter{Key: k, Value: f.Value})
			}
			continue
		}
		group := ""
		if strings.HasPrefix(key, "OR:") {
			n, k, _ := strings.Cut(key[3:], ":")
			group, key = "OR:"+n, k
		}
		field, suffix := key, ""
		for _, sfx := range []string{"_Mod", "_Range"} {
			if strings.HasSuffix(key, sfx) {
				field, suffix = strings.TrimSuffix(key, sfx), sfx
			}
		}
		if known != nil && !known(field) {
			s.Raw = append(s.Raw, f)
			continue
		}
		i, ok := idx[group+"\x00"+field]
		if !ok {
			i = len(s.Rows)
			idx[group+"\x00"+field] = i
			s.Rows = append(s.Rows, Row{Group: group, Field: field})
		}
		switch suffix {
		case "_Mod":
			s.Rows[i].Mod = f.Value
		case "_Range":
			s.Rows[i].Range = f.Value
		default:
			s.Rows[i].Values = append(s.Rows[i].Values, f.Value)
		}
	}
	return s
}
func (r Row) Filters() []workfront.Filter {
	p := ""
	if r.Group != "" {
		p = r.Group + ":"
	}
	var out []workfront.Filter
	for _, v := range r.Values {
		out = append(out, workfront.Filter{Key: p + r.Field, Value: v})
	}
	if r.Range != "" {
		out = append(out, workfront.Filter{Key: p + r.Field + "_Range", Value: r.Range})
	}
	if r.Mod != "" {
		out = append(out, workfront.Filter{Key: p + r.Field + "_Mod", Value: r.Mod})
	}
	return out
}
func (e Exists) Filters() []workfront.Filter {
	p := "EXISTS:" + e.Label + ":"
	mod := "EXISTS"
	if e.Not {
		mod = "NOTEXISTS"
	}
	out := []workfront.Filter{{Key: p + "$$EXISTSMOD", Value: mod}, {Key: p + "$$OBJCODE", Value: e.ObjCode}}
	for _, c := range e.Conditions {
		out = append(out, workfront.Filter{Key: p + c.Key, Value: c.Value})
	}
	return out
}
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

type Store struct {
	saved   []Query
	history []Entry
	tabs    map[string]Tabs
}

func Open(dir string) *Store { return &Store{tabs: map[string]Tabs{}} }
func (s *Store) Saved(c string) ([]Query, error) {
	var out []Query
	for _, q := range s.saved {
		if q.Connection == c {
			out = append(out, q)
		}
	}
	return out, nil
}
func (s *Store) Save(q Query) (Query, error) {
	if q.ID == "" {
		q.ID = time.Now().Format("150405.000000")
	}
	for i := range s.saved {
		if s.saved[i].ID == q.ID {
			s.saved[i] = q
			return q, nil
		}
	}
	s.saved = append(s.saved, q)
	return q, nil
}
func (s *Store) Rename(c, id, name string) error {
	for i := range s.saved {
		if s.saved[i].ID == id {
			s.saved[i].Name = name
		}
	}
	return nil
}
func (s *Store) Duplicate(c, id string) (Query, error) {
	for _, q := range s.saved {
		if q.ID == id {
			q.ID = ""
			q.Name += " (copy)"
			return s.Save(q)
		}
	}
	return Query{}, errors.New("no such query")
}
func (s *Store) Delete(c, id string) error {
	for i := range s.saved {
		if s.saved[i].ID == id {
			s.saved = append(s.saved[:i], s.saved[i+1:]...)
			return nil
		}
	}
	return nil
}
func (s *Store) History(c string) ([]Entry, error) { return s.history, nil }
func (s *Store) AddHistory(c string, q Query, at time.Time, rows int) error {
	s.history = append([]Entry{{q, at, rows}}, s.history...)
	return nil
}
func (s *Store) Tabs(c string) (Tabs, error)       { return s.tabs[c], nil }
func (s *Store) SaveTabs(c string, t Tabs) error    { s.tabs[c] = t; return nil }
func Export(qs []Query) ([]byte, error)             { return nil, nil }
func Import(data []byte) ([]Query, error)           { return nil, nil }
func SameQuery(a, b Query) bool                     { return a.ObjCode == b.ObjCode && Format(a.Filters) == Format(b.Filters) && a.Text == b.Text }
func Search(qs []Query, text string) []Query        { return qs }
func SearchHistory(es []Entry, text string) []Entry { return es }
