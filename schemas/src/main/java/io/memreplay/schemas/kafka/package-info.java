/**
 * The wire format of trace topics (docs/kafka.md "Kafka topic format"): {@link
 * io.memreplay.schemas.kafka.TraceMessageCodec} turns start markers, columnar event batches and end
 * markers into the values of Kafka records and back. Batches move between {@link
 * io.memreplay.schemas.trace.Columns} arrays and Avro binary without an object per event: {@link
 * io.memreplay.schemas.kafka.AvroBinaryWriter} and {@link io.memreplay.schemas.kafka.AvroBinaryReader}
 * write and read Avro's zig-zag varints straight from and into the arrays; markers go through the
 * generated {@code TraceMessage} class. Depends on {@code io.memreplay.schemas.avro}, {@code
 * io.memreplay.schemas.trace}, {@code io.memreplay.schemas.parquet.TrustedRecords} and Avro, not on a Kafka client: producers and consumers live in ingest.
 */
package io.memreplay.schemas.kafka;
