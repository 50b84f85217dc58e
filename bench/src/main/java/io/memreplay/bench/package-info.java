/**
 * JMH benchmarks of the two halves of a replay, on the same generated trace: {@link
 * io.memreplay.bench.ColumnarReaderBenchmark} times the reading thread (Parquet files decoded into
 * batches), {@link io.memreplay.bench.ReplayLoopBenchmark} the policy threads (the engine, on batches
 * already in memory). The two run concurrently in a real replay, so the slower one bounds it; {@code
 * bench/e2e.sh} measures the whole command. {@link io.memreplay.bench.GeneratedTrace} generates each trace
 * once and caches it on disk for every later fork and run.
 */
package io.memreplay.bench;
