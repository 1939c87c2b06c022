package wfsim

import (
	"testing"
	"time"
)

// TestFirstSortedSearchIsQuick: the demo's first page (sorted by name, ID
// tiebreak) must not make a person wait.
func TestFirstSortedSearchIsQuick(t *testing.T) {
	start := time.Now()
	d := newDataset(50000)
	if _, err := d.order([]sortKey{{"name", false}, {"ID", false}}); err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	t.Logf("50,000 projects generated and sorted by name in %s", elapsed)
	if elapsed > 6*time.Second { // generous: the race detector slows this about 5x
		t.Errorf("took %s", elapsed)
	}
}
