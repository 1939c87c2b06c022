package workfront

import (
	"slices"
	"testing"
)

func TestNaturalOrder(t *testing.T) {
	names := []string{"Project #1691", "project #1000", "Project #999", "Élan 2", "elan 10", "Alpha"}
	slices.SortStableFunc(names, NaturalOrder())
	want := []string{"Alpha", "Élan 2", "elan 10", "Project #999", "project #1000", "Project #1691"}
	if !slices.Equal(names, want) {
		t.Errorf("sorted %q, want %q", names, want)
	}
}
