package io.memreplay.schemas.trace;

import io.memreplay.schemas.trace.ColumnLayout.Column;
import java.io.IOException;
import java.util.List;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.schema.MessageType;

/**
 * One row group held in memory until it is written: a {@link ColumnChunkWriter} per column, whose
 * compressed pages parquet-java's page store keeps. Every column closes its page at the same rows, each
 * {@link ColumnChunkWriter#PAGE_ROWS}-th row of the row group, so pages do not depend on how the caller
 * cut the rows into blocks.
 */
final class RowGroupWriter implements AutoCloseable {

  private final ColumnChunkPageWriteStore store;
  private final PageWriter[] pageWriters;
  private final ColumnChunkWriter<?>[] columns;
  private long rows;
  private int pageRows;

  RowGroupWriter(List<Column> layout, MessageType schema, BytesInputCompressor compressor) {
    this.store = ColumnChunkPageWriteStore.builder()
        .withSchema(schema)
        .withCompressorProvider(column -> compressor)
        .withAllocator(HeapByteBufferAllocator.getInstance())
        .withColumnIndexTruncateLength(ParquetProperties.DEFAULT_COLUMN_INDEX_TRUNCATE_LENGTH)
        .withPageWriteChecksumEnabled(ParquetProperties.DEFAULT_PAGE_WRITE_CHECKSUM_ENABLED)
        .build();
    this.pageWriters = new PageWriter[layout.size()];
    this.columns = new ColumnChunkWriter<?>[layout.size()];
    for (Column column : layout) {
      ColumnDescriptor descriptor = schema.getColumns().get(column.index());
      pageWriters[column.index()] = store.getPageWriter(descriptor);
      columns[column.index()] = ColumnChunkWriter.of(column, descriptor, pageWriters[column.index()]);
    }
  }

  /**
   * Appends rows of {@code [from, from + count)} of {@code block}, up to the end of the current page.
   *
   * @return rows appended, at least one
   */
  int append(Columns block, int from, int count) throws IOException {
    int run = Math.min(count, ColumnChunkWriter.PAGE_ROWS - pageRows);
    for (int column = 0; column < columns.length; column++) {
      columns[column].append(block.array(column), from, run);
    }
    rows += run;
    pageRows += run;
    if (pageRows == ColumnChunkWriter.PAGE_ROWS) {
      for (ColumnChunkWriter<?> column : columns) {
        column.writePage();
      }
      pageRows = 0;
    }
    return run;
  }

  long rows() {
    return rows;
  }

  /**
   * Whether the compressed pages have grown to {@code bytes}. They grow only where pages end, so row
   * groups, too, do not depend on how rows were cut into blocks.
   */
  boolean isFull(long bytes) {
    long buffered = 0;
    for (PageWriter pages : pageWriters) {
      buffered += pages.getMemSize();
    }
    return buffered >= bytes;
  }

  /** Writes the row group to {@code file}: the last pages, the dictionaries, then every column chunk. */
  void writeTo(ParquetFileWriter file) throws IOException {
    for (ColumnChunkWriter<?> column : columns) {
      column.finish();
    }
    file.startBlock(rows);
    store.flushToFileWriter(file);
    file.endBlock();
  }

  /** Releases the page store's buffers. */
  @Override
  public void close() {
    store.close();
  }
}
