package wfsim

import (
	"strings"
)

// Filter groups, as API basics describes OR: the plain filters are one
// group, each OR:<n>: prefix ("OR:1:status=ONH&OR:1:status_Mod=eq") is
// another, a group's filters are ANDed, and a row matches when it matches
// any group. A query with only OR groups matches what they match; one
// without filters matches every row.

// fgroup is one group's parameters, by field.
type fgroup struct {
	fields []string // in the order they came
	values map[string][]string
	mods   map[string]string
	ranges map[string][]string
}

// add takes a filter parameter: "field", "field_Mod" or "field_Range".
// The suffixes are case-sensitive, as in Workfront.
func (g *fgroup) add(key, value string) {
	if g.values == nil {
		g.values, g.mods, g.ranges = map[string][]string{}, map[string]string{}, map[string][]string{}
	}
	field := key
	switch {
	case strings.HasSuffix(key, "_Mod"):
		field = strings.TrimSuffix(key, "_Mod")
		g.mods[field] = value
	case strings.HasSuffix(key, "_Range"):
		field = strings.TrimSuffix(key, "_Range")
		g.ranges[field] = append(g.ranges[field], value)
	default:
		g.values[field] = append(g.values[field], value)
	}
	for _, f := range g.fields {
		if f == field {
			return
		}
	}
	g.fields = append(g.fields, field)
}

// build turns the group into filters.
func (g *fgroup) build(t *objType, c qctx) ([]gfilter, *apiError) {
	var out []gfilter
	for _, field := range g.fields {
		mod, hasMod := g.mods[field]
		f, e := buildFilter(t, c, field, g.values[field], g.ranges[field], mod, hasMod)
		if e != nil {
			return nil, e
		}
		out = append(out, f)
	}
	return out, nil
}

// readOr takes an "OR:<n>:<filter>" parameter into group n.
func (b *qbuilder) readOr(p param) *apiError {
	n, rest, ok := strings.Cut(strings.TrimPrefix(p.key, "OR:"), ":")
	if !ok || n == "" || strings.Trim(n, "0123456789") != "" || rest == "" {
		e := badParam("Malformed OR group " + p.key + ": write OR:<number>:<field>, e.g. OR:1:status=CUR")
		return &e
	}
	if rest == "fields" || rest == "method" || rest == "sessionID" || strings.HasPrefix(rest, "$$") || strings.HasSuffix(rest, "_Sort") ||
		strings.HasPrefix(rest, "OR:") {
		e := badParam("An OR group holds filters only (field, field_Mod, field_Range); not " + p.key)
		return &e
	}
	key := "OR:" + n
	var g *fgroup
	for k, name := range b.orNames {
		if name == key {
			g = b.groups[k+1]
		}
	}
	if g == nil {
		g = &fgroup{}
		b.groups = append(b.groups, g)
		b.orNames = append(b.orNames, key)
	}
	g.add(rest, p.value)
	return nil
}

func allMatch(filters []gfilter, i int) bool {
	for k := range filters {
		if !filters[k].match(i) {
			return false
		}
	}
	return true
}

// match tells whether row i matches the query's filters.
func (q *gquery) match(i int) bool {
	if len(q.or) == 0 {
		return allMatch(q.filters, i)
	}
	if len(q.filters) > 0 && allMatch(q.filters, i) {
		return true
	}
	for _, g := range q.or {
		if allMatch(g, i) {
			return true
		}
	}
	return false
}
