package wfsim

import (
	"testing"
	"time"
)

// TestFirstSortedSearchIsQuick: the demo's first page (sorted by name, ID
// tiebreak) must not make a person wait.
func TestFirstSortedSearchIsQuick(t *testing.T) {
	start := time.Now()
	proj := buildWorld(newDataset(50000)).byCode["PROJ"]
	var sorts []gsort
	for _, path := range []string{"name", "ID"} {
		get, def, ok := proj.resolve(path)
		if !ok {
			t.Fatal("cannot resolve", path)
		}
		sorts = append(sorts, gsort{path: path, get: get, kind: def.kind})
	}
	proj.order(sorts)
	elapsed := time.Since(start)
	t.Logf("50,000 projects generated and sorted by name in %s", elapsed)
	if elapsed > 15*time.Second { // generous: the race detector and make test's other packages slow it several times
		t.Errorf("took %s", elapsed)
	}
}

// TestWorldIsQuick: the rest of the instance (tasks, hours, indexes) adds
// little to 50,000 projects, and a generic sort over them stays quick.
func TestWorldIsQuick(t *testing.T) {
	d := newDataset(50000)
	start := time.Now()
	w := buildWorld(d)
	built := time.Since(start)
	proj := w.byCode["PROJ"]
	get, def, _ := proj.resolve("portfolio:name")
	start = time.Now()
	proj.order([]gsort{{path: "portfolio:name", get: get, kind: def.kind}})
	sorted := time.Since(start)
	t.Logf("instance built in %s; 50,000 projects sorted by portfolio:name in %s", built, sorted)
	if built > 10*time.Second || sorted > 10*time.Second { // generous: the race detector and make test's other packages slow it several times
		t.Errorf("built in %s, sorted in %s", built, sorted)
	}
}
