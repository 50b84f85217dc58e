package io.memreplay.engine.memory;

import io.memreplay.engine.primitives.LongIntHashMap;
import java.util.Arrays;

/**
 * The guest physical pages one VM has touched, each given a dense index on first sight, in order of
 * first sight. Pages are 4 KB guest page numbers (gpa >>> 12). Each page also belongs to a 2 MB region
 * (gpn >>> 9) with its own dense index, so that per-region facts are array slots too.
 */
public final class VmPages {

  /** 4 KB pages per 2 MB region. */
  public static final int PAGES_PER_REGION = 512;
  private static final int REGION_SHIFT = 9;

  private final LongIntHashMap pageIndex = new LongIntHashMap(1 << 12);
  private final LongIntHashMap regionIndex = new LongIntHashMap(1 << 6);
  private long[] gpns = new long[1 << 12];
  private int[] regions = new int[1 << 12];
  private int pages;

  /** The index of page {@code gpn}, indexing it first if it is new. */
  public int indexOf(long gpn) {
    int index = pageIndex.putIfAbsent(gpn, pages);
    if (index == pages) {
      add(gpn);
    }
    return index;
  }

  /** The index of page {@code gpn}, or -1 when the VM has not touched it. */
  public int find(long gpn) {
    return pageIndex.get(gpn, -1);
  }

  private void add(long gpn) {
    if (pages == gpns.length) {
      gpns = Arrays.copyOf(gpns, pages * 2);
      regions = Arrays.copyOf(regions, pages * 2);
    }
    gpns[pages] = gpn;
    regions[pages] = regionIndex.putIfAbsent(gpn >>> REGION_SHIFT, regionIndex.size());
    pages++;
  }

  /** Pages indexed so far: every index is below this. */
  public int pageCount() {
    return pages;
  }

  /** 2 MB regions indexed so far. */
  public int regionCount() {
    return regionIndex.size();
  }

  public long gpn(int page) {
    return gpns[page];
  }

  /** The region index of page {@code page}. */
  public int region(int page) {
    return regions[page];
  }
}
