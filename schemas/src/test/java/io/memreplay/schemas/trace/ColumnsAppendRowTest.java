package io.memreplay.schemas.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Single rows copied out of a block, as the replay loop holds back events, keep every column. */
class ColumnsAppendRowTest {

  @Test
  void aRowAppendedFromAnotherBlockHoldsTheSameValuesInEveryColumnOfEveryKind() {
    for (RecordKind kind : RecordKind.values()) {
      Columns source = RandomBlocks.of(kind, 200, 7 + kind.ordinal(), 0.3, 1000);
      Columns copy = kind.newColumns(100);
      for (int row = 199; row >= 0; row -= 2) {
        copy.appendRow(source, row);
      }
      assertEquals(100, copy.size());
      for (int i = 0; i < 100; i++) {
        assertEquals(source.describe(199 - 2 * i), copy.describe(i), kind + " row " + i);
      }
      assertThrows(IllegalStateException.class, () -> copy.appendRow(source, 0), "a full block takes no more");
    }
  }

  @Test
  void rowsOfAnotherKindAreRefused() {
    Columns accesses = RecordKind.ACCESSES.newColumns(4);
    Columns contents = RandomBlocks.of(RecordKind.CONTENTS, 4, 1, 0, 10);
    assertThrows(IllegalArgumentException.class, () -> accesses.appendRow(contents, 0));
  }
}
