package io.memreplay.engine.translation;

import io.memreplay.engine.config.PageSize;
import io.memreplay.engine.config.Replacement;
import io.memreplay.engine.config.TlbStructure;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * One set-associative TLB structure (fully associative when ways == entries, then one set) holding
 * entries of one or more page sizes, tagged by a context: the caller's combination of address space and
 * VM, which the TLB only compares. Lookups run for every simulated memory access, so the layout follows
 * docs/model.md "Address translation": primitive arrays only, no object per entry, the ways of a set side by side,
 * and a power-of-two number of sets so that the set of a page number is {@code vpn & (sets - 1)}.
 *
 * <p>Each entry's tag is two longs in parallel arrays: the 64-bit page number as given, and the owner,
 * {@code context << 2 | (page size + 1)}. Together they hold context, page number and page size without
 * loss, so entries of two contexts, or of two page sizes with numerically equal page numbers, never alias.
 * An owner of 0 marks an empty slot: the low two bits of a real owner are never both zero. A scan compares
 * page numbers and looks at an owner only when they match; keeping the page numbers apart from the owners
 * packs eight ways into a cache line and made the 64-way scan a quarter faster than interleaved tags.
 */
public final class TlbArray {

  private static final long EMPTY = 0;
  /** Sets of at least this many ways get a way predictor: scanning them costs more than a hash. */
  private static final int WIDE_SET = 32;

  private final String name;
  private final int ways;
  private final int setMask;
  private final Set<PageSize> sizes;
  /** By slot (set × ways + way): the page number, and the owner (context and size). */
  private final long[] vpns;
  private final long[] owners;
  private final ReplacementState replacement;
  /**
   * A way predictor for wide sets (fully associative L1s have 64 ways): by a hash of the tag, the slot that
   * last held it. A hint is a guess checked against the tag like any way, so a stale one costs only the scan
   * it failed to save, and most hits cost one probe instead of half a scan (a 64-entry structure's hits went
   * from about 25 to 4 ns). Null for sets narrow enough to scan.
   */
  private final int[] hints;
  private final int hintShift;
  /**
   * The slot of the latest hit or fill. Its entry is always the most recently used of its set, so a repeated
   * hit on it leaves every policy's state as it is: the common case of several accesses to one page costs one
   * tag comparison instead of a scan (drcachesim keeps its last tag likewise, docs/model.md).
   */
  private int lastSlot;
  /**
   * The tag of the latest lookup that missed, until the next insert clears it. Only an insert makes an entry
   * present, so inserting that tag (the fill after a walk, or an L2 hit's refill) needs no scan for a copy of
   * it: a whole scan saved per miss, which a 64-way structure feels most.
   */
  private long missedVpn;
  private long missedOwner = EMPTY;
  /** Slots holding an entry. While all do, no set has an empty way worth looking for. */
  private int occupied;

  /**
   * @param name names the structure in messages, e.g. "l1d 4k"
   * @param seed seeds the random replacement policy; the others ignore it
   * @param sizes the page sizes this structure can hold
   */
  public TlbArray(String name, int entries, int ways, Replacement replacement, long seed, Set<PageSize> sizes) {
    if (sizes.isEmpty()) {
      throw new IllegalArgumentException(name + " must hold at least one page size");
    }
    int sets = TlbStructure.setsOf(entries, ways, name);
    replacement.requireSupports(ways, name);
    this.name = name;
    this.ways = ways;
    this.setMask = sets - 1;
    this.sizes = EnumSet.copyOf(sizes);
    this.vpns = new long[entries];
    this.owners = new long[entries];
    this.replacement = ReplacementState.of(replacement, sets, ways, seed);
    int hintBits = 32 - Integer.numberOfLeadingZeros(4 * entries - 1);
    this.hints = ways >= WIDE_SET ? new int[1 << hintBits] : null;
    this.hintShift = 64 - hintBits;
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
    int way = hints == null ? wayOf(set, vpn, owner) : predictedWayOf(set, vpn, owner);
    if (way < 0) {
      missedVpn = vpn;
      missedOwner = owner;
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
    boolean knownAbsent = vpn == missedVpn && owner == missedOwner;
    missedOwner = EMPTY;
    int set = (int) vpn & setMask;
    int way = knownAbsent ? -1 : wayOf(set, vpn, owner);
    if (way < 0) {
      way = occupied == vpns.length ? replacement.victim(set) : emptyWayElseVictim(set);
      int slot = set * ways + way;
      if (owners[slot] == EMPTY) {
        occupied++;
      }
      vpns[slot] = vpn;
      owners[slot] = owner;
      if (hints != null) {
        hints[hint(vpn, owner)] = slot;
      }
    }
    use(set, way);
  }

  /** Drops every entry of {@code context}: a context switch without tags, or an address space's TLB shootdown. */
  public void flush(int context) {
    for (int slot = 0; slot < owners.length; slot++) {
      if (owners[slot] != EMPTY && owners[slot] >> 2 == context) {
        owners[slot] = EMPTY;
        occupied--;
      }
    }
  }

  public void flushAll() {
    Arrays.fill(owners, EMPTY);
    occupied = 0;
  }

  /** Drops the entry of (context, vpn, size) if present: an INVLPG. */
  public void invalidate(int context, long vpn, PageSize size) {
    int set = (int) vpn & setMask;
    int way = wayOf(set, vpn, owner(context, size));
    if (way >= 0) {
      owners[set * ways + way] = EMPTY;
      occupied--;
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

  /** As {@link #wayOf}, asking the way predictor first; a scan's find becomes the tag's hint. */
  private int predictedWayOf(int set, long vpn, long owner) {
    int hint = hint(vpn, owner);
    int hinted = hints[hint];
    if (vpns[hinted] == vpn && owners[hinted] == owner) {
      return hinted - set * ways; // a tag lives only in its own set, so the hinted slot is in this one
    }
    int way = wayOf(set, vpn, owner);
    if (way >= 0) {
      hints[hint] = set * ways + way;
    }
    return way;
  }

  /** Fibonacci hashing of the tag into the hint table. */
  private int hint(long vpn, long owner) {
    return (int) (((vpn ^ owner * 0x632BE59BD9B4E019L) * 0x9E3779B97F4A7C15L) >>> hintShift);
  }

  private int emptyWayElseVictim(int set) {
    int first = set * ways;
    for (int way = 0; way < ways; way++) {
      if (owners[first + way] == EMPTY) {
        return way;
      }
    }
    return replacement.victim(set);
  }

  private void use(int set, int way) {
    replacement.touch(set, way);
    lastSlot = set * ways + way;
  }
}
