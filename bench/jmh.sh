#!/usr/bin/env bash
# Runs the JMH benchmarks: bench/jmh.sh [JMH options] [benchmark regexps]. Examples:
#   bench/jmh.sh                                  every benchmark, with the settings their annotations give
#   bench/jmh.sh ColumnarReader                   one benchmark
#   bench/jmh.sh -p policies=2 ReplayLoop         one parameter value
#   bench/jmh.sh -rf json -rff result.json        machine-readable results as well
#   bench/jmh.sh -h                               every JMH option
# First builds this module and the modules it depends on (no tests), so the numbers are those of the
# sources in the working tree, then runs org.openjdk.jmh.Main on target/classes and the class path the
# build wrote. Benchmark traces are cached in bench/target/bench-data (MEMREPLAY_BENCH_DATA overrides;
# point it outside target/ to keep the cache across `mvn clean`).
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$bench")"

echo "jmh.sh: building the bench module and its dependencies..." >&2
(cd "$repo" && ./mvnw -B -ntp -q -DskipTests -pl bench -am package) >&2

exec java -cp "$bench/target/classes:$(cat "$bench/target/benchmark-classpath.txt")" org.openjdk.jmh.Main "$@"
