package workfront

import (
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// NaturalOrder is a comparison of names as people read them: numbers by
// their value ("Project #999" before "Project #1691"), case and accents
// aside. It holds a collator, which is not safe for concurrent use: make
// one per sort.
func NaturalOrder() func(a, b string) int {
	c := collate.New(language.Und, collate.Numeric, collate.IgnoreCase, collate.IgnoreDiacritics)
	return c.CompareString
}

// sortByLabel puts items in the natural order of their labels, the same
// labels in the order of their names, so that the order never depends on
// a map's.
func sortByLabel[T any](items []T, label, name func(T) string) {
	order := NaturalOrder()
	slices.SortStableFunc(items, func(a, b T) int {
		if c := order(label(a), label(b)); c != 0 {
			return c
		}
		return strings.Compare(name(a), name(b))
	})
}

func typeLabel(t ObjectType) string { return t.Label }
func typeCode(t ObjectType) string  { return t.ObjCode }
func refLabel(r RefMeta) string     { return r.Label }
func refName(r RefMeta) string      { return r.Name }
func fieldLabel(f FieldMeta) string { return f.Label }
func fieldName(f FieldMeta) string  { return f.Name }
