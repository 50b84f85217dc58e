package io.memreplay.ingest.generate;

import io.memreplay.ingest.generate.GuestLayout.Region;

/**
 * Where the guest maps its physical pages. The OS image belongs to the kernel's address space 0; every
 * other page to one of {@value #PROCESSES} processes, chosen by hashing the page. Each address space has
 * its own 1 TB window in the 47-bit user half of x86-64 addresses, and a page sits in it at a seeded
 * permutation of its physical page number: virtual and physical order differ as in a running guest, and
 * each (address space, virtual page) is exactly one physical page.
 */
final class GuestAddresses {

  static final int KERNEL = 0;
  static final int PROCESSES = 4;
  /** 16 TB: windows 0..PROCESSES end below 2^47, the top of user space. */
  private static final long WINDOWS_BASE = 1L << 44;
  private static final int WINDOW_SHIFT = 40;

  private final long firstProcessPage;
  private final long asidKey;
  private final PagePermutation virtualOrder;

  GuestAddresses(GuestLayout layout, long key) {
    this.firstProcessPage = layout.start(Region.LIBRARIES);
    this.asidKey = Hashes.combine(key, 1);
    this.virtualOrder = new PagePermutation(layout.pages(), Hashes.combine(key, 2));
  }

  /** The address space that maps page {@code gpn}. */
  int asid(long gpn) {
    return gpn < firstProcessPage ? KERNEL : 1 + Math.floorMod(Hashes.combine(asidKey, gpn), PROCESSES);
  }

  /** The virtual address of the start of page {@code gpn} in address space {@code asid}. */
  long pageAddress(int asid, long gpn) {
    return WINDOWS_BASE + ((long) asid << WINDOW_SHIFT) + (virtualOrder.apply(gpn) << GuestLayout.PAGE_SHIFT);
  }
}
