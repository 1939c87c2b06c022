package workspace

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gofrs/flock"

	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/store"
)

// Instance is this process's claim to be the desktop app: one per config
// directory, so that a second launch brings the first window to the front
// instead of opening a second copy that would edit the same connections.
//
// The second launch asks over a loopback port, which any local user can
// reach: so the request carries a secret kept with the port in a 0600 file
// only this user can read, a connection gets a few bytes and a second, and
// a flood is answered by closing what does not fit.
type Instance struct {
	lock *flock.Flock
	ln   net.Listener
}

// ErrAlreadyRunning: another wfconnect window runs for this config
// directory; it was asked to come to the front.
var ErrAlreadyRunning = errors.New("wfconnect is already running")

// The single-instance port's limits. A request is "show SECRET\n".
const (
	instanceFile     = ".instance.port" // the port and the secret, one a line
	instanceRequest  = 5 + 64 + 1       // "show " + the secret in hex + "\n"
	instanceDeadline = time.Second      // a connection's whole life at the port
	instanceHandlers = 8                // connections read at once; more are closed
	askBudget        = 2 * time.Second  // how long a second launch tries before it starts normally
)

// ClaimInstance takes the app's single-instance lock in dir. When another
// process holds it, that process is asked to show its window and
// ErrAlreadyRunning is returned; when it does not answer in time (or its
// port is someone else's), an error, and the caller starts normally.
// onShow runs (on a goroutine of its own, one at a time) whenever a later
// launch asks this one to come to the front.
func ClaimInstance(dir string, onShow func()) (*Instance, error) {
	lock := flock.New(filepath.Join(dir, ".instance.lock"))
	ok, err := lock.TryLock()
	if err != nil {
		return nil, fmt.Errorf("taking the single-instance lock: %w", err)
	}
	path := filepath.Join(dir, instanceFile)
	if !ok {
		if err := askToShow(path, time.Now().Add(askBudget)); err != nil {
			return nil, msg.New("Another wfconnect holds the single-instance lock but did not answer in time.").Because(err)
		}
		return nil, ErrAlreadyRunning
	}
	// Loopback only; what a peer can ask is to raise the window, nothing more.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		lock.Unlock()
		return nil, fmt.Errorf("listening for a second launch: %w", err)
	}
	secret := newSecret()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	if err := store.WriteFileAtomic(path, []byte(port+"\n"+secret+"\n"), 0o600); err != nil {
		ln.Close()
		lock.Unlock()
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	go serveInstance(ln, "show "+secret+"\n", onShow)
	return &Instance{lock: lock, ln: ln}, nil
}

func newSecret() string {
	b := make([]byte, 32)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// serveInstance answers second launches until ln is closed. The accept loop
// never waits on a connection: each is read on a goroutine of its own, at
// most instanceHandlers at once, and one over that is closed at once.
func serveInstance(ln net.Listener, want string, onShow func()) {
	slots := make(chan struct{}, instanceHandlers)
	var showing atomic.Bool
	show := func() {
		if showing.CompareAndSwap(false, true) { // asks while one is pending add nothing
			go func() { defer showing.Store(false); onShow() }()
		}
	}
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		select {
		case slots <- struct{}{}:
			go func() {
				defer func() { <-slots }()
				answerInstance(conn, want, show)
			}()
		default:
			conn.Close()
		}
	}
}

// answerInstance reads one request, of at most instanceRequest bytes, in
// instanceDeadline, and answers "ok" to the right one.
func answerInstance(conn net.Conn, want string, show func()) {
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(instanceDeadline))
	buf := make([]byte, instanceRequest)
	n, _ := io.ReadFull(conn, buf)
	if subtle.ConstantTimeCompare(buf[:n], []byte(want)) != 1 {
		return
	}
	io.WriteString(conn, "ok\n")
	show()
}

// askToShow asks the instance named in path to show its window, trying
// until deadline: the first instance may be between taking the lock and
// writing its file.
func askToShow(path string, deadline time.Time) error {
	var last error
	for time.Now().Before(deadline) {
		port, secret, err := readInstanceFile(path)
		if err == nil {
			err = askOnce(port, secret, deadline)
			if err == nil {
				return nil
			}
		}
		last = err
		time.Sleep(50 * time.Millisecond)
	}
	return last
}

// readInstanceFile reads the port and the secret, refusing a file others
// could have written or read (not a regular file of mode 0600 or tighter).
func readInstanceFile(path string) (port, secret string, err error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return "", "", err
	}
	if !fi.Mode().IsRegular() || fi.Mode().Perm()&0o077 != 0 {
		return "", "", fmt.Errorf("%s is not a private regular file (%s)", path, fi.Mode())
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", "", err
	}
	port, secret, _ = strings.Cut(strings.TrimSpace(string(raw)), "\n")
	if _, err := strconv.Atoi(port); err != nil || len(secret) != 64 {
		return "", "", fmt.Errorf("%s holds no port and secret", path)
	}
	return port, secret, nil
}

// askOnce sends one request and waits for "ok", for a short while: a port
// held by someone else who never answers costs a moment, not a minute.
func askOnce(port, secret string, deadline time.Time) error {
	wait := min(time.Until(deadline), 500*time.Millisecond)
	conn, err := net.DialTimeout("tcp", "127.0.0.1:"+port, wait)
	if err != nil {
		return fmt.Errorf("dialing the first instance: %w", err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(wait))
	if _, err := io.WriteString(conn, "show "+secret+"\n"); err != nil {
		return fmt.Errorf("asking the first instance: %w", err)
	}
	answer := make([]byte, 3)
	if _, err := io.ReadFull(conn, answer); err != nil {
		return fmt.Errorf("the first instance did not answer: %w", err)
	}
	if string(answer) != "ok\n" {
		return errors.New("the first instance answered something else")
	}
	return nil
}

// Release lets the next launch be the app.
func (i *Instance) Release() {
	i.ln.Close()
	i.lock.Unlock()
}
