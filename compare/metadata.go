package compare

import (
	"fmt"
	"slices"

	"github.com/wfconnect/wfconnect/workfront"
)

// Types compares two instances' (or API versions') object types and, for
// the types both have, their fields (by name: label and type),
// references and collections (by name: where they lead). meta holds each
// side's metadata of the types both have, by objCode.
func Types(a, b []workfront.ObjectType, metaA, metaB map[string]workfront.TypeMeta) []Node {
	return pair(a, b, func(t workfront.ObjectType) string { return t.ObjCode },
		func(x, y workfront.ObjectType) Node {
			ma, mb := metaA[x.ObjCode], metaB[y.ObjCode]
			kids := []Node{value("label", x.Label, y.Label)}
			kids = append(kids, pair(plain(ma.Fields), plain(mb.Fields), fieldName,
				func(fa, fb workfront.FieldMeta) Node {
					return parent("field", fa.Name, []Node{value("label", fa.Label, fb.Label), value("type", fa.Type, fb.Type)})
				},
				func(f workfront.FieldMeta, s State) Node { return Node{Kind: "field", Name: f.Name, State: s} })...)
			for _, kind := range []string{"reference", "collection"} {
				ra, rb := ma.References, mb.References
				if kind == "collection" {
					ra, rb = ma.Collections, mb.Collections
				}
				kids = append(kids, pair(ra, rb, func(r workfront.RefMeta) string { return r.Name },
					func(x, y workfront.RefMeta) Node {
						return parent(kind, x.Name, []Node{value("leads to", x.ObjCode, y.ObjCode)})
					},
					func(r workfront.RefMeta, s State) Node { return Node{Kind: kind, Name: r.Name, State: s} })...)
			}
			return parent("type", x.ObjCode, kids)
		},
		func(t workfront.ObjectType, s State) Node { return Node{Kind: "type", Name: t.ObjCode, State: s} })
}

// plain are a type's own fields: the custom ones are compared as forms.
func plain(fs []workfront.FieldMeta) []workfront.FieldMeta {
	return slices.DeleteFunc(slices.Clone(fs), func(f workfront.FieldMeta) bool { return f.Custom })
}

func fieldName(f workfront.FieldMeta) string { return f.Name }

// Objects compares two objects field by field: every field either has,
// its values side by side where they differ.
func Objects(a, b workfront.Object) []Node {
	var names []string
	for k := range a {
		names = append(names, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	out := make([]Node, 0, len(names))
	for _, k := range names {
		_, inA := a[k]
		_, inB := b[k]
		switch {
		case !inA:
			out = append(out, Node{Kind: "value", Name: k, State: OnlyB, B: text(b, k)})
		case !inB:
			out = append(out, Node{Kind: "value", Name: k, State: OnlyA, A: text(a, k)})
		default:
			out = append(out, value(k, text(a, k), text(b, k)))
		}
	}
	return out
}

func text(o workfront.Object, k string) string {
	if v, ok := o[k].(map[string]any); ok {
		return fmt.Sprint(v["name"], " (", v["ID"], ")")
	}
	return o.Text(k)
}
