package workspace

import (
	"errors"
	"testing"
	"time"
)

// TestSecondLaunchShowsTheFirst: a second claim in the same config
// directory asks the first to show its window and reports that it runs.
func TestSecondLaunchShowsTheFirst(t *testing.T) {
	dir := t.TempDir()
	shown := make(chan struct{}, 2)
	first, err := ClaimInstance(dir, func() { shown <- struct{}{} })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ClaimInstance(dir, func() { t.Error("the second launch was asked to show") }); !errors.Is(err, ErrAlreadyRunning) {
		t.Fatalf("second claim: %v; want ErrAlreadyRunning", err)
	}
	select {
	case <-shown:
	case <-time.After(3 * time.Second):
		t.Fatal("the first instance was not asked to show its window")
	}
	first.Release()
	again, err := ClaimInstance(dir, func() {})
	if err != nil {
		t.Fatalf("after the first quit, a launch is the app again: %v", err)
	}
	again.Release()
}
