package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/wfsim"
	"github.com/wfconnect/wfconnect/workspace"
)

// realKeyring skips unless a real Secret Service is running for this test
// (make test starts one: gnome-keyring under dbus-run-session).
func realKeyring(t *testing.T) store.Secrets {
	t.Helper()
	if os.Getenv("WFCONNECT_REAL_KEYRING") != "1" {
		t.Skip("needs the real Secret Service: set WFCONNECT_REAL_KEYRING=1 under dbus-run-session (make test does)")
	}
	return store.NewKeyring(3 * time.Second)
}

// TestKeyringCrossProcessSingleFlight starts 8 `wfconnect token` processes
// together on an expired session: exactly one refresh reaches Workfront and
// every process prints the same new sessionID.
func TestKeyringCrossProcessSingleFlight(t *testing.T) {
	secrets := realKeyring(t)
	// A normal life, so that the one refreshed token outlives the start
	// of the 8 processes; the first token is aged past it, not waited out.
	life := 3600
	r := newRig(t, wfsim.Options{ExpiresIn: &life, Rotation: true})
	r.secrets = secrets
	r.addProfile("xproc", "form")
	t.Cleanup(func() { r.run("", "profile", "remove", "xproc") })
	if _, errOut, code := r.run("", "login", "xproc"); code != 0 {
		t.Fatal(errOut)
	}
	r.age("xproc", 3601*time.Second) // every process now sees an expired token
	r.sim.ResetLog()

	env := []string{"WFCONNECT_CONFIG_DIR=" + r.dir}
	var wg sync.WaitGroup
	outs := make([]string, 8)
	errs := make([]error, 8)
	start := make(chan struct{})
	for i := range outs {
		cmd := runProcess(env, "token", "xproc")
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			out, err := cmd.Output()
			outs[i], errs[i] = strings.TrimSpace(string(out)), err
		}()
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("process %d: %v", i, err)
		}
		if outs[i] == "" || outs[i] != outs[0] {
			t.Errorf("process %d printed %q, process 0 %q", i, outs[i], outs[0])
		}
	}
	if n := r.sim.CountGrant("refresh_token"); n != 1 {
		t.Errorf("%d refresh requests from 8 processes, want exactly 1", n)
	}
}

// TestKeyringRotationSurvivesProcesses refreshes 20 times with rotation on
// (each refresh kills the previous refresh token in wfsim), then checks that a
// fresh process, reading only the real keyring, is still connected.
func TestKeyringRotationSurvivesProcesses(t *testing.T) {
	secrets := realKeyring(t)
	r := newRig(t, wfsim.Options{Rotation: true})
	r.secrets = secrets
	r.addProfile("rotate", "basic-json")
	t.Cleanup(func() { r.run("", "profile", "remove", "rotate") })
	if _, errOut, code := r.run("", "login", "rotate"); code != 0 {
		t.Fatal(errOut)
	}
	ws, err := workspace.Open(workspace.Options{Dir: r.dir, Secrets: secrets})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		if err := ws.RefreshNow(context.Background(), "rotate"); err != nil {
			t.Fatalf("refresh %d: %v", i+1, err)
		}
	}
	if n := r.sim.CountGrant("refresh_token"); n != 20 {
		t.Errorf("%d refreshes, want 20", n)
	}
	r.sim.ExpireAccessTokens() // the next process must refresh with the newest refresh token
	cmd := runProcess([]string{"WFCONNECT_CONFIG_DIR=" + r.dir}, "projects", "rotate", "--limit", "1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("a fresh process is not connected: %v\n%s", err, out)
	}
	st := r.statusJSON("rotate")
	if st["state"] != "connected" || st["rotation_seen"] != true {
		t.Errorf("status %v", st)
	}
}

// TestKeyringJWTCrossProcessSingleFlight starts 8 `wfconnect token`
// processes together on an expired Machine to Machine session: exactly one
// JWT exchange reaches Workfront, and every process prints the same new
// sessionID.
func TestKeyringJWTCrossProcessSingleFlight(t *testing.T) {
	secrets := realKeyring(t)
	// A minute, so that aging past it stays within the JWT's own life
	// (auth.JWTLifetime): the simulator checks exp on its moved clock.
	life := 60
	r := newRig(t, wfsim.Options{ExpiresIn: &life, Projects: 10})
	r.secrets = secrets
	pub, errOut, code := r.addJWT("xjwt")
	if code != 0 {
		t.Fatal(errOut)
	}
	t.Cleanup(func() { r.run("", "profile", "remove", "xjwt") })
	registerKey(t, r.sim, pub)
	if _, errOut, code := r.run("", "login", "xjwt"); code != 0 {
		t.Fatal(errOut)
	}
	r.age("xjwt", 61*time.Second) // every process now sees an expired session
	r.sim.ResetLog()

	env := []string{"WFCONNECT_CONFIG_DIR=" + r.dir}
	var wg sync.WaitGroup
	outs := make([]string, 8)
	errs := make([]error, 8)
	start := make(chan struct{})
	for i := range outs {
		cmd := runProcess(env, "token", "xjwt")
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			out, err := cmd.Output()
			outs[i], errs[i] = strings.TrimSpace(string(out)), err
		}()
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("process %d: %v", i, err)
		}
		if outs[i] == "" || outs[i] != outs[0] {
			t.Errorf("process %d printed %q, process 0 %q", i, outs[i], outs[0])
		}
	}
	if n := r.sim.CountGrant("jwt"); n != 1 {
		t.Errorf("%d JWT exchanges from 8 processes, want exactly 1", n)
	}
}

// TestKeyringLocalHTTPMarker: with the real Secret Service, a connection
// added with the simulator's plain-http address is allowed by a marker in
// the keyring, which another process reads; the same address written into
// the profiles file by hand under another name (local_http included) is
// refused, and removing the connection removes its marker.
func TestKeyringLocalHTTPMarker(t *testing.T) {
	secrets := realKeyring(t)
	r := newRig(t, wfsim.Options{})
	r.secrets = secrets
	r.addProfile("local-marker", "form")
	t.Cleanup(func() { r.run("", "profile", "remove", "local-marker") })
	if got, _, err := secrets.Get("local-marker/local-http"); err != nil || got != r.sim.URL() {
		t.Fatalf("marker %q (%v), want %q", got, err, r.sim.URL())
	}
	env := []string{"WFCONNECT_CONFIG_DIR=" + r.dir}
	if out, err := runProcess(env, "status", "local-marker").CombinedOutput(); err != nil {
		t.Fatalf("status in another process: %v\n%s", err, out)
	}
	path := filepath.Join(r.dir, "profiles.json")
	raw, _ := os.ReadFile(path)
	planted := strings.Replace(string(raw), `"name": "local-marker"`, `"name": "planted-marker"`, 1)
	if planted == string(raw) {
		t.Fatalf("the profiles file has no local-marker entry: %s", raw)
	}
	os.WriteFile(path, []byte(planted), 0o600)
	out, err := runProcess(env, "status", "planted-marker").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "not added as one on this computer") {
		t.Errorf("a planted local_http connection: %v\n%s", err, out)
	}
	os.WriteFile(path, raw, 0o600)
	if _, errOut, code := r.run("", "profile", "remove", "local-marker"); code != 0 {
		t.Fatal(errOut)
	}
	if _, found, _ := secrets.Get("local-marker/local-http"); found {
		t.Error("profile remove left the marker in the keyring")
	}
}
