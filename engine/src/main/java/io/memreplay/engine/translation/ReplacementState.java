package io.memreplay.engine.translation;

import io.memreplay.engine.config.Replacement;
import java.util.SplittableRandom;

/**
 * What a replacement policy remembers of the uses of each set of one TLB structure, and the victim it picks
 * from that, in primitive arrays as {@link TlbArray} keeps its tags.
 */
abstract class ReplacementState {

  /** The state of {@code replacement} for a structure of {@code sets} sets of {@code ways} ways, none used yet. */
  static ReplacementState of(Replacement replacement, int sets, int ways, long seed) {
    return switch (replacement) {
      case LRU -> ways >= LruList.MIN_WAYS ? new LruList(sets, ways) : new LruStamps(sets, ways);
      case TREE_PLRU -> new PlruTrees(sets, ways);
      case RANDOM -> new RandomVictims(ways, seed);
    };
  }

  abstract void touch(int set, int way);

  /** The way of a full set to evict next. */
  abstract int victim(int set);

  /**
   * True LRU: each slot keeps the time of its latest use; the victim is the set's oldest. A stamp carries its
   * way in the low bits, so the oldest way is just the smallest stamp, found without a data-dependent branch: a
   * compare-and-remember loop mispredicts each time it meets a new oldest, and the minimum made a miss and
   * fill of the Skylake STLB a fifth faster. The clock keeps 63 − log2(ways) bits: 2^51 uses of a 4096-way
   * structure. Only full sets need a victim, and every entry of a full set has been used, so every stamp
   * compared carries its way.
   */
  private static final class LruStamps extends ReplacementState {
    private final int ways;
    private final int wayBits;
    private final long[] stamps;
    private long clock;

    LruStamps(int sets, int ways) {
      this.ways = ways;
      this.wayBits = 32 - Integer.numberOfLeadingZeros(ways - 1);
      this.stamps = new long[sets * ways];
    }

    @Override
    void touch(int set, int way) {
      stamps[set * ways + way] = ++clock << wayBits | way;
    }

    @Override
    int victim(int set) {
      int first = set * ways;
      long oldest = Long.MAX_VALUE;
      for (int way = 0; way < ways; way++) {
        oldest = Math.min(oldest, stamps[first + way]);
      }
      return (int) (oldest & ((1L << wayBits) - 1));
    }
  }

  /**
   * True LRU for wide sets (the STLB, the fully associative walk caches and nested TLB): each set's ways in a doubly
   * linked list from most to least recently used, so a use moves its way to the front and the victim is
   * the back, both in constant time, where a minimum over stamps reads every way. Evicts exactly what
   * {@link LruStamps} evicts: the way used longest ago (the ways a set never used count as used before
   * all others, in way order, which only matters to a set with empty ways, and those are filled first).
   */
  private static final class LruList extends ReplacementState {
    /**
     * From this many ways on, the list beats a scan of stamps: with 8 (so the 12-way STLB and the walk
     * caches use lists) TranslationBenchmark ran 3.0 -> 5.9 M accesses/s on the generated trace and 50 -> 71 M
     * on lackey; with 4 (the L1s too) it gained nothing more.
     */
    static final int MIN_WAYS = 8;

    private final int ways;
    private final int[] newer;
    private final int[] older;
    /** By set: its most and its least recently used way. */
    private final int[] front;
    private final int[] back;

    LruList(int sets, int ways) {
      this.ways = ways;
      this.newer = new int[sets * ways];
      this.older = new int[sets * ways];
      this.front = new int[sets];
      this.back = new int[sets];
      for (int set = 0; set < sets; set++) {
        int first = set * ways;
        // way 0 at the back: untouched ways go in way order
        for (int way = 0; way < ways; way++) {
          newer[first + way] = way + 1 < ways ? way + 1 : -1;
          older[first + way] = way - 1;
        }
        front[set] = ways - 1;
        back[set] = 0;
      }
    }

    @Override
    void touch(int set, int way) {
      if (front[set] == way) {
        return;
      }
      int first = set * ways;
      int slot = first + way;
      int before = older[slot];
      int after = newer[slot];
      // unlink: way is not the front, so it has a newer neighbour
      older[first + after] = before;
      if (before >= 0) {
        newer[first + before] = after;
      } else {
        back[set] = after;
      }
      // relink at the front
      older[slot] = front[set];
      newer[slot] = -1;
      newer[first + front[set]] = way;
      front[set] = way;
    }

    @Override
    int victim(int set) {
      return back[set];
    }
  }

  /**
   * Tree pseudo-LRU: per set a binary tree whose ways − 1 inner nodes each hold one bit pointing at the half
   * to evict from next. A use turns the bits on its path away from the way used; the victim is found by
   * following the bits from the root. Nodes are numbered as in a heap (root 1, children 2n and 2n + 1, way w
   * is leaf ways + w), so a set's tree is one long whose bit n is node n, and a use rewrites its whole path
   * at once with masks computed per way in advance.
   */
  private static final class PlruTrees extends ReplacementState {
    private final int ways;
    private final long[] trees;
    /** By way: the inner nodes on the path from its leaf to the root. */
    private final long[] paths;
    /** By way: the bits of those nodes when they point away from it. */
    private final long[] pointingAway;

    PlruTrees(int sets, int ways) {
      this.ways = ways;
      this.trees = new long[sets];
      this.paths = new long[ways];
      this.pointingAway = new long[ways];
      for (int way = 0; way < ways; way++) {
        for (int node = ways + way; node > 1; node >>>= 1) {
          long parent = 1L << (node >>> 1);
          paths[way] |= parent;
          boolean leftChild = (node & 1) == 0;
          if (leftChild) {
            pointingAway[way] |= parent;
          }
        }
      }
    }

    @Override
    void touch(int set, int way) {
      trees[set] = trees[set] & ~paths[way] | pointingAway[way];
    }

    @Override
    int victim(int set) {
      long tree = trees[set];
      int node = 1;
      while (node < ways) {
        node = 2 * node + (int) (tree >>> node & 1);
      }
      return node - ways;
    }
  }

  /** Random: a seeded generator picks the victim, so a seed always gives the same evictions. */
  private static final class RandomVictims extends ReplacementState {
    private final int ways;
    private final SplittableRandom random;

    RandomVictims(int ways, long seed) {
      this.ways = ways;
      this.random = new SplittableRandom(seed);
    }

    @Override
    void touch(int set, int way) {
      // the victim does not depend on past uses
    }

    @Override
    int victim(int set) {
      return random.nextInt(ways);
    }
  }
}
