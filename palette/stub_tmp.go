// Package palette is a temporary stand-in (deleted before the real package is merged).
package palette

import "strings"

type Item struct{ Kind, Title, Detail, Shortcut, Key string }
type Index struct {
	items []Item
	hay   []string
}

func NewIndex(items []Item) *Index {
	ix := &Index{items: items}
	for _, it := range items {
		ix.hay = append(ix.hay, strings.ToLower(it.Title+" "+it.Detail))
	}
	return ix
}
func (ix *Index) Len() int { return len(ix.items) }
func (ix *Index) Find(text string, limit int) []int {
	words := strings.Fields(strings.ToLower(text))
	var out []int
	for i, h := range ix.hay {
		ok := true
		for _, w := range words {
			ok = ok && strings.Contains(h, w)
		}
		if ok {
			out = append(out, i)
			if len(out) == limit {
				break
			}
		}
	}
	return out
}
