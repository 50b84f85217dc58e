#!/usr/bin/env bash
# What reading a compressed trace costs: bench/compressed-import.sh [LACKEY_LOG] [ROUNDS]
#   LACKEY_LOG  a plain valgrind lackey log (default: the one LackeyImportBenchmark records, in the
#               benchmark cache; run `bench/jmh.sh LackeyImport` once to record it)
#   ROUNDS      rounds (default 3)
# Compresses the log once beside it with the command-line tools at their default levels (gzip, zstd, xz,
# bzip2; a tool that is not installed is left out), then imports the plain and each compressed file with
# `memreplay import lackey`, one after the other, ROUNDS times: interleaved, so that other work on the
# machine weighs on every codec alike. Prints each import's wall, user and system seconds and the load
# average when it started, then per codec the medians. CPU seconds (user + system) move little with the
# machine's load; wall seconds move a lot.
set -euo pipefail

bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
memreplay="$(dirname "$bench")/memreplay"
log="${1:-${MEMREPLAY_BENCH_DATA:-$bench/target/bench-data}/lackey-gzip/gzip.lackey}"
rounds="${2:-3}"
out="$bench/target/compressed-import"

fail() {
  echo "compressed-import.sh: $*" >&2
  exit 2
}

[ -f "$log" ] || fail "no lackey log at $log: record one with 'bench/jmh.sh LackeyImport', or give its path"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || fail "ROUNDS must be a positive whole number, was '$rounds'"
command -v /usr/bin/time >/dev/null || fail "needs /usr/bin/time (Debian: apt-get install time)"

files=("$log")
for tool in "gzip:gz" "zstd:zst" "xz:xz" "bzip2:bz2"; do
  name="${tool%%:*}"
  file="$log.${tool##*:}"
  if ! command -v "$name" >/dev/null; then
    echo "compressed-import.sh: $name is not installed: left out" >&2
    continue
  fi
  if [ ! -f "$file" ]; then
    echo "compressed-import.sh: compressing with $name (once)..." >&2
    "$name" -c < "$log" > "$file.partial"
    mv "$file.partial" "$file"
  fi
  files+=("$file")
done

echo "compressed-import.sh: making sure the command-line tool is built..." >&2
"$memreplay" --version >/dev/null || fail "the memreplay launcher failed to build or start the command-line tool"
mkdir -p "$out"

echo "$(nproc) cores; $(ls -l "$log" | awk '{print $5}') bytes of log"
printf '%-8s %12s %8s %8s %8s %6s\n' file bytes wall_s user_s sys_s load
for _ in $(seq "$rounds"); do
  for file in "${files[@]}"; do
    codec="${file##*.}"
    [ "$file" = "$log" ] && codec=plain
    load="$(cut -d' ' -f1 /proc/loadavg)"
    /usr/bin/time -f "%e %U %S" -o "$out/time" "$memreplay" import lackey "$file" --out "$out/trace" --force \
      > "$out/stdout" 2>&1 || { cat "$out/stdout" >&2; fail "the import of $file failed"; }
    read -r wall user sys < "$out/time"
    printf '%-8s %12s %8s %8s %8s %6s\n' "$codec" "$(stat -c %s "$file")" "$wall" "$user" "$sys" "$load" \
      | tee -a "$out/runs"
  done
done

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo
printf '%-8s %10s %10s %14s\n' file wall_s cpu_s "lines/s (wall)"
lines="$(grep -o 'Imported [0-9,]* lines' "$out/stdout" | tr -dc '0-9')"
for codec in plain gz zst xz bz2; do
  rows="$(tail -n $((rounds * ${#files[@]})) "$out/runs" | awk -v c="$codec" '$1 == c')"
  [ -n "$rows" ] || continue
  wall="$(awk '{print $3}' <<< "$rows" | median)"
  cpu="$(awk '{print $4 + $5}' <<< "$rows" | median)"
  printf '%-8s %10s %10s %14.0f\n' "$codec" "$wall" "$cpu" "$(echo "$lines / $wall" | bc -l)"
done
