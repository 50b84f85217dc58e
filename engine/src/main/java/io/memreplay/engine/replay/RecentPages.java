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

  private final long[] key;
  private final int[] asid;
  private final boolean[] physical;
  private final long[] gpn;
  private final int[] page;
  private final int[] region;
  private final int[] traceRegion;

  RecentPages(int vms) {
    key = new long[vms * ENTRIES];
    asid = new int[vms * ENTRIES];
    physical = new boolean[vms * ENTRIES];
    gpn = new long[vms * ENTRIES];
    page = new int[vms * ENTRIES];
    region = new int[vms * ENTRIES];
    traceRegion = new int[vms * ENTRIES];
    for (int vm = 0; vm < vms; vm++) {
      forget(vm);
    }
  }

  /** The entry where the VM in {@code slot} keeps page {@code number}, whether it holds it or not. */
  static int entryOf(int slot, long number) {
    // the hash spreads pages whose numbers share their low bits (code, stack and heap at aligned addresses)
    return slot * ENTRIES + (int) ((number * 0x9E3779B97F4A7C15L) >>> (Long.SIZE - ENTRY_BITS));
  }

  /**
   * Whether {@code entry} holds guest physical page {@code number} ({@code isPhysical}) or virtual page
   * {@code number} of address space {@code space}.
   */
  boolean holds(int entry, boolean isPhysical, int space, long number) {
    return key[entry] == number && physical[entry] == isPhysical && (isPhysical || asid[entry] == space);
  }

  /** Remembers a page just resolved in its entry. */
  void remember(int entry, boolean isPhysical, int space, long number, long guestPage, int pageIndex, int regionIndex,
      int traceRegionIndex) {
    key[entry] = number;
    asid[entry] = space;
    physical[entry] = isPhysical;
    gpn[entry] = guestPage;
    page[entry] = pageIndex;
    region[entry] = regionIndex;
    traceRegion[entry] = traceRegionIndex;
  }

  long gpn(int entry) {
    return gpn[entry];
  }

  int page(int entry) {
    return page[entry];
  }

  int region(int entry) {
    return region[entry];
  }

  int traceRegion(int entry) {
    return traceRegion[entry];
  }

  /** The VM's page tables changed: what its virtual pages resolved to may no longer hold. */
  void forget(int slot) {
    for (int entry = slot * ENTRIES; entry < (slot + 1) * ENTRIES; entry++) {
      key[entry] = -1;
      physical[entry] = true;
    }
  }
}
