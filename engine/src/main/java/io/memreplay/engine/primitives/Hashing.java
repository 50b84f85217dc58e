package io.memreplay.engine.primitives;

/** Hash mixing for open-addressing tables keyed by longs whose low bits are poorly distributed. */
public final class Hashing {

  private Hashing() {}

  /** The murmur3 64-bit finalizer: every input bit affects every output bit. */
  public static long mix(long key) {
    long h = key;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /** The smallest power of two table size that holds {@code entries} at the given load factor. */
  static int tableSize(long entries, float loadFactor) {
    long needed = (long) Math.ceil(entries / (double) loadFactor);
    long size = Long.highestOneBit(Math.max(needed, 2) - 1) << 1;
    if (size > 1 << 30) {
      throw new IllegalStateException("hash table would exceed 2^30 slots (" + entries + " entries)");
    }
    return (int) size;
  }
}
