/**
 * Parquet without a Hadoop cluster: a codec factory built on zstd-jni, snappy-java, aircompressor and
 * java.util.zip, writer and reader settings, and atomic file publication (temporary name, then rename).
 * Depends on Parquet and Avro only; knows nothing about traces or results.
 */
package io.memreplay.schemas.parquet;
