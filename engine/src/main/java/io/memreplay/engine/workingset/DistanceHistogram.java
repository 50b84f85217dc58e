package io.memreplay.engine.workingset;

import java.util.Arrays;

/**
 * How many references (or, when sampled, how many references they stand for) had each LRU stack
 * distance, from which the miss ratio at any memory size follows: a reference with distance d hits in a
 * memory of more than d pages.
 *
 * <p>Buckets are one distance wide as long as at most {@code maxBuckets} of them are needed; beyond, the
 * width doubles (neighbouring buckets merge) as often as needed, and a memory size that falls inside a
 * bucket takes the part of its weight below the size in proportion (linear interpolation). Exact curves
 * never coarsen; sampled ones, whose distances are estimates 1/R pages apart anyway, are bounded in
 * memory this way.
 */
final class DistanceHistogram {

  private final int maxBuckets;
  private double[] weights = new double[64];
  /** log2 of the bucket width. */
  private int shift;
  /** Every weight added, that of references that miss at every size (first references) included. */
  private double total;
  /** The largest finite distance added, -1 before the first. */
  private long maxDistance = -1;

  /** @param maxBuckets buckets kept before they widen; {@link Integer#MAX_VALUE} never widens */
  DistanceHistogram(int maxBuckets) {
    this.maxBuckets = maxBuckets;
  }

  void add(long distance, double weight) {
    if (distance > maxDistance) {
      maxDistance = distance;
    }
    long bucket = distance >>> shift;
    if (bucket >= weights.length) {
      bucket = makeRoomFor(distance);
    }
    weights[(int) bucket] += weight;
    total += weight;
  }

  void addCold(double weight) {
    total += weight;
  }

  /**
   * The smallest memory size at which the miss ratio is as low as it gets: one more than the largest
   * finite distance (every reference but first ones hits there); 0 when every reference was a first one.
   */
  long reach() {
    return maxDistance + 1;
  }

  /** The weight of every reference added, cold ones included. */
  double total() {
    return total;
  }

  /**
   * For each of {@code sizes} (pages, ascending), the weight of the references that hit in an LRU memory
   * of that size: those with a distance below it, plus {@code extraHits} (a correction counted as
   * distance 0, see {@link ShardsMrc}).
   */
  void hits(long[] sizes, double extraHits, double[] hitsOut) {
    double below = extraHits;
    int bucket = 0;
    long width = 1L << shift;
    for (int i = 0; i < sizes.length; i++) {
      long size = sizes[i];
      // every bucket that ends at or below the size counts whole
      while (bucket < weights.length && (bucket + 1L) * width <= size) {
        below += weights[bucket];
        bucket++;
      }
      double partial = 0;
      if (bucket < weights.length && bucket * width < size) {
        partial = weights[bucket] * (size - bucket * width) / width;
      }
      hitsOut[i] = below + partial;
    }
  }

  void clear() {
    Arrays.fill(weights, 0);
    total = 0;
    maxDistance = -1;
  }

  /** Grows or widens the buckets until {@code distance} has one; returns it. */
  private long makeRoomFor(long distance) {
    long needed = (distance >>> shift) + 1;
    if (needed <= maxBuckets) {
      long size = weights.length;
      while (size < needed) {
        size *= 2;
      }
      weights = Arrays.copyOf(weights, (int) Math.min(size, maxBuckets));
      return distance >>> shift;
    }
    while ((distance >>> shift) >= maxBuckets) {
      widen();
    }
    if ((distance >>> shift) >= weights.length) {
      weights = Arrays.copyOf(weights, maxBuckets);
    }
    return distance >>> shift;
  }

  /** Doubles the bucket width: buckets 2b and 2b + 1 become bucket b. */
  private void widen() {
    double[] merged = new double[weights.length];
    for (int b = 0; b < weights.length; b++) {
      merged[b >>> 1] += weights[b];
    }
    weights = merged;
    shift++;
  }
}
