package io.memreplay.schemas.trace;

import java.io.IOException;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;

/**
 * A 64-bit column, delta-encoded: addresses, hashes and timestamps rarely repeat, so a dictionary would
 * overflow and fall back after the first page, while sorted timestamps shrink to small deltas.
 */
final class LongColumnWriter extends ColumnChunkWriter<long[]> {

  private final DeltaEncoder encoder = new DeltaEncoder();

  LongColumnWriter(ColumnDescriptor descriptor, PageWriter pages) {
    super(descriptor, pages, new long[PAGE_ROWS]);
  }

  @Override
  protected void encodePage(int rows) throws IOException {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    int present = 0;
    for (int i = 0; i < rows; i++) {
      long value = values[i];
      if (optional()) {
        boolean isNull = value == Columns.NULL;
        levels[i] = isNull ? 0 : 1;
        if (isNull) {
          continue;
        }
      }
      min = Math.min(min, value);
      max = Math.max(max, value);
      values[present++] = value; // the non-null values move to the front
    }
    Statistics<?> statistics = statistics(rows - present);
    if (present > 0) {
      statistics.updateStats(min);
      statistics.updateStats(max);
    }
    writeDataPage(rows - present, Encoding.DELTA_BINARY_PACKED, encoder.encode(values, present), statistics, 0);
  }
}
