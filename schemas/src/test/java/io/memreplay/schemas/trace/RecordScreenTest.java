package io.memreplay.schemas.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.schemas.avro.MemoryDemand;
import io.memreplay.schemas.avro.PageTableOp;
import io.memreplay.schemas.avro.PageTableOpKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordScreenTest {

  private static final RecordScreen TWO_VMS = RecordScreen.of(
      List.of(new RecordScreen.Vm(0, 2, 1024), new RecordScreen.Vm(3, 1, 256)), "vm is not in scenario 's'");

  private static AccessColumns access(long ts, int vm, int vcpu) {
    AccessColumns rows = new AccessColumns(1);
    rows.add(ts, vm, vcpu, 0, 4096, -1, AccessColumns.READ, 8, Columns.NULL);
    return rows;
  }

  @Test
  void aVcpuOutsideTheVmsVcpusIsRefusedWhateverItsValue() {
    assertNull(TWO_VMS.problem(access(0, 0, 1), 0));
    assertEquals("vcpu 2 is not a vCPU of vm 0, which has 2 (vcpu 0 to 1)", TWO_VMS.problem(access(0, 0, 2), 0));
    assertEquals("vcpu -1 is not a vCPU of vm 0, which has 2 (vcpu 0 to 1)", TWO_VMS.problem(access(0, 0, -1), 0));
    assertEquals("vcpu 2147483647 is not a vCPU of vm 3, which has 1 (vcpu 0 to 0)",
        TWO_VMS.problem(access(0, 3, Integer.MAX_VALUE), 0));
  }

  @Test
  void pageTableEventsAreHeldToTheVcpusToo() {
    PageTableColumns rows = new PageTableColumns(1);
    rows.add(new PageTableOp(0L, 3, 5, 0, PageTableOpKind.CONTEXT_SWITCH, 0L, -1L, 4096, 0));
    assertEquals("vcpu 5 is not a vCPU of vm 3, which has 1 (vcpu 0 to 0)", TWO_VMS.problem(rows, 0));
  }

  @Test
  void rowsOfOtherVmsGetTheGivenReason() {
    assertEquals("vm is not in scenario 's'", TWO_VMS.problem(access(0, 1, 0), 0));
    assertEquals("vm is not in scenario 's'", TWO_VMS.problem(access(0, -7, 0), 0));
    assertEquals("vm is not in scenario 's'", TWO_VMS.problem(access(0, 1 << 20, 0), 0));
  }

  @Test
  void demandBeyondTheVmsMemoryIsRefused() {
    DemandColumns rows = new DemandColumns(3);
    rows.add(demand(256L, 256L));
    rows.add(demand(257L, null));
    rows.add(demand(10L, Long.MAX_VALUE));
    assertNull(TWO_VMS.problem(rows, 0));
    assertEquals("active_pages 257 exceeds the 256 pages (4 KB) vm 3 is configured with", TWO_VMS.problem(rows, 1));
    assertEquals("touched_pages 9223372036854775807 exceeds the 256 pages (4 KB) vm 3 is configured with",
        TWO_VMS.problem(rows, 2));
  }

  /** A demand sample of VM 3 without observed host state. */
  private static MemoryDemand demand(long active, Long touched) {
    return MemoryDemand.newBuilder().setTsNs(0L).setVm(3).setPeriodNs(1L).setActivePages(active).setTouchedPages(touched)
        .build();
  }

  @Test
  void timesOutsideTheSpanAreRefusedWithWhereTheSpanComesFrom() {
    RecordScreen span = TWO_VMS.within(100, 200, "the manifest's start_ns and end_ns");
    assertNull(span.problem(access(100, 0, 0), 0));
    assertNull(span.problem(access(200, 0, 0), 0));
    assertEquals("ts_ns 201 is outside the trace's span [100, 200] (the manifest's start_ns and end_ns)",
        span.problem(access(201, 0, 0), 0));
    assertEquals("ts_ns -9223372036854775808 is outside the trace's span [100, 200] (the manifest's start_ns and end_ns)",
        span.problem(access(Long.MIN_VALUE, 0, 0), 0));
  }

  @Test
  void anyVmAcceptsEveryVmAndTime() {
    assertNull(RecordScreen.anyVm().problem(access(Long.MAX_VALUE, 12345, -4), 0));
  }

  /** Screens ask first whether a whole chunk passes; that answer must be no whenever any row has a problem. */
  @Test
  void aChunkPassesWholeOnlyWhenNoRowOfItHasAProblem() {
    PageTableColumns pageTable = new PageTableColumns(2);
    pageTable.add(new PageTableOp(0L, 3, 0, 0, PageTableOpKind.CONTEXT_SWITCH, 0L, -1L, 4096, 0));
    assertTrue(TWO_VMS.acceptsAll(pageTable));
    pageTable.add(new PageTableOp(1L, 3, 5, 0, PageTableOpKind.CONTEXT_SWITCH, 0L, -1L, 4096, 0));
    assertFalse(TWO_VMS.acceptsAll(pageTable));

    DemandColumns demand = new DemandColumns(2);
    demand.add(demand(256L, 256L));
    assertTrue(TWO_VMS.acceptsAll(demand));
    demand.add(demand(257L, null));
    assertFalse(TWO_VMS.acceptsAll(demand));

    assertTrue(TWO_VMS.acceptsAll(access(0, 0, 1)));
    assertFalse(TWO_VMS.acceptsAll(access(0, 1, 0)));
    assertFalse(TWO_VMS.acceptsAll(access(0, 0, 2)));
    assertFalse(TWO_VMS.within(100, 200, "a span").acceptsAll(access(201, 0, 0)));
    assertTrue(RecordScreen.anyVm().acceptsAll(access(Long.MAX_VALUE, 12345, -4)));
  }
}
