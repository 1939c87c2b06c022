# Sourced by the scripts that need a D-Bus session and a Secret Service.
#
# start_session_bus DIR starts a private dbus-daemon whose configuration names
# no service directories, so nothing on it is D-Bus-activated, and exports its
# address in DBUS_SESSION_BUS_ADDRESS, so no client autolaunches another.
# start_keyring (after start_session_bus) starts gnome-keyring-daemon in the
# foreground, unlocked with a throwaway password, owning the Secret Service
# on that bus. Each records the PID it got when it started; stop_daemons ends
# exactly those PIDs and nothing else.
started_pids=()

start_session_bus() {
  local dir=$1
  mkdir -p "$dir"
  cat >"$dir/bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=$dir</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
  dbus-daemon --config-file="$dir/bus.conf" --fork --print-pid=3 --print-address=4 3>"$dir/bus.pid" 4>"$dir/bus.address"
  started_pids+=("$(cat "$dir/bus.pid")")
  DBUS_SESSION_BUS_ADDRESS=$(cat "$dir/bus.address")
  export DBUS_SESSION_BUS_ADDRESS
}

# start_keyring HOME_DIR: the keyring's files live under HOME_DIR.
start_keyring() {
  local home=$1 i
  mkdir -p "$home/.local/share" "$home/run"
  chmod 700 "$home/run"
  printf 'throwaway' | HOME=$home XDG_DATA_HOME=$home/.local/share XDG_RUNTIME_DIR=$home/run \
    gnome-keyring-daemon --foreground --unlock --components=secrets >"$home/keyring.log" 2>&1 &
  started_pids+=("$!")
  # Ready when it owns the Secret Service name on our bus.
  for i in $(seq 100); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true' && return 0
    sleep 0.05
  done
  echo "daemons: gnome-keyring-daemon did not own org.freedesktop.secrets within 5 s" >&2
  cat "$home/keyring.log" >&2
  return 1
}

stop_daemons() {
  local pid
  for pid in "${started_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  started_pids=()
}
