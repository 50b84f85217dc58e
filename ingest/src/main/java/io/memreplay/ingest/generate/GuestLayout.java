package io.memreplay.ingest.generate;

/**
 * How a synthetic guest's physical pages divide into regions, in guest page number order: the OS image,
 * shared libraries and page cache, free memory, and private data. Regions are contiguous so that a page's
 * region takes a few comparisons; which pages are hot is scattered over them by the access model instead.
 */
final class GuestLayout {

  static final int PAGE_BYTES = 4096;
  static final int PAGE_SHIFT = 12;

  /** Kernel and system binaries: about an eighth of a small guest's memory. */
  static final double OS_IMAGE_SHARE = 0.12;
  /** Shared libraries and the page cache of common files. */
  static final double LIBRARY_SHARE = 0.18;

  /** What a region of guest memory holds when the trace starts. */
  enum Region {
    OS_IMAGE,
    LIBRARIES,
    /** Zero pages: memory the guest has not used yet. */
    FREE,
    /** Heaps, stacks and buffers of the guest's processes. */
    PRIVATE
  }

  private final long pages;
  private final long librariesStart;
  private final long freeStart;
  private final long privateStart;

  GuestLayout(long pages, GuestOs os) {
    this.pages = pages;
    this.librariesStart = Math.round(pages * OS_IMAGE_SHARE);
    this.freeStart = librariesStart + Math.round(pages * LIBRARY_SHARE);
    this.privateStart = freeStart + Math.round(pages * os.zeroShare());
  }

  long pages() {
    return pages;
  }

  Region regionOf(long gpn) {
    if (gpn < librariesStart) {
      return Region.OS_IMAGE;
    }
    if (gpn < freeStart) {
      return Region.LIBRARIES;
    }
    return gpn < privateStart ? Region.FREE : Region.PRIVATE;
  }

  /** The first page of {@code region}. */
  long start(Region region) {
    return switch (region) {
      case OS_IMAGE -> 0;
      case LIBRARIES -> librariesStart;
      case FREE -> freeStart;
      case PRIVATE -> privateStart;
    };
  }

  /** Pages of {@code region}. */
  long size(Region region) {
    Region[] regions = Region.values();
    int next = region.ordinal() + 1;
    return (next < regions.length ? start(regions[next]) : pages) - start(region);
  }

  /** Pages outside the OS image: where data accesses go. They follow the OS image. */
  long dataPages() {
    return pages - librariesStart;
  }
}
