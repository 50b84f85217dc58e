package io.memreplay.schemas.trace;

import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;

/**
 * A column whose pages hold ids into the chunk's dictionary of distinct values, which is written once,
 * ahead of the pages, when the chunk is finished.
 */
abstract class DictionaryColumnWriter<A> extends ColumnChunkWriter<A> {

  /** The distinct values of the chunk; enum columns keep their symbols' ordinals in it. */
  protected final IntDictionary dictionary = new IntDictionary();
  /** The ids of the page's non-null values. */
  protected final int[] ids = new int[PAGE_ROWS];
  private final HybridEncoder idEncoder = new HybridEncoder();
  private boolean dictionaryUsed;

  protected DictionaryColumnWriter(ColumnDescriptor descriptor, PageWriter pages, A values) {
    super(descriptor, pages, values);
  }

  /**
   * Writes the page with the ids {@code ids[0, count)} of its non-null values as data. A page of nulls
   * only has no ids and is written PLAIN, with no data, so that a chunk of nulls gets no dictionary page:
   * parquet-java never writes an empty one, so other readers need not expect one.
   */
  protected final void writeIdPage(int count, int nulls, Statistics<?> statistics, long unencodedBytes)
      throws IOException {
    if (count == 0) {
      writeDataPage(nulls, Encoding.PLAIN, BytesInput.empty(), statistics, unencodedBytes);
      return;
    }
    int bitWidth = 32 - Integer.numberOfLeadingZeros(dictionary.size() - 1);
    BytesInput data = BytesInput.concat(BytesInput.from(new byte[] {(byte) bitWidth}), idEncoder.encode(ids, count, bitWidth));
    writeDataPage(nulls, Encoding.RLE_DICTIONARY, data, statistics, unencodedBytes);
    dictionaryUsed = true;
  }

  @Override
  void finish() throws IOException {
    super.finish();
    if (dictionaryUsed) {
      pages().writeDictionaryPage(new DictionaryPage(plainDictionary(), dictionary.size(), Encoding.PLAIN));
    }
  }

  /** The dictionary's values in id order, PLAIN-encoded as the dictionary page holds them. */
  protected abstract BytesInput plainDictionary();
}
