#!/usr/bin/env bash
# What a small replay costs from the command line: bench/startup.sh [LACKEY_LOG]
#   LACKEY_LOG  a plain valgrind lackey log (default: the one LackeyImportBenchmark records, in the
#               benchmark cache; run `bench/jmh.sh LackeyImport` once to record it)
# Replays two traces of 1 M accesses with bench/e2e.sh, 5 runs each (MEMREPLAY_BENCH_RUNS), wall time from
# the shell (JVM start, opening and checking the trace, writing the results):
#   - a real program: the first 1,000,000 accesses of the log, imported once into the benchmark cache;
#   - the generated host of `memreplay generate --accesses 1000000`: four 1 GB guests whose boot snapshot
#     adds a content record for each of their 1,048,576 pages, so 2 M events.
set -euo pipefail

bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
memreplay="$(dirname "$bench")/memreplay"
data="${MEMREPLAY_BENCH_DATA:-$bench/target/bench-data}"
log="${1:-$data/lackey-gzip/gzip.lackey}"
ACCESSES=1000000

fail() {
  echo "startup.sh: $*" >&2
  exit 2
}

[ $# -le 1 ] || fail "usage: bench/startup.sh [LACKEY_LOG]"
[ -f "$log" ] || fail "no lackey log at $log: record one with 'bench/jmh.sh LackeyImport', or give its path"

# named for the log and its size, so that another log is imported anew
program="$data/$(basename "$log")-$(stat -c %s "$log")-first-$ACCESSES"
# the importer writes scenario.yaml last: when it exists, the trace is complete
if [ ! -f "$program/scenario.yaml" ]; then
  echo "startup.sh: importing the first $ACCESSES accesses of $log into $program (once)..." >&2
  prefix="$(mktemp --suffix=.lackey)"
  trap 'rm -f "$prefix"' EXIT
  # lackey's access lines: "I  addr,size" (instruction fetch), " L", " S" and " M" (load, store, modify)
  awk -v n="$ACCESSES" '/^(I |  ?[LSM] )/ { print; if (++seen == n) exit }' "$log" > "$prefix"
  "$memreplay" import lackey --out "$program" --force "$prefix" >&2 || fail "importing the prefix failed"
fi

export MEMREPLAY_BENCH_RUNS="${MEMREPLAY_BENCH_RUNS:-5}"
echo "== a real program: the first $ACCESSES accesses of $(basename "$log")"
"$bench/e2e.sh" "$program"
echo
echo "== the generated 4 x 1 GB host: $ACCESSES accesses and a boot snapshot of 1,048,576 pages"
"$bench/e2e.sh" "$ACCESSES"
