/**
 * The replay loop. {@link io.memreplay.engine.replay.Replay} decodes a {@link
 * io.memreplay.engine.replay.TraceSource} once and broadcasts each batch to one {@link
 * io.memreplay.engine.replay.PolicyRun} per policy, each on its own thread; runs close output intervals
 * on trace time and hand rows to a {@link io.memreplay.engine.replay.RunOutput}. Sources (Parquet,
 * Kafka) and outputs (Parquet results) live in other modules behind these interfaces. Depends on
 * {@code config}, {@code memory}, {@code sharing}, {@code workingset} and the schemas module.
 */
package io.memreplay.engine.replay;
