package io.memreplay.engine.translation;

import io.memreplay.engine.config.TranslationPolicy;
import io.memreplay.engine.config.TranslationMode;
import io.memreplay.engine.config.PageSize;
import io.memreplay.engine.config.TranslationCosts;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.engine.config.TranslationPolicy.GuestPages;
import io.memreplay.engine.config.TranslationPolicy.Placement;
import io.memreplay.schemas.avro.TranslationInterval;
import io.memreplay.schemas.trace.PageTableColumns;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The cost model points the way the literature does (docs/model.md "Sources": GHS16, EPT09): shadow paging loses where the guest
 * changes its page tables often, nested paging loses where TLB misses dominate, and large host pages
 * cut TLB misses once the footprint outgrows what 4 KB entries reach.
 */
class TranslationDirectionTest {

  private static TranslationPolicy policy(TranslationMode mode, GuestPages guestPages, PageSize hostBacking) {
    return new TranslationPolicy(mode, 4, 4, guestPages, Placement.FIRST_TOUCH, hostBacking,
        TranslationPolicy.ESXI_DEFAULT.tlb(), true, true, TranslationPolicy.DEFAULT_WALK_CACHE_ENTRIES, true,
        TranslationPolicy.DEFAULT_NESTED_TLB_ENTRIES, TranslationCosts.DEFAULT);
  }

  /** A small working set of two processes that switch often and keep remapping a buffer. */
  private static TranslationInterval pageTableHeavy(TranslationPolicy policy) {
    GuestPageTables tables = new GuestPageTables(4, policy.guestPages(), policy.placement(), 1 << 16, 7);
    VmTranslation vm = new VmTranslation(policy, tables, 7);
    for (int round = 0; round < 2000; round++) {
      int asid = round % 2;
      vm.pageTableOp(0, asid, PageTableColumns.CONTEXT_SWITCH, 0, 4096);
      long buffer = 0x5000_0000L + (round % 8) * 4096L;
      tables.apply(PageTableColumns.MAP, asid, buffer, (0x100L + round % 8) << 12, PageSize.SIZE_4K);
      vm.pageTableOp(0, asid, PageTableColumns.MAP, buffer, 4096);
      for (int i = 0; i < 20; i++) {
        long gva = 0x4000_0000L + (i % 10) * 4096L;
        vm.access(0, asid, gva, tables.place(asid, gva), false);
      }
      vm.access(0, asid, buffer, tables.place(asid, buffer), false);
      tables.apply(PageTableColumns.UNMAP, asid, buffer, 0, PageSize.SIZE_4K);
      vm.pageTableOp(0, asid, PageTableColumns.UNMAP, buffer, 4096);
    }
    return TranslationRows.close(vm, 0, 1);
  }

  /**
   * Random accesses over 50,000 pages (200 MB), far beyond any TLB's 4 KB reach, in steady state: every
   * page was touched once before (its mapping and shadow entry exist) and the tables never change.
   */
  private static TranslationInterval largeRandomFootprint(TranslationPolicy policy) {
    GuestPageTables tables = new GuestPageTables(4, policy.guestPages(), policy.placement(), 1 << 20, 7);
    VmTranslation vm = new VmTranslation(policy, tables, 7);
    for (int page = 0; page < 50_000; page++) {
      long gva = 0x1_0000_0000L + page * 4096L;
      vm.access(0, 1, gva, tables.place(1, gva), false);
    }
    TranslationRows.close(vm, 0, 1);
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 1_000_000; i++) {
      long gva = 0x1_0000_0000L + random.nextInt(50_000) * 4096L;
      vm.access(0, 1, gva, tables.place(1, gva), false);
    }
    return TranslationRows.close(vm, 1, 2);
  }

  @Test
  void frequentPageTableChangesMakeShadowPagingDearerThanNested() {
    TranslationInterval nested = pageTableHeavy(policy(TranslationMode.NESTED, GuestPages.SIZE_4K, PageSize.SIZE_2M));
    TranslationInterval shadow = pageTableHeavy(policy(TranslationMode.SHADOW, GuestPages.SIZE_4K, PageSize.SIZE_2M));
    assertTrue(shadow.getVmExits() > 4000, "every switch and table write traps: " + shadow.getVmExits());
    assertTrue(nested.getVmExits() == 0);
    assertTrue(shadow.getTranslationCycles() > 3 * nested.getTranslationCycles(),
        "shadow " + shadow.getTranslationCycles() + " cycles vs nested " + nested.getTranslationCycles());
  }

  @Test
  void aLargeRandomFootprintWithStableTablesMakesNestedPagingDearerThanShadow() {
    TranslationInterval nested = largeRandomFootprint(policy(TranslationMode.NESTED, GuestPages.SIZE_4K, PageSize.SIZE_4K));
    TranslationInterval shadow = largeRandomFootprint(policy(TranslationMode.SHADOW, GuestPages.SIZE_4K, PageSize.SIZE_4K));
    assertTrue(nested.getWalks() > 500_000, "the footprint defeats the TLB: " + nested.getWalks() + " walks");
    assertTrue(nested.getWalkRefs() > 2 * shadow.getWalkRefs(),
        "2D walks read more: nested " + nested.getWalkRefs() + " vs shadow " + shadow.getWalkRefs());
    assertTrue(shadow.getTranslationCycles() < nested.getTranslationCycles(),
        "shadow " + shadow.getTranslationCycles() + " cycles vs nested " + nested.getTranslationCycles());
  }

  @Test
  void largeHostPagesCutTlbMissesOnceTheFootprintOutgrowsTheFourKilobyteReach() {
    // transparent huge pages in the guest, so 2 MB translations exist wherever the host backs with 2 MB
    TranslationInterval small = largeRandomFootprint(policy(TranslationMode.NESTED, GuestPages.THP, PageSize.SIZE_4K));
    TranslationInterval large = largeRandomFootprint(policy(TranslationMode.NESTED, GuestPages.THP, PageSize.SIZE_2M));
    assertTrue(large.getWalks() * 10 < small.getWalks(),
        "2 MB backing: " + large.getWalks() + " walks, 4 KB backing: " + small.getWalks());
    assertTrue(large.getL1Hits2m() + large.getL2Hits2m() > 0);
  }
}
