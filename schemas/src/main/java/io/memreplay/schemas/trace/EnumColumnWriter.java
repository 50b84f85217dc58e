package io.memreplay.schemas.trace;

import io.memreplay.schemas.trace.ColumnLayout.Column;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.io.api.Binary;

/**
 * An Avro enum column, held as ordinals and written as its symbols' strings through a dictionary. A page
 * counts how often each symbol occurs, so statistics look at each symbol once rather than at each row.
 */
final class EnumColumnWriter extends DictionaryColumnWriter<byte[]> {

  /** Each symbol as Parquet stores it, by ordinal. */
  private final Binary[] symbols;
  /** How often each symbol occurs in the page, by ordinal. */
  private final int[] occurrences;

  EnumColumnWriter(Column column, ColumnDescriptor descriptor, PageWriter pages) {
    super(descriptor, pages, new byte[PAGE_ROWS]);
    this.symbols = column.symbols().stream()
        .map(symbol -> Binary.fromConstantByteArray(symbol.getBytes(StandardCharsets.UTF_8)))
        .toArray(Binary[]::new);
    this.occurrences = new int[symbols.length];
  }

  @Override
  protected void encodePage(int rows) throws IOException {
    Arrays.fill(occurrences, 0);
    for (int i = 0; i < rows; i++) {
      int ordinal = values[i];
      occurrences[ordinal]++;
      ids[i] = dictionary.idOf(ordinal);
    }
    Statistics<?> statistics = statistics(0);
    long symbolBytes = 0;
    for (int ordinal = 0; ordinal < symbols.length; ordinal++) {
      if (occurrences[ordinal] > 0) {
        statistics.updateStats(symbols[ordinal]); // compares as Parquet orders strings, not by ordinal
        symbolBytes += (long) occurrences[ordinal] * symbols[ordinal].length();
      }
    }
    writeIdPage(rows, 0, statistics, symbolBytes);
  }

  @Override
  protected BytesInput plainDictionary() {
    PageOutput plain = new PageOutput();
    for (int id = 0; id < dictionary.size(); id++) {
      byte[] symbol = symbols[dictionary.value(id)].getBytes();
      plain.writeLittleEndian(symbol.length, Integer.BYTES);
      plain.write(symbol);
    }
    return plain.bytes();
  }
}
