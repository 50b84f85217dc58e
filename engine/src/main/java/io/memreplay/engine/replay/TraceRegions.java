package io.memreplay.engine.replay;

import io.memreplay.engine.model.Accesses;
import io.memreplay.engine.primitives.LongIntHashMap;
import java.util.Arrays;

/**
 * The 2 MB regions of the addresses a trace records, each VM's densely indexed on first sight: the
 * guest-physical region (gpa >>> 21) where the trace records gpa, else the guest-virtual region of the
 * access's address space, (asid, gva >>> 21) — the same identity as {@code inspect}'s distinct 2 MB pages.
 * Unlike {@link Accesses#region}, it does not depend on where the translation policy's guest allocator model
 * places pages that have no recorded gpa.
 */
final class TraceRegions {

  private static final int REGION_SHIFT = 21;
  /** Keys of guest-physical regions carry this bit; region numbers are below 2^43, so it never clashes. */
  private static final long PHYSICAL = 1L << 62;
  /** Address spaces below this are packed into the key beside the region number; others go to a map of their own. */
  private static final int PACKED_ASIDS = 1 << 19;

  private final VmRegions[] vms;

  TraceRegions(int vmCount) {
    vms = new VmRegions[vmCount];
    for (int slot = 0; slot < vmCount; slot++) {
      vms[slot] = new VmRegions();
    }
  }

  /**
   * The index of the 2 MB region of the VM in {@code slot} that {@code address} falls in: guest-physical
   * when {@code physical}, else guest-virtual in address space {@code asid}.
   */
  int indexOf(int slot, boolean physical, int asid, long address) {
    return vms[slot].indexOf(physical, asid, address >>> REGION_SHIFT);
  }

  /**
   * One VM's regions: guest-physical regions below {@link #DIRECT_REGIONS} in an array by region number
   * (a lookup per access, and a hash probe missed the cache on hosts of many VMs), other keys in a map,
   * address spaces too large to pack in maps of their own.
   */
  private static final class VmRegions {
    /** 2 TB of guest-physical addresses: the array grows to the highest region seen, 4 MB at most. */
    private static final int DIRECT_REGIONS = 1 << 20;

    /** Index + 1 of each guest-physical region by its number; 0 when not seen yet. */
    private int[] direct = new int[0];
    private final LongIntHashMap packed = new LongIntHashMap(1 << 8);
    private final LongIntHashMap wideAsids = new LongIntHashMap();
    private LongIntHashMap[] wide = new LongIntHashMap[0];
    private int count;
    /** Accesses come in runs within one region: the last key found, and its index. */
    private long lastKey = -1;
    private int lastIndex;

    int indexOf(boolean physical, int asid, long region) {
      if (physical && region < DIRECT_REGIONS) {
        return directIndex((int) region);
      }
      LongIntHashMap map = packed;
      long key;
      if (physical) {
        key = PHYSICAL | region;
      } else if (asid >= 0 && asid < PACKED_ASIDS) {
        key = (long) asid << 43 | region;
      } else {
        map = wideMap(asid);
        key = region;
      }
      if (map == packed && key == lastKey) {
        return lastIndex;
      }
      int index = map.putIfAbsent(key, count);
      if (index == count) {
        count++;
      }
      if (map == packed) {
        lastKey = key;
        lastIndex = index;
      }
      return index;
    }

    private int directIndex(int region) {
      if (region >= direct.length) {
        direct = Arrays.copyOf(direct, Math.min(DIRECT_REGIONS, Math.max(region + 1, direct.length * 2)));
      }
      int index = direct[region] - 1;
      if (index < 0) {
        index = count++;
        direct[region] = count;
      }
      return index;
    }

    private LongIntHashMap wideMap(int asid) {
      int slot = wideAsids.putIfAbsent(asid, wide.length);
      if (slot == wide.length) {
        wide = Arrays.copyOf(wide, wide.length + 1);
        wide[slot] = new LongIntHashMap();
      }
      return wide[slot];
    }
  }
}
