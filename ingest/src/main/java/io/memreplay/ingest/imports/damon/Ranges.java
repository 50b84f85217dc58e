package io.memreplay.ingest.imports.damon;

import java.util.Arrays;

/**
 * Address ranges {@code [start, end)}, each with an access count, in parallel primitive arrays that grow: a
 * target's regions as read, and the ranges of one window as they are merged and ordered for reading.
 */
final class Ranges {

  long[] start = new long[64];
  long[] end = new long[64];
  int[] accesses = new int[64];
  int size;

  void clear() {
    size = 0;
  }

  void add(long from, long to, int count) {
    if (size == start.length) {
      start = Arrays.copyOf(start, size * 2);
      end = Arrays.copyOf(end, size * 2);
      accesses = Arrays.copyOf(accesses, size * 2);
    }
    start[size] = from;
    end[size] = to;
    accesses[size] = count;
    size++;
  }

  /** Merges overlapping ranges, keeping the highest count; the merged ranges are in address order. */
  void merge() {
    if (size == 0) {
      return;
    }
    Integer[] byStart = indices();
    Arrays.sort(byStart, (a, b) -> Long.compare(start[a], start[b]));
    long[] mergedStart = new long[size];
    long[] mergedEnd = new long[size];
    int[] mergedAccesses = new int[size];
    int merged = 0;
    for (int index : byStart) {
      if (merged > 0 && start[index] < mergedEnd[merged - 1]) {
        mergedEnd[merged - 1] = Math.max(mergedEnd[merged - 1], end[index]);
        mergedAccesses[merged - 1] = Math.max(mergedAccesses[merged - 1], accesses[index]);
      } else {
        mergedStart[merged] = start[index];
        mergedEnd[merged] = end[index];
        mergedAccesses[merged] = accesses[index];
        merged++;
      }
    }
    start = mergedStart;
    end = mergedEnd;
    accesses = mergedAccesses;
    size = merged;
  }

  /** Orders the ranges by count, then address. */
  void orderByCount() {
    if (size == 0) {
      return;
    }
    Integer[] byCount = indices();
    Arrays.sort(byCount, (a, b) -> accesses[a] != accesses[b] ? Integer.compare(accesses[a], accesses[b])
        : Long.compare(start[a], start[b]));
    long[] s = new long[size];
    long[] e = new long[size];
    int[] c = new int[size];
    for (int k = 0; k < size; k++) {
      s[k] = start[byCount[k]];
      e[k] = end[byCount[k]];
      c[k] = accesses[byCount[k]];
    }
    start = s;
    end = e;
    accesses = c;
  }

  long pages() {
    long pages = 0;
    for (int k = 0; k < size; k++) {
      pages += ((end[k] + (1L << AccessWindows.PAGE_SHIFT) - 1) >>> AccessWindows.PAGE_SHIFT) - (start[k] >>> AccessWindows.PAGE_SHIFT);
    }
    return pages;
  }

  private Integer[] indices() {
    Integer[] indices = new Integer[size];
    for (int k = 0; k < size; k++) {
      indices[k] = k;
    }
    return indices;
  }
}
