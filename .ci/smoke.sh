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

# run_app LANG OUT: starts the app in that locale, waits for its window,
# screenshots it, quits it with SIGTERM, and fails on a clean-exit miss or on
# any "Translation failure" (a string missing from that language's file).
run_app() {
  local locale=$1 shot=$2 start win ms title code
  start=$(date +%s%N)
  DISPLAY=$display WFCONNECT_CONFIG_DIR="$work/config-$locale" HOME="$work" LANG=$locale LC_ALL=$locale LANGUAGE= "$bin" >"$work/app.log" 2>&1 &
  app_pid=$!
  win=""
  for _ in $(seq 200); do
    win=$(DISPLAY=$display xdotool search --name "Workfront" 2>/dev/null | head -1 || true)
    [ -n "$win" ] && break
    kill -0 $app_pid 2>/dev/null || { echo "smoke ($locale): the app exited before showing a window"; cat "$work/app.log"; exit 1; }
    sleep 0.1
  done
  if [ -z "$win" ]; then echo "smoke ($locale): no window titled 'Workfront' within 20 s"; cat "$work/app.log"; exit 1; fi
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  if [ "$locale" = C.UTF-8 ]; then
    # A second launch brings this window to the front and ends at once.
    second=$(DISPLAY=$display WFCONNECT_CONFIG_DIR="$work/config-$locale" HOME="$work" timeout 10 "$bin" 2>&1) || { echo "smoke: the second launch failed: $second"; exit 1; }
    case $second in *"already running"*) ;; *) echo "smoke: the second launch did not defer to the first: $second"; exit 1 ;; esac
  fi
  sleep 1.5 # let the first frames paint
  DISPLAY=$display import -window root "$shot"
  title=$(DISPLAY=$display xdotool getwindowname "$win")
  kill -TERM $app_pid
  for _ in $(seq 50); do kill -0 $app_pid 2>/dev/null || break; sleep 0.1; done
  if kill -0 $app_pid 2>/dev/null; then echo "smoke ($locale): the app did not quit within 5 s of SIGTERM"; exit 1; fi
  set +e; wait $app_pid; code=$?; set -e
  if [ $code -ne 0 ]; then echo "smoke ($locale): the app exited with $code"; cat "$work/app.log"; exit 1; fi
  if grep -q "Translation failure" "$work/app.log"; then
    echo "smoke ($locale): strings missing from the translations:"; grep -A1 "Translation failure" "$work/app.log" | head -20; exit 1
  fi
  echo "smoke ($locale): window \"$title\" after ${ms} ms, screenshot $shot, clean exit, no translation failure"
}

run_app C.UTF-8 "$out"
for locale in en_US.UTF-8 sv_SE.UTF-8 zh_CN.UTF-8 zh_TW.UTF-8; do
  run_app "$locale" "${out%.png}-${locale%%.*}.png"
done
