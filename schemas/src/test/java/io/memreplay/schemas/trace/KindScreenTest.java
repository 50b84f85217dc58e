package io.memreplay.schemas.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KindScreenTest {

  private static final RecordScreen ONE_VM = RecordScreen.of(List.of(new RecordScreen.Vm(0, 2, 1024)), "no such vm");

  /**
   * A codec that moves enum ordinals as bytes (the Kafka batch codec) reports no decode problems: the screen
   * itself must refuse an ordinal outside the enum's symbols, or the engine would count it as some operation.
   */
  @Test
  void anEnumOrdinalOutsideItsSymbolsIsRejectedWithoutADecoderReport() {
    AccessColumns rows = new AccessColumns(3);
    rows.add(1, 0, 0, 0, 4096, -1, AccessColumns.READ, 8, Columns.NULL);
    rows.add(2, 0, 0, 0, 8192, -1, AccessColumns.WRITE, 8, Columns.NULL);
    rows.add(3, 0, 0, 0, 8192, -1, AccessColumns.READ, 8, Columns.NULL);
    rows.op[1] = 7;
    List<String> reasons = new ArrayList<>();
    int dropped = new KindScreen(ONE_VM, "(sorted)").screen(rows, null, (row, reason) -> reasons.add(row + ": " + reason));
    assertEquals(1, dropped);
    assertEquals(List.of("1: op ordinal 7 is not one of [READ, WRITE, EXEC] (0 to 2)"), reasons);
    assertEquals(2, rows.size());
    assertEquals(3, rows.tsNs[1], "the rows after the rejected one are kept");
  }
}
