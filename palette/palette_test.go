package palette

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func titles(ix *Index, idx []int) []string {
	var out []string
	for _, i := range idx {
		out = append(out, ix.items[i].Title)
	}
	return out
}

func TestFindRanksPrefixThenWordStartThenAnywhere(t *testing.T) {
	ix := NewIndex([]Item{{Title: "Approval Process"}, {Title: "Project"}, {Title: "Reproject"}, {Title: "Copy project link", Kind: "command"},
		{Title: "Open issues", Detail: "PROJ · status=NEW"}})
	if got := titles(ix, ix.Find("proj", 10)); !slices.Equal(got, []string{"Project", "Copy project link", "Open issues", "Reproject"}) {
		t.Errorf("%v", got)
	}
	if got := titles(ix, ix.Find("PROJ new", 10)); !slices.Equal(got, []string{"Open issues"}) {
		t.Errorf("every word must match: %v", got)
	}
	if got := ix.Find("", 2); !slices.Equal(got, []int{0, 1}) {
		t.Errorf("empty text: %v", got)
	}
	if got := ix.Find("proj", 1); len(got) != 1 {
		t.Errorf("limit: %v", got)
	}
	if got := NewIndex([]Item{{Title: "任务"}}).Find("任务", 5); len(got) != 1 {
		t.Errorf("CJK: %v", got)
	}
}

// fixture is 1,174 entries: 174 types, 500 saved queries, 500 recent ones.
func fixture() ([]Item, []string) {
	var items []Item
	for i := range 174 {
		items = append(items, Item{Kind: "type", Title: fmt.Sprintf("%s %d", []string{"Project", "Task", "Issue", "Approval Process", "Baseline"}[i%5], i), Detail: fmt.Sprintf("T%03d", i)})
	}
	for i := range 500 {
		items = append(items, Item{Kind: "saved", Title: fmt.Sprintf("Open issues of portfolio %d", i), Detail: "OPTASK · status=NEW & portfolioID=" + fmt.Sprint(i)})
		items = append(items, Item{Kind: "history", Title: fmt.Sprintf("TASK · late this week %d", i), Detail: "10:04 · 12 rows · plannedCompletionDate=$$TODAY"})
	}
	hay := make([]string, len(items))
	for i, it := range items {
		hay[i] = strings.ToLower(it.Title + " " + it.Detail)
	}
	return items, hay
}

var sink int

// benchTexts are typed texts: many matches, few, one, none.
var benchTexts = [][]string{{"open", "iss"}, {"proj"}, {"late", "week"}, {"t09"}, {"zzz"}}

// BenchmarkFind and BenchmarkBareLoop filter the same 1,174 entries by
// the same texts; .ci/bench.sh reads their ratio.
func BenchmarkFind(b *testing.B) {
	items, _ := fixture()
	ix := NewIndex(items)
	for b.Loop() {
		for _, words := range benchTexts {
			sink += len(ix.Find(strings.Join(words, " "), 60))
		}
	}
}

// BenchmarkBareLoop is the floor: a plain strings.Contains of each word
// over the same lower-cased strings, keeping the first 60.
func BenchmarkBareLoop(b *testing.B) {
	_, hay := fixture()
	for b.Loop() {
		for _, words := range benchTexts {
			var out []int
			for i, h := range hay {
				if containsAll(h, words) {
					out = append(out, i)
				}
			}
			sink += len(out[:min(60, len(out))])
		}
	}
}
