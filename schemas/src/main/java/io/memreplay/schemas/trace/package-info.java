/**
 * Trace datasets and their columnar form. A dataset is a folder with {@code manifest.json} and one
 * Parquet sub-folder per {@link io.memreplay.schemas.trace.RecordKind}. {@link
 * io.memreplay.schemas.trace.TraceReader} decodes Parquet pages straight into the primitive arrays of
 * a {@link io.memreplay.schemas.trace.TraceBatch}, merging the kinds into one time order and sending
 * records it cannot use to a reject listener; {@link io.memreplay.schemas.trace.TraceDatasetWriter}
 * writes the same arrays, column by column: it encodes whole pages itself (delta-encoded longs,
 * dictionary ids, definition levels) and leaves page headers, compression, statistics, page indexes and
 * the footer to parquet-java. The column holders are derived from the Avro schemas, field by field.
 * Depends on {@code io.memreplay.schemas.avro} and {@code io.memreplay.schemas.parquet}.
 */
package io.memreplay.schemas.trace;
