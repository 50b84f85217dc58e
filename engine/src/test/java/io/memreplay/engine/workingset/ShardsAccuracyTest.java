package io.memreplay.engine.workingset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SHARDS curves are close to the exact curve on a long program-like trace (6 M references over a
 * footprint of 400,000 pages: hot pages, a moving Zipf-skewed working set, occasional scans), for
 * several seeds, over the whole trace and per window; they say how they were made, and depend on
 * nothing but their inputs and seed.
 */
class ShardsAccuracyTest {

  private static final int FOOTPRINT = 400_000;
  private static final long NS_PER_REFERENCE = 1;
  /** A million references per output interval. */
  private static final long INTERVAL_NS = 1_000_000;
  /** One curve over the whole trace, and one per interval. */
  private static final long[] WINDOWS = {MrcOptions.WINDOW_RUN, MrcOptions.WINDOW_INTERVAL};
  private static final long[] SEEDS = {1, 2, 3};

  private static int[] trace;
  private static MemoryGrid grid;
  private static final Map<Long, List<CurvePoint>> EXACT = new HashMap<>();

  @BeforeAll
  static void generateAndComputeExactCurves() {
    trace = PageTraces.programLike(6_000_000, FOOTPRINT, 11);
    // 100 sizes up to the footprint, the same for every method
    StringBuilder sizes = new StringBuilder();
    for (int k = 1; k <= 100; k++) {
      sizes.append(k == 1 ? "" : ",").append(k * (FOOTPRINT / 100)).append('p');
    }
    grid = MemoryGrid.parse(sizes.toString());
    for (long window : WINDOWS) {
      EXACT.put(window, rows(MrcSampling.EXACT, window, 1));
    }
  }

  @Test
  void fixedRateOfOnePercentIsWithinOnePercentMeanAbsoluteErrorOfExact() {
    for (long window : WINDOWS) {
      for (long seed : SEEDS) {
        List<CurvePoint> sampled = rows(MrcSampling.parse("shards-rate:0.01"), window, seed);
        double error = meanAbsoluteError(EXACT.get(window), sampled);
        assertTrue(error <= 0.01, "mean absolute error " + error + " with seed " + seed + ", window " + window + " ns");
        assertEquals("SHARDS_RATE", sampled.get(0).method().name());
        assertEquals(0.01, sampled.get(0).samplingRate(), 1e-12);
      }
    }
  }

  @Test
  void fixedSizeOf8192PagesIsWithinOnePercentMeanAbsoluteErrorOfExact() {
    for (long window : WINDOWS) {
      for (long seed : SEEDS) {
        List<CurvePoint> sampled = rows(MrcSampling.parse("shards-size:8192"), window, seed);
        double error = meanAbsoluteError(EXACT.get(window), sampled);
        assertTrue(error <= 0.01, "mean absolute error " + error + " with seed " + seed + ", window " + window + " ns");
        CurvePoint last = sampled.get(sampled.size() - 1);
        assertEquals("SHARDS_SIZE", last.method().name());
        // the sample holds 8192 of the footprint's pages
        assertEquals(8192.0 / FOOTPRINT, last.samplingRate(), 0.2 * 8192.0 / FOOTPRINT);
      }
    }
  }

  @Test
  void autoIsExactUntilTheFootprintPassesItsThresholdAndSaysSo() {
    MrcOptions auto = new MrcOptions(MrcSampling.parse("auto:4096"), MrcOptions.WINDOW_INTERVAL, MemoryGrid.DEFAULT);
    MrcOptions exact = new MrcOptions(MrcSampling.EXACT, MrcOptions.WINDOW_INTERVAL, MemoryGrid.DEFAULT);
    int[] small = PageTraces.programLike(300_000, 2_000, 5);
    assertEquals(MrcDriver.rows(exact, small, NS_PER_REFERENCE, INTERVAL_NS / 10, 1),
        MrcDriver.rows(auto, small, NS_PER_REFERENCE, INTERVAL_NS / 10, 1), "below the threshold, auto is exact");

    // the small trace's 2,000 pages for three windows, then the large trace's
    int[] growing = new int[small.length + 1_000_000];
    System.arraycopy(small, 0, growing, 0, small.length);
    for (int i = 0; i < 1_000_000; i++) {
      growing[small.length + i] = 2_000 + trace[i];
    }
    List<CurvePoint> rows = MrcDriver.rows(auto, growing, NS_PER_REFERENCE, INTERVAL_NS / 10, 1);
    for (CurvePoint row : rows) {
      boolean beforeTheLargeTrace = row.windowEndNs() <= small.length * NS_PER_REFERENCE;
      assertEquals(beforeTheLargeTrace ? "EXACT" : "SHARDS_SIZE", row.method().name(), "window ending " + row.windowEndNs());
      assertEquals(beforeTheLargeTrace, row.samplingRate() == 1.0, "rate " + row.samplingRate());
    }
  }

  @Test
  void theSameSeedGivesTheSameRowsAndAnotherSeedAnotherSample() {
    MrcSampling sampling = MrcSampling.parse("shards-rate:0.01");
    assertEquals(rows(sampling, MrcOptions.WINDOW_INTERVAL, 1), rows(sampling, MrcOptions.WINDOW_INTERVAL, 1));
    assertNotEquals(rows(sampling, MrcOptions.WINDOW_INTERVAL, 1), rows(sampling, MrcOptions.WINDOW_INTERVAL, 2));
  }

  private static List<CurvePoint> rows(MrcSampling sampling, long window, long seed) {
    return MrcDriver.rows(new MrcOptions(sampling, window, grid), trace, NS_PER_REFERENCE, INTERVAL_NS, seed);
  }

  private static double meanAbsoluteError(List<CurvePoint> exact, List<CurvePoint> sampled) {
    assertEquals(exact.size(), sampled.size());
    double sum = 0;
    for (int i = 0; i < exact.size(); i++) {
      assertEquals(exact.get(i).memoryPages(), sampled.get(i).memoryPages());
      assertEquals(exact.get(i).windowEndNs(), sampled.get(i).windowEndNs());
      sum += Math.abs(exact.get(i).missRatio() - sampled.get(i).missRatio());
    }
    return sum / exact.size();
  }
}
