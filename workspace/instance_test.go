package workspace

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gofrs/flock"
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

// claimFirst claims the instance in a new directory and counts the shows.
func claimFirst(t *testing.T) (dir string, shows *atomic.Int32) {
	t.Helper()
	dir, shows = t.TempDir(), &atomic.Int32{}
	first, err := ClaimInstance(dir, func() { shows.Add(1) })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(first.Release)
	return dir, shows
}

// instanceAddr is the first instance's port, as its file names it.
func instanceAddr(t *testing.T, dir string) string {
	t.Helper()
	port, _, err := readInstanceFile(filepath.Join(dir, instanceFile))
	if err != nil {
		t.Fatal(err)
	}
	return "127.0.0.1:" + port
}

// TestInstancePortEndlessLine: a connection that sends one endless line is
// cut off after a few bytes, and the app's memory does not grow with it.
func TestInstancePortEndlessLine(t *testing.T) {
	dir, shows := claimFirst(t)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	conn, err := net.Dial("tcp", instanceAddr(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
	chunk := bytes.Repeat([]byte("a"), 1<<20)
	sent := 0
	for ; sent < 256<<20; sent += len(chunk) {
		if _, err := conn.Write(chunk); err != nil {
			break
		}
	}
	runtime.ReadMemStats(&after)
	if sent >= 256<<20 {
		t.Errorf("the port read a 256 MB line without cutting it off")
	}
	if grew := int64(after.HeapInuse) - int64(before.HeapInuse); grew > 16<<20 {
		t.Errorf("the heap grew %d MB while the port read an endless line", grew>>20)
	}
	if shows.Load() != 0 {
		t.Error("an endless line was taken for show")
	}
}

// TestInstancePortWantsTheSecret: "show" without the secret, with a wrong
// one, or from a file others may read, shows nothing; the real one does.
func TestInstancePortWantsTheSecret(t *testing.T) {
	dir, shows := claimFirst(t)
	addr := instanceAddr(t, dir)
	for _, req := range []string{"show\n", "show " + strings.Repeat("0", 64) + "\n", "SHOW\n"} {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprint(conn, req)
		conn.SetReadDeadline(time.Now().Add(3 * time.Second))
		answer, _ := io.ReadAll(conn)
		conn.Close()
		if len(answer) != 0 {
			t.Errorf("%q was answered %q", req, answer)
		}
	}
	time.Sleep(50 * time.Millisecond)
	if n := shows.Load(); n != 0 {
		t.Fatalf("%d shows without the secret", n)
	}
	path := filepath.Join(dir, instanceFile)
	if fi, err := os.Lstat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the port file: %v %v; want mode 0600", fi.Mode(), err)
	}
	os.Chmod(path, 0o644)
	if err := askToShow(path, time.Now().Add(300*time.Millisecond)); err == nil {
		t.Error("the secret was sent from a file others can read")
	}
	os.Chmod(path, 0o600)
	if err := askToShow(path, time.Now().Add(time.Second)); err != nil {
		t.Fatalf("the real secret: %v", err)
	}
	deadline := time.Now().Add(2 * time.Second)
	for shows.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if shows.Load() != 1 {
		t.Errorf("%d shows for the real request", shows.Load())
	}
}

// TestInstancePortFlood: 300 silent connections neither hold goroutines
// nor memory beyond a few, and a second launch after them still gets the
// first window to the front.
func TestInstancePortFlood(t *testing.T) {
	dir, shows := claimFirst(t)
	addr := instanceAddr(t, dir)
	goroutines := runtime.NumGoroutine()
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for i := 0; i < 300; i++ {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatalf("connection %d: %v", i, err)
		}
		conns = append(conns, c)
	}
	time.Sleep(100 * time.Millisecond)
	if grew := runtime.NumGoroutine() - goroutines; grew > 2*instanceHandlers {
		t.Errorf("300 silent connections hold %d goroutines", grew)
	}
	start := time.Now()
	if _, err := ClaimInstance(dir, func() {}); !errors.Is(err, ErrAlreadyRunning) {
		t.Fatalf("a second launch during the flood: %v after %s", err, time.Since(start))
	}
	if shows.Load() == 0 {
		time.Sleep(100 * time.Millisecond)
	}
	if shows.Load() != 1 {
		t.Errorf("%d shows", shows.Load())
	}
}

// TestInstancePortHeldBySomeoneElse: the lock is held but the port in the
// file is a stranger's that accepts and never answers: a second launch
// gives up within a few seconds (and starts normally), not a minute.
func TestInstancePortHeldBySomeoneElse(t *testing.T) {
	dir := t.TempDir()
	holder := flock.New(filepath.Join(dir, ".instance.lock"))
	if ok, err := holder.TryLock(); !ok || err != nil {
		t.Fatal(ok, err)
	}
	defer holder.Unlock()
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	go func() {
		var held []net.Conn
		defer func() {
			for _, c := range held {
				c.Close()
			}
		}()
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			held = append(held, c) // never read, never answered
		}
	}()
	port := strconv.Itoa(silent.Addr().(*net.TCPAddr).Port)
	os.WriteFile(filepath.Join(dir, instanceFile), []byte(port+"\n"+strings.Repeat("a", 64)+"\n"), 0o600)
	start := time.Now()
	_, err = ClaimInstance(dir, func() {})
	if err == nil || errors.Is(err, ErrAlreadyRunning) {
		t.Errorf("a silent port: %v; want an error to start normally on", err)
	}
	if took := time.Since(start); took > 4*time.Second {
		t.Errorf("a silent port kept the second launch waiting %s", took)
	}
}
