package io.memreplay.ingest.inspect;

import io.memreplay.engine.primitives.LongHashSet;

/** The distinct 4 KB pages of one page-number space, and the distinct 2 MB pages they lie in. */
final class DistinctPages {

  /** 512 4 KB pages make a 2 MB page. */
  private static final int LARGE_PAGE_SHIFT = 9;

  private final LongHashSet pages = new LongHashSet(1 << 10);
  private final LongHashSet largePages = new LongHashSet(1 << 4);

  void add(long pageNumber) {
    // a page seen before has its 2 MB page counted already
    if (pages.add(pageNumber)) {
      largePages.add(pageNumber >>> LARGE_PAGE_SHIFT);
    }
  }

  long pages() {
    return pages.size();
  }

  long largePages() {
    return largePages.size();
  }
}
