/**
 * The replay loop. {@link io.memreplay.engine.replay.Replay} decodes a {@link
 * io.memreplay.engine.replay.TraceSource} once and broadcasts each batch to one {@link
 * io.memreplay.engine.replay.PolicyRun} per policy; a run resolves each event's VM and page once and feeds
 * the models its {@link io.memreplay.engine.replay.ModelRegistry} built for the policy, which it does not
 * otherwise know, and closes output intervals on trace time, handing the models' rows to a {@link
 * io.memreplay.engine.replay.RunOutput}. Sources (Parquet, Kafka) and outputs (Parquet results) live in other
 * modules behind these interfaces. Depends on {@code config}, {@code model}, the model packages ({@code
 * workingset}, {@code memory}, {@code translation}) and the schemas module's trace columns and rejects.
 */
package io.memreplay.engine.replay;
