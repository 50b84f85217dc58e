package io.memreplay.engine.workingset;

import io.memreplay.engine.primitives.Hashing;

/**
 * SHARDS, Spatially Hashed Approximate Reuse Distance Sampling (Waldspurger, Park, Garthwaite and Ahmad,
 * "Efficient MRC Construction with SHARDS", FAST 2015): only references to pages whose hash falls below
 * a threshold T are tracked, a fraction R = T / 2^53 of the pages, and the stack distance d of a sampled
 * reference over the sampled pages stands for a distance of d / R over all pages.
 *
 * <ul>
 *   <li><b>Fixed rate</b> ({@link MrcMethod#SHARDS_RATE}): T stays put; memory grows with the footprint.
 *   <li><b>Fixed size</b> ({@link MrcMethod#SHARDS_SIZE}): at most {@code maxPages} pages are sampled;
 *       when one more arrives, the page with the largest hash leaves the sample and T becomes its hash,
 *       so the rate falls as the footprint grows. Until the sample first fills, every page is sampled
 *       and the curve is exact (the rows say {@link MrcMethod#EXACT}).
 * </ul>
 *
 * Each sampled reference is counted with weight 1 / R, R the rate when it was made: this is the paper's
 * rescaling of the histogram by R_new / R_old when the rate falls, without touching the histogram. The
 * paper's SHARDS-adj correction is applied too: the sample's references stand for Σ 1/R references while
 * the window had N, and the difference, due to a few hot pages being in or out of the sample, is counted
 * as hits at distance 0. Hashes are seeded, so the same seed samples the same pages.
 */
final class ShardsMrc extends MissRatioTracker {

  /** Hashes have 53 bits, so that a threshold T gives the rate T / 2^53 exactly as a double. */
  private static final int HASH_BITS = 53;
  static final long ALL = 1L << HASH_BITS;
  /**
   * Histogram buckets of fixed-rate curves (see {@link DistanceHistogram}): 512 KB. Fixed-size curves
   * keep twice their sample size: their distance estimates are 1 / R pages apart, and the sample holds
   * about footprint × R pages, so finer buckets would resolve nothing more; while every page is sampled,
   * distances stay below the sample size and the buckets one page wide.
   */
  private static final int FIXED_RATE_BUCKETS = 1 << 16;
  private static final int MIN_BUCKETS = 1 << 10;

  private final long seed;
  /** Over sampled pages only, which are few of the VM's: their stamps take room, not every page's. */
  private final LruStack stack = new LruStack(true);
  /** The sampled pages by hash, for fixed size; null for a fixed rate. */
  private final MaxHashHeap sample;
  private final int maxPages;
  /** Pages whose hash is below it are sampled. */
  private long threshold;
  /** The references a sampled reference stands for: 1 / R. */
  private double weight;
  /** Σ weight over the window's sampled references. */
  private double sampledWeight;
  /** Distinct sampled pages referenced in the window that are still in the sample. */
  private long windowSamples;

  private ShardsMrc(long threshold, int maxPages, long seed, int buckets) {
    super(new DistanceHistogram(buckets));
    this.seed = seed;
    this.threshold = threshold;
    this.weight = ALL / (double) threshold;
    this.maxPages = maxPages;
    this.sample = maxPages == Integer.MAX_VALUE ? null : new MaxHashHeap();
  }

  static ShardsMrc fixedRate(double rate, long seed) {
    long threshold = Math.max(1, Math.min(ALL, Math.round(rate * ALL)));
    return new ShardsMrc(threshold, Integer.MAX_VALUE, seed, threshold == ALL ? Integer.MAX_VALUE : FIXED_RATE_BUCKETS);
  }

  /** Exact until {@code maxPages} pages are seen, since distances below that need no wider buckets. */
  static ShardsMrc fixedSize(int maxPages, long seed) {
    return new ShardsMrc(ALL, maxPages, seed, (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_BUCKETS, 2L * maxPages)));
  }

  @Override
  void touch(int page) {
    references++;
    // while every page is sampled, the hash is needed only when a page enters the sample
    if (threshold != ALL && hash(page) >= threshold) {
      return;
    }
    sampledWeight += weight;
    int distance = stack.reference(page);
    if (distance == LruStack.COLD) {
      windowSamples++;
      histogram.addCold(weight);
      if (sample != null) {
        admit(page, hash(page));
      }
    } else {
      if (distance >= windowSamples) {
        windowSamples++;
      }
      histogram.add((long) (distance * weight), weight);
    }
  }

  private long hash(int page) {
    return Hashing.mix(page ^ seed) >>> (Long.SIZE - HASH_BITS);
  }

  /** A page enters the fixed-size sample; while it holds too many, the largest hash leaves and lowers T. */
  private void admit(int page, long hash) {
    sample.push(hash, page);
    while (sample.size() > maxPages || sample.size() > 0 && sample.topHash() >= threshold) {
      threshold = sample.topHash();
      int evicted = sample.pop();
      weight = ALL / (double) threshold;
      int position = stack.remove(evicted);
      if (position != LruStack.COLD && position < windowSamples) {
        windowSamples--;
      }
    }
  }

  @Override
  MrcMethod method() {
    if (threshold == ALL) {
      return MrcMethod.EXACT;
    }
    return sample == null ? MrcMethod.SHARDS_RATE : MrcMethod.SHARDS_SIZE;
  }

  @Override
  double samplingRate() {
    return threshold / (double) ALL;
  }

  @Override
  long workingSetPages() {
    return Math.round(windowSamples * weight);
  }

  @Override
  double extraHits() {
    return references - sampledWeight;
  }

  @Override
  void startWindow() {
    super.startWindow();
    sampledWeight = 0;
    windowSamples = 0;
  }
}
