package io.memreplay.engine.translation;

import io.memreplay.engine.primitives.LongIntHashMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The guest OS's page allocator as far as a trace without physical addresses lets us know it: each
 * virtual page of each address space gets the next free guest physical page the first time it is
 * touched, and keeps it. Sequential first-touch placement is what a freshly booted guest with ample
 * free memory does; it makes the working set exact even though physical addresses are invented.
 */
public final class FirstTouchAllocator {

  /**
   * The first invented guest page number: 2^33 pages (32 TB) lies above any real guest's physical
   * memory (vSphere 8 allows 24 TB per VM), so invented pages never collide with pages a trace records
   * by physical address.
   */
  public static final long FIRST_GPN = 1L << 33;

  private final LongIntHashMap[] spaces = new LongIntHashMap[16];
  /** Address spaces with ids outside the small-id array, which covers the common case without boxing. */
  private final Map<Integer, LongIntHashMap> otherSpaces = new HashMap<>();
  private int allocated;
  private int lastAsid = Integer.MIN_VALUE;
  private LongIntHashMap lastSpace;

  /** The guest physical page backing virtual page {@code gvpn} of address space {@code asid}. */
  public long gpn(int asid, long gvpn) {
    LongIntHashMap space = space(asid);
    int placed = space.putIfAbsent(gvpn, allocated);
    if (placed == allocated) {
      allocated++;
    }
    return FIRST_GPN + placed;
  }

  /** Guest physical pages handed out so far. */
  public int allocated() {
    return allocated;
  }

  private LongIntHashMap space(int asid) {
    if (asid != lastAsid) {
      lastSpace = lookUp(asid);
      lastAsid = asid;
    }
    return lastSpace;
  }

  private LongIntHashMap lookUp(int asid) {
    if (asid >= 0 && asid < spaces.length) {
      LongIntHashMap space = spaces[asid];
      if (space == null) {
        space = new LongIntHashMap();
        spaces[asid] = space;
      }
      return space;
    }
    return otherSpaces.computeIfAbsent(asid, a -> new LongIntHashMap());
  }
}
