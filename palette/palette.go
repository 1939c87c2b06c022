// Package palette owns the command palette's matching: which entries
// (object types, queries, objects, connections, commands) a few typed
// words find, and in which order, fast enough for every key.
package palette

import (
	"slices"
	"strings"
)

// Item is one entry of the palette.
type Item struct {
	Kind     string // type, saved, history, object, connection, command
	Title    string
	Detail   string
	Shortcut string
	Key      string
}

// Index holds the entries with their text lower-cased once.
type Index struct {
	items  []Item
	titles []string // lower-cased titles
	hay    []string // lower-cased title and detail
}

// NewIndex prepares items for Find.
func NewIndex(items []Item) *Index {
	ix := &Index{items: items, titles: make([]string, len(items)), hay: make([]string, len(items))}
	for i, it := range items {
		ix.titles[i] = strings.ToLower(it.Title)
		ix.hay[i] = ix.titles[i] + " " + strings.ToLower(it.Detail)
	}
	return ix
}

// Len is how many entries there are.
func (ix *Index) Len() int { return len(ix.items) }

// Rank of a match, best first.
const (
	titlePrefix = iota
	wordStart
	anywhere
)

// Find is the entries holding every word of text (case-insensitive), at
// most limit: the ones whose title starts with the first word first, then
// those where it starts a word, then the rest; ties keep the entries'
// order. Empty text gives the first limit entries.
func (ix *Index) Find(text string, limit int) []int {
	words := strings.Fields(strings.ToLower(text))
	if len(words) == 0 {
		n := min(limit, len(ix.items))
		out := make([]int, n)
		for i := range out {
			out[i] = i
		}
		return out
	}
	var ranked [3][]int
	for i, hay := range ix.hay {
		if !strings.Contains(hay, words[0]) || !containsAll(hay, words[1:]) {
			continue
		}
		r := ix.rank(i, words[0])
		ranked[r] = append(ranked[r], i)
		if len(ranked[titlePrefix]) >= limit {
			break // nothing later ranks above these, and ties keep the order
		}
	}
	out := slices.Concat(ranked[0], ranked[1], ranked[2])
	return out[:min(limit, len(out))]
}

func containsAll(hay string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// rank says where the first word was found in entry i.
func (ix *Index) rank(i int, word string) int {
	title := ix.titles[i]
	if strings.HasPrefix(title, word) {
		return titlePrefix
	}
	hay := ix.hay[i]
	for at := strings.Index(hay, word); at >= 0; {
		if at == 0 || !isLetter(hay[at-1]) {
			return wordStart
		}
		next := strings.Index(hay[at+1:], word)
		if next < 0 {
			break
		}
		at += next + 1
	}
	return anywhere
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80 }
