package io.memreplay.engine.replay;

/**
 * The guest pages each VM touched lately, resolved: a direct-mapped cache of 256 pages per VM of what address a
 * page was touched at and its guest page, dense page index, region and trace region ({@link TraceRegions}). Programs come back to a handful of
 * pages (code, stack, the data at hand) most of the time, so most accesses resolve here without the page
 * tables or the page index. A page is known by its guest physical page where the trace records one, else
 * by its address space and virtual page; a VM's cache is forgotten when its page tables change.
 */
final class RecentPages {

  /** Entries per VM, a power of two; a page's entry is found by a multiplicative hash of its number. */
  private static final int ENTRY_BITS = 8;
  private static final int ENTRIES = 1 << ENTRY_BITS;

  /**
   * By entry, four longs side by side, so that a lookup reads one cache line: the page number it is known by;
   * its address space (virtual pages only) shifted left by one, with the low bit set for a guest physical
   * page, and its trace region in the high half; its guest page; its page index in the high half and its
   * region index in the low.
   */
  private static final int STRIDE = 4;
  private static final long PHYSICAL = 1;

  private final long[] entries;

  RecentPages(int vms) {
    entries = new long[vms * ENTRIES * STRIDE];
    for (int vm = 0; vm < vms; vm++) {
      forget(vm);
    }
  }

  /** The entry where the VM in {@code slot} keeps page {@code number}, whether it holds it or not. */
  static int entryOf(int slot, long number) {
    // the hash spreads pages whose numbers share their low bits (code, stack and heap at aligned addresses)
    return (slot * ENTRIES + (int) ((number * 0x9E3779B97F4A7C15L) >>> (Long.SIZE - ENTRY_BITS))) * STRIDE;
  }

  /**
   * Whether {@code entry} holds guest physical page {@code number} ({@code isPhysical}) or virtual page
   * {@code number} of address space {@code space}.
   */
  boolean holds(int entry, boolean isPhysical, int space, long number) {
    return entries[entry] == number && (int) entries[entry + 1] == kindOf(isPhysical, space);
  }

  /**
   * The low half of an entry's second long: a guest physical page (odd), or a virtual page of address space
   * {@code space} (even). Address spaces are never negative (the screen drops such rows), so the shift keeps
   * every one apart.
   */
  private static int kindOf(boolean isPhysical, int space) {
    return isPhysical ? (int) PHYSICAL : space << 1;
  }

  /** Remembers a page just resolved in its entry. */
  void remember(int entry, boolean isPhysical, int space, long number, long guestPage, int pageIndex, int regionIndex,
      int traceRegionIndex) {
    entries[entry] = number;
    entries[entry + 1] = (long) traceRegionIndex << 32 | (kindOf(isPhysical, space) & 0xFFFF_FFFFL);
    entries[entry + 2] = guestPage;
    entries[entry + 3] = (long) pageIndex << 32 | (regionIndex & 0xFFFF_FFFFL);
  }

  long gpn(int entry) {
    return entries[entry + 2];
  }

  int page(int entry) {
    return (int) (entries[entry + 3] >>> 32);
  }

  int region(int entry) {
    return (int) entries[entry + 3];
  }

  int traceRegion(int entry) {
    return (int) (entries[entry + 1] >>> 32);
  }

  /** The VM's page tables changed: what its virtual pages resolved to may no longer hold. */
  void forget(int slot) {
    for (int entry = slot * ENTRIES * STRIDE; entry < (slot + 1) * ENTRIES * STRIDE; entry += STRIDE) {
      entries[entry] = -1;
      entries[entry + 1] = PHYSICAL;
    }
  }
}
