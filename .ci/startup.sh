#!/usr/bin/env bash
# Start-up and memory, side by side under Xvfb: bin/wfconnect with 20
# profiles against a bare Fyne window of the same Fyne version, 5 alternating
# runs each. Prints the startup and rss lines of `make bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
. .ci/daemons.sh
trap 'kill $xvfb_pid 2>/dev/null || true; stop_daemons; rm -rf "$work"' EXIT
start_session_bus "$work/bus"
start_keyring "$work/keyring"
go build -tags migrated_fynedo -o "$work/barefyne" ./tools/barefyne
display=":$((190 + RANDOM % 50))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
sleep 1
export DISPLAY=$display WFCONNECT_CONFIG_DIR="$work/config" HOME="$work"
for i in $(seq 20); do
  ./bin/wfconnect profile add "Tenant $i" --domain "acme$i" --client-id "id$i" --redirect-uri http://127.0.0.1:8765/callback --spa 2>/dev/null
done

# run BIN TITLE: prints "ms rss_kb"
run() {
  local start pid win ms rss
  start=$(date +%s%N)
  "$1" >"$work/run.log" 2>&1 &
  pid=$!
  for _ in $(seq 400); do
    win=$(xdotool search --onlyvisible --name "$2" 2>/dev/null | head -1 || true)
    [ -n "$win" ] && break
    sleep 0.01
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 2
  if ! rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status 2>/dev/null); then
    echo "startup: $1 ended before its memory could be read; it said:" >&2
    tail -20 "$work/run.log" >&2
    exit 1
  fi
  kill -TERM $pid; wait $pid 2>/dev/null || true
  echo "$ms $rss"
}
app_ms=(); bare_ms=(); app_rss=(); bare_rss=()
for i in 1 2 3 4 5; do
  read -r ms rss < <(run ./bin/wfconnect "Workfront Connect"); app_ms+=("$ms"); app_rss+=("$rss")
  read -r ms rss < <(run "$work/barefyne" "Bare Fyne"); bare_ms+=("$ms"); bare_rss+=("$rss")
done
median() { printf '%s\n' "$@" | sort -n | sed -n 3p; }
am=$(median "${app_ms[@]}"); bm=$(median "${bare_ms[@]}"); ar=$(median "${app_rss[@]}"); br=$(median "${bare_rss[@]}")
awk -v am="$am" -v bm="$bm" -v ar="$ar" -v br="$br" 'BEGIN {
  printf "startup: %d ms vs bare Fyne %d ms, %.2fx (goal <= 1.10x) %s\n", am, bm, am / bm, (am / bm <= 1.10 ? "ok" : "MISS")
  printf "rss: %.1f MB vs bare Fyne %.1f MB, %.2fx (goal <= 1.15x) %s\n", ar / 1024, br / 1024, ar / br, (ar / br <= 1.15 ? "ok" : "MISS")
}'
