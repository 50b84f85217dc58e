#!/usr/bin/env bash
# End-to-end benchmark of `memreplay replay`: bench/e2e.sh [ACCESSES | TRACE] [POLICIES]
#   ACCESSES  accesses of the generated trace (default 20000000)
#   TRACE     or a trace folder to replay instead of a generated trace
#   POLICIES  comma-separated policies, as `replay --policy` takes them (default esxi-default)
# Generates the trace of `memreplay generate --accesses ACCESSES` once into bench/target/bench-data (or
# MEMREPLAY_BENCH_DATA), where later runs reuse it; replays it 3 times (MEMREPLAY_BENCH_RUNS) into fresh
# results folders; prints the machine, the trace, each run's wall time and rate (JVM start and Parquet
# output included) and the medians.
# JVM options for the replays: MEMREPLAY_JAVA_OPTS, as for ./memreplay.
set -euo pipefail

RUNS="${MEMREPLAY_BENCH_RUNS:-3}"
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
memreplay="$(dirname "$bench")/memreplay"

fail() {
  echo "e2e.sh: $*" >&2
  exit 2
}

[ $# -le 2 ] || fail "usage: bench/e2e.sh [ACCESSES | TRACE] [POLICIES]"
policies="${2:-esxi-default}"
[ -n "$policies" ] || fail "POLICIES must name at least one policy"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || fail "MEMREPLAY_BENCH_RUNS must be a positive whole number, was '$RUNS'"
if [ -d "${1:-}" ]; then
  trace="$(cd "$1" && pwd)"
  [ -f "$trace/manifest.json" ] || fail "$trace is not a trace folder: it has no manifest.json"
else
  accesses="${1:-20000000}"
  [[ "$accesses" =~ ^[1-9][0-9]*$ ]] || fail "the first argument must be a positive whole number of accesses or a trace folder, was '$accesses'"
  # named like the JMH benchmarks' cached trace, so a trace of the same size is shared
  trace="${MEMREPLAY_BENCH_DATA:-$bench/target/bench-data}/defaults-$accesses-accesses"
fi
results="$bench/target/e2e-results"

now_ns() { date +%s%N; }

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "e2e.sh: making sure the command-line tool is built..." >&2
"$memreplay" --version >/dev/null || fail "the memreplay launcher failed to build or start the command-line tool"

# the generator writes scenario.yaml last: when it exists, the trace is complete
if [ ! -f "$trace/scenario.yaml" ] && [ -n "${accesses:-}" ]; then
  echo "e2e.sh: generating $accesses accesses into $trace (once; later runs reuse it)..." >&2
  "$memreplay" generate --out "$trace" --accesses "$accesses" --force >&2 \
    || fail "generating the trace failed"
fi

echo "Machine:  $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')," \
  "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory," \
  "$(java -version 2>&1 | head -n1)"
echo "Load:     $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min averages before the runs; other work skews the numbers)"
echo "Trace:    $(du -sb "$trace" | cut -f1 | xargs printf "%'d") bytes on disk ($trace)"
echo "Policies: $policies"

walls=()
rates=()
mkdir -p "$results"
for run in $(seq 1 "$RUNS"); do
  out="$results/run-$run"
  log="$results/run-$run.log"
  rm -rf "$out"
  started="$(now_ns)"
  if ! "$memreplay" replay --trace "$trace" --out "$out" --policy "$policies" >"$log" 2>&1; then
    tail -n 5 "$log" >&2
    fail "replay run $run failed (above: the end of its output, all of it in $log)"
  fi
  ended="$(now_ns)"
  wall="$(awk -v ns="$((ended - started))" 'BEGIN { printf "%.2f", ns / 1e9 }')"
  # the accesses as the tool counted them, e.g. "Replayed lk1m (1,000,014 accesses, 0 other events) ..."
  replayed="$(sed -n 's/^Replayed .* (\([0-9,]*\) accesses,.*/\1/p' "$log" | tr -d ,)"
  [ -n "$replayed" ] || fail "run $run printed no 'Replayed ...' line (its output is in $log)"
  rate="$(awk -v n="$replayed" -v s="$wall" 'BEGIN { printf "%.2f", n / s / 1e6 }')"
  # the tool times the replay alone: no JVM start, no opening of the trace
  seconds="$(sed -n 's/^Replayed .* in \([0-9.]*\) s: .*/\1/p' "$log")"
  reported="$(sed -n 's/^Replayed .* \([0-9.]*\) M accesses\/s per policy.*/\1/p' "$log")"
  walls+=("$wall")
  rates+=("$rate")
  echo "Run $run:    wall $wall s, $rate M accesses/s of $(printf "%'d" "$replayed") (replay alone, as the tool" \
    "times it: $seconds s, $reported M accesses/s per policy)"
  # the launcher rebuilds when a source changed since the last build: that run's wall time is not a replay's
  if grep -q '^memreplay: building' "$log"; then
    echo "          (this run includes a rebuild of the tool: sources changed meanwhile; rerun for a clean median)"
  fi
done

echo "Median:   wall $(printf '%s\n' "${walls[@]}" | median) s, $(printf '%s\n' "${rates[@]}" | median) M accesses/s" \
  "over $RUNS runs"
