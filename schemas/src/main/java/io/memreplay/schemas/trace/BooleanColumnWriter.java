package io.memreplay.schemas.trace;

import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;

/**
 * A boolean column, RLE-encoded as parquet-java writes booleans in v2 pages: one bit per value, runs
 * of equal values collapsed, the whole prefixed with its length.
 */
final class BooleanColumnWriter extends ColumnChunkWriter<boolean[]> {

  private final int[] bits = new int[PAGE_ROWS];
  private final HybridEncoder encoder = new HybridEncoder();

  BooleanColumnWriter(ColumnDescriptor descriptor, PageWriter pages) {
    super(descriptor, pages, new boolean[PAGE_ROWS]);
  }

  @Override
  protected void encodePage(int rows) throws IOException {
    int trues = 0;
    for (int i = 0; i < rows; i++) {
      bits[i] = values[i] ? 1 : 0;
      trues += bits[i];
    }
    Statistics<?> statistics = statistics(0);
    statistics.updateStats(trues == rows); // the minimum: true only if every value is
    statistics.updateStats(trues > 0);
    BytesInput runs = encoder.encode(bits, rows, 1);
    writeDataPage(0, Encoding.RLE, BytesInput.concat(BytesInput.fromInt((int) runs.size()), runs), statistics, 0);
  }
}
