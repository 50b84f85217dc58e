package io.memreplay.engine.model;

import io.memreplay.engine.primitives.IntArrays;
import io.memreplay.engine.primitives.PagedChars;
import io.memreplay.engine.primitives.PagedInts;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The guest physical pages one VM has touched, each given a dense index on first sight, in order of
 * first sight. Pages are 4 KB guest page numbers (gpa >>> 12). Each page also belongs to a 2 MB region
 * (gpn >>> 9) with its own dense index, so that per-region facts are array slots too.
 *
 * <p>Looking up a page's index is on the path of every access. Guest physical memory is dense from 0, so
 * the lookup is a two-level table, like a page table: chunks of {@value #CHUNK_PAGES} page slots (256 MB
 * of guest memory each), found by chunk number in a directly indexed table.
 */
public final class VmPages {

  /** 4 KB pages per 2 MB region. */
  public static final int PAGES_PER_REGION = 512;
  private static final int REGION_SHIFT = 9;
  private static final int CHUNK_SHIFT = 16;
  private static final int CHUNK_PAGES = 1 << CHUNK_SHIFT;
  private static final int CHUNK_MASK = CHUNK_PAGES - 1;
  private static final int ABSENT = -1;

  private static final int REGIONS_PER_CHUNK = CHUNK_PAGES / PAGES_PER_REGION;

  /**
   * Chunks are found by number in an array for guest physical memory below 16 TB (every real guest but
   * the largest; at most 512 KB of references), and through a map above, where the pages the guest
   * allocator model of translation invents live, densely, in few chunks.
   */
  private static final int DIRECT_CHUNKS = 1 << 16;

  private Chunk[] directChunks = new Chunk[16];
  private final Map<Long, Chunk> otherChunks = new HashMap<>();
  /** The last chunk found through the map: invented pages come in few, densely used chunks. */
  private long lastOtherNumber = -1;
  private Chunk lastOther;

  private int regionCount;
  private int pages;
  /**
   * By page index: its region's index, in 16 bits while the VM has at most 65,536 regions (128 GB of guest
   * memory touched), in 32 from then on. By region index: its first guest page.
   */
  private PagedChars narrowRegionOfIndex = new PagedChars();
  private PagedInts wideRegionOfIndex;
  private long[] regionFirstGpn = new long[1 << 6];

  /** The index of page {@code gpn}, indexing it first if it is new. */
  public int indexOf(long gpn) {
    Chunk chunk = chunk(gpn >>> CHUNK_SHIFT, true);
    int slot = (int) gpn & CHUNK_MASK;
    int index = chunk.pages[slot];
    if (index == ABSENT) {
      index = pages++;
      chunk.pages[slot] = index;
      int region = slot >>> REGION_SHIFT;
      if (chunk.regions[region] == ABSENT) {
        if (regionCount == regionFirstGpn.length) {
          regionFirstGpn = Arrays.copyOf(regionFirstGpn, regionCount * 2);
        }
        regionFirstGpn[regionCount] = gpn & ~(long) (PAGES_PER_REGION - 1);
        chunk.regions[region] = regionCount++;
      }
      setRegionOfIndex(index, chunk.regions[region]);
    }
    return index;
  }

  /** The region index of the page with index {@code page}. */
  public int regionOfIndex(int page) {
    return wideRegionOfIndex == null ? narrowRegionOfIndex.get(page) : wideRegionOfIndex.get(page);
  }

  private void setRegionOfIndex(int index, int region) {
    if (wideRegionOfIndex == null && region > Character.MAX_VALUE) {
      widen();
    }
    if (wideRegionOfIndex != null) {
      wideRegionOfIndex.ensure(index + 1);
      wideRegionOfIndex.set(index, region);
    } else {
      narrowRegionOfIndex.ensure(index + 1);
      narrowRegionOfIndex.set(index, (char) region);
    }
  }

  /** The VM's regions no longer fit 16 bits: every page's region moves to 32-bit slots. */
  private void widen() {
    wideRegionOfIndex = new PagedInts(0);
    wideRegionOfIndex.ensure(Math.max(1, pages));
    for (int page = 0; page < pages - 1; page++) {
      wideRegionOfIndex.set(page, narrowRegionOfIndex.get(page));
    }
    narrowRegionOfIndex = null;
  }

  /** The first guest page of the region with index {@code region}: its pages are that and the next 511. */
  public long firstGpnOfRegion(int region) {
    return regionFirstGpn[region];
  }

  /** The index of page {@code gpn}, or -1 when the VM has not touched it. */
  public int find(long gpn) {
    Chunk chunk = chunk(gpn >>> CHUNK_SHIFT, false);
    return chunk == null ? ABSENT : chunk.pages[(int) gpn & CHUNK_MASK];
  }

  /** The index of the 2 MB region of page {@code gpn}, which has been indexed. */
  public int regionOf(long gpn) {
    Chunk chunk = chunk(gpn >>> CHUNK_SHIFT, false);
    if (chunk == null) {
      throw new IllegalArgumentException("guest page " + gpn + " was never indexed");
    }
    return chunk.regions[((int) gpn & CHUNK_MASK) >>> REGION_SHIFT];
  }

  /**
   * The chunk numbered {@code number}, created when asked to. The direct table needs no memo of the last
   * chunk: it is small enough to stay in cache, and a memo's stores would chain the lookups of
   * consecutive accesses together.
   */
  private Chunk chunk(long number, boolean create) {
    if (number < DIRECT_CHUNKS) {
      int n = (int) number;
      if (n < directChunks.length && directChunks[n] != null) {
        return directChunks[n];
      }
      return create ? newDirect(n) : null;
    }
    if (number == lastOtherNumber) {
      return lastOther;
    }
    Chunk chunk = create ? otherChunks.computeIfAbsent(number, c -> new Chunk()) : otherChunks.get(number);
    if (chunk != null) {
      lastOtherNumber = number;
      lastOther = chunk;
    }
    return chunk;
  }

  private Chunk newDirect(int number) {
    if (number >= directChunks.length) {
      directChunks = Arrays.copyOf(directChunks, Math.max(directChunks.length * 2, Integer.highestOneBit(number) << 1));
    }
    directChunks[number] = new Chunk();
    return directChunks[number];
  }

  /** The page slots of 256 MB of guest memory, and the index of each of its 2 MB regions. */
  private static final class Chunk {
    final int[] pages = IntArrays.filled(CHUNK_PAGES, ABSENT);
    final int[] regions = IntArrays.filled(REGIONS_PER_CHUNK, ABSENT);
  }

  /** Pages indexed so far: every index is below this. */
  public int pageCount() {
    return pages;
  }

  /** 2 MB regions indexed so far. */
  public int regionCount() {
    return regionCount;
  }
}
