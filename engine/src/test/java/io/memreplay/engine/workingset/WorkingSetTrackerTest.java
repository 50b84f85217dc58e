package io.memreplay.engine.workingset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A tracker told of pages alone counts them exactly as one told of their regions as well; one with 16-bit
 * page steps counts exactly as one with 32-bit steps, over many more steps than 16 bits hold.
 */
class WorkingSetTrackerTest {

  private static final long STEP_NS = 1_000;
  private static final long[] WINDOWS_NS = {1_000, 4_000, 16_000};

  @Test
  void touchingPagesAloneCountsThePagesAsTouchingThemWithTheirRegionsDoes() {
    WorkingSetTracker both = new WorkingSetTracker(0, STEP_NS, 16_000);
    WorkingSetTracker pagesOnly = new WorkingSetTracker(0, STEP_NS, 16_000);
    SplittableRandom random = new SplittableRandom(7);
    long ts = 0;
    for (int interval = 1; interval <= 5; interval++) {
      long endNs = interval * 8_000L;
      for (; ts < endNs; ts += random.nextInt(1, 40)) {
        int page = random.nextInt(2_000);
        both.touch(page, page >> 9, ts);
        pagesOnly.touchPage(page, ts);
      }
      assertEquals(both.intervalPages(), pagesOnly.intervalPages());
      long[] pages = new long[WINDOWS_NS.length];
      long[] regions = new long[WINDOWS_NS.length];
      long[] pagesAlone = new long[WINDOWS_NS.length];
      both.windows(endNs, WINDOWS_NS, pages, regions);
      pagesOnly.windows(endNs, WINDOWS_NS, pagesAlone);
      assertArrayEquals(pages, pagesAlone);
      both.closeInterval(endNs);
      pagesOnly.closeInterval(endNs);
    }
  }

  @Test
  void sixteenBitLastStepsCountAsThirtyTwoBitStepsDo() {
    long[] windowsNs = {STEP_NS, 64 * STEP_NS, 4_096 * STEP_NS};
    long longestNs = windowsNs[windowsNs.length - 1];
    WorkingSetTracker narrow = new WorkingSetTracker(0, STEP_NS, longestNs);
    WorkingSetTracker wide = new WorkingSetTracker(0, STEP_NS, longestNs);
    wide.reachBack(Long.MAX_VALUE);
    SplittableRandom random = new SplittableRandom(13);
    long ts = 0;
    // 200,000 steps of 1 us: the 16-bit slots move their base several times
    for (long endNs = 8_192 * STEP_NS; endNs <= 200_000 * STEP_NS; endNs += 8_192 * STEP_NS) {
      for (; ts < endNs; ts += random.nextInt(1, 3 * (int) STEP_NS)) {
        int page = random.nextInt(8) == 0 ? random.nextInt(50_000) : random.nextInt(300);
        narrow.touch(page, page >> 9, ts);
        wide.touch(page, page >> 9, ts);
      }
      assertEquals(wide.intervalPages(), narrow.intervalPages());
      long[] pages = new long[windowsNs.length];
      long[] regions = new long[windowsNs.length];
      long[] widePages = new long[windowsNs.length];
      long[] wideRegions = new long[windowsNs.length];
      narrow.windows(endNs, windowsNs, pages, regions);
      wide.windows(endNs, windowsNs, widePages, wideRegions);
      assertArrayEquals(widePages, pages);
      assertArrayEquals(wideRegions, regions);
      narrow.closeInterval(endNs);
      wide.closeInterval(endNs);
    }
  }
}
