package io.memreplay.engine.workingset;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Page-index sequences with the reuse patterns of programs, for checking miss-ratio curves. */
final class PageTraces {

  /** About this share of references are made by scans. */
  private static final double SCAN_SHARE = 0.05;

  private PageTraces() {}

  /** Uniformly random pages of {@code 0..pages-1}: no locality at all. */
  static int[] uniform(int references, int pages, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] trace = new int[references];
    for (int i = 0; i < references; i++) {
      trace[i] = random.nextInt(pages);
    }
    return trace;
  }

  /** A loop over {@code pages} pages, over and over: LRU's worst case, every size below the loop misses. */
  static int[] loop(int references, int pages) {
    int[] trace = new int[references];
    for (int i = 0; i < references; i++) {
      trace[i] = i % pages;
    }
    return trace;
  }

  /**
   * A program-like mix over a footprint of about {@code pages} pages: a few hot pages (code, stack) for
   * 30% of the references, Zipf-skewed data (exponent 0.9) over half the footprint whose hot spot moves
   * every eighth of the trace, and now and then (about 5% of the references) a sequential scan through an
   * array of the other half. Page indices are scattered, as dense indices of first touch
   * are not, so that nothing depends on them being in order.
   */
  static int[] programLike(int references, int pages, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int hot = Math.max(4, pages / 1000);
    int data = pages / 2;
    int array = pages - data - hot;
    double[] zipf = zipfCumulative(data, 0.9);
    int[] scatter = permutation(pages, random);
    int[] trace = new int[references];
    int phaseShift = 0;
    int scanAt = -1;
    for (int i = 0; i < references; i++) {
      if (i % (references / 8 + 1) == 0) {
        phaseShift = random.nextInt(data);
      }
      int page;
      if (scanAt >= 0) {
        page = hot + data + scanAt;
        scanAt = scanAt + 1 < array ? scanAt + 1 : -1;
      } else if (random.nextDouble() < SCAN_SHARE / array) {
        scanAt = 1;
        page = hot + data;
      } else if (random.nextInt(10) < 3) {
        page = random.nextInt(hot);
      } else {
        int rank = Arrays.binarySearch(zipf, random.nextDouble());
        rank = rank >= 0 ? rank : -rank - 1;
        page = hot + (Math.min(rank, data - 1) + phaseShift) % data;
      }
      trace[i] = scatter[page];
    }
    return trace;
  }

  private static double[] zipfCumulative(int n, double exponent) {
    double[] cumulative = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += 1 / Math.pow(k + 1, exponent);
      cumulative[k] = sum;
    }
    for (int k = 0; k < n; k++) {
      cumulative[k] /= sum;
    }
    return cumulative;
  }

  private static int[] permutation(int n, SplittableRandom random) {
    int[] values = new int[n];
    for (int i = 0; i < n; i++) {
      values[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
    return values;
  }
}
