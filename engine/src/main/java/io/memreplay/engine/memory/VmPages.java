package io.memreplay.engine.memory;

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
 * of guest memory each), found by chunk number in a directly indexed table, the last chunk used kept at
 * hand.
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
   * the largest; at most 512 KB of references), and through a map above, where the pages {@link
   * io.memreplay.engine.translation.FirstTouchAllocator} invents live, densely, in few chunks.
   */
  private static final int DIRECT_CHUNKS = 1 << 16;

  private Chunk[] directChunks = new Chunk[16];
  private final Map<Long, Chunk> otherChunks = new HashMap<>();
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
    Chunk found = number < DIRECT_CHUNKS ? direct((int) number, create) : other(number, create);
    if (found == null) {
      return null;
    }
    lastChunkNumber = number;
    lastChunk = found.pages;
    lastChunkRegions = found.regions;
    return lastChunk;
  }

  private Chunk direct(int number, boolean create) {
    if (number >= directChunks.length) {
      if (!create) {
        return null;
      }
      directChunks = Arrays.copyOf(directChunks, Math.max(directChunks.length * 2, Integer.highestOneBit(number) << 1));
    }
    if (directChunks[number] == null && create) {
      directChunks[number] = new Chunk();
    }
    return directChunks[number];
  }

  private Chunk other(long number, boolean create) {
    return create ? otherChunks.computeIfAbsent(number, n -> new Chunk()) : otherChunks.get(number);
  }

  /** The page slots of 256 MB of guest memory, and the index of each of its 2 MB regions. */
  private static final class Chunk {
    final int[] pages = absent(CHUNK_PAGES);
    final int[] regions = absent(REGIONS_PER_CHUNK);
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
