package workspace

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gofrs/flock"
)

// Instance is this process's claim to be the desktop app: one per config
// directory, so that a second launch brings the first window to the front
// instead of opening a second copy that would edit the same connections.
type Instance struct {
	lock *flock.Flock
	ln   net.Listener
}

// ErrAlreadyRunning: another wfconnect window runs for this config
// directory; it was asked to come to the front.
var ErrAlreadyRunning = errors.New("wfconnect is already running")

// ClaimInstance takes the app's single-instance lock in dir. When another
// process holds it, that process is asked to show its window and
// ErrAlreadyRunning is returned. onShow runs (on a goroutine of its own)
// whenever a later launch asks this one to come to the front.
func ClaimInstance(dir string, onShow func()) (*Instance, error) {
	lock := flock.New(filepath.Join(dir, ".instance.lock"))
	ok, err := lock.TryLock()
	if err != nil {
		return nil, fmt.Errorf("taking the single-instance lock: %w", err)
	}
	portFile := filepath.Join(dir, ".instance.port")
	if !ok {
		if err := askToShow(portFile); err != nil {
			return nil, fmt.Errorf("another wfconnect holds the lock but did not answer: %w", err)
		}
		return nil, ErrAlreadyRunning
	}
	// Loopback only; what a peer can ask is to raise the window, nothing more.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		lock.Unlock()
		return nil, fmt.Errorf("listening for a second launch: %w", err)
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	if err := os.WriteFile(portFile, []byte(port+"\n"), 0o600); err != nil {
		ln.Close()
		lock.Unlock()
		return nil, fmt.Errorf("writing %s: %w", portFile, err)
	}
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			conn.SetDeadline(time.Now().Add(2 * time.Second))
			line, _ := bufio.NewReader(conn).ReadString('\n')
			if strings.TrimSpace(line) == "show" {
				fmt.Fprintln(conn, "ok")
				go onShow()
			}
			conn.Close()
		}
	}()
	return &Instance{lock: lock, ln: ln}, nil
}

func askToShow(portFile string) error {
	var last error
	// The first instance may be between taking the lock and writing its
	// port: give it a moment.
	for i := 0; i < 20; i++ {
		if raw, err := os.ReadFile(portFile); err == nil {
			conn, err := net.DialTimeout("tcp", "127.0.0.1:"+strings.TrimSpace(string(raw)), time.Second)
			if err == nil {
				conn.SetDeadline(time.Now().Add(2 * time.Second))
				fmt.Fprintln(conn, "show")
				answer, _ := bufio.NewReader(conn).ReadString('\n')
				conn.Close()
				if strings.TrimSpace(answer) == "ok" {
					return nil
				}
				err = errors.New("no answer")
			}
			last = err
		} else {
			last = err
		}
		time.Sleep(50 * time.Millisecond)
	}
	return last
}

// Release lets the next launch be the app.
func (i *Instance) Release() {
	i.ln.Close()
	i.lock.Unlock()
}
