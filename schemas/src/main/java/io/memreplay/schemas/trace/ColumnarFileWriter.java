package io.memreplay.schemas.trace;

import io.memreplay.schemas.parquet.AtomicFiles;
import io.memreplay.schemas.parquet.ParquetFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Writes {@link Columns} of one kind to a Parquet file (v2 pages, ZSTD) column by column, without an
 * object or a call chain per value: {@link RowGroupWriter} encodes whole pages of each column itself,
 * and parquet-java does the rest of the format (page headers, compression through {@link
 * ParquetFiles#codecs}, statistics, page indexes, footer). A row group closes once its compressed pages
 * reach the row group size. The file carries its Avro schema, so Avro readers and DuckDB see the same
 * columns. Rows go to a hidden temporary file that {@link #close} publishes under the final name;
 * {@link #abort} deletes it.
 */
final class ColumnarFileWriter implements Closeable {

  private static final String AVRO_SCHEMA_KEY = "parquet.avro.schema";

  private final Path target;
  private final Path temporary;
  private final RecordKind kind;
  private final MessageType schema;
  private final BytesInputCompressor compressor = ParquetFiles.codecs().getCompressor(CompressionCodecName.ZSTD);
  private final long rowGroupBytes;
  private final ParquetFileWriter file;
  private RowGroupWriter rowGroup;
  private long rows;
  private boolean released;

  ColumnarFileWriter(Path target, RecordKind kind) throws IOException {
    this(target, kind, ParquetFiles.ROW_GROUP_BYTES);
  }

  /** A writer whose row groups hold about {@code rowGroupBytes} each. */
  ColumnarFileWriter(Path target, RecordKind kind, long rowGroupBytes) throws IOException {
    this.target = target;
    this.temporary = AtomicFiles.temporaryFor(target);
    this.kind = kind;
    this.schema = new AvroSchemaConverter(new PlainParquetConfiguration()).convert(kind.layout().schema());
    this.rowGroupBytes = rowGroupBytes;
    this.file = new ParquetFileWriter(new LocalOutputFile(temporary), schema, ParquetFileWriter.Mode.OVERWRITE,
        rowGroupBytes, ParquetWriter.MAX_PADDING_SIZE_DEFAULT, ParquetProperties.DEFAULT_COLUMN_INDEX_TRUNCATE_LENGTH,
        ParquetProperties.DEFAULT_STATISTICS_TRUNCATE_LENGTH, ParquetProperties.DEFAULT_PAGE_WRITE_CHECKSUM_ENABLED);
    file.start();
    this.rowGroup = newRowGroup();
  }

  private RowGroupWriter newRowGroup() {
    return new RowGroupWriter(kind.layout().columns(), schema, compressor);
  }

  /** Appends rows {@code [from, from + count)} of {@code block}. */
  void write(Columns block, int from, int count) throws IOException {
    int end = from + count;
    for (int next = from; next < end; ) {
      next += rowGroup.append(block, next, end - next);
      if (rowGroup.isFull(rowGroupBytes)) {
        writeRowGroup();
        rowGroup.close();
        rowGroup = newRowGroup();
      }
    }
    rows += count;
  }

  private void writeRowGroup() throws IOException {
    try {
      rowGroup.writeTo(file);
    } catch (IOException e) {
      throw AtomicFiles.cannotWrite(target, e);
    }
  }

  long rows() {
    return rows;
  }

  Path target() {
    return target;
  }

  /** Finishes the file and publishes it under its final name. */
  @Override
  public void close() throws IOException {
    try {
      if (rowGroup.rows() > 0) {
        rowGroup.writeTo(file);
      }
      file.end(Map.of(AVRO_SCHEMA_KEY, kind.layout().schema().toString()));
    } catch (IOException e) {
      throw AtomicFiles.cannotWrite(target, e);
    } finally {
      release();
    }
    AtomicFiles.publish(temporary, target);
  }

  /** Drops the file: nothing appears under the final name. Also after a failed {@link #close}. */
  void abort() throws IOException {
    try {
      release();
    } finally {
      AtomicFiles.discard(temporary);
    }
  }

  /** Frees the row group's buffers and closes the file, which has no footer unless it was ended. */
  private void release() throws IOException {
    if (released) {
      return;
    }
    released = true;
    try (file) {
      rowGroup.close();
    }
  }
}
