package io.memreplay.schemas.trace;

import io.memreplay.schemas.trace.ColumnLayout.Column;
import java.io.IOException;
import java.util.List;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.SizeStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.statistics.geospatial.GeospatialStatistics;

/**
 * Writes one column of a row group. Rows are copied into a page buffer of the column's primitive array
 * type {@code A}; {@link #writePage} encodes the buffered rows as one v2 data page, in tight loops over
 * the whole page, and hands it to parquet-java's page writer, which compresses it and keeps its
 * statistics and index entries for the footer. Subclasses choose the encoding of their column type.
 */
abstract class ColumnChunkWriter<A> {

  /**
   * Rows per data page: parquet-java's default page row limit, which is what ended our pages when
   * parquet-java wrote them. At no more than 8 bytes a value, a page stays far below {@code
   * ParquetFiles.PAGE_BYTES}.
   */
  static final int PAGE_ROWS = 20_000;

  private final ColumnDescriptor descriptor;
  private final PageWriter pages;
  /** The buffered rows of the page. Encoders may overwrite them: the buffer is refilled for the next page. */
  protected final A values;
  /** Definition levels of the page's rows (1: a value, 0: null) in optional columns, else null. */
  protected final int[] levels;
  private final HybridEncoder levelEncoder = new HybridEncoder();
  /** Geospatial statistics of a page, which for columns of other types hold nothing. */
  private final GeospatialStatistics noGeospatialStatistics;
  private int rows;

  protected ColumnChunkWriter(ColumnDescriptor descriptor, PageWriter pages, A values) {
    this.descriptor = descriptor;
    this.pages = pages;
    this.values = values;
    // Flat schema: an optional column has definition levels 0 and 1, a required one none.
    this.levels = descriptor.getMaxDefinitionLevel() > 0 ? new int[PAGE_ROWS] : null;
    this.noGeospatialStatistics = GeospatialStatistics.newBuilder(descriptor.getPrimitiveType()).build();
  }

  /** The writer of {@code column}, handing its pages to {@code pages}. */
  static ColumnChunkWriter<?> of(Column column, ColumnDescriptor descriptor, PageWriter pages) {
    return switch (column.type()) {
      case LONG, OPTIONAL_LONG -> new LongColumnWriter(descriptor, pages);
      case INT, OPTIONAL_INT -> new IntColumnWriter(descriptor, pages);
      case ENUM -> new EnumColumnWriter(column, descriptor, pages);
      case BOOLEAN -> new BooleanColumnWriter(descriptor, pages);
    };
  }

  /** Buffers rows {@code [from, from + count)} of {@code array}, the column's array in a block. */
  final void append(Object array, int from, int count) {
    System.arraycopy(array, from, values, rows, count);
    rows += count;
  }

  /** Encodes the buffered rows, if any, as a data page. */
  final void writePage() throws IOException {
    if (rows > 0) {
      encodePage(rows);
      rows = 0;
    }
  }

  /** Writes the rest of the column chunk: its last page, and whatever else it needs. */
  void finish() throws IOException {
    writePage();
  }

  /** Encodes the first {@code rows} buffered rows and passes them to {@link #writeDataPage}. */
  protected abstract void encodePage(int rows) throws IOException;

  protected final boolean optional() {
    return levels != null;
  }

  /** Statistics of a page with {@code nulls} nulls, for the caller to add the values' range to. */
  protected final Statistics<?> statistics(int nulls) {
    Statistics<?> statistics = Statistics.createStats(descriptor.getPrimitiveType());
    statistics.incrementNumNulls(nulls);
    return statistics;
  }

  /**
   * Writes the page of the buffered rows.
   *
   * @param data the non-null values, encoded with {@code encoding}
   * @param unencodedBytes bytes of the non-null values if the column holds byte arrays, else 0
   */
  protected final void writeDataPage(int nulls, Encoding encoding, BytesInput data, Statistics<?> statistics,
      long unencodedBytes) throws IOException {
    BytesInput definitionLevels = optional() ? levelEncoder.encode(levels, rows, 1) : BytesInput.empty();
    // Level histograms are left empty, as the format allows for flat columns.
    SizeStatistics sizes = new SizeStatistics(descriptor.getPrimitiveType(), unencodedBytes, List.of(), List.of());
    pages.writePageV2(rows, nulls, rows, BytesInput.empty(), definitionLevels, encoding, data, statistics, sizes,
        noGeospatialStatistics);
  }

  protected final PageWriter pages() {
    return pages;
  }
}
