package io.memreplay.engine.translation;

import io.memreplay.engine.config.PageSize;
import io.memreplay.engine.config.TlbGeometry;
import io.memreplay.engine.config.TlbPresets;
import io.memreplay.engine.config.TlbStructure;
import io.memreplay.engine.config.Replacement;
import static io.memreplay.engine.config.PageSize.SIZE_1G;
import static io.memreplay.engine.config.PageSize.SIZE_2M;
import static io.memreplay.engine.config.PageSize.SIZE_4K;
import static io.memreplay.engine.translation.TlbHierarchy.L1_HIT;
import static io.memreplay.engine.translation.TlbHierarchy.L2_HIT;
import static io.memreplay.engine.translation.TlbHierarchy.MISS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memreplay.engine.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlbHierarchyTest {

  private static final int CONTEXT = 3;
  private static final long DATA = 0x7f12_3456_7000L;
  private static final boolean INSTRUCTION = true;
  private static final boolean LOAD = false;

  /** A 4-entry L1D and L1I and a 64-entry L2, all LRU, all sizes. */
  private static TlbHierarchy small() {
    List<TlbStructure> four = List.of(new TlbStructure(List.of(PageSize.values()), 4, 4));
    return new TlbHierarchy(new TlbGeometry("small", four, four,
        List.of(new TlbStructure(List.of(PageSize.values()), 64, 4)), Replacement.LRU), 1);
  }

  private static TlbHierarchy preset(String name) throws ConfigException {
    return new TlbHierarchy(TlbPresets.preset(name), 1);
  }

  /** Fills {@code count} other pages of {@code size} for loads, pushing older entries out of a small L1D. */
  private static void fillOtherPages(TlbHierarchy tlb, PageSize size, int count) {
    for (int i = 1; i <= count; i++) {
      tlb.fill(CONTEXT, (1L << 40) + i * size.bytes(), size, LOAD);
    }
  }

  @Test
  void aTranslationNeverFilledMisses() {
    assertEquals(MISS, small().lookup(CONTEXT, DATA, SIZE_4K, LOAD));
  }

  @Test
  void aFilledTranslationHitsInL1ForEveryAddressOfItsPage() {
    TlbHierarchy tlb = small();
    tlb.fill(CONTEXT, DATA, SIZE_4K, LOAD);
    assertEquals(L1_HIT, tlb.lookup(CONTEXT, DATA + 0xfff, SIZE_4K, LOAD));
    assertEquals(MISS, tlb.lookup(CONTEXT, DATA + 0x1000, SIZE_4K, LOAD));
  }

  @Test
  void anL2HitRefillsTheL1() {
    TlbHierarchy tlb = small();
    tlb.fill(CONTEXT, DATA, SIZE_4K, LOAD);
    fillOtherPages(tlb, SIZE_4K, 4);
    assertEquals(L2_HIT, tlb.lookup(CONTEXT, DATA, SIZE_4K, LOAD));
    assertEquals(L1_HIT, tlb.lookup(CONTEXT, DATA, SIZE_4K, LOAD));
  }

  @Test
  void instructionFetchesUseTheL1iAndLoadsTheL1d() {
    TlbHierarchy tlb = small();
    tlb.fill(CONTEXT, DATA, SIZE_4K, INSTRUCTION);
    assertEquals(L1_HIT, tlb.lookup(CONTEXT, DATA, SIZE_4K, INSTRUCTION));
    assertEquals(L2_HIT, tlb.lookup(CONTEXT, DATA, SIZE_4K, LOAD), "the fetch filled the L1I and the L2 only");
    fillOtherPages(tlb, SIZE_4K, 4);
    assertEquals(L1_HIT, tlb.lookup(CONTEXT, DATA, SIZE_4K, INSTRUCTION), "loads do not evict from the L1I");
  }

  @Test
  void aPageSizeTheL1iCannotHoldIsCachedInTheL2Only() throws ConfigException {
    TlbHierarchy skylake = preset("skylake");
    skylake.fill(CONTEXT, DATA, SIZE_1G, INSTRUCTION);
    assertEquals(L2_HIT, skylake.lookup(CONTEXT, DATA, SIZE_1G, INSTRUCTION));
    assertEquals(L2_HIT, skylake.lookup(CONTEXT, DATA, SIZE_1G, INSTRUCTION), "the refill found no 1 GB L1I entries");
    skylake.fill(CONTEXT, DATA, SIZE_1G, LOAD);
    assertEquals(L1_HIT, skylake.lookup(CONTEXT, DATA, SIZE_1G, LOAD));
  }

  @Test
  void eachPageSizeGoesToTheL1dStructureOfThatSize() throws ConfigException {
    TlbHierarchy skylake = preset("skylake");
    skylake.fill(CONTEXT, DATA, SIZE_2M, LOAD);
    fillOtherPages(skylake, SIZE_4K, 64);
    assertEquals(L1_HIT, skylake.lookup(CONTEXT, DATA, SIZE_2M, LOAD), "4 KB fills do not evict 2 MB entries");
    fillOtherPages(skylake, SIZE_2M, 32);
    assertEquals(L2_HIT, skylake.lookup(CONTEXT, DATA, SIZE_2M, LOAD));
  }

  @Test
  void anL2WithoutOneGigabyteEntriesCachesTheTwoMegabytesAroundTheAddress() {
    List<TlbStructure> l1 = List.of(new TlbStructure(List.of(SIZE_4K), 4, 4));
    TlbHierarchy amdLike = new TlbHierarchy(new TlbGeometry("amd-like", l1, l1,
        List.of(new TlbStructure(List.of(SIZE_4K, SIZE_2M), 64, 4)), Replacement.LRU), 1);
    long page = 5L << 30;
    amdLike.fill(CONTEXT, page + (3L << 21), SIZE_1G, LOAD);
    assertEquals(L2_HIT, amdLike.lookup(CONTEXT, page + (3L << 21) + 12345, SIZE_1G, LOAD));
    assertEquals(MISS, amdLike.lookup(CONTEXT, page, SIZE_1G, LOAD), "another 2 MB part of the page was never filled");
    assertEquals(L2_HIT, amdLike.lookup(CONTEXT, page + (3L << 21), SIZE_2M, LOAD), "a smashed entry is a 2 MB entry");
  }

  @Test
  void flushingAContextEmptiesEveryLevelOfItOnly() {
    TlbHierarchy tlb = small();
    tlb.fill(1, DATA, SIZE_4K, LOAD);
    tlb.fill(2, DATA, SIZE_4K, INSTRUCTION);
    tlb.flush(1);
    assertEquals(MISS, tlb.lookup(1, DATA, SIZE_4K, LOAD));
    assertEquals(L1_HIT, tlb.lookup(2, DATA, SIZE_4K, INSTRUCTION));
    tlb.flushAll();
    assertEquals(MISS, tlb.lookup(2, DATA, SIZE_4K, INSTRUCTION));
  }

  @Test
  void invalidatingAPageDropsItFromEveryLevel() throws ConfigException {
    TlbHierarchy zen2 = preset("zen2");
    zen2.fill(CONTEXT, DATA, SIZE_1G, LOAD);
    zen2.fill(CONTEXT, DATA, SIZE_4K, INSTRUCTION);
    zen2.invalidate(CONTEXT, DATA, SIZE_1G);
    assertEquals(MISS, zen2.lookup(CONTEXT, DATA, SIZE_1G, LOAD), "gone from the L1D and, smashed, from the L2");
    assertEquals(L1_HIT, zen2.lookup(CONTEXT, DATA, SIZE_4K, INSTRUCTION));
  }
}
