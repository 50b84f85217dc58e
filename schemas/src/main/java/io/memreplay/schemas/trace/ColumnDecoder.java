package io.memreplay.schemas.trace;

import io.memreplay.schemas.trace.ColumnLayout.Column;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesInput;
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
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes one column chunk into a primitive array, without a record object per row. Each data page is
 * decoded whole into primitive buffers (definition levels, then the non-null values), and rows are
 * then copied out of the buffers. The encodings memreplay writes (delta-encoded longs, dictionary ids,
 * levels) are decoded by {@link PageBytes}; any other encoding a foreign writer chose goes through
 * Parquet's own value readers. Flat columns only (no repetition), data page v1 or v2, required or
 * optional. A null in a column that may not be null, and an enum symbol the schema does not know, are
 * reported to the file's {@link RowProblems}.
 */
final class ColumnDecoder {

  private final Column column;
  private final ColumnDescriptor descriptor;
  private final boolean physicalInt32;
  private final int maxDefinitionLevel;
  private final RowProblems problems;

  private PageReader pages;
  private Dictionary dictionary;
  private long[] dictionaryLongs;
  private int[] dictionaryInts;
  private byte[] dictionaryOrdinals;
  private String[] dictionaryText;
  private boolean[] dictionaryBooleans;

  /** Definition levels of the current page, valid when {@link #pageHasLevels}. */
  private int[] levels = new int[0];
  private boolean pageHasLevels;
  private int pageValues;
  private int pageRow;
  /** Non-null values of the current page, decoded into the buffer of the column's type. */
  private long[] longs = new long[0];
  private int[] ints = new int[0];
  private boolean[] booleans = new boolean[0];
  /** Dictionary ids of the current page's values when the page is dictionary-encoded. */
  private int[] ids = new int[0];
  private boolean dictionaryEncoded;
  /** Symbols of a plain-encoded enum page that the schema does not know, by value index. */
  private String[] unknownSymbols = new String[0];
  private int valueIndex;

  ColumnDecoder(Column column, ColumnDescriptor descriptor, RowProblems problems) {
    this.column = column;
    this.descriptor = descriptor;
    this.problems = problems;
    this.maxDefinitionLevel = descriptor.getMaxDefinitionLevel();
    this.physicalInt32 = descriptor.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT32;
  }

  /** Starts the column chunk of the next row group. */
  void startChunk(PageReader pageReader) throws IOException {
    pages = pageReader;
    pageValues = 0;
    pageRow = 0;
    dictionary = null;
    DictionaryPage page = pageReader.readDictionaryPage();
    if (page != null) {
      dictionary = page.getEncoding().initDictionary(descriptor, page);
      decodeDictionary();
    }
  }

  /** Reads {@code count} rows into {@code array} from index {@code offset}; row numbers start at {@code firstRow}. */
  void read(Object array, int offset, int count, long firstRow) throws IOException {
    int done = 0;
    while (done < count) {
      if (pageRow == pageValues) {
        nextPage();
      }
      int n = Math.min(count - done, pageValues - pageRow);
      copyRows(array, offset + done, n, firstRow + done);
      pageRow += n;
      done += n;
    }
  }

  private void copyRows(Object array, int at, int n, long firstRow) {
    boolean dense = !pageHasLevels;
    switch (column.type()) {
      case LONG:
      case OPTIONAL_LONG: {
        long[] out = (long[]) array;
        if (dense) {
          System.arraycopy(longs, valueIndex, out, at, n);
          valueIndex += n;
        } else {
          for (int i = 0; i < n; i++) {
            out[at + i] = present(pageRow + i, firstRow + i) ? longs[valueIndex++] : Columns.NULL;
          }
        }
        break;
      }
      case INT:
      case OPTIONAL_INT: {
        int[] out = (int[]) array;
        if (dense) {
          System.arraycopy(ints, valueIndex, out, at, n);
          valueIndex += n;
        } else {
          for (int i = 0; i < n; i++) {
            out[at + i] = present(pageRow + i, firstRow + i) ? ints[valueIndex++] : Columns.NULL;
          }
        }
        break;
      }
      case ENUM: {
        byte[] out = (byte[]) array;
        for (int i = 0; i < n; i++) {
          out[at + i] = dense || present(pageRow + i, firstRow + i) ? ordinal(valueIndex++, firstRow + i) : Columns.NULL;
        }
        break;
      }
      case BOOLEAN: {
        boolean[] out = (boolean[]) array;
        for (int i = 0; i < n; i++) {
          out[at + i] = (dense || present(pageRow + i, firstRow + i)) && booleans[valueIndex++];
        }
        break;
      }
      default:
        throw new AssertionError(column.type());
    }
  }

  /** Whether the row at {@code pageIndex} has a value; a null where none may be is reported. */
  private boolean present(int pageIndex, long row) {
    if (levels[pageIndex] == maxDefinitionLevel) {
      return true;
    }
    if (!column.type().nullable()) {
      problems.add(row, column.name() + " is null");
    }
    return false;
  }

  private byte ordinal(int value, long row) {
    int ordinal = ints[value];
    if (ordinal < 0) {
      String text = dictionaryEncoded ? dictionaryText[ids[value]] : unknownSymbols[value];
      problems.add(row, column.name() + " is '" + text + "', not one of " + column.symbols());
    }
    return (byte) ordinal;
  }

  private void nextPage() throws IOException {
    DataPage page = pages.readPage();
    if (page == null) {
      throw new IOException("column " + column.name() + " ends before its row group does");
    }
    pageValues = page.getValueCount();
    pageRow = 0;
    valueIndex = 0;
    if (page instanceof DataPageV1) {
      DataPageV1 v1 = (DataPageV1) page;
      PageBytes bytes = pageBytes(v1.getBytes());
      int present = pageValues;
      if (maxDefinitionLevel > 0) {
        present = readLevels(v1.getDlEncoding(), bytes, true);
      } else {
        pageHasLevels = false;
      }
      readValues(v1.getValueEncoding(), v1.getBytes(), bytes, present);
    } else {
      DataPageV2 v2 = (DataPageV2) page;
      int present = pageValues;
      if (maxDefinitionLevel > 0) {
        present = readLevels(Encoding.RLE, pageBytes(v2.getDefinitionLevels()), false);
      } else {
        pageHasLevels = false;
      }
      BytesInput data = v2.getData();
      readValues(v2.getDataEncoding(), data, pageBytes(data), present);
    }
  }

  /** Decodes the page's definition levels; returns how many rows have a value. */
  private int readLevels(Encoding encoding, PageBytes bytes, boolean lengthPrefixed) throws IOException {
    if (encoding != Encoding.RLE) {
      throw new IOException("column " + column.name() + ": definition levels encoded as " + encoding + " are not supported");
    }
    if (levels.length < pageValues) {
      levels = new int[pageValues];
    }
    if (lengthPrefixed) {
      int length = bytes.readIntLittleEndian();
      int start = bytes.position();
      bytes.readHybrid(BytesUtils.getWidthFromMaxInt(maxDefinitionLevel), levels, pageValues);
      bytes.skip(length - (bytes.position() - start));
    } else {
      bytes.readHybrid(BytesUtils.getWidthFromMaxInt(maxDefinitionLevel), levels, pageValues);
    }
    int present = 0;
    for (int i = 0; i < pageValues; i++) {
      if (levels[i] == maxDefinitionLevel) {
        present++;
      }
    }
    pageHasLevels = present != pageValues;
    return present;
  }

  /** Decodes {@code count} non-null values that start at the current position of {@code bytes}. */
  private void readValues(Encoding encoding, BytesInput input, PageBytes bytes, int count) throws IOException {
    dictionaryEncoded = encoding.usesDictionary();
    if (dictionaryEncoded) {
      if (dictionary == null) {
        throw new IOException("column " + column.name() + " has a dictionary-encoded page but no dictionary page");
      }
      if (ids.length < count) {
        ids = new int[count];
      }
      bytes.readHybrid(bytes.readByte(), ids, count);
      mapDictionaryIds(count);
    } else if (encoding == Encoding.DELTA_BINARY_PACKED && !physicalInt32 && longColumn()) {
      bytes.readDeltaBinaryPacked(longBuffer(count), count);
    } else {
      readWithParquet(encoding, input, bytes.position(), count);
    }
  }

  private boolean longColumn() {
    return column.type() == ColumnType.LONG || column.type() == ColumnType.OPTIONAL_LONG;
  }

  private void mapDictionaryIds(int count) throws IOException {
    try {
      mapDictionaryIdsUnchecked(count);
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new IOException("column " + column.name() + ": a dictionary id lies outside the dictionary", e);
    }
  }

  /** Maps ids to values; an id outside the dictionary fails on the array bounds check. */
  private void mapDictionaryIdsUnchecked(int count) {
    switch (column.type()) {
      case LONG:
      case OPTIONAL_LONG: {
        long[] out = longBuffer(count);
        for (int i = 0; i < count; i++) {
          out[i] = dictionaryLongs[ids[i]];
        }
        break;
      }
      case INT:
      case OPTIONAL_INT: {
        int[] out = intBuffer(count);
        for (int i = 0; i < count; i++) {
          out[i] = dictionaryInts[ids[i]];
        }
        break;
      }
      case ENUM: {
        int[] out = intBuffer(count);
        for (int i = 0; i < count; i++) {
          out[i] = dictionaryOrdinals[ids[i]];
        }
        break;
      }
      case BOOLEAN: {
        boolean[] out = booleanBuffer(count);
        for (int i = 0; i < count; i++) {
          out[i] = dictionaryBooleans[ids[i]];
        }
        break;
      }
      default:
        throw new AssertionError(column.type());
    }
  }

  /** The general path for encodings other writers choose: Parquet's value readers, one value at a time. */
  private void readWithParquet(Encoding encoding, BytesInput input, int offset, int count) throws IOException {
    ValuesReader reader = encoding.getValuesReader(descriptor, ValuesType.VALUES);
    ByteBufferInputStream in = input.toInputStream();
    in.skipFully(offset);
    reader.initFromPage(count, in);
    switch (column.type()) {
      case LONG:
      case OPTIONAL_LONG: {
        long[] out = longBuffer(count);
        for (int i = 0; i < count; i++) {
          out[i] = physicalInt32 ? reader.readInteger() : reader.readLong();
        }
        break;
      }
      case INT:
      case OPTIONAL_INT: {
        int[] out = intBuffer(count);
        for (int i = 0; i < count; i++) {
          out[i] = reader.readInteger();
        }
        break;
      }
      case ENUM: {
        int[] out = intBuffer(count);
        if (unknownSymbols.length < count) {
          unknownSymbols = new String[count];
        }
        for (int i = 0; i < count; i++) {
          String text = reader.readBytes().toStringUsingUTF8();
          out[i] = column.ordinalOf(text);
          unknownSymbols[i] = out[i] < 0 ? text : null;
        }
        break;
      }
      case BOOLEAN: {
        boolean[] out = booleanBuffer(count);
        for (int i = 0; i < count; i++) {
          out[i] = reader.readBoolean();
        }
        break;
      }
      default:
        throw new AssertionError(column.type());
    }
  }

  private void decodeDictionary() {
    int entries = dictionary.getMaxId() + 1;
    switch (column.type()) {
      case LONG:
      case OPTIONAL_LONG:
        dictionaryLongs = new long[entries];
        for (int id = 0; id < entries; id++) {
          dictionaryLongs[id] = physicalInt32 ? dictionary.decodeToInt(id) : dictionary.decodeToLong(id);
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

  private long[] longBuffer(int count) {
    if (longs.length < count) {
      longs = new long[count];
    }
    return longs;
  }

  private int[] intBuffer(int count) {
    if (ints.length < count) {
      ints = new int[count];
    }
    return ints;
  }

  private boolean[] booleanBuffer(int count) {
    if (booleans.length < count) {
      booleans = new boolean[count];
    }
    return booleans;
  }

  /** The bytes of a page section as a heap array, copied only when the buffer is not one already. */
  @SuppressWarnings("deprecation") // toByteBuffer: the page is in memory already, we only want its array
  private static PageBytes pageBytes(BytesInput input) throws IOException {
    ByteBuffer buffer = input.toByteBuffer();
    if (buffer.hasArray()) {
      int from = buffer.arrayOffset() + buffer.position();
      return new PageBytes(buffer.array(), from, from + buffer.remaining());
    }
    byte[] copy = new byte[buffer.remaining()];
    buffer.duplicate().get(copy);
    return new PageBytes(copy, 0, copy.length);
  }
}
