#!/usr/bin/env bash
# Smoke test of the built binary on a real X server (Xvfb): start bin/wfconnect
# with an empty config, wait for its window, take a screenshot, quit it with
# SIGTERM and expect a clean exit.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-bin/wfconnect}
out=${SMOKE_SHOT:-bin/smoke.png}
mkdir -p "$(dirname "$out")"
work=$(mktemp -d)
. .ci/daemons.sh
trap 'kill $app_pid $xvfb_pid 2>/dev/null || true; stop_daemons; rm -rf "$work"' EXIT
start_session_bus "$work/bus"
start_keyring "$work/keyring"

# Global flags stand before or after the command.
for args in "--verbose status" "status --verbose"; do
  if ! WFCONNECT_CONFIG_DIR="$work/config" HOME="$work" "$bin" $args >"$work/cli.log" 2>&1; then
    echo "smoke: wfconnect $args failed:"; cat "$work/cli.log"; exit 1
  fi
done

display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.1; done 2>/dev/null || true
sleep 0.5

start=$(date +%s%N)
DISPLAY=$display WFCONNECT_CONFIG_DIR="$work/config" HOME="$work" LANG=C.UTF-8 "$bin" >"$work/app.log" 2>&1 &
app_pid=$!
win=""
for _ in $(seq 200); do
  win=$(DISPLAY=$display xdotool search --name "Workfront" 2>/dev/null | head -1 || true)
  [ -n "$win" ] && break
  kill -0 $app_pid 2>/dev/null || { echo "smoke: the app exited before showing a window"; cat "$work/app.log"; exit 1; }
  sleep 0.1
done
if [ -z "$win" ]; then echo "smoke: no window titled 'Workfront' within 20 s"; cat "$work/app.log"; exit 1; fi
ms=$(( ($(date +%s%N) - start) / 1000000 ))
sleep 1.5 # let the first frames paint
DISPLAY=$display import -window root "$out"
title=$(DISPLAY=$display xdotool getwindowname "$win")
kill -TERM $app_pid
for _ in $(seq 50); do kill -0 $app_pid 2>/dev/null || break; sleep 0.1; done
if kill -0 $app_pid 2>/dev/null; then echo "smoke: the app did not quit within 5 s of SIGTERM"; exit 1; fi
set +e; wait $app_pid; code=$?; set -e
if [ $code -ne 0 ]; then echo "smoke: the app exited with $code"; cat "$work/app.log"; exit 1; fi
echo "smoke: window \"$title\" after ${ms} ms, screenshot $out, clean exit"
