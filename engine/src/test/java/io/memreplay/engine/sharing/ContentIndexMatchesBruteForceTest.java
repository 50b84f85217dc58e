package io.memreplay.engine.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.ContentHashes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The index's sharing potential equals the formula computed from scratch over every page, whatever the order
 * of writes: contents gained and lost by one page, by several pages of one VM, by several VMs of a group,
 * zero pages, unknown contents, and hashes that agree in their high 32 bits (which the index's slots keep).
 */
class ContentIndexMatchesBruteForceTest {

  private static final int PAGES = 300;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void potentialAfterRandomWritesEqualsTheFormulaOverAllPages(long seed) {
    checkAgainstBruteForce(new int[] {0, 1, 0, 2, 0}, seed);
  }

  /** A group too large for the records' dense per-VM copies: they are kept in a map instead. */
  @ParameterizedTest
  @ValueSource(longs = {6, 7})
  void aLargeSaltGroupCountsTheSame(long seed) {
    checkAgainstBruteForce(new int[20], seed);
  }

  private static void checkAgainstBruteForce(int[] groups, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int vms = groups.length;
    ContentIndex index = new ContentIndex(groups);
    long[][] contents = new long[vms][PAGES];
    for (long[] vm : contents) {
      Arrays.fill(vm, Columns.NULL);
    }
    for (int step = 0; step < 20_000; step++) {
      int vm = random.nextInt(vms);
      int page = random.nextInt(PAGES);
      long hash = content(random);
      boolean changed = index.set(vm, page, hash);
      assertEquals(contents[vm][page] != hash, changed, "set says whether the content changed");
      contents[vm][page] = hash;
      assertEquals(hash, index.contentOf(vm, page));
      if (random.nextInt(7) == 0) {
        // the sharing scanner looks up one page, which takes just that page's waiting write in
        index.hint(random.nextInt(vms), random.nextInt(PAGES));
      }
      if (step % 997 == 0) {
        for (int v = 0; v < vms; v++) {
          assertSame(bruteForce(groups, contents, v), index.potential(v), "vm " + v + " after " + step + " writes");
        }
      }
    }
    for (int v = 0; v < vms; v++) {
      assertSame(bruteForce(groups, contents, v), index.potential(v), "vm " + v);
    }
  }

  /** Counts exactly; sums of fractions to rounding (the index adds them in another order). */
  private static void assertSame(SharingPotential expected, SharingPotential actual, String where) {
    assertEquals(expected.knownPages(), actual.knownPages(), where);
    assertEquals(expected.zeroPages(), actual.zeroPages(), where);
    assertEquals(expected.intraDupPages(), actual.intraDupPages(), where);
    assertEquals(expected.interDupPages(), actual.interDupPages(), 1e-9, where);
    assertEquals(expected.potentialPages(), actual.potentialPages(), 1e-9, where);
  }

  /** Few contents, so that pages and VMs share them often; some differ only in their low 32 bits. */
  private static long content(SplittableRandom random) {
    int kind = random.nextInt(10);
    if (kind == 0) {
      return ContentHashes.ZERO;
    }
    if (kind == 1) {
      return Columns.NULL;
    }
    long high = random.nextInt(6) + 1;
    long low = random.nextInt(4);
    return high << 32 | low;
  }

  private static SharingPotential bruteForce(int[] groups, long[][] contents, int vm) {
    Map<Long, Integer> copies = new HashMap<>();
    for (long hash : contents[vm]) {
      if (hash != Columns.NULL) {
        copies.merge(hash, 1, Integer::sum);
      }
    }
    long known = 0;
    long zero = 0;
    long intra = 0;
    double inter = 0;
    double potential = 0;
    for (Map.Entry<Long, Integer> entry : copies.entrySet()) {
      long hash = entry.getKey();
      int n = entry.getValue();
      Set<Integer> holders = new HashSet<>();
      for (int other = 0; other < groups.length; other++) {
        if (groups[other] == groups[vm]) {
          for (long h : contents[other]) {
            if (h == hash) {
              holders.add(other);
            }
          }
        }
      }
      int k = holders.size();
      known += n;
      if (hash == ContentHashes.ZERO) {
        zero += n;
      } else {
        intra += n - 1;
        inter += 1 - 1.0 / k;
      }
      potential += n - 1.0 / k;
    }
    return new SharingPotential(known, zero, intra, inter, potential);
  }
}
