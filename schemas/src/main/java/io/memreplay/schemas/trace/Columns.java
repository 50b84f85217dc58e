package io.memreplay.schemas.trace;

import io.memreplay.schemas.trace.ColumnLayout.Column;
import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A block of records of one kind held column by column in primitive arrays of fixed capacity: the
 * form in which traces move through memreplay. Array {@code i} holds Avro field {@code i}; the
 * subclasses name the arrays. Every kind starts with {@code ts_ns} and {@code vm}.
 *
 * <p>Optional columns hold null as {@link #NULL}. Enum columns hold the symbol's ordinal.
 */
public abstract class Columns {

  /** How a null is held in an optional column. */
  public static final int NULL = -1;

  private final RecordKind kind;
  private final Object[] arrays;
  /** The same arrays by element type, for copying one row without a type switch per column. */
  private final long[][] longArrays;
  private final int[][] intArrays;
  private final byte[][] byteArrays;
  private final boolean[][] booleanArrays;
  /** The enum columns' arrays and their symbols' counts, for checking every row without a walk of the layout. */
  private final byte[][] enumArrays;
  private final int[] enumSymbolCounts;
  private final int capacity;
  private int size;

  /** Trace time of each record, nanoseconds. */
  public final long[] tsNs;
  /** VM id of each record. */
  public final int[] vm;

  protected Columns(RecordKind kind, int capacity) {
    this.kind = kind;
    this.capacity = capacity;
    this.arrays = kind.layout().newArrays(capacity);
    this.longArrays = arraysOf(long[].class);
    this.intArrays = arraysOf(int[].class);
    this.byteArrays = arraysOf(byte[].class);
    this.booleanArrays = arraysOf(boolean[].class);
    List<Column> enums = kind.layout().enums();
    this.enumArrays = enums.stream().map(column -> (byte[]) arrays[column.index()]).toArray(byte[][]::new);
    this.enumSymbolCounts = enums.stream().mapToInt(column -> column.symbols().size()).toArray();
    this.tsNs = longs("ts_ns");
    this.vm = ints("vm");
  }

  public final RecordKind kind() {
    return kind;
  }

  public final int size() {
    return size;
  }

  public final int capacity() {
    return capacity;
  }

  public final int remaining() {
    return capacity - size;
  }

  public final boolean isEmpty() {
    return size == 0;
  }

  public final void clear() {
    size = 0;
  }

  /** Makes rows written directly into the arrays, up to {@code newSize}, part of the block. */
  public final void setSize(int newSize) {
    if (newSize < 0 || newSize > capacity) {
      throw new IllegalArgumentException("size " + newSize + " outside [0, " + capacity + "]");
    }
    size = newSize;
  }

  /**
   * The array of column {@code column} (Avro field order): {@code long[]}, {@code int[]}, {@code byte[]} or
   * {@code boolean[]} as {@link ColumnType} says. For codecs that move whole columns.
   */
  public final Object array(int column) {
    return arrays[column];
  }

  /** Appends {@code count} rows of {@code source}, starting at row {@code from}. */
  public final void append(Columns source, int from, int count) {
    if (source.kind != kind) {
      throw new IllegalArgumentException("cannot append " + source.kind + " rows to " + kind);
    }
    if (count > remaining()) {
      throw new IllegalArgumentException(count + " rows do not fit in " + remaining() + " free rows");
    }
    for (int i = 0; i < arrays.length; i++) {
      System.arraycopy(source.arrays[i], from, arrays[i], size, count);
    }
    size += count;
  }

  /**
   * Appends row {@code row} of {@code source}, a block of the same kind: the replay loop copies single
   * events out of batches, so this costs one store per column and no type switch.
   */
  public final void appendRow(Columns source, int row) {
    if (source.kind != kind) {
      throw new IllegalArgumentException("cannot append " + source.kind + " rows to " + kind);
    }
    if (size == capacity) {
      throw new IllegalStateException("block is full");
    }
    int to = size;
    for (int i = 0; i < longArrays.length; i++) {
      longArrays[i][to] = source.longArrays[i][row];
    }
    for (int i = 0; i < intArrays.length; i++) {
      intArrays[i][to] = source.intArrays[i][row];
    }
    for (int i = 0; i < byteArrays.length; i++) {
      byteArrays[i][to] = source.byteArrays[i][row];
    }
    for (int i = 0; i < booleanArrays.length; i++) {
      booleanArrays[i][to] = source.booleanArrays[i][row];
    }
    size = to + 1;
  }

  @SuppressWarnings("unchecked")
  private <T> T[] arraysOf(Class<T> type) {
    return Arrays.stream(arrays).filter(type::isInstance).map(type::cast)
        .toArray(n -> (T[]) Array.newInstance(type, n));
  }

  /**
   * Removes the rows whose {@code drop} flag is set, keeping the others in order. Runs of kept rows
   * move with one array copy per column.
   */
  public final void removeRows(boolean[] drop) {
    int write = 0;
    int read = 0;
    while (read < size) {
      if (drop[read]) {
        read++;
        continue;
      }
      int runStart = read;
      while (read < size && !drop[read]) {
        read++;
      }
      int run = read - runStart;
      if (write != runStart) {
        for (Object array : arrays) {
          System.arraycopy(array, runStart, array, write, run);
        }
      }
      write += run;
    }
    size = write;
  }

  /**
   * Why row {@code row} cannot be replayed although it decoded, or null when it is fine: an enum ordinal
   * outside its symbols (codecs that move ordinals as bytes cannot tell), or a broken invariant of the
   * kind ({@link #problem}).
   */
  public final String invalid(int row) {
    for (int e = 0; e < enumArrays.length; e++) {
      int ordinal = enumArrays[e][row];
      if (outsideSymbols(ordinal, enumSymbolCounts[e])) {
        Column column = kind.layout().enums().get(e);
        return column.name() + " ordinal " + ordinal + " is not one of " + column.symbols() + " (0 to "
            + (column.symbols().size() - 1) + ")";
      }
    }
    return problem(row);
  }

  /**
   * Whether {@link #invalid} finds nothing in any row: what a screen asks first, as nearly every chunk is
   * fine, so it goes a column at a time (an enum's ordinals in one tight loop) rather than a row at a time.
   */
  public final boolean allValid() {
    for (int e = 0; e < enumArrays.length; e++) {
      byte[] ordinals = enumArrays[e];
      int symbols = enumSymbolCounts[e];
      for (int row = 0; row < size; row++) {
        if (outsideSymbols(ordinals[row], symbols)) {
          return false;
        }
      }
    }
    for (int row = 0; row < size; row++) {
      if (problem(row) != null) {
        return false;
      }
    }
    return true;
  }

  private static boolean outsideSymbols(int ordinal, int symbols) {
    return ordinal < 0 || ordinal >= symbols;
  }

  /**
   * Why row {@code row} breaks an invariant of its kind beyond the column types, or null when it is fine.
   * Subclasses check their kind's.
   */
  protected String problem(int row) {
    return null;
  }

  /** The row as {@code name=value} pairs, for error messages and rejects. */
  public final String describe(int row) {
    StringBuilder text = new StringBuilder();
    for (Column column : kind.layout().columns()) {
      if (text.length() > 0) {
        text.append(", ");
      }
      text.append(column.name()).append('=');
      Object array = arrays[column.index()];
      switch (column.type()) {
        case LONG:
          text.append(((long[]) array)[row]);
          break;
        case INT:
          text.append(((int[]) array)[row]);
          break;
        case OPTIONAL_LONG: {
          long value = ((long[]) array)[row];
          text.append(value == NULL ? "null" : Long.toString(value));
          break;
        }
        case OPTIONAL_INT: {
          int value = ((int[]) array)[row];
          text.append(value == NULL ? "null" : Integer.toString(value));
          break;
        }
        case ENUM: {
          int ordinal = ((byte[]) array)[row];
          text.append(ordinal >= 0 && ordinal < column.symbols().size() ? column.symbols().get(ordinal) : "?");
          break;
        }
        case BOOLEAN:
          text.append(((boolean[]) array)[row]);
          break;
        default:
          throw new AssertionError(column.type());
      }
    }
    return text.toString();
  }

  /** Appends an Avro record of this kind. */
  public final void add(SpecificRecordBase record) {
    if (size == capacity) {
      throw new IllegalStateException("block is full");
    }
    for (Column column : kind.layout().columns()) {
      Object value = record.get(column.index());
      Object array = arrays[column.index()];
      switch (column.type()) {
        case LONG:
          ((long[]) array)[size] = (Long) value;
          break;
        case INT:
          ((int[]) array)[size] = (Integer) value;
          break;
        case OPTIONAL_LONG:
          ((long[]) array)[size] = value == null ? NULL : (Long) value;
          break;
        case OPTIONAL_INT:
          ((int[]) array)[size] = value == null ? NULL : (Integer) value;
          break;
        case ENUM:
          ((byte[]) array)[size] = (byte) ((Enum<?>) value).ordinal();
          break;
        case BOOLEAN:
          ((boolean[]) array)[size] = (Boolean) value;
          break;
        default:
          throw new AssertionError(column.type());
      }
    }
    size++;
  }

  /** Row {@code row} as an Avro record of this kind. */
  public final SpecificRecordBase toRecord(int row) {
    SpecificRecordBase record = (SpecificRecordBase) SpecificData.get().newRecord(null, kind.layout().schema());
    for (Column column : kind.layout().columns()) {
      Object array = arrays[column.index()];
      Object value;
      switch (column.type()) {
        case LONG:
          value = ((long[]) array)[row];
          break;
        case INT:
          value = ((int[]) array)[row];
          break;
        case OPTIONAL_LONG: {
          long v = ((long[]) array)[row];
          value = v == NULL ? null : v;
          break;
        }
        case OPTIONAL_INT: {
          int v = ((int[]) array)[row];
          value = v == NULL ? null : v;
          break;
        }
        case ENUM: {
          Schema enumSchema = kind.layout().schema().getFields().get(column.index()).schema();
          value = SpecificData.get().createEnum(column.symbols().get(((byte[]) array)[row]), enumSchema);
          break;
        }
        case BOOLEAN:
          value = ((boolean[]) array)[row];
          break;
        default:
          throw new AssertionError(column.type());
      }
      record.put(column.index(), value);
    }
    return record;
  }

  protected final long[] longs(String name) {
    return (long[]) typed(name, ColumnType.LONG, ColumnType.OPTIONAL_LONG);
  }

  protected final int[] ints(String name) {
    return (int[]) typed(name, ColumnType.INT, ColumnType.OPTIONAL_INT);
  }

  protected final byte[] enums(String name) {
    return (byte[]) typed(name, ColumnType.ENUM, ColumnType.ENUM);
  }

  protected final boolean[] booleans(String name) {
    return (boolean[]) typed(name, ColumnType.BOOLEAN, ColumnType.BOOLEAN);
  }

  private Object typed(String name, ColumnType type, ColumnType alternative) {
    Column column = kind.layout().column(name);
    if (column.type() != type && column.type() != alternative) {
      throw new IllegalStateException(kind + "." + name + " is " + column.type() + ", not " + type);
    }
    return arrays[column.index()];
  }

}
