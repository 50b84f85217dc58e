package io.memreplay.engine.workingset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A tracker told of pages alone counts them exactly as one told of their regions as well. */
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
}
