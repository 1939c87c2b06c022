package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/wfconnect/wfconnect/compare"
)

// compareModel is a comparison as the tree shows it: every node, or only
// the differences, each reached by its path of indices ("2/0/1").
type compareModel struct {
	all       []compare.Node
	onlyDiffs bool
	shown     []compare.Node
}

func (m *compareModel) set(nodes []compare.Node) {
	m.all = nodes
	m.refilter()
}

func (m *compareModel) setOnlyDifferences(on bool) {
	m.onlyDiffs = on
	m.refilter()
}

func (m *compareModel) refilter() {
	m.shown = m.all
	if m.onlyDiffs {
		m.shown = compare.OnlyDifferences(m.all)
	}
}

// children are the paths of a node's children; "" is the root.
func (m *compareModel) children(uid string) []string {
	nodes := m.shown
	if uid != "" {
		n, ok := m.node(uid)
		if !ok {
			return nil
		}
		nodes = n.Children
	}
	out := make([]string, len(nodes))
	for i := range nodes {
		out[i] = childPath(uid, i)
	}
	return out
}

func childPath(parent string, i int) string {
	if parent == "" {
		return strconv.Itoa(i)
	}
	return parent + "/" + strconv.Itoa(i)
}

// node finds a path's node; a stale path (after a filter) is not found.
func (m *compareModel) node(uid string) (compare.Node, bool) {
	nodes := m.shown
	var n compare.Node
	for _, part := range strings.Split(uid, "/") {
		i, err := strconv.Atoi(part)
		if err != nil || i < 0 || i >= len(nodes) {
			return compare.Node{}, false
		}
		n = nodes[i]
		nodes = n.Children
	}
	return n, true
}

// branchesToOpen are the paths of every node with children that differ,
// so a comparison opens on its differences.
func (m *compareModel) branchesToOpen() []string {
	var out []string
	var walk func(uid string, nodes []compare.Node)
	walk = func(uid string, nodes []compare.Node) {
		for i, n := range nodes {
			p := childPath(uid, i)
			if len(n.Children) > 0 && n.State == compare.Different {
				out = append(out, p)
				walk(p, n.Children)
			}
		}
	}
	walk("", m.shown)
	return out
}

// summary counts the differences for people.
func (m *compareModel) summary(a, b string) string {
	c := compare.Count(m.all)
	if compare.Equal(m.all) {
		return fmt.Sprintf(lang.L("%s and %s are the same (%d compared)."), a, b, c[compare.Same])
	}
	return fmt.Sprintf(lang.L("%d only in %s, %d only in %s, %d different, %d the same."),
		c[compare.OnlyA], a, c[compare.OnlyB], b, c[compare.Different], c[compare.Same])
}

// compareRow is how one node reads in the tree: its name and kind, and
// its two sides.
type compareRow struct {
	Name, A, B string
	State      compare.State
}

func compareRowOf(n compare.Node) compareRow {
	r := compareRow{Name: n.Name, State: n.State, A: n.A, B: n.B}
	if n.Kind != "value" {
		r.Name = n.Name + " · " + compareKindLabel(n.Kind)
	}
	mark := lang.L("absent")
	switch n.State {
	case compare.OnlyA:
		if r.A == "" {
			r.A = lang.L("present")
		}
		r.B = mark
	case compare.OnlyB:
		if r.B == "" {
			r.B = lang.L("present")
		}
		r.A = mark
	case compare.Same:
		if r.A == "" && n.Kind != "value" {
			r.A, r.B = lang.L("same"), lang.L("same")
		}
	case compare.Different:
		if n.Kind != "value" {
			r.A, r.B = differences(n.Children), ""
		}
	}
	return r
}

// differences counts the differing values, options and parts under a
// node (the leaves, not the branches that hold them), for its row.
func differences(children []compare.Node) string {
	n := 0
	var walk func([]compare.Node)
	walk = func(nodes []compare.Node) {
		for _, c := range nodes {
			switch {
			case c.State == compare.Same:
			case len(c.Children) == 0 || c.State != compare.Different:
				n++
			default:
				walk(c.Children)
			}
		}
	}
	walk(children)
	if n == 1 {
		return lang.L("1 difference")
	}
	return fmt.Sprintf(lang.L("%d differences"), n)
}

// compareKindLabel names a node's kind for people.
func compareKindLabel(kind string) string {
	switch kind {
	case "form":
		return lang.L("form")
	case "field":
		return lang.L("field")
	case "option":
		return lang.L("option")
	case "type":
		return lang.L("object type")
	case "reference":
		return lang.L("reference")
	case "collection":
		return lang.L("collection")
	}
	return lang.L("value")
}
