package io.memreplay.ingest.generate;

import io.memreplay.ingest.generate.GuestLayout.Region;

/**
 * Which pages are hot: the page of each popularity rank, in the OS image and among the other (data)
 * pages. Ranks map through seeded permutations, so a VM's hot pages lie scattered over its memory, as in
 * a guest that has run for a while. A working set of w pages is the pages of ranks 1..w: a growing working
 * set keeps its hot pages and adds colder ones, and an idle VM keeps touching its hottest.
 */
final class HotPages {

  private final long firstDataPage;
  private final PagePermutation osImageOrder;
  private final PagePermutation dataOrder;

  HotPages(GuestLayout layout, long key) {
    this.firstDataPage = layout.start(Region.LIBRARIES);
    this.osImageOrder = new PagePermutation(layout.size(Region.OS_IMAGE), Hashes.combine(key, 1));
    this.dataOrder = new PagePermutation(layout.dataPages(), Hashes.combine(key, 2));
  }

  long osImagePages() {
    return osImageOrder.size();
  }

  long dataPages() {
    return dataOrder.size();
  }

  /** The OS image page of popularity {@code rank}, from 1. */
  long osImagePage(long rank) {
    return osImageOrder.apply(rank - 1);
  }

  /** The data page of popularity {@code rank}, from 1. */
  long dataPage(long rank) {
    return firstDataPage + dataOrder.apply(rank - 1);
  }
}
