package io.memreplay.engine.memory;

import io.memreplay.engine.primitives.LongIntHashMap;
import java.util.Arrays;

/**
 * The guest physical pages one VM has touched, each given a dense index on first sight, in order of
 * first sight. Pages are 4 KB guest page numbers (gpa >>> 12). Each page also belongs to a 2 MB region
 * (gpn >>> 9) with its own dense index, so that per-region facts are array slots too.
 *
 * <p>Looking up a page's index is on the path of every access. Guest physical memory is dense from 0, so
 * the lookup is a two-level table, like a page table: chunks of {@value #CHUNK_PAGES} page slots (256 MB
 * of guest memory each), found by chunk number, with the last chunk used kept at hand.
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

  private final LongIntHashMap chunkSlots = new LongIntHashMap();
  private int[][] chunks = new int[4][];
  /** Per chunk, the index of each of its 2 MB regions, or {@link #ABSENT}. */
  private int[][] chunkRegions = new int[4][];
  private long lastChunkNumber = Long.MIN_VALUE;
  private int[] lastChunk;
  private int[] lastChunkRegions;

  private int regionCount;
  private long[] gpns = new long[1 << 12];
  private int[] regions = new int[1 << 12];
  private int pages;

  /** The index of page {@code gpn}, indexing it first if it is new. */
  public int indexOf(long gpn) {
    int[] chunk = chunk(gpn >>> CHUNK_SHIFT, true);
    int slot = (int) gpn & CHUNK_MASK;
    int index = chunk[slot];
    if (index == ABSENT) {
      index = add(gpn, slot >>> REGION_SHIFT);
      chunk[slot] = index;
    }
    return index;
  }

  /** The index of page {@code gpn}, or -1 when the VM has not touched it. */
  public int find(long gpn) {
    int[] chunk = chunk(gpn >>> CHUNK_SHIFT, false);
    return chunk == null ? ABSENT : chunk[(int) gpn & CHUNK_MASK];
  }

  private int[] chunk(long number, boolean create) {
    if (number == lastChunkNumber) {
      return lastChunk;
    }
    int slot = chunkSlots.get(number, ABSENT);
    if (slot == ABSENT) {
      if (!create) {
        return null;
      }
      slot = chunkSlots.size();
      chunkSlots.put(number, slot);
      if (slot == chunks.length) {
        chunks = Arrays.copyOf(chunks, slot * 2);
        chunkRegions = Arrays.copyOf(chunkRegions, slot * 2);
      }
      chunks[slot] = absent(CHUNK_PAGES);
      chunkRegions[slot] = absent(REGIONS_PER_CHUNK);
    }
    lastChunkNumber = number;
    lastChunk = chunks[slot];
    lastChunkRegions = chunkRegions[slot];
    return lastChunk;
  }

  /** Indexes a new page of the current chunk, whose region is the chunk's {@code regionInChunk}. */
  private int add(long gpn, int regionInChunk) {
    if (pages == gpns.length) {
      gpns = Arrays.copyOf(gpns, pages * 2);
      regions = Arrays.copyOf(regions, pages * 2);
    }
    int region = lastChunkRegions[regionInChunk];
    if (region == ABSENT) {
      region = regionCount++;
      lastChunkRegions[regionInChunk] = region;
    }
    gpns[pages] = gpn;
    regions[pages] = region;
    return pages++;
  }

  private static int[] absent(int size) {
    int[] slots = new int[size];
    Arrays.fill(slots, ABSENT);
    return slots;
  }

  /** Pages indexed so far: every index is below this. */
  public int pageCount() {
    return pages;
  }

  /** 2 MB regions indexed so far. */
  public int regionCount() {
    return regionCount;
  }

  public long gpn(int page) {
    return gpns[page];
  }

  /** The region index of page {@code page}. */
  public int region(int page) {
    return regions[page];
  }
}
