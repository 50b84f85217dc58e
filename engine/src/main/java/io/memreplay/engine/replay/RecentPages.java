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

  RecentPages(int vms) {
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
      return first;
    }
    if (matches(first + 1, isPhysical, space, number)) {
      swap(first);
      return first;
    }
    return MISS;
  }

  /** Remembers a page just resolved as the VM's most recent; the older of its two is forgotten. */
  void remember(int slot, boolean isPhysical, int space, long number, long guestPage, int pageIndex, int regionIndex) {
    int first = slot * WAYS;
    copy(first, first + 1);
    key[first] = number;
    asid[first] = space;
    physical[first] = isPhysical;
    gpn[first] = guestPage;
    page[first] = pageIndex;
    region[first] = regionIndex;
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

  private void swap(int first) {
    long k = key[first];
    int a = asid[first];
    boolean p = physical[first];
    long g = gpn[first];
    int pi = page[first];
    int r = region[first];
    copy(first + 1, first);
    key[first + 1] = k;
    asid[first + 1] = a;
    physical[first + 1] = p;
    gpn[first + 1] = g;
    page[first + 1] = pi;
    region[first + 1] = r;
  }

  private void copy(int from, int to) {
    key[to] = key[from];
    asid[to] = asid[from];
    physical[to] = physical[from];
    gpn[to] = gpn[from];
    page[to] = page[from];
    region[to] = region[from];
  }
}
