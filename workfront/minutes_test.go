package workfront

import "testing"

func TestInMinutes(t *testing.T) {
	for path, want := range map[string]bool{
		"workRequired": true, "project:workRequired": true, "actualWorkRequired": true, "durationMinutes": true,
		"hours": false, "percentComplete": false, "DE:workRequired": false, "name": false,
	} {
		if got := InMinutes(path); got != want {
			t.Errorf("InMinutes(%q) = %v, want %v", path, got, want)
		}
	}
}
