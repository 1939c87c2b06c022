#!/usr/bin/env bash
# Runs the tests named *Keyring* against a real Secret Service: a throwaway
# D-Bus session with gnome-keyring unlocked by a throwaway password, so the
# tests never touch the keyring of the person running them.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS="${GOFLAGS:-} -tags=migrated_fynedo"
# The tests get a throwaway HOME; keep Go's caches where they are.
export GOPATH="$(go env GOPATH)" GOCACHE="$(go env GOCACHE)" GOMODCACHE="$(go env GOMODCACHE)"
. .ci/daemons.sh
track_daemons
trap stop_new_daemons EXIT
dbus-run-session -- bash -c '
  set -euo pipefail
  home=$(mktemp -d); trap "rm -rf $home" EXIT
  export HOME=$home XDG_DATA_HOME=$home/.local/share XDG_RUNTIME_DIR=$home/run
  mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
  eval "$(printf "throwaway" | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  WFCONNECT_REAL_KEYRING=1 go test -race -count=1 -run Keyring -v ./store/ ./cli/ 2>&1 | grep -vE "^=== (RUN|PAUSE|CONT)"
'
