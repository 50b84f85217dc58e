package io.memreplay.engine.replay;

/**
 * The last two guest pages each VM touched, resolved: what address they were touched at, their guest page,
 * dense page index and region. Programs touch the page they touched last, or the one before, most of the
 * time (a stack and the data it works on), so most accesses resolve here without the page tables or the
 * page index. A page is known by its guest physical page where the trace records one, else by its
 * address space and virtual page; both caches of a VM are forgotten when its page tables change.
 */
final class RecentPages {

  static final int MISS = -1;
  private static final int WAYS = 2;

  private final long[] key;
  private final int[] asid;
  private final boolean[] physical;
  private final long[] gpn;
  private final int[] page;
  private final int[] region;
  /** Per VM, which of its two entries is the more recent. */
  private final byte[] recent;

  RecentPages(int vms) {
    recent = new byte[vms];
    key = new long[vms * WAYS];
    asid = new int[vms * WAYS];
    physical = new boolean[vms * WAYS];
    gpn = new long[vms * WAYS];
    page = new int[vms * WAYS];
    region = new int[vms * WAYS];
    for (int vm = 0; vm < vms; vm++) {
      forget(vm);
    }
  }

  /**
   * The entry of the VM in {@code slot} for guest physical page {@code number} ({@code isPhysical}) or for
   * virtual page {@code number} of address space {@code space}, made the most recent; {@link #MISS} when
   * neither of its two holds it.
   */
  int find(int slot, boolean isPhysical, int space, long number) {
    int first = slot * WAYS;
    if (matches(first, isPhysical, space, number)) {
      recent[slot] = 0;
      return first;
    }
    if (matches(first + 1, isPhysical, space, number)) {
      recent[slot] = 1;
      return first + 1;
    }
    return MISS;
  }

  /** Remembers a page just resolved as the VM's most recent, in place of the older of its two. */
  void remember(int slot, boolean isPhysical, int space, long number, long guestPage, int pageIndex, int regionIndex) {
    int older = 1 - recent[slot];
    int entry = slot * WAYS + older;
    key[entry] = number;
    asid[entry] = space;
    physical[entry] = isPhysical;
    gpn[entry] = guestPage;
    page[entry] = pageIndex;
    region[entry] = regionIndex;
    recent[slot] = (byte) older;
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

  /** The VM's page tables changed: what its virtual pages resolved to may no longer hold. */
  void forget(int slot) {
    for (int entry = slot * WAYS; entry < (slot + 1) * WAYS; entry++) {
      key[entry] = -1;
      physical[entry] = true;
    }
  }

  private boolean matches(int entry, boolean isPhysical, int space, long number) {
    return key[entry] == number && physical[entry] == isPhysical && (isPhysical || asid[entry] == space);
  }
}
