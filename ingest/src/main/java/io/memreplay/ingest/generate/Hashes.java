package io.memreplay.ingest.generate;

import io.memreplay.engine.primitives.Hashing;

/**
 * Keyed 64-bit hashes: the generator's content hashes, coin flips and address choices that must be the
 * same every time they are asked for, without storing them.
 */
final class Hashes {

  /** 2^64 / golden ratio: spreads the key before the value is added, so (key, value) pairs do not collide. */
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Hashes() {}

  /** A new well-mixed key from {@code key} and {@code value} (murmur3 finalizer). */
  static long combine(long key, long value) {
    return Hashing.mix(key * GOLDEN + value);
  }

  /** {@code hash} as a uniform double in [0, 1). */
  static double unit(long hash) {
    return (hash >>> 11) * 0x1.0p-53;
  }
}
