package workfront

import (
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/wfconnect/wfconnect/msg"
)

// A type's named queries and actions, as its metadata lists them, and
// Workfront's saved filters (UIFT). The shapes of "queries", "actions"
// and a saved filter's "definition" are not in the samples wfconnect has
// (WORKFRONT.md: unknown): each is read as a map by name or as a list.

// ActionMeta is an action a type's metadata lists, with its arguments.
type ActionMeta struct {
	Name, Label string
	Args        []ActionArg `json:",omitempty"`
}

// ActionArg is one argument of an action.
type ActionArg struct {
	Name, Type string
	Required   bool
}

// builtinQueries are the operations the metadata may list among its
// queries; they are not named queries.
var builtinQueries = []string{"search", "count", "report", "metadata", "get"}

type wireArg struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Required bool   `json:"required"`
}

type wireAction struct {
	Name      string    `json:"name"`
	Label     string    `json:"label"`
	Arguments []wireArg `json:"arguments"`
}

// namedEntries reads a map by name, or a list of names or of objects.
func namedEntries(raw json.RawMessage) []wireAction {
	var byName map[string]wireAction
	if json.Unmarshal(raw, &byName) == nil {
		out := make([]wireAction, 0, len(byName))
		for name, a := range byName {
			a.Name = name
			out = append(out, a)
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
		return out
	}
	var names []string
	if json.Unmarshal(raw, &names) == nil {
		out := make([]wireAction, len(names))
		for i, n := range names {
			out[i] = wireAction{Name: n}
		}
		return out
	}
	var list []wireAction
	json.Unmarshal(raw, &list) // anything else: none
	return list
}

// readQueries are the metadata's named queries, without the operations.
func readQueries(raw json.RawMessage) []string {
	var out []string
	for _, q := range namedEntries(raw) {
		if q.Name != "" && !slices.Contains(builtinQueries, strings.ToLower(q.Name)) {
			out = append(out, q.Name)
		}
	}
	return out
}

// readActions are the metadata's actions with their arguments.
func readActions(raw json.RawMessage) []ActionMeta {
	var out []ActionMeta
	for _, a := range namedEntries(raw) {
		if a.Name == "" {
			continue
		}
		m := ActionMeta{Name: a.Name, Label: orName(a.Label, a.Name)}
		for _, arg := range a.Arguments {
			m.Args = append(m.Args, ActionArg{Name: arg.Name, Type: arg.Type, Required: arg.Required})
		}
		out = append(out, m)
	}
	return out
}

// NamedQuery runs one of a type's named queries (GET /<obj>/<name>, e.g.
// /task/myWork), a page at a time.
func (c *Client) NamedQuery(ctx context.Context, objCode, name string, fields []string, first, limit int) ([]Object, error) {
	path, err := objPath(objCode)
	if err != nil {
		return nil, err
	}
	if name == "" || strings.ContainsAny(name, "/?#%") || slices.Contains(builtinQueries, strings.ToLower(name)) {
		return nil, msg.New("%q is not a named query.", name)
	}
	var q []param
	if len(fields) > 0 {
		q = append(q, param{"fields", strings.Join(fields, ",")})
	}
	q = append(q, param{"$$FIRST", strconv.Itoa(max(0, first))}, param{"$$LIMIT", strconv.Itoa(max(1, min(limit, MaxLimit)))})
	var body objectsAnswer
	if err := c.get(ctx, path+"/"+url.PathEscape(name), q, &body); err != nil {
		return nil, err
	}
	return body.Data, nil
}

// SavedFilter is one of the instance's saved filters (UIFT) for a type,
// its definition read as filter parameters in text-mode order.
type SavedFilter struct {
	ID, Name, ObjCode string
	Filters           []Filter
	Public            bool
	Owner             string // the owner's name, when Workfront gives it
	// Problem says, for people, why the definition could not be read
	// ("" when it was); the filter is then listed without filters.
	Problem string
}

// savedFilterFields are what SavedFilters asks of each filter.
var savedFilterFields = []string{"name", "uiObjCode", "definition", "isPublic", "owner:name"}

// SavedFilters lists the saved filters for a type (uifilter/search, by
// uiObjCode), every page.
func (c *Client) SavedFilters(ctx context.Context, objCode string) ([]SavedFilter, error) {
	code := strings.ToUpper(objCode)
	var out []SavedFilter
	s := Search{ObjCode: "uifilter", Fields: savedFilterFields, Filters: []Filter{{Key: "uiObjCode", Value: code}}}
	err := c.All(ctx, s, func(o Object) error {
		f := SavedFilter{ID: o.ID(), Name: o.Name(), ObjCode: orName(strings.ToUpper(o.Text("uiObjCode")), code),
			Public: o.Text("isPublic") == "true", Owner: o.Text("owner:name")}
		f.Filters, f.Problem = readDefinition(o["definition"])
		out = append(out, f)
		return nil
	})
	return out, err
}

// readDefinition reads a saved filter's definition: text-mode lines in a
// string, or an object of parameter to value (or values, repeated).
func readDefinition(v any) ([]Filter, string) {
	switch d := v.(type) {
	case nil:
		return nil, ""
	case string:
		var out []Filter
		for _, line := range strings.Split(strings.ReplaceAll(d, "\r\n", "\n"), "\n") {
			if line = strings.TrimSpace(line); line == "" {
				continue
			}
			k, val, ok := strings.Cut(line, "=")
			if !ok || strings.TrimSpace(k) == "" {
				return nil, "The filter's definition has a line that is not a filter."
			}
			out = append(out, Filter{Key: strings.TrimSpace(k), Value: val})
		}
		return out, ""
	case map[string]any:
		keys := make([]string, 0, len(d))
		for k := range d {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var out []Filter
		for _, k := range keys {
			switch x := d[k].(type) {
			case []any:
				for _, item := range x {
					out = append(out, Filter{Key: k, Value: valueText(item)})
				}
			default:
				out = append(out, Filter{Key: k, Value: valueText(x)})
			}
		}
		return out, ""
	}
	return nil, "The filter's definition is in a form wfconnect cannot read."
}

// SavedFilterProblems are the words SavedFilter.Problem can hold, for the
// translations.
func SavedFilterProblems() []string {
	return []string{"The filter's definition has a line that is not a filter.", "The filter's definition is in a form wfconnect cannot read."}
}
