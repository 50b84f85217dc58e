package io.memreplay.engine.translation;

import io.memreplay.engine.config.PageSize;
import io.memreplay.engine.primitives.PagedBitSet;

/**
 * How the host backs one VM's guest physical memory (the P2M): with pages of the policy's size where
 * possible, 4 KB pages in regions whose large page has been broken. ESXi backs guest memory with 2 MB
 * pages whenever available and breaks them when it must share, compress or swap (docs/model.md "Host memory",
 * large pages); breaking is the reclamation engine's call, counted here.
 */
public final class HostBacking {

  private final PageSize largest;
  private final int regionShift;
  /** Regions backed by 4 KB pages: looked up on every translation, so a bitmap rather than a hash set. */
  private final PagedBitSet brokenRegions = new PagedBitSet();
  private long broken;

  public HostBacking(PageSize largest) {
    this.largest = largest;
    this.regionShift = largest.shift() - PageSize.SIZE_4K.shift();
  }

  /** The size of the host page backing guest page {@code gpn}. */
  public PageSize sizeOf(long gpn) {
    if (largest == PageSize.SIZE_4K || brokenRegions.size() == 0 || !brokenRegions.contains(gpn >>> regionShift)) {
      return largest;
    }
    return PageSize.SIZE_4K;
  }

  /**
   * Breaks the large page backing {@code gpn} into 4 KB pages.
   *
   * @return true when a large page was broken, false when {@code gpn} was already backed by 4 KB pages
   */
  public boolean breakLargePage(long gpn) {
    if (largest == PageSize.SIZE_4K || !brokenRegions.add(gpn >>> regionShift)) {
      return false;
    }
    broken++;
    return true;
  }

  /**
   * Backs the region of {@code gpn} with 4 KB pages from the start, the host having no large page free for
   * it: not a break, nothing to count.
   */
  public void backWithSmallPages(long gpn) {
    if (largest != PageSize.SIZE_4K) {
      brokenRegions.add(gpn >>> regionShift);
    }
  }

  /** Large pages broken so far. */
  public long broken() {
    return broken;
  }
}
