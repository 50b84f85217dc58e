package io.memreplay.ingest.imports;

import io.memreplay.engine.primitives.LongHashSet;
import java.util.Arrays;

/**
 * The distinct 4 KB pages one address space touched, to size its VM. A set of page numbers: its memory
 * grows with the footprint, not with the length of the trace. As in the engine, an access that crosses
 * a page boundary touches the next page too.
 */
final class Footprint {

  private static final int PAGE_SHIFT = 12;
  private static final long PAGE_MASK = (1L << PAGE_SHIFT) - 1;
  /** No page number: addresses shifted right unsigned are never negative. */
  private static final long NO_PAGE = -1;
  /**
   * Pages seen lately, one per slot by their low bits. Program traces alternate between a few pages
   * (code, stack, a heap object), each of which mostly finds its slot still holding it; that spares the
   * set lookup, which would otherwise cost as much as parsing the line.
   */
  private static final int RECENT_SLOTS = 256;

  private final LongHashSet pages = new LongHashSet(1 << 10);
  private final long[] recent = new long[RECENT_SLOTS];

  Footprint() {
    Arrays.fill(recent, NO_PAGE);
  }

  void touch(long address, int bytes) {
    long page = address >>> PAGE_SHIFT;
    add(page);
    if ((address & PAGE_MASK) + bytes > 1 << PAGE_SHIFT) {
      add(page + 1);
    }
  }

  private void add(long page) {
    int slot = (int) page & (RECENT_SLOTS - 1);
    if (recent[slot] != page) {
      recent[slot] = page;
      pages.add(page);
    }
  }

  long pages() {
    return pages.size();
  }
}
