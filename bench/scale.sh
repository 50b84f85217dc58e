#!/usr/bin/env bash
# Host-scale benchmark: bench/scale.sh [POLICY [HOST...]]
# Generates (once, into bench/target/bench-data or MEMREPLAY_BENCH_DATA) host traces of the generator,
#   8x4g:     memreplay generate --vms 8 --guest-mb 4096 --accesses 4000000 --seed 3
#   16x16g:   memreplay generate --vms 16 --guest-mb 16384 --accesses 8000000 --seed 3
#   128x256m: memreplay generate --vms 128 --guest-mb 256 --accesses 4000000 --seed 3
#     (the pages of the 8 x 4 GB host over 16 times the VMs: what the number of VMs costs)
#   64x16g:   memreplay generate --vms 64 --guest-mb 16384 --accesses 16000000 --seed 3
#     (a 1 TB host: 2 GB of trace, 10 GB of heap and about 15 minutes; only when named)
# (the first three unless HOSTs are named) and for each:
#   1. replays it end to end with `memreplay replay` (default policy esxi-default): events/s and accesses/s
#      as replay prints them, wall time and peak RSS;
#   2. measures the heap a run keeps per tracked page (ScaleRun: live heap when the trace is read, less the
#      heap before, over the pages tracked);
#   3. replays it again under a heap cap of 512 MB + 32 B x tracked pages, and says whether it completes.
# Quote the load average it prints: other work on the machine skews every number.
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$bench")"
memreplay="$repo/memreplay"
policy="${1:-esxi-default}"
shift || true
hosts=("$@")
[ ${#hosts[@]} -gt 0 ] || hosts=(8x4g 16x16g 128x256m)
data="${MEMREPLAY_BENCH_DATA:-$bench/target/bench-data}"
out="$bench/target/scale-results"

echo "scale.sh: building the command-line tool and the bench module..." >&2
"$memreplay" --version >/dev/null
(cd "$repo" && ./mvnw -B -ntp -q -DskipTests -pl bench -am package) >&2
classpath="$bench/target/classes:$(cat "$bench/target/benchmark-classpath.txt")"

echo "Machine:  $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')," \
  "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory, $(java -version 2>&1 | head -n1)"
echo "Policy:   $policy"

host() {
  local name=$1 vms=$2 guest_mb=$3 accesses=$4
  local trace="$data/host-$name"
  if [ ! -f "$trace/scenario.yaml" ]; then
    echo "scale.sh: generating $name into $trace (once)..." >&2
    "$memreplay" generate --vms "$vms" --guest-mb "$guest_mb" --accesses "$accesses" --seed 3 --out "$trace" --force >&2
  fi
  mkdir -p "$out"
  echo
  echo "== $name: $vms VMs x $guest_mb MB, $accesses accesses ($(du -sh "$trace" | cut -f1) on disk)"
  echo "Load:     $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min averages before the runs)"
  rm -rf "$out/$name"
  /usr/bin/time -f "wall %e s, peak RSS %M KB" "$memreplay" replay --trace "$trace" --policy "$policy" \
    --out "$out/$name" 2>&1 | grep -E 'Replayed|wall'
  local measured
  measured="$(java -Xmx20g -cp "$classpath" io.memreplay.bench.ScaleRun "$trace" "$policy")"
  echo "Heap kept: $measured"
  local pages
  pages="$(sed -E 's/.*tracked_pages=([0-9]+).*/\1/' <<<"$measured")"
  local cap_mb=$(( 512 + pages * 32 / 1048576 ))
  rm -rf "$out/$name-capped"
  if MEMREPLAY_JAVA_OPTS="-Xmx${cap_mb}m" "$memreplay" replay --trace "$trace" --policy "$policy" \
      --out "$out/$name-capped" >"$out/$name-capped.log" 2>&1; then
    echo "Under -Xmx${cap_mb}m (512 MB + 32 B x $pages pages): completes"
  else
    echo "Under -Xmx${cap_mb}m (512 MB + 32 B x $pages pages): FAILS (see $out/$name-capped.log)"
  fi
}

for name in "${hosts[@]}"; do
  case "$name" in
    8x4g) host 8x4g 8 4096 4000000 ;;
    16x16g) host 16x16g 16 16384 8000000 ;;
    128x256m) host 128x256m 128 256 4000000 ;;
    64x16g) host 64x16g 64 16384 16000000 ;;
    *) echo "scale.sh: no host '$name'; hosts: 8x4g 16x16g 128x256m 64x16g" >&2; exit 2 ;;
  esac
done
