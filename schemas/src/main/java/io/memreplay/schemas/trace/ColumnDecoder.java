package io.memreplay.schemas.trace;

import io.memreplay.schemas.trace.ColumnLayout.Column;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes one column chunk page by page into a primitive array, without a record object per row.
 * Handles flat columns (no repetition) written as data page v1 or v2, plain, delta or dictionary
 * encoded, required or optional. A null in a column that may not be null, and an enum symbol the
 * schema does not know, are reported to the {@link RowProblems} of the file instead of being decoded.
 */
final class ColumnDecoder {

  private final Column column;
  private final ColumnDescriptor descriptor;
  private final boolean widenInt;
  private final int maxDefinitionLevel;
  private final RowProblems problems;

  private PageReader pages;
  private long[] dictionaryLongs;
  private int[] dictionaryInts;
  private byte[] dictionaryOrdinals;
  private String[] dictionaryText;
  private boolean[] dictionaryBooleans;
  private Dictionary dictionary;

  private ValuesReader values;
  private boolean dictionaryEncoded;
  private LevelReader definitionLevels;
  private int pageRemaining;

  ColumnDecoder(Column column, ColumnDescriptor descriptor, RowProblems problems) {
    this.column = column;
    this.descriptor = descriptor;
    this.problems = problems;
    this.maxDefinitionLevel = descriptor.getMaxDefinitionLevel();
    this.widenInt = descriptor.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT32
        && (column.type() == ColumnType.LONG || column.type() == ColumnType.OPTIONAL_LONG);
  }

  /** Starts the column chunk of the next row group. */
  void startChunk(PageReader pageReader) throws IOException {
    pages = pageReader;
    pageRemaining = 0;
    dictionary = null;
    dictionaryLongs = null;
    dictionaryInts = null;
    dictionaryOrdinals = null;
    dictionaryText = null;
    dictionaryBooleans = null;
    DictionaryPage page = pageReader.readDictionaryPage();
    if (page != null) {
      dictionary = page.getEncoding().initDictionary(descriptor, page);
      decodeDictionary();
    }
  }

  /** Reads {@code count} values into {@code array} from index {@code offset}; row numbers start at {@code firstRow}. */
  void read(Object array, int offset, int count, long firstRow) throws IOException {
    int done = 0;
    while (done < count) {
      if (pageRemaining == 0) {
        nextPage();
      }
      int n = Math.min(count - done, pageRemaining);
      if (definitionLevels == null) {
        readDense(array, offset + done, n, firstRow + done);
      } else {
        readWithNulls(array, offset + done, n, firstRow + done);
      }
      pageRemaining -= n;
      done += n;
    }
  }

  private void readDense(Object array, int from, int n, long firstRow) {
    int to = from + n;
    switch (column.type()) {
      case LONG:
      case OPTIONAL_LONG: {
        long[] out = (long[]) array;
        if (dictionaryEncoded) {
          long[] dict = dictionaryLongs;
          for (int i = from; i < to; i++) {
            out[i] = dict[values.readValueDictionaryId()];
          }
        } else if (widenInt) {
          for (int i = from; i < to; i++) {
            out[i] = values.readInteger();
          }
        } else {
          for (int i = from; i < to; i++) {
            out[i] = values.readLong();
          }
        }
        break;
      }
      case INT:
      case OPTIONAL_INT: {
        int[] out = (int[]) array;
        if (dictionaryEncoded) {
          int[] dict = dictionaryInts;
          for (int i = from; i < to; i++) {
            out[i] = dict[values.readValueDictionaryId()];
          }
        } else {
          for (int i = from; i < to; i++) {
            out[i] = values.readInteger();
          }
        }
        break;
      }
      case ENUM: {
        byte[] out = (byte[]) array;
        for (int i = from; i < to; i++) {
          out[i] = readOrdinal(firstRow + (i - from));
        }
        break;
      }
      case BOOLEAN: {
        boolean[] out = (boolean[]) array;
        for (int i = from; i < to; i++) {
          out[i] = dictionaryEncoded ? dictionaryBooleans[values.readValueDictionaryId()] : values.readBoolean();
        }
        break;
      }
      default:
        throw new AssertionError(column.type());
    }
  }

  private void readWithNulls(Object array, int from, int n, long firstRow) {
    for (int i = 0; i < n; i++) {
      int at = from + i;
      if (definitionLevels.next() == maxDefinitionLevel) {
        readDense(array, at, 1, firstRow + i);
      } else {
        if (!column.type().nullable()) {
          problems.add(firstRow + i, column.name() + " is null");
        }
        storeNull(array, at);
      }
    }
  }

  private static void storeNull(Object array, int at) {
    if (array instanceof long[]) {
      ((long[]) array)[at] = Columns.NULL;
    } else if (array instanceof int[]) {
      ((int[]) array)[at] = Columns.NULL;
    } else if (array instanceof byte[]) {
      ((byte[]) array)[at] = Columns.NULL;
    } else {
      ((boolean[]) array)[at] = false;
    }
  }

  private byte readOrdinal(long row) {
    String text;
    int ordinal;
    if (dictionaryEncoded) {
      int id = values.readValueDictionaryId();
      ordinal = dictionaryOrdinals[id];
      text = dictionaryText[id];
    } else {
      text = values.readBytes().toStringUsingUTF8();
      ordinal = column.ordinalOf(text);
    }
    if (ordinal < 0) {
      problems.add(row, column.name() + " is '" + text + "', not one of " + column.symbols());
    }
    return (byte) ordinal;
  }

  private void decodeDictionary() {
    int entries = dictionary.getMaxId() + 1;
    switch (column.type()) {
      case LONG:
      case OPTIONAL_LONG:
        dictionaryLongs = new long[entries];
        for (int id = 0; id < entries; id++) {
          dictionaryLongs[id] = widenInt ? dictionary.decodeToInt(id) : dictionary.decodeToLong(id);
        }
        break;
      case INT:
      case OPTIONAL_INT:
        dictionaryInts = new int[entries];
        for (int id = 0; id < entries; id++) {
          dictionaryInts[id] = dictionary.decodeToInt(id);
        }
        break;
      case ENUM:
        dictionaryOrdinals = new byte[entries];
        dictionaryText = new String[entries];
        for (int id = 0; id < entries; id++) {
          dictionaryText[id] = dictionary.decodeToBinary(id).toStringUsingUTF8();
          dictionaryOrdinals[id] = (byte) column.ordinalOf(dictionaryText[id]);
        }
        break;
      case BOOLEAN:
        dictionaryBooleans = new boolean[entries];
        for (int id = 0; id < entries; id++) {
          dictionaryBooleans[id] = dictionary.decodeToBoolean(id);
        }
        break;
      default:
        throw new AssertionError(column.type());
    }
  }

  private void nextPage() throws IOException {
    DataPage page = pages.readPage();
    if (page == null) {
      throw new IOException("column " + column.name() + " ends before its row group does");
    }
    pageRemaining = page.getValueCount();
    if (page instanceof DataPageV1) {
      DataPageV1 v1 = (DataPageV1) page;
      ByteBufferInputStream in = v1.getBytes().toInputStream();
      if (maxDefinitionLevel > 0) {
        ValuesReader levels = v1.getDlEncoding().getValuesReader(descriptor, ValuesType.DEFINITION_LEVEL);
        levels.initFromPage(pageRemaining, in);
        definitionLevels = levels::readInteger;
      } else {
        definitionLevels = null;
      }
      startValues(v1.getValueEncoding(), in);
    } else {
      DataPageV2 v2 = (DataPageV2) page;
      if (maxDefinitionLevel > 0) {
        RunLengthBitPackingHybridDecoder levels = new RunLengthBitPackingHybridDecoder(
            BytesUtils.getWidthFromMaxInt(maxDefinitionLevel), v2.getDefinitionLevels().toInputStream());
        definitionLevels = () -> {
          try {
            return levels.readInt();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
      } else {
        definitionLevels = null;
      }
      startValues(v2.getDataEncoding(), v2.getData().toInputStream());
    }
  }

  private void startValues(Encoding encoding, ByteBufferInputStream in) throws IOException {
    if (encoding.usesDictionary()) {
      if (dictionary == null) {
        throw new IOException("column " + column.name() + " has a dictionary-encoded page but no dictionary page");
      }
      values = encoding.getDictionaryBasedValuesReader(descriptor, ValuesType.VALUES, dictionary);
      dictionaryEncoded = true;
    } else {
      values = encoding.getValuesReader(descriptor, ValuesType.VALUES);
      dictionaryEncoded = false;
    }
    values.initFromPage(pageRemaining, in);
  }

  /** Definition levels of the current page, one per value. */
  @FunctionalInterface
  private interface LevelReader {
    int next();
  }
}
