//go:build linux

package store

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

const (
	// lockedChildEnv tells a child run of TestKeyringLocked which case to run.
	lockedChildEnv = "WFCONNECT_KEYRING_LOCKED_CHILD"
	// lockedTokenEnv marks every process of one child run, so the parent
	// can find and stop the daemons it leaves behind.
	lockedTokenEnv = "WFCONNECT_KEYRING_LOCKED_TOKEN"
	lockedSecret   = "s3cret-never-shown-ÅÄÖ"
	lockedAccount  = "locked-test/tokens"
	lockedLimit    = 3500 * time.Millisecond // the 3 s timeout plus slack

	lockedUnavailablePrefix = "The system keyring is locked or not running (Secret Service). Unlock it, or start gnome-keyring or KWallet."
	lockedTimeoutMessage    = "The system keyring did not answer within 3s. It may be locked and waiting for a password: unlock it (for example in Passwords and Keys), or start gnome-keyring or KWallet."
)

// TestKeyringLocked locks a real gnome-keyring and asks it for a secret.
//
//   - no-display: the unlock prompt cannot be shown (no X display, as over
//     ssh or in a service), so gnome-keyring dismisses it at once:
//     ErrKeyringUnavailable, quickly.
//   - prompt-waits: a real X server (Xvfb) shows the password prompt, which
//     waits for a person who never comes: ErrKeyringTimeout after 3 s, where
//     go-keyring alone would hang forever.
//
// Each case runs in a child process with its own D-Bus session and its own
// gnome-keyring-daemon (unlocked with a throwaway password, then locked),
// because godbus caches the session bus process-wide and the other tests
// need their unlocked keyring.
func TestKeyringLocked(t *testing.T) {
	realKeyring(t)
	if mode := os.Getenv(lockedChildEnv); mode != "" {
		lockedChild(t, mode)
		return
	}
	for _, tool := range []string{"dbus-run-session", "gnome-keyring-daemon"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed: %v", tool, err)
		}
	}
	// One deadline for the whole test, children included.
	ctx, cancel := context.WithTimeout(context.Background(), 25*time.Second)
	defer cancel()
	// The keyring runs in the foreground, so the wrapper knows its PID and
	// ends it by that PID when the child test is done.
	wrapper := []string{"dbus-run-session", "--", "sh", "-c",
		`printf throwaway | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 & k=$!; "$0" "$@"; s=$?; kill $k; exit $s`}
	t.Run("no-display", func(t *testing.T) {
		runLockedChild(ctx, t, "no-display", nil, wrapper)
	})
	t.Run("prompt-waits", func(t *testing.T) {
		display := startLockedXvfb(ctx, t)
		runLockedChild(ctx, t, "prompt-waits", []string{"DISPLAY=" + display}, wrapper)
	})
}

// lockedChild runs in the child's fresh D-Bus session: it checks the keyring
// works, locks it, and checks the errors of one case.
func lockedChild(t *testing.T, mode string) {
	conn, err := dbus.SessionBus()
	if err != nil {
		t.Fatal(err)
	}
	// The daemon may claim its bus name a moment after the wrapper goes on;
	// without it, D-Bus activation would start a second, unrelated daemon.
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		var owned bool
		err := conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, "org.freedesktop.secrets").Store(&owned)
		if err == nil && owned {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("gnome-keyring-daemon did not appear on the session bus: %v", err)
		}
	}
	k := NewKeyring(3 * time.Second)
	if err := k.Set(lockedAccount, lockedSecret); err != nil {
		t.Fatalf("the fresh keyring does not work while unlocked: %v", err)
	}
	if v, found, err := k.Get(lockedAccount); v != lockedSecret || !found || err != nil {
		t.Fatalf("the fresh keyring does not read back while unlocked: %v %v", found, err)
	}

	const login = dbus.ObjectPath("/org/freedesktop/secrets/collection/login")
	var locked []dbus.ObjectPath
	var prompt dbus.ObjectPath
	err = conn.Object("org.freedesktop.secrets", "/org/freedesktop/secrets").
		Call("org.freedesktop.Secret.Service.Lock", 0, []dbus.ObjectPath{login}).Store(&locked, &prompt)
	if err != nil {
		t.Fatalf("locking the login keyring: %v", err)
	}
	prop, err := conn.Object("org.freedesktop.secrets", login).GetProperty("org.freedesktop.Secret.Collection.Locked")
	if err != nil || prop.Value() != true {
		t.Fatalf("the login keyring is not locked: %v %v (locked %v, prompt %v)", prop, err, locked, prompt)
	}

	switch mode {
	case "no-display":
		start := time.Now()
		v, found, err := k.Get(lockedAccount)
		if v != "" || found {
			t.Errorf("Get of a locked keyring gave found=%v and a value", found)
		}
		checkLockedError(t, "Get", err, time.Since(start), ErrKeyringUnavailable)
		start = time.Now()
		err = k.Set(lockedAccount, lockedSecret)
		checkLockedError(t, "Set", err, time.Since(start), ErrKeyringUnavailable)
	case "prompt-waits":
		// One call only: each leaves a prompt open until the session ends.
		start := time.Now()
		err := k.Set(lockedAccount, lockedSecret)
		took := time.Since(start)
		checkLockedError(t, "Set", err, took, ErrKeyringTimeout)
		if took < 2900*time.Millisecond {
			t.Errorf("Set gave up after %s, before its 3 s timeout", took)
		}
		// The wait must be the password prompt, not some other hang.
		var shown bool
		err = conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, "org.gnome.keyring.SystemPrompter").Store(&shown)
		if err != nil || !shown {
			t.Errorf("no unlock prompt is showing: %v", err)
		}
	default:
		t.Fatalf("unknown mode %q", mode)
	}
}

// checkLockedError checks an error of a locked keyring: its kind, a message
// that says what to do and holds no secret, and an answer within lockedLimit.
func checkLockedError(t *testing.T, call string, err error, took time.Duration, kind error) {
	t.Helper()
	t.Logf("%s after %s: %v", call, took.Round(time.Millisecond), err)
	if !errors.Is(err, kind) {
		t.Errorf("%s = %v; want %v", call, err, kind)
		return
	}
	switch kind {
	case ErrKeyringUnavailable:
		if !strings.HasPrefix(err.Error(), lockedUnavailablePrefix) {
			t.Errorf("%s message:\n%s\nwant it to start with\n%s", call, err, lockedUnavailablePrefix)
		}
	case ErrKeyringTimeout:
		if err.Error() != lockedTimeoutMessage {
			t.Errorf("%s message:\n%s\nwant\n%s", call, err, lockedTimeoutMessage)
		}
	}
	if strings.Contains(err.Error(), lockedSecret) {
		t.Errorf("%s: the message holds the secret", call)
	}
	if took > lockedLimit {
		t.Errorf("%s took %s, more than %s", call, took, lockedLimit)
	}
}

// runLockedChild reruns TestKeyringLocked under wrapper with
// lockedChildEnv=mode, a clean D-Bus environment plus env, and fails unless
// the child passes. The child's daemons are stopped afterwards.
func runLockedChild(ctx context.Context, t *testing.T, mode string, env, wrapper []string) {
	t.Helper()
	args := append(append([]string{}, wrapper...), os.Args[0], "-test.run=^TestKeyringLocked$", "-test.v", "-test.count=1")
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	token := strconv.Itoa(os.Getpid()) + "-" + mode + "-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	cmd.Env = append(lockedChildEnviron(t, mode, token), env...)
	// Its own process group, so a timeout stops the wrapper and the test
	// binary together, not only dbus-run-session.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	// A daemon may keep the output pipe open after the session ends.
	cmd.WaitDelay = 2 * time.Second
	t.Cleanup(func() { stopLockedLeftovers(t, token) })
	out, err := cmd.CombinedOutput()
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if strings.Contains(line, "Failed to set fd limit") { // dbus-daemon as root in a container
			continue
		}
		t.Log("child: " + line)
	}
	if ctx.Err() != nil {
		t.Fatalf("child (%s) did not finish in time: %v", mode, err)
	}
	if err != nil || !strings.Contains(string(out), "--- PASS: TestKeyringLocked ") {
		t.Fatalf("child (%s) failed: %v", mode, err)
	}
}

// lockedChildEnviron is this environment without anything that leads to the
// parent's D-Bus session, keyring or display, with private XDG dirs.
func lockedChildEnviron(t *testing.T, mode, token string) []string {
	drop := map[string]bool{
		"DBUS_SESSION_BUS_ADDRESS": true, "GNOME_KEYRING_CONTROL": true, "SSH_AUTH_SOCK": true,
		"DISPLAY": true, "WAYLAND_DISPLAY": true, "XDG_RUNTIME_DIR": true, "XDG_DATA_HOME": true,
		lockedChildEnv: true, lockedTokenEnv: true, "WFCONNECT_KEYRING_CHILD": true,
	}
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if !drop[k] {
			env = append(env, kv)
		}
	}
	dir := lockedTempDir(t)
	run := filepath.Join(dir, "run")
	if err := os.Mkdir(run, 0o700); err != nil {
		t.Fatal(err)
	}
	return append(env,
		lockedChildEnv+"="+mode,
		lockedTokenEnv+"="+token,
		"XDG_DATA_HOME="+filepath.Join(dir, "data"), // gnome-keyring's keyrings go here
		"XDG_RUNTIME_DIR="+run,                      // and its control socket here
		"NO_AT_BRIDGE=1",                            // no accessibility bus for the prompt
	)
}

// stopLockedLeftovers kills what a child run left behind: the prompter is
// started by D-Bus activation, so it is no child we can wait for. It carries
// the run's unique token in its environment, which only descendants of this
// test inherit.
func stopLockedLeftovers(t *testing.T, token string) {
	want := []byte(lockedTokenEnv + "=" + token + "\x00")
	find := func() []int {
		var pids []int
		entries, _ := os.ReadDir("/proc")
		for _, e := range entries {
			pid, err := strconv.Atoi(e.Name())
			if err != nil || pid == os.Getpid() {
				continue
			}
			environ, err := os.ReadFile(filepath.Join("/proc", e.Name(), "environ"))
			if err == nil && strings.Contains(string(environ), string(want)) {
				pids = append(pids, pid)
			}
		}
		return pids
	}
	// They normally leave by themselves once their session bus is gone.
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if len(find()) == 0 {
			return
		}
	}
	for _, pid := range find() {
		cmdline, _ := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "cmdline"))
		t.Logf("killing leftover process %d: %s", pid, strings.ReplaceAll(string(cmdline), "\x00", " "))
		syscall.Kill(pid, syscall.SIGKILL)
	}
}

// lockedTempDir is a temp dir with a path short enough for unix sockets. It
// is removed at the end, best effort: a daemon may still be leaving it.
func lockedTempDir(t *testing.T) string {
	dir, err := os.MkdirTemp("", "wfc-kl-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for i := 0; i < 20 && os.RemoveAll(dir) != nil; i++ {
			time.Sleep(100 * time.Millisecond)
		}
	})
	return dir
}

// startLockedXvfb starts an X server on a free display (Xvfb picks it and
// reports it through -displayfd) for gnome-keyring's password prompt, and
// stops it when the test ends.
func startLockedXvfb(ctx context.Context, t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("Xvfb"); err != nil {
		t.Skip("Xvfb is not installed (package xvfb): the waiting prompt needs an X display")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-nolisten", "tcp", "-screen", "0", "640x480x24")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		w.Close()
		t.Fatal(err)
	}
	w.Close()
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		// SIGTERM lets Xvfb remove its lock file and socket.
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(2 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	})
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if n == "" {
			t.Fatal("Xvfb did not start")
		}
		return ":" + n
	case <-time.After(5 * time.Second):
		t.Fatal("Xvfb did not report its display within 5 s")
	case <-ctx.Done():
		t.Fatal("no time left to start Xvfb")
	}
	return ""
}
