// Package compare owns the comparison of two Workfront instances (or two
// API versions of one): their custom forms, fields and options, their
// object types and fields, and two objects field by field, as a tree of
// differences with counts, for people and for scripts.
package compare

import (
	"fmt"
	"slices"
	"strings"

	"github.com/wfconnect/wfconnect/workfront"
)

// State is what a comparison found for one thing.
type State string

// The states, as the JSON and the CSV write them.
const (
	OnlyA     State = "only in A"
	OnlyB     State = "only in B"
	Different State = "different"
	Same      State = "same"
)

// Node is one thing compared: a form, a field, a type, an option; its
// children are its parts. A and B are a value's two sides, and an
// object's field that only one side has holds that side's value.
type Node struct {
	Kind     string `json:"kind"` // form, field, option, type, value
	Name     string `json:"name"`
	State    State  `json:"state"`
	A        string `json:"a,omitempty"`
	B        string `json:"b,omitempty"`
	Children []Node `json:"children,omitempty"`
}

// Counts are how many things a tree holds in each state.
type Counts map[State]int

// Count counts a tree's nodes, by state, the leaves and parents alike.
func Count(nodes []Node) Counts {
	c := Counts{}
	var walk func([]Node)
	walk = func(ns []Node) {
		for _, n := range ns {
			c[n.State]++
			walk(n.Children)
		}
	}
	walk(nodes)
	return c
}

// Equal is true when nothing differs.
func Equal(nodes []Node) bool {
	c := Count(nodes)
	return c[OnlyA]+c[OnlyB]+c[Different] == 0
}

// OnlyDifferences drops what is the same, keeping the path to each
// difference.
func OnlyDifferences(nodes []Node) []Node {
	var out []Node
	for _, n := range nodes {
		if n.State == Same {
			continue
		}
		n.Children = OnlyDifferences(n.Children)
		out = append(out, n)
	}
	return out
}

// value compares one value of a thing on both sides.
func value(name, a, b string) Node {
	n := Node{Kind: "value", Name: name, State: Same, A: a, B: b} // kept when the same: objects are shown side by side
	if a != b {
		n.State = Different
	}
	return n
}

// parent is a node whose state follows its children.
func parent(kind, name string, children []Node) Node {
	n := Node{Kind: kind, Name: name, State: Same, Children: children}
	for _, c := range children {
		if c.State != Same {
			n.State = Different
		}
	}
	return n
}

// pair matches two lists by name, in A's order then B's newcomers.
func pair[T any](a, b []T, name func(T) string, both func(x, y T) Node, one func(x T, s State) Node) []Node {
	var out []Node
	inB := map[string]int{}
	for i, y := range b {
		inB[name(y)] = i
	}
	seen := map[string]bool{}
	for _, x := range a {
		seen[name(x)] = true
		if j, ok := inB[name(x)]; ok {
			out = append(out, both(x, b[j]))
		} else {
			out = append(out, one(x, OnlyA))
		}
	}
	for _, y := range b {
		if !seen[name(y)] {
			out = append(out, one(y, OnlyB))
		}
	}
	return out
}

// Forms compares two instances' custom forms: each form's types and
// fields, each field's label, types, place on the form, state and
// options (added, removed, order).
func Forms(a, b []workfront.CustomForm) []Node {
	return pair(a, b, func(f workfront.CustomForm) string { return f.Name },
		func(x, y workfront.CustomForm) Node {
			kids := []Node{value("object types", strings.Join(sorted(x.ObjCodes), ", "), strings.Join(sorted(y.ObjCodes), ", "))}
			kids = append(kids, fieldsOf(x, y)...)
			return parent("form", x.Name, kids)
		},
		func(f workfront.CustomForm, s State) Node { return Node{Kind: "form", Name: f.Name, State: s} })
}

func fieldsOf(x, y workfront.CustomForm) []Node {
	order := func(f workfront.CustomForm, name string) string {
		return fmt.Sprint(slices.IndexFunc(f.Fields, func(c workfront.CustomField) bool { return c.Name == name }) + 1)
	}
	return pair(x.Fields, y.Fields, func(f workfront.CustomField) string { return f.Name },
		func(fa, fb workfront.CustomField) Node {
			kids := []Node{value("label", fa.Label, fb.Label), value("data type", fa.DataType, fb.DataType),
				value("display type", fa.DisplayType, fb.DisplayType), value("display order", order(x, fa.Name), order(y, fb.Name)),
				value("active", fmt.Sprint(fa.Active), fmt.Sprint(fb.Active))}
			kids = append(kids, optionsOf(fa, fb)...)
			return parent("field", fa.Name, kids)
		},
		func(f workfront.CustomField, s State) Node { return Node{Kind: "field", Name: f.Name, State: s} })
}

func optionsOf(a, b workfront.CustomField) []Node {
	values := func(f workfront.CustomField) []string {
		var out []string
		for _, o := range f.Options {
			out = append(out, o.Value)
		}
		return out
	}
	out := pair(a.Options, b.Options, func(o workfront.EnumValue) string { return o.Value },
		func(x, y workfront.EnumValue) Node {
			return parent("option", x.Value, []Node{value("label", x.Label, y.Label)})
		},
		func(o workfront.EnumValue, s State) Node { return Node{Kind: "option", Name: o.Value, State: s} })
	va, vb := values(a), values(b)
	if kept := common(va, vb); len(kept) > 0 {
		out = append(out, value("option order", strings.Join(common(va, kept), ", "), strings.Join(common(vb, kept), ", ")))
	}
	return out
}

// common is the values of a that are in b, in a's order.
func common(a, b []string) []string {
	var out []string
	for _, v := range a {
		if slices.Contains(b, v) {
			out = append(out, v)
		}
	}
	return out
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}
