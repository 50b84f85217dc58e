package io.memreplay.engine.workingset;

/**
 * The stack distances of one VM's references in the current window, from which its LRU miss-ratio
 * curve follows. The LRU stack carries over from window to window, as a memory of that size would: a
 * window's curve is the miss ratio, over the window's references, of an LRU memory that has been running
 * since the start of the trace. Only a page's first reference ever misses at every size.
 */
abstract class MissRatioTracker {

  final DistanceHistogram histogram;
  /** References in the window, sampled or not. */
  long references;

  MissRatioTracker(DistanceHistogram histogram) {
    this.histogram = histogram;
  }

  /** One reference to page {@code page} (a dense page index of the VM). */
  abstract void touch(int page);

  /** How this window's curve is computed: {@link MrcMethod#EXACT} when every page has been sampled. */
  abstract MrcMethod method();

  /** The rate pages are sampled at, at the window's end: 1 for exact curves. */
  abstract double samplingRate();

  /** The distinct pages referenced in the window; an estimate when sampled. */
  abstract long workingSetPages();

  /** The smallest memory size with the window's lowest miss ratio; an estimate when sampled. */
  long reachPages() {
    return histogram.reach();
  }

  /** Hits counted at distance 0 beyond the histogram's: SHARDS's correction of the sample's size. */
  abstract double extraHits();

  /** Forgets the window's distances, keeping the LRU stack: the next window starts. */
  void startWindow() {
    references = 0;
    histogram.clear();
  }

  /**
   * The miss ratio at each of {@code sizes} (pages, ascending): (references − hits) / references, where
   * a reference hits when its stack distance is below the size, clamped to [0, 1] (a sampled estimate
   * can stray out of it).
   */
  void missRatios(long[] sizes, double[] out) {
    histogram.hits(sizes, extraHits(), out);
    for (int i = 0; i < sizes.length; i++) {
      double ratio = (references - out[i]) / references;
      out[i] = Math.min(1, Math.max(0, ratio));
    }
  }
}
