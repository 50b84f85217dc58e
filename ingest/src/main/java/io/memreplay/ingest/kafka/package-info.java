/**
 * Trace topics on Kafka (docs/kafka.md "Kafka topic format"). {@link io.memreplay.ingest.kafka.TracePublisher}
 * publishes trace datasets, one host each; {@link io.memreplay.ingest.kafka.KafkaReplayWorker} is one
 * member of a consumer group that replays the host traces of the partitions Kafka assigns it, each
 * through the engine's {@link io.memreplay.engine.replay.Replay} over a {@link
 * io.memreplay.ingest.kafka.HostTraceSource}, and commits offsets only past hosts whose results are
 * published ({@link io.memreplay.ingest.kafka.PartitionLedger}). Messages that cannot be used become
 * rejects, and dead letters when a dead-letter topic is given.
 *
 * <p>Depends on the schemas module (the wire format, {@code io.memreplay.schemas.kafka}; trace datasets),
 * the engine's {@code replay} and {@code config} packages, and the Kafka client. Results go to a {@link
 * io.memreplay.ingest.kafka.ResultsSink} the caller provides: the cli gives the analytics module's Parquet
 * results dataset, which this package never imports.
 */
package io.memreplay.ingest.kafka;
