package io.memreplay.schemas.trace;

import io.memreplay.schemas.parquet.ParquetFiles;
import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForInteger;

/**
 * A 32-bit column, dictionary-encoded: ids of VMs, CPUs and address spaces, access sizes and protection
 * bits take few distinct values. Once the dictionary outgrows a dictionary page, the rest of the chunk
 * is delta-encoded instead, as parquet-java falls back.
 */
final class IntColumnWriter extends DictionaryColumnWriter<int[]> {

  /** parquet-java's default bound on a dictionary page, in PLAIN bytes: 4 a value. */
  private static final int MAX_DICTIONARY_BYTES = ParquetProperties.DEFAULT_DICTIONARY_PAGE_SIZE;

  /**
   * Set once the dictionary has grown too large. parquet-java's encoder, unlike {@link DeltaEncoder},
   * takes INT32 deltas in 32-bit arithmetic as the format wants; this path is rare enough not to matter.
   */
  private DeltaBinaryPackingValuesWriterForInteger delta;

  IntColumnWriter(ColumnDescriptor descriptor, PageWriter pages) {
    super(descriptor, pages, new int[PAGE_ROWS]);
  }

  @Override
  protected void encodePage(int rows) throws IOException {
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    int present = 0;
    for (int i = 0; i < rows; i++) {
      int value = values[i];
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
    if (delta == null) {
      for (int i = 0; i < present; i++) {
        ids[i] = dictionary.idOf(values[i]);
      }
      if (dictionary.size() * Integer.BYTES <= MAX_DICTIONARY_BYTES) {
        writeIdPage(present, rows - present, statistics, 0);
        return;
      }
      delta = new DeltaBinaryPackingValuesWriterForInteger(PAGE_ROWS, ParquetFiles.PAGE_BYTES, HeapByteBufferAllocator.getInstance());
    }
    for (int i = 0; i < present; i++) {
      delta.writeInteger(values[i]);
    }
    writeDataPage(rows - present, Encoding.DELTA_BINARY_PACKED, delta.getBytes(), statistics, 0);
    delta.reset();
  }

  @Override
  protected BytesInput plainDictionary() {
    PageOutput plain = new PageOutput();
    for (int id = 0; id < dictionary.size(); id++) {
      plain.writeLittleEndian(dictionary.value(id), Integer.BYTES);
    }
    return plain.bytes();
  }
}
