package io.memreplay.engine.translation;

import io.memreplay.engine.config.TranslationPolicy;
import io.memreplay.engine.config.TranslationMode;
import io.memreplay.engine.config.PageSize;
import io.memreplay.engine.config.TranslationCosts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memreplay.engine.config.TranslationPolicy.GuestPages;
import io.memreplay.engine.config.TranslationPolicy.Placement;
import io.memreplay.schemas.avro.TranslationInterval;
import io.memreplay.schemas.trace.PageTableColumns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Page-table references per walk, counted as docs/model.md "Address translation" defines them. */
class PageWalkerTest {

  private static final int ASID = 1;
  private static final long GVA = 0x7f12_3456_7000L;

  /** A policy of the given mode and sizes; caches on or off; everything else ESXi's defaults. */
  static TranslationPolicy policy(TranslationMode mode, int levels, PageSize hostBacking, boolean caches) {
    return new TranslationPolicy(mode, levels, levels, GuestPages.SIZE_4K, Placement.FIRST_TOUCH, hostBacking,
        TranslationPolicy.ESXI_DEFAULT.tlb(), true, caches, TranslationPolicy.DEFAULT_WALK_CACHE_ENTRIES, caches,
        TranslationPolicy.DEFAULT_NESTED_TLB_ENTRIES, TranslationCosts.DEFAULT);
  }

  /** One VM whose address space {@link #ASID} maps {@link #GVA}'s region with guest pages of {@code guestPage}. */
  private static VmTranslation vm(TranslationPolicy policy, PageSize guestPage, GuestPageTables tables) {
    if (guestPage != PageSize.SIZE_4K) {
      long base = GVA & -guestPage.bytes();
      tables.apply(PageTableColumns.MAP, ASID, base, 0x4000_0000L, guestPage);
    }
    return new VmTranslation(policy, tables, 1);
  }

  private static GuestPageTables tables(int levels) {
    return new GuestPageTables(levels, GuestPages.SIZE_4K, Placement.FIRST_TOUCH, 1 << 20, 1);
  }

  private static TranslationInterval accessAll(VmTranslation vm, GuestPageTables tables, long... addresses) {
    for (long address : addresses) {
      vm.access(0, ASID, address, tables.place(ASID, address), false);
    }
    return TranslationRows.close(vm, 0, 1);
  }

  @ParameterizedTest
  @CsvSource({"4, SIZE_4K, 4", "4, SIZE_2M, 3", "4, SIZE_1G, 2", "5, SIZE_4K, 5", "5, SIZE_2M, 4", "5, SIZE_1G, 3"})
  void aNativeWalkReadsOneEntryPerLevelDownToTheLeaf(int levels, PageSize leaf, long expectedRefs) {
    GuestPageTables tables = tables(levels);
    VmTranslation vm = vm(policy(TranslationMode.NATIVE, levels, PageSize.SIZE_4K, false), leaf, tables);
    TranslationInterval row = accessAll(vm, tables, GVA);
    assertEquals(1, row.getWalks());
    assertEquals(expectedRefs, row.getWalkRefs());
  }

  @ParameterizedTest
  @CsvSource({
      "SIZE_4K, SIZE_4K", "SIZE_4K, SIZE_2M", "SIZE_4K, SIZE_1G",
      "SIZE_2M, SIZE_4K", "SIZE_2M, SIZE_2M", "SIZE_2M, SIZE_1G",
      "SIZE_1G, SIZE_4K", "SIZE_1G, SIZE_2M", "SIZE_1G, SIZE_1G"})
  void aNestedWalkWithoutCachesReadsNPlusOneTimesMPlusOneMinusOneEntries(PageSize guest, PageSize host) {
    GuestPageTables tables = tables(4);
    VmTranslation vm = vm(policy(TranslationMode.NESTED, 4, host, false), guest, tables);
    TranslationInterval row = accessAll(vm, tables, GVA);
    long n = 4 - PageWalker.leafLevel(guest) + 1;
    long m = 4 - PageWalker.leafLevel(host) + 1;
    assertEquals((n + 1) * (m + 1) - 1, row.getWalkRefs(), guest + " guest pages, " + host + " host pages");
  }

  @Test
  void aFiveLevelNestedWalkOfFourKilobytePagesReads35Entries() {
    GuestPageTables tables = tables(5);
    VmTranslation vm = vm(policy(TranslationMode.NESTED, 5, PageSize.SIZE_4K, false), PageSize.SIZE_4K, tables);
    assertEquals(35, accessAll(vm, tables, GVA).getWalkRefs());
  }

  @ParameterizedTest
  @EnumSource(value = TranslationMode.class, names = {"NATIVE", "NESTED", "SHADOW"})
  void withEveryCacheWarmANeighbouringPageCostsOneRead(TranslationMode mode) {
    GuestPageTables tables = tables(4);
    VmTranslation warm = vm(policy(mode, 4, PageSize.SIZE_2M, true), PageSize.SIZE_4K, tables);
    accessAll(warm, tables, GVA);
    // another 4 KB page of the same 2 MB region: the walk cache knows its page table, and (nested) the
    // nested TLB holds the host pages of that table and of the data
    TranslationInterval second = accessAll(warm, tables, GVA + 4096);
    assertEquals(1, second.getWalks());
    assertEquals(1, second.getWalkRefs(), mode + ": only the page-table entry is read");
    assertEquals(1, second.getWalkCacheHits());
    assertEquals(mode == TranslationMode.NESTED ? 2 : 0, second.getNestedTlbHits());
  }

  @Test
  void withoutCachesTheNeighbourCostsAFullWalkAgain() {
    GuestPageTables tables = tables(4);
    VmTranslation cold = vm(policy(TranslationMode.NESTED, 4, PageSize.SIZE_4K, false), PageSize.SIZE_4K, tables);
    assertEquals(48, accessAll(cold, tables, GVA, GVA + 4096).getWalkRefs());
  }
}
