package io.memreplay.engine.translation;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One set-associative TLB structure (fully associative when ways == entries, then one set) holding
 * entries of one or more page sizes, tagged by a context: the caller's combination of address space and
 * VM, which the TLB only compares. Lookups run for every simulated memory access, so the layout follows
 * reference translation.md §5: primitive arrays only, no object per entry, the ways of a set side by side,
 * and a power-of-two number of sets so that the set of a page number is {@code vpn & (sets - 1)}.
 *
 * <p>Each entry is a tag of two longs: the 64-bit page number as given, then the owner, {@code context << 2 |
 * (page size + 1)}. Together they hold context, page number and page size without loss, so entries of two
 * contexts, or of two page sizes with numerically equal page numbers, never alias. An owner of 0 marks an
 * empty slot: the low two bits of a real owner are never both zero.
 */
public final class TlbArray {

  private static final long EMPTY = 0;

  private final String name;
  private final int ways;
  private final int setMask;
  private final Set<PageSize> sizes;
  /** By slot (set × ways + way): the page number, and the owner (context and size). */
  private final long[] vpns;
  private final long[] owners;
  private final ReplacementState replacement;
  /**
   * Where the tag of the latest hit or fill starts. That entry is always the most recently used of its set,
   * so a repeated hit on it leaves every policy's state as it is: the common case of several accesses to one
   * page costs one tag comparison instead of a scan (drcachesim keeps its last tag likewise, reference §4).
   */
  private int lastSlot;

  /**
   * @param name names the structure in messages, e.g. "l1d 4k"
   * @param seed seeds the random replacement policy; the others ignore it
   * @param sizes the page sizes this structure can hold
   */
  public TlbArray(String name, int entries, int ways, Replacement replacement, long seed, Set<PageSize> sizes) {
    if (sizes.isEmpty()) {
      throw new IllegalArgumentException(name + " must hold at least one page size");
    }
    int sets = setsOf(entries, ways, name);
    replacement.requireSupports(ways, name);
    this.name = name;
    this.ways = ways;
    this.setMask = sets - 1;
    this.sizes = EnumSet.copyOf(sizes);
    this.vpns = new long[entries];
    this.owners = new long[entries];
    this.replacement = ReplacementState.of(replacement, sets, ways, seed);
  }

  /**
   * The sets of a structure of {@code entries} entries in sets of {@code ways}, or an error naming {@code
   * structure} when they are not a positive whole power of two (a fully associative structure has one set).
   */
  static int setsOf(int entries, int ways, String structure) {
    if (entries <= 0 || ways <= 0) {
      throw new IllegalArgumentException(structure + ": entries (" + entries + ") and ways (" + ways
          + ") must be positive");
    }
    if (entries % ways != 0) {
      throw new IllegalArgumentException(structure + ": entries (" + entries + ") must be a multiple of ways ("
          + ways + ")");
    }
    int sets = entries / ways;
    if (Integer.bitCount(sets) != 1) {
      throw new IllegalArgumentException(structure + ": " + entries + " entries in sets of " + ways + " ways make "
          + sets + " sets, but the number of sets must be a power of two (or ways = entries: fully associative)");
    }
    return sets;
  }

  public boolean holds(PageSize size) {
    return sizes.contains(size);
  }

  /** Looks up page {@code vpn} of that size in {@code context}; on a hit updates recency and returns true. */
  public boolean lookup(int context, long vpn, PageSize size) {
    long owner = owner(context, size);
    if (vpns[lastSlot] == vpn && owners[lastSlot] == owner) {
      return true;
    }
    int set = (int) vpn & setMask;
    int way = wayOf(set, vpn, owner);
    if (way < 0) {
      return false;
    }
    use(set, way);
    return true;
  }

  /** Inserts (context, vpn, size) if absent, into an empty slot of its set if there is one, else evicting. */
  public void insert(int context, long vpn, PageSize size) {
    if (!holds(size)) {
      throw new IllegalArgumentException(name + " holds no " + size + " entries, only " + sizes);
    }
    long owner = owner(context, size);
    int set = (int) vpn & setMask;
    int first = set * ways;
    int empty = -1;
    for (int way = 0; way < ways; way++) {
      if (vpns[first + way] == vpn && owners[first + way] == owner) {
        use(set, way);
        return;
      }
      if (empty < 0 && owners[first + way] == EMPTY) {
        empty = way;
      }
    }
    int way = empty >= 0 ? empty : replacement.victim(set);
    vpns[first + way] = vpn;
    owners[first + way] = owner;
    use(set, way);
  }

  /** Drops every entry of {@code context}: a context switch without tags, or an address space's TLB shootdown. */
  public void flush(int context) {
    for (int slot = 0; slot < owners.length; slot++) {
      if (owners[slot] != EMPTY && owners[slot] >> 2 == context) {
        owners[slot] = EMPTY;
      }
    }
  }

  public void flushAll() {
    Arrays.fill(owners, EMPTY);
  }

  /** Drops the entry of (context, vpn, size) if present: an INVLPG. */
  public void invalidate(int context, long vpn, PageSize size) {
    int set = (int) vpn & setMask;
    int way = wayOf(set, vpn, owner(context, size));
    if (way >= 0) {
      owners[set * ways + way] = EMPTY;
    }
  }

  public int entries() {
    return vpns.length;
  }

  public int ways() {
    return ways;
  }

  public int sets() {
    return setMask + 1;
  }

  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return name + " (" + entries() + " entries, " + ways + " ways, " + sizes + ")";
  }

  private static long owner(int context, PageSize size) {
    return (long) context << 2 | (size.ordinal() + 1);
  }

  /** The way of {@code set} holding the tag, or -1: the scan every lookup makes, two compares per way. */
  private int wayOf(int set, long vpn, long owner) {
    int first = set * ways;
    for (int way = 0; way < ways; way++) {
      if (vpns[first + way] == vpn && owners[first + way] == owner) {
        return way;
      }
    }
    return -1;
  }

  private void use(int set, int way) {
    replacement.touch(set, way);
    lastSlot = set * ways + way;
  }

  /** What a replacement policy remembers of the uses of each set, and the victim it picks from that. */
  private abstract static class ReplacementState {

    static ReplacementState of(Replacement replacement, int sets, int ways, long seed) {
      return switch (replacement) {
        case LRU -> new LruStamps(sets, ways);
        case TREE_PLRU -> new PlruTrees(sets, ways);
        case RANDOM -> new RandomVictims(ways, seed);
      };
    }

    abstract void touch(int set, int way);

    /** The way of a full set to evict next. */
    abstract int victim(int set);
  }

  /**
   * True LRU: each slot keeps the time of its latest use; the victim is the set's oldest. A stamp carries its
   * way in the low bits, so the oldest way is the smallest stamp: a minimum without a data-dependent branch
   * (a compare-and-remember loop mispredicts on about every third way of a random set). The clock has 63 − log2
   * (ways) bits: 2^51 uses of a 4096-way structure, decades of simulation. Only full sets need a victim, and
   * every entry of a full set has been used, so every stamp compared carries its way.
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
   * Tree pseudo-LRU: per set a binary tree whose ways − 1 inner nodes each hold one bit pointing at the half
   * to evict from next. A use turns the bits on its path away from the way used; the victim is found by
   * following the bits from the root. Nodes are numbered as in a heap (root 1, children 2n and 2n + 1, way
   * w is leaf ways + w), so each set takes {@code ways} bits of which bit 0 is unused.
   */
  private static final class PlruTrees extends ReplacementState {
    private final int ways;
    private final long[] bits;

    PlruTrees(int sets, int ways) {
      this.ways = ways;
      this.bits = new long[(sets * ways + 63) / 64];
    }

    @Override
    void touch(int set, int way) {
      int first = set * ways;
      for (int node = ways + way; node > 1; node >>>= 1) {
        int bit = first + (node >>> 1);
        long pointRight = ~node & 1; // a use from the left child points the parent right, without a branch
        bits[bit >>> 6] = bits[bit >>> 6] & ~(1L << bit) | pointRight << bit;
      }
    }

    @Override
    int victim(int set) {
      int first = set * ways;
      int node = 1;
      while (node < ways) {
        int bit = first + node;
        node = 2 * node + (int) (bits[bit >>> 6] >>> bit & 1);
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
