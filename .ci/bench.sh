#!/usr/bin/env bash
# Prints one line per figure, "NAME: value (goal G) ok|MISS". Each ratio comes
# from one benchmark that alternates our code and the raw floor call by call,
# because this machine is noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp)
trap 'rm -f "$out"' EXIT
go test -tags migrated_fynedo -run '^$' -bench 'Search100$' -benchtime 1000x ./workfront/ >"$out"
go test -tags migrated_fynedo -run '^$' -bench 'Search2000$' -benchtime 200x ./workfront/ >>"$out"
go test -tags migrated_fynedo -run '^$' -bench 'Browse50k' -benchtime 10x ./workfront/ >>"$out"
go test -tags migrated_fynedo -run '^$' -bench 'GenericTasks2000' -benchtime 100x ./workfront/ >>"$out"
go test -tags migrated_fynedo -run '^$' -bench 'ExploreTable2000' -benchtime 100x ./internal/ui/ >>"$out"
go test -tags migrated_fynedo -run '^$' -bench 'Exchange' -benchtime 200x ./auth/ >>"$out"
go test -tags migrated_fynedo -count=1 -run 'TestHundredCallersOneRefresh' -v ./auth/ >>"$out"
go test -tags migrated_fynedo -run '^$' -bench 'ExportCSV50k' -benchtime 4x ./export/ >>"$out"
go test -tags migrated_fynedo -run '^$' -bench 'ExportLatency20k' -benchtime 3x ./export/ >>"$out"
go test -tags migrated_fynedo -run '^$' -bench 'BulkUpdate2000' -benchtime 1x ./edit/ >>"$out"
go test -run '^$' -bench 'FieldUsage30' -benchtime 1x ./usage/ >>"$out"
go test -run '^$' -bench 'Find$|BareLoop$' -benchtime 2000x ./palette/ >>"$out"
go test -tags migrated_fynedo -run '^$' -bench 'PaletteKeystroke' -benchtime 400x ./internal/ui/ >>"$out"
awk '
  /^Benchmark/ {
    name=$1; sub(/-[0-9]+$/, "", name)
    for (i = 3; i < NF; i++) {
      if ($(i+1) == "ratio") ratio[name]=$i; if ($(i+1) == "ns/op") ns[name]=$i
      if ($(i+1) == "client-ns/op") cns[name]=$i; if ($(i+1) == "raw-ns/op") rns[name]=$i
      if ($(i+1) == "default-ratio") dratio[name]=$i; if ($(i+1) == "speedup") speedup[name]=$i
      if ($(i+1) == "inflight") inflight[name]=$i; if ($(i+1) == "ms/key") mskey[name]=$i
    }
  }
  /^--- (PASS|FAIL): TestHundredCallersOneRefresh/ { sf=$2 }
  function line(label, r) { printf "%s: %.2fx (goal <= 1.10x) %s\n", label, r, (r <= 1.10 ? "ok" : "MISS") }
  END {
    line("search_100", ratio["BenchmarkSearch100"])
    line("search_2000", ratio["BenchmarkSearch2000"])
    line("browse_50k", ratio["BenchmarkBrowse50k"])
    c = cns["BenchmarkExchange"]; r = rns["BenchmarkExchange"]
    printf "exchange: %.2f ms vs raw %.2f ms, %.2fx (goal <= 1.10x + 5 ms) %s\n", c / 1e6, r / 1e6, c / r, (c <= 1.10 * r + 5e6 ? "ok" : "MISS")
    line("generic_tasks_2000", ratio["BenchmarkGenericTasks2000"])
    r = ratio["BenchmarkExploreTable2000"]
    printf "explore_table_2000x12: %.2fx a bare widget.Table (goal <= 1.20x) %s\n", r, (r <= 1.20 ? "ok" : "MISS")
    r = ratio["BenchmarkExportCSV50k"]
    printf "export_csv_50k: %.2fx a raw net/http + encoding/json + encoding/csv loop, one page at a time like it (%.2fx at the default concurrency) (goal <= 1.15x) %s\n", r, dratio["BenchmarkExportCSV50k"], (r <= 1.15 ? "ok" : "MISS")
    s = speedup["BenchmarkExportLatency20k"]; f = inflight["BenchmarkExportLatency20k"]
    printf "export_latency_20k: the default concurrency %.2fx faster than --concurrency 1 at 150 ms a request, %d requests in flight at most (goal >= 3x, <= 4 in flight) %s\n", s, f, (s >= 3 && f <= 4 ? "ok" : "MISS")
    s = speedup["BenchmarkBulkUpdate2000"]; f = inflight["BenchmarkBulkUpdate2000"]
    printf "bulk_update_2000: batched Send %.2fx faster than one object per request at 150 ms a request, %d requests in flight at most (goal >= 3x, <= 4 in flight) %s\n", s, f, (s >= 3 && f <= 4 ? "ok" : "MISS")
    s = speedup["BenchmarkFieldUsage30"]; f = inflight["BenchmarkFieldUsage30"]
    printf "field_usage_30: %.2fx faster than one count at a time at 150 ms a request, %d requests in flight at most (goal >= 3x, <= 4 in flight) %s\n", s, f, (s >= 3 && f <= 4 ? "ok" : "MISS")
    r = ns["BenchmarkFind"] / ns["BenchmarkBareLoop"]
    printf "palette_find_1174: %.2fx a bare strings.Contains loop over the same entries (goal <= 1.50x) %s\n", r, (r <= 1.50 ? "ok" : "MISS")
    k = mskey["BenchmarkPaletteKeystroke"]
    printf "palette_key: %.2f ms from a key to the list redrawn, 1,174 entries (goal < 16 ms, one frame) %s\n", k, (k < 16 ? "ok" : "MISS")
    printf "refresh_single_flight: %s (goal exactly 1 refresh for 100 callers) %s\n", (sf == "PASS:" ? "1 refresh" : "more than 1"), (sf == "PASS:" ? "ok" : "MISS")
  }' "$out"
