package io.memreplay.engine.translation;

import io.memreplay.engine.config.PageSize;
import io.memreplay.engine.config.Replacement;
import static io.memreplay.engine.config.PageSize.SIZE_1G;
import static io.memreplay.engine.config.PageSize.SIZE_2M;
import static io.memreplay.engine.config.PageSize.SIZE_4K;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TlbArrayTest {

  private static final int CONTEXT = 7;
  private static final Set<PageSize> ALL_SIZES = EnumSet.allOf(PageSize.class);

  private static TlbArray array(int entries, int ways, Replacement replacement) {
    return new TlbArray("test", entries, ways, replacement, 42, ALL_SIZES);
  }

  /** Looks each page up in turn, inserting it on a miss as a walk would; returns the misses. */
  private static int sweep(TlbArray tlb, long[] vpns) {
    int misses = 0;
    for (long vpn : vpns) {
      if (!tlb.lookup(CONTEXT, vpn, SIZE_4K)) {
        misses++;
        tlb.insert(CONTEXT, vpn, SIZE_4K);
      }
    }
    return misses;
  }

  private static long[] consecutive(int count) {
    long[] vpns = new long[count];
    for (int i = 0; i < count; i++) {
      vpns[i] = 1000 + i;
    }
    return vpns;
  }

  /** {@code count} pages that all index set {@code set} of {@code tlb}. */
  private static long[] inOneSet(TlbArray tlb, int set, int count) {
    long[] vpns = new long[count];
    for (int i = 0; i < count; i++) {
      vpns[i] = set + (long) (i + 3) * tlb.sets();
    }
    return vpns;
  }

  @Test
  void aCyclicSweepThatFitsAFullyAssociativeLruTlbMissesOnlyWhileWarmingUp() {
    TlbArray tlb = array(64, 64, Replacement.LRU);
    long[] pages = consecutive(64);
    assertEquals(64, sweep(tlb, pages));
    for (int round = 0; round < 5; round++) {
      assertEquals(0, sweep(tlb, pages));
    }
  }

  @Test
  void aCyclicSweepOnePageLargerThanAFullyAssociativeLruTlbMissesEveryAccess() {
    TlbArray tlb = array(64, 64, Replacement.LRU);
    long[] pages = consecutive(65);
    for (int round = 0; round < 5; round++) {
      assertEquals(65, sweep(tlb, pages));
    }
  }

  @Test
  void oneSetOfAnLruTlbHoldsAsManyPagesAsItHasWaysAndThrashesWithOneMore() {
    TlbArray tlb = array(64, 4, Replacement.LRU);
    long[] fits = inOneSet(tlb, 5, 4);
    sweep(tlb, fits);
    assertEquals(0, sweep(tlb, fits));

    long[] thrashes = inOneSet(tlb, 9, 5);
    for (int round = 0; round < 5; round++) {
      assertEquals(5, sweep(tlb, thrashes));
    }
    assertEquals(0, sweep(tlb, fits), "other sets are untouched by the thrashing");
  }

  @ParameterizedTest
  @EnumSource(Replacement.class)
  void pagesSpreadOverEverySetFillTheWholeTlbWithoutAMissAfterWarmUp(Replacement replacement) {
    TlbArray tlb = array(64, 4, replacement);
    assertEquals(16, tlb.sets());
    long[] pages = consecutive(tlb.sets() * tlb.ways());
    assertEquals(64, sweep(tlb, pages));
    for (int round = 0; round < 5; round++) {
      assertEquals(0, sweep(tlb, pages));
    }
  }

  @ParameterizedTest
  @EnumSource(Replacement.class)
  void noPolicyEvictsFromASetHoldingNoMorePagesThanWays(Replacement replacement) {
    for (int ways : new int[] {1, 2, 4, 8, 64}) {
      TlbArray tlb = array(64, ways, replacement);
      for (int pages = 1; pages <= ways; pages++) {
        long[] vpns = inOneSet(tlb, 0, pages);
        tlb.flushAll();
        assertEquals(pages, sweep(tlb, vpns));
        for (int round = 0; round < 3; round++) {
          assertEquals(0, sweep(tlb, vpns), replacement + ", " + pages + " pages in " + ways + " ways");
        }
      }
    }
  }

  @Test
  void lruEvictsTheLeastRecentlyUsedEntry() {
    TlbArray tlb = array(4, 4, Replacement.LRU);
    long[] four = consecutive(4);
    sweep(tlb, four);
    assertTrue(tlb.lookup(CONTEXT, four[0], SIZE_4K));
    tlb.insert(CONTEXT, 99, SIZE_4K);
    assertTrue(tlb.lookup(CONTEXT, four[0], SIZE_4K));
    assertFalse(tlb.lookup(CONTEXT, four[1], SIZE_4K), "the least recently used page");
    assertTrue(tlb.lookup(CONTEXT, four[2], SIZE_4K));
  }

  @Test
  void treePlruNeverEvictsTheEntryUsedLast() {
    TlbArray tlb = array(8, 8, Replacement.TREE_PLRU);
    long[] pages = consecutive(8);
    for (int i = 0; i < 100; i++) {
      for (long page : pages) {
        tlb.insert(CONTEXT, page, SIZE_4K);
      }
      long used = pages[(i * 5) % 8];
      assertTrue(tlb.lookup(CONTEXT, used, SIZE_4K));
      tlb.insert(CONTEXT, 10_000 + i, SIZE_4K);
      assertTrue(tlb.lookup(CONTEXT, used, SIZE_4K), "evicted the page used just before the fill");
      tlb.invalidate(CONTEXT, 10_000 + i, SIZE_4K);
    }
  }

  @Test
  void emptySlotsAreFilledBeforeAnyEntryIsEvicted() {
    for (Replacement replacement : Replacement.values()) {
      TlbArray tlb = array(4, 4, replacement);
      long[] four = consecutive(4);
      sweep(tlb, four);
      tlb.invalidate(CONTEXT, four[2], SIZE_4K);
      tlb.insert(CONTEXT, 99, SIZE_4K);
      for (long vpn : new long[] {four[0], four[1], four[3], 99}) {
        assertTrue(tlb.lookup(CONTEXT, vpn, SIZE_4K), replacement + " evicted " + vpn);
      }
    }
  }

  /** Hits and misses of a random-order thrashing pattern: 9 pages in one 8-way set. */
  private static List<Boolean> thrash(long seed) {
    TlbArray tlb = new TlbArray("random", 8, 8, Replacement.RANDOM, seed, ALL_SIZES);
    List<Boolean> hits = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      long vpn = (i * 7L) % 9;
      boolean hit = tlb.lookup(CONTEXT, vpn, SIZE_4K);
      hits.add(hit);
      if (!hit) {
        tlb.insert(CONTEXT, vpn, SIZE_4K);
      }
    }
    return hits;
  }

  @Test
  void randomReplacementRepeatsItsEvictionsForOneSeedAndVariesThemAcrossSeeds() {
    assertEquals(thrash(1), thrash(1));
    assertNotEquals(thrash(1), thrash(2));
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 64})
  void entriesOfOneContextAreInvisibleToAnother(int ways) {
    TlbArray tlb = array(64, ways, Replacement.LRU);
    tlb.insert(1, 500, SIZE_4K);
    assertFalse(tlb.lookup(2, 500, SIZE_4K));
    assertTrue(tlb.lookup(1, 500, SIZE_4K));
    tlb.insert(Integer.MIN_VALUE, 500, SIZE_4K);
    tlb.insert(Integer.MAX_VALUE, 500, SIZE_4K);
    tlb.insert(-1, 500, SIZE_4K);
    assertFalse(tlb.lookup(0, 500, SIZE_4K), "context 0 aliases no other context, nor an empty slot");
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 64})
  void flushingAContextDropsOnlyItsEntries(int ways) {
    TlbArray tlb = array(64, ways, Replacement.LRU);
    for (long vpn = 0; vpn < 20; vpn++) {
      tlb.insert(1, vpn, SIZE_4K);
      tlb.insert(2, vpn, SIZE_4K);
    }
    tlb.flush(1);
    for (long vpn = 0; vpn < 20; vpn++) {
      assertFalse(tlb.lookup(1, vpn, SIZE_4K));
      assertTrue(tlb.lookup(2, vpn, SIZE_4K));
    }
    tlb.flushAll();
    assertFalse(tlb.lookup(2, 3, SIZE_4K));
  }

  @Test
  void slotsAFlushEmptiedAreRefilledBeforeAnyEntryIsEvicted() {
    TlbArray tlb = array(4, 4, Replacement.LRU);
    tlb.insert(2, 10, SIZE_4K);
    tlb.insert(2, 11, SIZE_4K);
    tlb.insert(1, 10, SIZE_4K);
    tlb.insert(1, 11, SIZE_4K);
    tlb.flush(1);
    tlb.insert(3, 10, SIZE_4K);
    tlb.insert(3, 11, SIZE_4K);
    assertTrue(tlb.lookup(2, 10, SIZE_4K) && tlb.lookup(2, 11, SIZE_4K), "the least recently used entries stay");
  }

  @Test
  void insertingAPresentEntryAgainKeepsOneCopy() {
    TlbArray tlb = array(64, 64, Replacement.LRU);
    assertFalse(tlb.lookup(CONTEXT, 9, SIZE_4K));
    tlb.insert(CONTEXT, 9, SIZE_4K);
    tlb.insert(CONTEXT, 9, SIZE_4K);
    tlb.invalidate(CONTEXT, 9, SIZE_4K);
    assertFalse(tlb.lookup(CONTEXT, 9, SIZE_4K), "a second copy survived the invalidation");
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 64})
  void pagesOfDifferentSizesWithEqualPageNumbersDoNotAlias(int ways) {
    TlbArray tlb = array(64, ways, Replacement.LRU);
    tlb.insert(CONTEXT, 12, SIZE_2M);
    assertFalse(tlb.lookup(CONTEXT, 12, SIZE_4K));
    assertFalse(tlb.lookup(CONTEXT, 12, SIZE_1G));
    assertTrue(tlb.lookup(CONTEXT, 12, SIZE_2M));
    tlb.insert(CONTEXT, 12, SIZE_4K);
    tlb.invalidate(CONTEXT, 12, SIZE_2M);
    assertTrue(tlb.lookup(CONTEXT, 12, SIZE_4K), "invalidating the 2 MB entry leaves the 4 KB one");
    assertFalse(tlb.lookup(CONTEXT, 12, SIZE_2M));
  }

  @Test
  void pageNumbersKeepAllSixtyFourBits() {
    TlbArray tlb = array(4, 4, Replacement.LRU);
    tlb.insert(CONTEXT, -1L, SIZE_4K);
    assertFalse(tlb.lookup(CONTEXT, Long.MAX_VALUE, SIZE_4K));
    assertFalse(tlb.lookup(CONTEXT, 0, SIZE_4K));
    assertTrue(tlb.lookup(CONTEXT, -1L, SIZE_4K));
  }

  @Test
  void aStructureRefusesPageSizesItDoesNotHold() {
    TlbArray tlb = new TlbArray("l1d 2m", 32, 4, Replacement.LRU, 0, EnumSet.of(SIZE_2M));
    assertTrue(tlb.holds(SIZE_2M));
    assertFalse(tlb.holds(SIZE_4K));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tlb.insert(CONTEXT, 1, SIZE_4K));
    assertEquals("l1d 2m holds no 4k entries, only [2m]", e.getMessage());
  }

  @Test
  void impossibleShapesAreRejectedWithTheReason() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> array(96, 4, Replacement.LRU)).getMessage()
        .contains("96 entries in sets of 4 ways make 24 sets, but the number of sets must be a power of two"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> array(100, 12, Replacement.LRU)).getMessage()
        .contains("entries (100) must be a multiple of ways (12)"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> array(0, 0, Replacement.LRU)).getMessage()
        .contains("must be positive"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> array(1536, 12, Replacement.TREE_PLRU))
        .getMessage().contains("has 12 ways, but tree-plru needs a power of two up to 64"));
    assertThrows(IllegalArgumentException.class, () -> array(128, 128, Replacement.TREE_PLRU));
    assertEquals(72, array(72, 72, Replacement.LRU).entries(), "fully associative: one set of any size");
    assertThrows(IllegalArgumentException.class,
        () -> new TlbArray("none", 4, 4, Replacement.LRU, 0, EnumSet.noneOf(PageSize.class)));
  }

  /**
   * LRU sets of 2 to 64 ways (narrow ones keep stamps, wide ones a list) hit and evict exactly as a
   * reference LRU per set (a LinkedHashMap in access order) does, on random lookups, fills and invalidations.
   */
  @ParameterizedTest
  @ValueSource(ints = {2, 8, 15, 16, 32, 64})
  void lruSetsOfAnyWidthBehaveAsAReferenceLru(int ways) {
    int sets = 4;
    TlbArray tlb = new TlbArray("lru", sets * ways, ways, Replacement.LRU, 0, ALL_SIZES);
    List<LinkedHashMap<Long, Boolean>> reference = new ArrayList<>();
    for (int set = 0; set < sets; set++) {
      reference.add(new LinkedHashMap<>(16, 0.75f, true));
    }
    SplittableRandom random = new SplittableRandom(ways);
    for (int step = 0; step < 50_000; step++) {
      long vpn = random.nextInt(ways * sets * 2);
      LinkedHashMap<Long, Boolean> set = reference.get((int) vpn & (sets - 1));
      switch (random.nextInt(10)) {
        case 0 -> {
          tlb.invalidate(CONTEXT, vpn, SIZE_4K);
          set.remove(vpn);
        }
        default -> {
          boolean hit = tlb.lookup(CONTEXT, vpn, SIZE_4K);
          assertEquals(set.get(vpn) != null, hit, "step " + step + ", page " + vpn);
          if (!hit) {
            tlb.insert(CONTEXT, vpn, SIZE_4K);
            if (set.size() == ways) {
              set.remove(set.keySet().iterator().next());
            }
            set.put(vpn, true);
          }
        }
      }
    }
  }
}
