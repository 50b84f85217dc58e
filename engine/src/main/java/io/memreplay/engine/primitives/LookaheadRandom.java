package io.memreplay.engine.primitives;

/**
 * The numbers {@link java.util.SplittableRandom} draws from a seed (SplitMix64 with the golden gamma, and
 * the JDK's rejection of over-represented values for a bound), which can also say its next numbers without
 * drawing them: a caller about to pick pages at random reads ahead the state of the pages it will pick,
 * so that their cache misses overlap instead of coming one after another. Drawing the same numbers as
 * {@code SplittableRandom} keeps the picks, and so the results, what they were; a test holds it to that.
 */
public final class LookaheadRandom {

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long seed;

  /** The sequence of {@code new SplittableRandom(seed)}. */
  public LookaheadRandom(long seed) {
    this.seed = seed;
  }

  /** The next number in [0, {@code bound}), {@code bound} positive, as {@code SplittableRandom.nextInt(bound)}. */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, was " + bound);
    }
    int r = nextInt();
    int m = bound - 1;
    if ((bound & m) == 0) {
      return r & m;
    }
    // a candidate in the last, partial run of bound values would be drawn more often than the others: draw again
    for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = nextInt() >>> 1) {
      // the condition draws
    }
    return r;
  }

  /** Fills {@code next[0, count)} with the numbers the next {@code count} {@link #nextInt(int)} calls would give. */
  public void peek(int bound, int[] next, int count) {
    long saved = seed;
    for (int i = 0; i < count; i++) {
      next[i] = nextInt(bound);
    }
    seed = saved;
  }

  private int nextInt() {
    long z = seed += GOLDEN_GAMMA;
    z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
    return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
  }
}
