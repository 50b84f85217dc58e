package io.memreplay.ingest.generate;

/**
 * A seeded bijection of [0, n), computed on demand: a 4-round Feistel network over the smallest even
 * number of bits that covers n, cycle-walked back into range (Black and Rogaway, "Ciphers with arbitrary
 * finite domains", CT-RSA 2002). The network's domain is less than 4n, so an evaluation takes fewer than
 * four walks on average, and no table is stored.
 */
final class PagePermutation {

  /** Four Luby-Rackoff rounds make the network indistinguishable from a random permutation. */
  private static final int ROUNDS = 4;

  private final long n;
  private final int halfBits;
  private final long halfMask;
  private final long[] roundKeys = new long[ROUNDS];

  PagePermutation(long n, long key) {
    if (n < 1) {
      throw new IllegalArgumentException("a permutation needs at least one element, not " + n);
    }
    this.n = n;
    int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1));
    this.halfBits = (bits + 1) / 2;
    this.halfMask = (1L << halfBits) - 1;
    for (int round = 0; round < ROUNDS; round++) {
      roundKeys[round] = Hashes.combine(key, round);
    }
  }

  long size() {
    return n;
  }

  /** The image of {@code index}, which must be in [0, n). */
  long apply(long index) {
    long x = index;
    do {
      x = encipher(x);
    } while (x >= n);
    return x;
  }

  private long encipher(long x) {
    long left = x >>> halfBits;
    long right = x & halfMask;
    for (long roundKey : roundKeys) {
      long mixed = left ^ (Hashes.combine(roundKey, right) & halfMask);
      left = right;
      right = mixed;
    }
    return (left << halfBits) | right;
  }
}
