/**
 * Trace sources over trace datasets on disk: {@link io.memreplay.ingest.parquet.ParquetTraceSource} feeds
 * a replay from a dataset's Parquet files. Depends on the schemas module's trace API and the engine's
 * {@code replay} seam, nothing else in ingest.
 */
package io.memreplay.ingest.parquet;
