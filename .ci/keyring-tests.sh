#!/usr/bin/env bash
# Runs the tests named *Keyring* against a real Secret Service: a private
# D-Bus session with gnome-keyring unlocked by a throwaway password, so the
# tests never touch the keyring of the person running them. Both daemons are
# started here with known PIDs and ended by those PIDs.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS="${GOFLAGS:-} -tags=migrated_fynedo"
# The tests get a throwaway HOME; keep Go's caches where they are.
export GOPATH="$(go env GOPATH)" GOCACHE="$(go env GOCACHE)" GOMODCACHE="$(go env GOMODCACHE)"
home=$(mktemp -d /tmp/wfc-kr-XXXXXX)
. .ci/daemons.sh
trap 'stop_daemons; rm -rf "$home"' EXIT
start_session_bus "$home/bus"
start_keyring "$home"
export HOME=$home XDG_DATA_HOME=$home/.local/share XDG_RUNTIME_DIR=$home/run
WFCONNECT_REAL_KEYRING=1 go test -race -count=1 -run Keyring -v ./store/ ./cli/ 2>&1 | grep -vE "^=== (RUN|PAUSE|CONT)"
exit "${PIPESTATUS[0]}"
