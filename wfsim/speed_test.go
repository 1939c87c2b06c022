package wfsim

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// The simulator's speed is checked as ratios against a floor measured in
// the same run (a plain sort of the same values in a slice), so that a slow
// machine or the race detector slows both alike.

// floorSort is the least a sort of n rows by one text and an ID tiebreak
// can cost: the values already in a slice, compared as the simulator does.
func floorSort(texts, ids []string) time.Duration {
	type row struct{ lower, raw, id string }
	start := time.Now()
	rows := make([]row, len(texts))
	for i := range texts {
		rows[i] = row{strings.ToLower(texts[i]), texts[i], ids[i]}
	}
	slices.SortStableFunc(rows, func(a, b row) int {
		if c := strings.Compare(a.lower, b.lower); c != 0 {
			return c
		}
		if c := strings.Compare(a.raw, b.raw); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})
	return time.Since(start)
}

// values reads one field of every row.
func values(t *objType, path string) []string {
	get, _, _ := t.resolve(path)
	out := make([]string, t.n)
	for i := range out {
		out[i] = valueString(get(i))
	}
	return out
}

// bestOf is the quickest of n runs of f: the least noisy figure.
func bestOf(n int, f func() time.Duration) time.Duration {
	best := time.Duration(1<<63 - 1)
	for range n {
		best = min(best, f())
	}
	return best
}

// TestFirstSortedSearchIsQuick: the demo's first page (sorted by name, ID
// tiebreak) must not make a person wait: the simulator's sort costs at
// most a few times a plain sort of the same names.
func TestFirstSortedSearchIsQuick(t *testing.T) {
	proj := buildWorld(newDataset(50000)).byCode["PROJ"]
	var sorts []gsort
	for _, path := range []string{"name", "ID"} {
		get, def, ok := proj.resolve(path)
		if !ok {
			t.Fatal("cannot resolve", path)
		}
		sorts = append(sorts, gsort{path: path, get: get, kind: def.kind})
	}
	names, ids := values(proj, "name"), values(proj, "ID")
	floor := bestOf(3, func() time.Duration { return floorSort(names, ids) })
	sorted := bestOf(3, func() time.Duration {
		proj.sorted = nil // no cached order
		start := time.Now()
		proj.order(sorts)
		return time.Since(start)
	})
	ratio := float64(sorted) / float64(floor)
	t.Logf("50,000 projects sorted by name in %s; a plain sort of the names %s: %.2fx", sorted, floor, ratio)
	if ratio > 4 {
		t.Errorf("the sort costs %.2fx a plain sort of the same names (at most 4x)", ratio)
	}
}

// TestWorldIsQuick: the rest of the instance (tasks, hours, custom forms,
// indexes) costs at most a few times generating its 50,000 projects, and a
// generic sort through a reference (portfolio:name) at most a few times a
// plain sort of the same values.
func TestWorldIsQuick(t *testing.T) {
	var d *dataset
	generated := bestOf(3, func() time.Duration { start := time.Now(); d = newDataset(50000); return time.Since(start) })
	var w *world
	built := bestOf(3, func() time.Duration { start := time.Now(); w = buildWorld(d); return time.Since(start) })
	t.Logf("50,000 projects generated in %s, the instance around them built in %s: %.2fx", generated, built, float64(built)/float64(generated))
	if built > 3*generated {
		t.Errorf("building the instance costs %.2fx generating its projects (at most 3x)", float64(built)/float64(generated))
	}
	proj := w.byCode["PROJ"]
	get, def, _ := proj.resolve("portfolio:name")
	names, ids := values(proj, "portfolio:name"), values(proj, "ID")
	floor := bestOf(3, func() time.Duration { return floorSort(names, ids) })
	sorted := bestOf(3, func() time.Duration {
		proj.sorted = nil
		start := time.Now()
		proj.order([]gsort{{path: "portfolio:name", get: get, kind: def.kind}})
		return time.Since(start)
	})
	ratio := float64(sorted) / float64(floor)
	t.Logf("50,000 projects sorted by portfolio:name in %s; a plain sort %s: %.2fx", sorted, floor, ratio)
	if ratio > 4 {
		t.Errorf("the sort costs %.2fx a plain sort of the same values (at most 4x)", ratio)
	}
}
