package io.memreplay.schemas.trace;

import io.memreplay.schemas.trace.ColumnLayout.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecordBase;

/** Blocks of random rows of any record kind, filled column by column from the kind's layout. */
final class RandomBlocks {

  private RandomBlocks() {}

  /**
   * {@code rows} random rows of {@code kind}. Optional columns are null in about {@code nullShare} of
   * the rows; int columns draw from {@code [0, intRange)}; longs have every magnitude and sign, so
   * their deltas need every bit width; enums take every symbol.
   */
  static Columns of(RecordKind kind, int rows, long seed, double nullShare, int intRange) {
    SplittableRandom random = new SplittableRandom(seed);
    Columns block = kind.newColumns(rows);
    for (Column column : kind.layout().columns()) {
      Object array = block.array(column.index());
      for (int i = 0; i < rows; i++) {
        boolean isNull = column.type().nullable() && random.nextDouble() < nullShare;
        long value = random.nextLong() >> random.nextInt(64);
        if (column.type().nullable() && value == Columns.NULL) {
          value = 0; // -1 would be a null
        }
        switch (column.type()) {
          case LONG, OPTIONAL_LONG -> ((long[]) array)[i] = isNull ? Columns.NULL : value;
          case INT, OPTIONAL_INT -> ((int[]) array)[i] = isNull ? Columns.NULL : random.nextInt(intRange);
          case ENUM -> ((byte[]) array)[i] = (byte) random.nextInt(column.symbols().size());
          case BOOLEAN -> ((boolean[]) array)[i] = random.nextBoolean();
        }
      }
    }
    block.setSize(rows);
    return block;
  }

  /** The rows of {@code block} as Avro records. */
  static List<SpecificRecordBase> records(Columns block) {
    List<SpecificRecordBase> records = new ArrayList<>(block.size());
    for (int row = 0; row < block.size(); row++) {
      records.add(block.toRecord(row));
    }
    return records;
  }
}
