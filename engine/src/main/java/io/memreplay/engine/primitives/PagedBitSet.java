package io.memreplay.engine.primitives;

import java.util.Arrays;

/**
 * A set of non-negative longs as bits in pages of 2^16, the pages found by number in a directly indexed
 * table (and through a map past it): a membership test costs two array reads and no hashing, for keys
 * that cluster, as region and page numbers do. Not thread-safe.
 */
public final class PagedBitSet {

  private static final int PAGE_SHIFT = 16;
  private static final int WORDS_PER_PAGE = (1 << PAGE_SHIFT) / 64;
  /** Pages found by number in the table: keys below 2^32. */
  private static final int DIRECT_PAGES = 1 << 16;

  private long[][] direct = new long[16][];
  private final LongLongHashMap otherIndex = new LongLongHashMap();
  private long[][] other = new long[4][];
  private int otherCount;
  private int size;

  public boolean contains(long key) {
    long[] page = page(key >>> PAGE_SHIFT, false);
    return page != null && (page[(int) (key >>> 6) & (WORDS_PER_PAGE - 1)] & 1L << key) != 0;
  }

  /** Adds {@code key}; returns false when it was there already. */
  public boolean add(long key) {
    if (key < 0) {
      throw new IllegalArgumentException("keys must not be negative, got " + key);
    }
    long[] page = page(key >>> PAGE_SHIFT, true);
    int word = (int) (key >>> 6) & (WORDS_PER_PAGE - 1);
    long bit = 1L << key;
    if ((page[word] & bit) != 0) {
      return false;
    }
    page[word] |= bit;
    size++;
    return true;
  }

  public int size() {
    return size;
  }

  private long[] page(long number, boolean create) {
    if (number < DIRECT_PAGES) {
      int n = (int) number;
      if (n >= direct.length) {
        if (!create) {
          return null;
        }
        direct = Arrays.copyOf(direct, Math.max(direct.length * 2, Integer.highestOneBit(n) << 1));
      }
      if (direct[n] == null && create) {
        direct[n] = new long[WORDS_PER_PAGE];
      }
      return direct[n];
    }
    long index = otherIndex.get(number, -1);
    if (index >= 0) {
      return other[(int) index];
    }
    if (!create) {
      return null;
    }
    if (otherCount == other.length) {
      other = Arrays.copyOf(other, otherCount * 2);
    }
    other[otherCount] = new long[WORDS_PER_PAGE];
    otherIndex.put(number, otherCount);
    return other[otherCount++];
  }
}
