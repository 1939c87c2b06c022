package query

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/wfconnect/wfconnect/msg"
)

// The saved queries, the history and the open tabs, per connection.

func freshSaved() *savedFileShape         { return &savedFileShape{} }
func savedVersion(f *savedFileShape) *int { return &f.Version }

// newID is a query's ID: random, short, never reused.
func newID() string {
	var b [6]byte
	rand.Read(b[:]) // never fails (crypto/rand)
	return "q" + hex.EncodeToString(b[:])
}

// Saved are a connection's saved queries, by folder and then name.
func (s *Store) Saved(connection string) ([]Query, error) {
	f, err := load(s, savedFile, freshSaved, savedVersion)
	var out []Query
	for _, q := range f.Queries {
		if q.Connection == connection {
			out = append(out, q)
		}
	}
	slices.SortStableFunc(out, func(a, b Query) int {
		if c := strings.Compare(strings.ToLower(a.Folder), strings.ToLower(b.Folder)); c != 0 {
			return c
		}
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	return out, err
}

// Save keeps a query on its connection: a new one gets an ID, one with
// an ID replaces it. A name is needed, and two queries of a connection
// never share one.
func (s *Store) Save(q Query) (Query, error) {
	q.Name, q.Folder = clean(q.Name), clean(q.Folder)
	if q.Name == "" {
		return Query{}, msg.New("A query needs a name.")
	}
	err := change(s, savedFile, freshSaved, savedVersion, func(f *savedFileShape) error {
		for _, other := range f.Queries {
			if other.Connection == q.Connection && other.ID != q.ID && strings.EqualFold(other.Name, q.Name) {
				return msg.New("There is a saved query named %q already: choose another name.", q.Name)
			}
		}
		if q.ID == "" {
			q.ID = newID()
		}
		if i := slices.IndexFunc(f.Queries, func(o Query) bool { return o.ID == q.ID && o.Connection == q.Connection }); i >= 0 {
			f.Queries[i] = q
		} else {
			f.Queries = append(f.Queries, q)
		}
		return nil
	})
	return q, err
}

// Rename gives a saved query another name.
func (s *Store) Rename(connection, id, name string) error {
	q, err := s.find(connection, id)
	if err != nil {
		return err
	}
	q.Name = name
	_, err = s.Save(q)
	return err
}

// Duplicate saves a copy: "Name (copy)", "Name (copy 2)"…
func (s *Store) Duplicate(connection, id string) (Query, error) {
	q, err := s.find(connection, id)
	if err != nil {
		return Query{}, err
	}
	saved, _ := s.Saved(connection)
	taken := map[string]bool{}
	for _, o := range saved {
		taken[strings.ToLower(o.Name)] = true
	}
	name := q.Name + " (copy)"
	for n := 2; taken[strings.ToLower(name)]; n++ {
		name = fmt.Sprintf("%s (copy %d)", q.Name, n)
	}
	q.ID, q.Name = "", name
	return s.Save(q)
}

// Delete drops a saved query.
func (s *Store) Delete(connection, id string) error {
	return change(s, savedFile, freshSaved, savedVersion, func(f *savedFileShape) error {
		n := len(f.Queries)
		f.Queries = slices.DeleteFunc(f.Queries, func(q Query) bool { return q.Connection == connection && q.ID == id })
		if len(f.Queries) == n {
			return msg.New("That saved query is gone (deleted elsewhere?).")
		}
		return nil
	})
}

func (s *Store) find(connection, id string) (Query, error) {
	saved, err := s.Saved(connection)
	for _, q := range saved {
		if q.ID == id {
			return q, nil
		}
	}
	if err == nil {
		err = msg.New("That saved query is gone (deleted elsewhere?).")
	}
	return Query{}, err
}

func freshHistory() *historyFileShape         { return &historyFileShape{History: map[string][]Entry{}} }
func historyVersion(f *historyFileShape) *int { return &f.Version }

// History is a connection's queries run, newest first.
func (s *Store) History(connection string) ([]Entry, error) {
	f, err := load(s, historyFile, freshHistory, historyVersion)
	return f.History[connection], err
}

// typingWindow is how close two runs of one type must be to be one
// search typed letter by letter (each pause of the search box runs it).
const typingWindow = 3 * time.Second

// AddHistory records a query run; the same query as the newest entry
// moves to now instead of adding one, and so does a query on the same
// type run within typingWindow of it (a search being typed). The last
// MaxHistory are kept.
func (s *Store) AddHistory(connection string, q Query, at time.Time, rows int) error {
	q.Connection = ""
	return change(s, historyFile, freshHistory, historyVersion, func(f *historyFileShape) error {
		if f.History == nil {
			f.History = map[string][]Entry{}
		}
		list := f.History[connection]
		if len(list) > 0 && (SameQuery(list[0].Query, q) ||
			list[0].Query.ObjCode == q.ObjCode && at.Sub(list[0].At) >= 0 && at.Sub(list[0].At) < typingWindow) {
			list = list[1:]
		}
		list = append([]Entry{{Query: q, At: at, Rows: rows}}, list...)
		f.History[connection] = list[:min(len(list), MaxHistory)]
		return nil
	})
}

func freshTabs() *tabsFileShape         { return &tabsFileShape{Tabs: map[string]Tabs{}} }
func tabsVersion(f *tabsFileShape) *int { return &f.Version }

// Tabs are a connection's open tabs, as last kept.
func (s *Store) Tabs(connection string) (Tabs, error) {
	f, err := load(s, tabsFile, freshTabs, tabsVersion)
	return f.Tabs[connection], err
}

// SaveTabs keeps a connection's open tabs.
func (s *Store) SaveTabs(connection string, t Tabs) error {
	return change(s, tabsFile, freshTabs, tabsVersion, func(f *tabsFileShape) error {
		if f.Tabs == nil {
			f.Tabs = map[string]Tabs{}
		}
		f.Tabs[connection] = t
		return nil
	})
}

// SameQuery is true when two queries ask the same thing, whatever their
// names, IDs and connections.
func SameQuery(a, b Query) bool {
	a.ID, a.Name, a.Folder, a.Tags, a.Connection = "", "", "", nil, ""
	b.ID, b.Name, b.Folder, b.Tags, b.Connection = "", "", "", nil, ""
	return fmt.Sprintf("%#v", a) == fmt.Sprintf("%#v", b)
}

// clean drops control characters and trims.
func clean(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return -1
		}
		return r
	}, s))
}
