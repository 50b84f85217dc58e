package io.memreplay.schemas.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
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

  /** Ways an access row can be unusable, each applied to row {@code i} of a chunk of good rows. */
  private static final Map<String, BiConsumer<AccessColumns, Integer>> BREAKS = Map.ofEntries(
      Map.entry("op ordinal", (rows, i) -> rows.op[i] = 3),
      Map.entry("negative op ordinal", (rows, i) -> rows.op[i] = -1),
      Map.entry("size 0", (rows, i) -> rows.bytes[i] = 0),
      Map.entry("size above a page", (rows, i) -> rows.bytes[i] = AccessColumns.MAX_BYTES + 1),
      Map.entry("negative asid", (rows, i) -> rows.asid[i] = -1),
      Map.entry("gpa below -1", (rows, i) -> rows.gpa[i] = -2),
      Map.entry("time before the row ahead", (rows, i) -> rows.tsNs[i] = i == 0 ? 999 : rows.tsNs[i - 1] - 1),
      Map.entry("time after the span", (rows, i) -> rows.tsNs[i] = 100_000),
      Map.entry("vm not simulated", (rows, i) -> rows.vm[i] = 1),
      Map.entry("negative vm", (rows, i) -> rows.vm[i] = -1),
      Map.entry("vcpu the vm lacks", (rows, i) -> rows.vcpu[i] = 2),
      Map.entry("negative vcpu", (rows, i) -> rows.vcpu[i] = -1));

  /**
   * A chunk without a bad row is passed a column at a time: every rule must also be seen that way, wherever the
   * one bad row of a chunk stands, or a bad row would reach the engine.
   */
  @Test
  void everyKindOfBadRowIsDroppedWhereverItStandsInAChunk() {
    RecordScreen screen = ONE_VM.within(1000, 50_000, "the test's span");
    int chunk = 40;
    BREAKS.forEach((name, breakRow) -> {
      for (int bad = 0; bad < chunk; bad++) {
        AccessColumns rows = goodAccesses(chunk, 1000);
        breakRow.accept(rows, bad);
        List<Integer> rejected = new ArrayList<>();
        int dropped = new KindScreen(screen, "(sorted)").screen(rows, null, (row, reason) -> rejected.add(row));
        assertEquals(List.of(bad), rejected, name + " at row " + bad);
        assertEquals(1, dropped, name + " at row " + bad);
        assertEquals(chunk - 1, rows.size());
      }
    });
  }

  @Test
  void aChunkThatPassesWholeSetsTheTimeTheNextChunkMustNotGoBelow() {
    KindScreen screen = new KindScreen(ONE_VM, "(sorted)");
    AccessColumns first = goodAccesses(10, 1000);
    assertEquals(0, screen.screen(first, null, (row, reason) -> {}));
    assertEquals(10, first.size());
    assertEquals(1000 + 9 * 10, screen.lastTs());

    AccessColumns second = goodAccesses(10, 1000 + 9 * 10 - 1);
    List<String> reasons = new ArrayList<>();
    assertEquals(1, screen.screen(second, null, (row, reason) -> reasons.add(row + ": " + reason)));
    assertTrue(reasons.get(0).startsWith("0: ts_ns 1089 is earlier than the previous accesses row's 1090"), reasons.get(0));
  }

  /** Rows of vm 0 every 10 ns from {@code fromNs}, two vCPUs, sizes and operations of every kind. */
  private static AccessColumns goodAccesses(int count, long fromNs) {
    AccessColumns rows = new AccessColumns(count);
    for (int i = 0; i < count; i++) {
      rows.add(fromNs + 10L * i, 0, i % 2, i % 3, 4096L * i, i % 4 == 0 ? -1 : 8192L * i, (byte) (i % 3),
          1 + i % AccessColumns.MAX_BYTES, Columns.NULL);
    }
    return rows;
  }
}
