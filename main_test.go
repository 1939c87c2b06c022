package main

import (
	"sync"
	"testing"
	"time"
)

// TestWatchQuitEndsAStuckLoop: when Fyne's loop never ends after Quit (a
// fake loop here: closed stays false; the real hang is a Fyne shutdown race
// no test can provoke on demand), the process exits once the grace has
// passed, and only after the clean-up (the workspace saving a refresh in
// flight, faked here as a slow clean-up) has finished.
func TestWatchQuitEndsAStuckLoop(t *testing.T) {
	var mu sync.Mutex
	var events []string
	exited := make(chan int, 1)
	start := time.Now()
	watchQuit(50*time.Millisecond, func() bool { return false }, func() {
		time.Sleep(100 * time.Millisecond) // a refresh in flight, saved before the exit
		mu.Lock()
		events = append(events, "saved")
		mu.Unlock()
	}, func(code int) {
		mu.Lock()
		events = append(events, "exit")
		mu.Unlock()
		exited <- code
	})
	select {
	case code := <-exited:
		mu.Lock()
		defer mu.Unlock()
		if code != 0 || len(events) != 2 || events[0] != "saved" {
			t.Errorf("exit %d after %v", code, events)
		}
		if d := time.Since(start); d < 50*time.Millisecond {
			t.Errorf("exited after %v, before the grace", d)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a loop that never ended kept the process running")
	}
}

// TestWatchQuitLeavesAClosedWindow: a window that closed in time ends the
// app the usual way; the watchdog does nothing.
func TestWatchQuitLeavesAClosedWindow(t *testing.T) {
	exited := make(chan int, 1)
	watchQuit(10*time.Millisecond, func() bool { return true }, func() { t.Error("cleaned up after a clean close") }, func(code int) { exited <- code })
	select {
	case <-exited:
		t.Error("the watchdog exited although the window closed")
	case <-time.After(200 * time.Millisecond):
	}
}
