package store

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestProfilesRoundTripModeAndDefaults(t *testing.T) {
	dir := t.TempDir()
	p := OpenProfiles(dir)
	if list, err := p.Load(); err != nil || len(list) != 0 {
		t.Fatalf("missing file: %v %v", list, err)
	}
	if err := p.Put(Profile{Name: " Acme ", Host: "https://acme.my.workfront.com", ClientID: "c"}, ""); err != nil {
		t.Fatal(err)
	}
	got, err := p.Get("acme")
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Acme" || got.AppType != "web" || got.TokenAuth != "basic-json" || got.APIVersion != DefaultAPIVersion {
		t.Errorf("defaults: %+v", got)
	}
	info, err := os.Stat(p.Path())
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v %v", info.Mode(), err)
	}
	raw, _ := os.ReadFile(p.Path())
	if !strings.Contains(string(raw), `"schema": 1`) {
		t.Errorf("no schema version:\n%s", raw)
	}
	if err := p.Put(Profile{Name: "ACME"}, ""); !errors.Is(err, ErrDuplicateName) || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("duplicate: %v", err)
	}
	if err := p.Put(Profile{Name: "Acme 2", Host: "h"}, "Acme"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Get("Acme"); !errors.Is(err, ErrNoProfile) {
		t.Errorf("renamed profile still found: %v", err)
	}
	if err := p.Remove("acme 2"); err != nil {
		t.Fatal(err)
	}
	if list, _ := p.Load(); len(list) != 0 {
		t.Errorf("left %v", list)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temp file left behind: %s", e.Name())
		}
	}
}

func TestDamagedFileIsKeptAside(t *testing.T) {
	dir := t.TempDir()
	p := OpenProfiles(dir)
	os.WriteFile(p.Path(), []byte(`{"schema":1,"profiles":[{"name":`), 0o600)
	_, err := p.Load()
	var de *DamagedError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "damaged") || !strings.Contains(err.Error(), de.Backup) {
		t.Fatalf("err %v", err)
	}
	if b, rerr := os.ReadFile(de.Backup); rerr != nil || !strings.Contains(string(b), `"profiles"`) {
		t.Errorf("the damaged content was not kept: %v", rerr)
	}
	if list, err := p.Load(); err != nil || len(list) != 0 {
		t.Errorf("after keeping aside: %v %v", list, err)
	}
	// A second damaged file never overwrites the first backup.
	os.WriteFile(p.Path(), []byte(`garbage`), 0o600)
	_, err = p.Load()
	var de2 *DamagedError
	if !errors.As(err, &de2) || de2.Backup == de.Backup {
		t.Errorf("second backup %v", err)
	}
}

func TestNewerSchemaIsLeftAlone(t *testing.T) {
	dir := t.TempDir()
	p := OpenProfiles(dir)
	content := []byte(`{"schema":7,"profiles":[],"future":true}`)
	os.WriteFile(p.Path(), content, 0o600)
	var se *SchemaError
	if _, err := p.Load(); !errors.As(err, &se) || !strings.Contains(err.Error(), "newer version") {
		t.Fatalf("load: %v", err)
	}
	if err := p.Save(nil); !errors.As(err, &se) {
		t.Errorf("save over a newer file: %v", err)
	}
	if b, _ := os.ReadFile(p.Path()); string(b) != string(content) {
		t.Error("the newer file was changed")
	}
}

func TestSaveFailureKeepsOldFile(t *testing.T) {
	if os.Geteuid() == 0 {
		// root ignores directory permissions; use a directory path that is a file instead.
		dir := t.TempDir()
		p := OpenProfiles(filepath.Join(dir, "not-a-dir"))
		os.WriteFile(filepath.Join(dir, "not-a-dir"), []byte("x"), 0o600)
		if err := p.Save([]Profile{{Name: "a"}}); err == nil || !strings.Contains(err.Error(), "Could not save your connections") {
			t.Errorf("err %v", err)
		}
		return
	}
	dir := t.TempDir()
	p := OpenProfiles(dir)
	if err := p.Put(Profile{Name: "old"}, ""); err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	if err := p.Put(Profile{Name: "new"}, ""); err == nil || !strings.Contains(err.Error(), "not writable") {
		t.Errorf("err %v", err)
	}
	if list, _ := p.Load(); len(list) != 1 || list[0].Name != "old" {
		t.Errorf("old content lost: %v", list)
	}
}

func TestConcurrentPuts(t *testing.T) {
	p := OpenProfiles(t.TempDir())
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := p.Put(Profile{Name: fmt.Sprintf("p%d", i)}, ""); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if list, _ := p.Load(); len(list) != 20 {
		t.Errorf("%d profiles after 20 concurrent puts", len(list))
	}
}

func TestMemorySecretsAndVault(t *testing.T) {
	v := Vault{Secrets: NewMemory()}
	if !strings.Contains(v.Where(), "this session only") {
		t.Errorf("where %q", v.Where())
	}
	v.SetClientSecret("a", "s")
	v.SaveTokens("a", []byte(`{"x":1}`))
	if s, ok, _ := v.ClientSecret("a"); !ok || s != "s" {
		t.Error("secret")
	}
	if b, ok, _ := v.LoadTokens("a"); !ok || string(b) != `{"x":1}` {
		t.Error("tokens")
	}
	if err := v.Forget("a"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := v.LoadTokens("a"); ok {
		t.Error("Forget left tokens")
	}
}

func TestKeyringTimeoutMessage(t *testing.T) {
	// A call that never returns stands in for a keyring stuck on an unlock
	// prompt; the real locked case is TestKeyringLockedOrAbsent.
	start := time.Now()
	_, err := withTimeout(100*time.Millisecond, func() (string, error) { select {} })
	if !errors.Is(err, ErrKeyringTimeout) || !strings.Contains(err.Error(), "did not answer within 100ms") || time.Since(start) > time.Second {
		t.Errorf("err %v after %s", err, time.Since(start))
	}
}

func realKeyring(t *testing.T) {
	t.Helper()
	if os.Getenv("WFCONNECT_REAL_KEYRING") != "1" {
		t.Skip("needs the real Secret Service: set WFCONNECT_REAL_KEYRING=1 under dbus-run-session (make test does)")
	}
}

func TestKeyringRoundTrip(t *testing.T) {
	realKeyring(t)
	v := Vault{Secrets: NewKeyring(3 * time.Second)}
	name := fmt.Sprintf("test-%d", time.Now().UnixNano())
	defer v.Forget(name)
	if err := v.SetClientSecret(name, "s3cret"); err != nil {
		t.Fatal(err)
	}
	blob := []byte(`{"access_token":"a","refresh_token":"r"}`)
	if err := v.SaveTokens(name, blob); err != nil {
		t.Fatal(err)
	}
	if s, ok, err := v.ClientSecret(name); err != nil || !ok || s != "s3cret" {
		t.Errorf("secret %q %v %v", s, ok, err)
	}
	if b, ok, err := v.LoadTokens(name); err != nil || !ok || string(b) != string(blob) {
		t.Errorf("tokens %q %v %v", b, ok, err)
	}
	if err := v.Forget(name); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := v.ClientSecret(name); ok || err != nil {
		t.Errorf("after Forget: %v %v", ok, err)
	}
	if err := v.Forget(name); err != nil {
		t.Errorf("forgetting twice: %v", err)
	}
}

// TestKeyringLockedOrAbsent runs in a child process whose D-Bus session
// address points nowhere (godbus caches the session connection process-wide).
func TestKeyringLockedOrAbsent(t *testing.T) {
	realKeyring(t)
	if os.Getenv("WFCONNECT_KEYRING_CHILD") == "1" {
		start := time.Now()
		err := NewKeyring(3*time.Second).Set("x/tokens", "secret-value")
		elapsed := time.Since(start)
		if !errors.Is(err, ErrKeyringUnavailable) && !errors.Is(err, ErrKeyringTimeout) {
			t.Fatalf("err %v", err)
		}
		if !strings.Contains(err.Error(), "Unlock it, or start gnome-keyring or KWallet") && !strings.Contains(err.Error(), "unlock it") {
			t.Errorf("message %q", err)
		}
		if strings.Contains(err.Error(), "secret-value") {
			t.Error("the message holds the secret")
		}
		if elapsed > 3500*time.Millisecond {
			t.Errorf("took %s", elapsed)
		}
		return
	}
	for name, addr := range map[string]string{
		"absent": "unix:path=/nonexistent/bus",
		"silent": "", // a bus with no Secret Service on it: started below
	} {
		t.Run(name, func(t *testing.T) {
			env := append(os.Environ(), "WFCONNECT_KEYRING_CHILD=1")
			cmd := exec.Command(os.Args[0], "-test.run=^TestKeyringLockedOrAbsent$", "-test.v")
			if addr != "" {
				cmd.Env = append(env, "DBUS_SESSION_BUS_ADDRESS="+addr)
			} else {
				// A fresh session bus where no keyring daemon runs, and none is activated.
				cmd = exec.Command("dbus-run-session", "--config-file="+quietBusConfig(t), "--", os.Args[0], "-test.run=^TestKeyringLockedOrAbsent$", "-test.v")
				cmd.Env = env
			}
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if !strings.Contains(string(out), "--- PASS") {
				t.Fatalf("child did not run:\n%s", out)
			}
		})
	}
}

func TestStaleTempFilesAreRemoved(t *testing.T) {
	dir := t.TempDir()
	p := OpenProfiles(dir)
	old := filepath.Join(dir, ".profiles.json.tmp-123")
	fresh := filepath.Join(dir, ".profiles.json.tmp-456")
	os.WriteFile(old, []byte("x"), 0o600)
	os.WriteFile(fresh, []byte("x"), 0o600)
	os.Chtimes(old, time.Now().Add(-time.Hour), time.Now().Add(-time.Hour))
	if err := p.Save(nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Error("a stale temp file was kept")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("a fresh temp file (another save in flight) was removed")
	}
}

// A file that starts with a UTF-8 byte order mark (Notepad writes one) is
// read, not kept aside as damaged; the next save writes no mark.
func TestByteOrderMarkIsSkipped(t *testing.T) {
	p := OpenProfiles(t.TempDir())
	os.WriteFile(p.Path(), []byte("\xEF\xBB\xBF{\"schema\":1,\"profiles\":[{\"name\":\"acme\",\"host\":\"https://acme.my.workfront.com\"}]}\r\n"), 0o600)
	list, err := p.Load()
	if err != nil || len(list) != 1 || list[0].Name != "acme" {
		t.Fatalf("with a BOM: %v %v", list, err)
	}
	if err := p.Put(Profile{Name: "beta"}, ""); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(p.Path())
	if !strings.HasPrefix(string(raw), "{") {
		t.Errorf("the saved file starts with %q", raw[:min(len(raw), 4)])
	}
	if list, err := p.Load(); err != nil || len(list) != 2 {
		t.Errorf("after saving: %v %v", list, err)
	}
}
