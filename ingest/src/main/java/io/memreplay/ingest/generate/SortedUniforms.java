package io.memreplay.ingest.generate;

import java.util.SplittableRandom;

/**
 * {@code count} independent uniform points of [0, 1), delivered in increasing order one at a time,
 * without storing them (J. L. Bentley and J. B. Saxe, "Generating sorted lists of random numbers", ACM
 * TOMS 6(3), 1980): once the k-th smallest point t is known, the other count - k points are uniform over
 * [t, 1), and the smallest of m uniform points over [t, 1) is 1 - (1 - t) U^(1/m). The gaps between the
 * points are those of a Poisson process conditioned on its count: exponential, scaled to fit exactly.
 */
final class SortedUniforms {

  private final SplittableRandom random;
  private long remaining;
  /** 1 - the last point: only shrinks, so the points never decrease despite rounding. */
  private double distanceToOne = 1.0;

  SortedUniforms(long count, SplittableRandom random) {
    this.remaining = count;
    this.random = random;
  }

  boolean hasNext() {
    return remaining > 0;
  }

  double next() {
    if (remaining == 0) {
      throw new IllegalStateException("all points delivered");
    }
    // 1 - nextDouble() lies in (0, 1], so the factor is never 0; StrictMath is the same on every machine
    distanceToOne *= StrictMath.pow(1.0 - random.nextDouble(), 1.0 / remaining);
    remaining--;
    return 1.0 - distanceToOne;
  }
}
