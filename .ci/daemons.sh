# Sourced by the scripts that start wfconnect or a D-Bus session. On a
# machine without a session bus, D-Bus clients autolaunch a dbus-daemon, and
# D-Bus activation starts gnome-keyring-daemon; both outlive the run. These
# stop the ones started since track_daemons, and only those.
daemon_pids() { pgrep -x 'dbus-daemon|gnome-keyring-d' | sort || true; }
track_daemons() { daemons_before=$(daemon_pids); }
stop_new_daemons() {
  local leftover
  leftover=$(comm -13 <(echo "$daemons_before") <(daemon_pids) | grep . || true)
  [ -z "$leftover" ] || kill $leftover 2>/dev/null || true
}
