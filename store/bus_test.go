package store

import (
	"os"
	"path/filepath"
	"testing"
)

// quietBusConfig writes a dbus-daemon configuration for a session bus that
// names no service directories: nothing on it is D-Bus-activated, so a test
// that wants "a bus with no Secret Service" does not start a gnome-keyring
// that would outlive it. Returns the file's path for
// dbus-run-session --config-file.
func quietBusConfig(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "wfc-bus-") // short: unix socket paths are limited
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	conf := `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=` + dir + `</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`
	path := filepath.Join(dir, "bus.conf")
	if err := os.WriteFile(path, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
