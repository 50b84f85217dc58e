package io.memreplay.engine.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memreplay.engine.config.PageSize;
import io.memreplay.engine.config.TranslationCosts;
import io.memreplay.engine.config.TranslationMode;
import io.memreplay.engine.config.TranslationPolicy;
import io.memreplay.engine.config.TranslationPolicy.GuestPages;
import io.memreplay.engine.config.TranslationPolicy.Placement;
import io.memreplay.schemas.trace.PageTableColumns;
import org.junit.jupiter.api.Test;

/** Under shadow paging a CR3 switch resyncs each guest page-table page written since the last, once. */
class ShadowResyncTest {

  /** Costs that charge only resynced pages, one cycle each: the interval's cycles count them. */
  private static final TranslationCosts RESYNCS_ONLY = new TranslationCosts(0, 0, 0, 0, 0, 0, 0, 1);

  private static VmTranslation shadowPaging() {
    TranslationPolicy policy = new TranslationPolicy(TranslationMode.SHADOW, 4, 4, GuestPages.SIZE_4K,
        Placement.FIRST_TOUCH, PageSize.SIZE_4K, TranslationPolicy.ESXI_DEFAULT.tlb(), true, true,
        TranslationPolicy.DEFAULT_WALK_CACHE_ENTRIES, true, TranslationPolicy.DEFAULT_NESTED_TLB_ENTRIES, RESYNCS_ONLY);
    return new VmTranslation(policy, new GuestPageTables(4, GuestPages.SIZE_4K, Placement.FIRST_TOUCH, 1 << 16, 7), 7);
  }

  @Test
  void writesToOneLeafTableResyncOnePageAndEachOtherTableOneMore() {
    VmTranslation vm = shadowPaging();
    vm.pageTableOp(0, 0, PageTableColumns.CONTEXT_SWITCH, 0, 4096);
    for (int i = 0; i < 110; i++) { // 110 entries of the leaf table that maps 0x4000_0000 .. + 2 MB
      vm.pageTableOp(0, 0, PageTableColumns.MAP, 0x4000_0000L + i * 4096L, 4096);
    }
    vm.pageTableOp(0, 0, PageTableColumns.MAP, 0x4020_0000L, 4096); // the next leaf table
    vm.pageTableOp(0, 0, PageTableColumns.MAP, 0x8000_0000L, 2 << 20); // a 2 MB entry, in a page directory
    vm.pageTableOp(0, 1, PageTableColumns.CONTEXT_SWITCH, 0, 4096);
    assertEquals(3, TranslationRows.close(vm, 0, 1).getTranslationCycles());
    // resynced: the next switch has nothing written to resync
    vm.pageTableOp(0, 0, PageTableColumns.CONTEXT_SWITCH, 0, 4096);
    assertEquals(0, TranslationRows.close(vm, 1, 2).getTranslationCycles());
  }

  @Test
  void theSameAddressInAnotherAddressSpaceIsAnotherTable() {
    VmTranslation vm = shadowPaging();
    vm.pageTableOp(0, 0, PageTableColumns.CONTEXT_SWITCH, 0, 4096);
    vm.pageTableOp(0, 0, PageTableColumns.MAP, 0x4000_0000L, 4096);
    vm.pageTableOp(0, 1, PageTableColumns.MAP, 0x4000_0000L, 4096);
    vm.pageTableOp(0, 2, PageTableColumns.CONTEXT_SWITCH, 0, 4096);
    assertEquals(2, TranslationRows.close(vm, 0, 1).getTranslationCycles());
  }

  @Test
  void anAddressSpaceStartedAfterAnotherExitedKeepsItsTablesApartFromTheLiveOnes() {
    VmTranslation vm = shadowPaging();
    vm.pageTableOp(0, 0, PageTableColumns.CONTEXT_SWITCH, 0, 4096);
    vm.pageTableOp(0, 0, PageTableColumns.MAP, 0x4000_0000L, 4096);
    vm.pageTableOp(0, 1, PageTableColumns.MAP, 0x4000_0000L, 4096);
    vm.pageTableOp(0, 1, PageTableColumns.CONTEXT_SWITCH, 0, 4096);
    assertEquals(2, TranslationRows.close(vm, 0, 1).getTranslationCycles());
    vm.pageTableOp(0, 0, PageTableColumns.PROCESS_EXIT, 0, 4096);
    // address space 2 is new: its table is not address space 1's, though 0's slot was freed
    vm.pageTableOp(0, 1, PageTableColumns.MAP, 0x4000_0000L, 4096);
    vm.pageTableOp(0, 2, PageTableColumns.MAP, 0x4000_0000L, 4096);
    vm.pageTableOp(0, 2, PageTableColumns.CONTEXT_SWITCH, 0, 4096);
    assertEquals(2, TranslationRows.close(vm, 1, 2).getTranslationCycles());
  }
}
