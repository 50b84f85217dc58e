package io.memreplay.engine.workingset;

import io.memreplay.engine.memory.VmPages;
import java.util.Arrays;

/**
 * Exact working sets of one VM. Each touch stamps the page with its time and the current interval
 * number, so that the interval's distinct-page count is a counter and Denning's working set
 *
 * <pre>  W(t, tau) = number of distinct pages referenced in [t - tau, t)</pre>
 *
 * is a scan over last-touch times when an interval closes. Intervals close at t, so for tau equal to
 * the interval length W(t, tau) is the interval's working set.
 */
public final class WorkingSetTracker {

  private static final long NEVER = Long.MIN_VALUE;

  private final VmPages pages;
  private long[] pageLastTouchNs = newTimes(1 << 12);
  private int[] pageInterval = new int[1 << 12];
  private long[] regionLastTouchNs = newTimes(1 << 6);
  /** Interval numbers start at 1 so that 0 in {@link #pageInterval} means "never touched". */
  private int interval = 1;
  private int intervalPages;

  public WorkingSetTracker(VmPages pages) {
    this.pages = pages;
  }

  /** Records a reference to page {@code page} at {@code tsNs}. */
  public void touch(int page, long tsNs) {
    if (page >= pageInterval.length) {
      growPages();
    }
    if (pageInterval[page] != interval) {
      pageInterval[page] = interval;
      intervalPages++;
    }
    pageLastTouchNs[page] = tsNs;
    int region = pages.region(page);
    if (region >= regionLastTouchNs.length) {
      regionLastTouchNs = grow(regionLastTouchNs, region);
    }
    regionLastTouchNs[region] = tsNs;
  }

  /** Distinct pages touched since the current interval started. */
  public int intervalPages() {
    return intervalPages;
  }

  /** Ends the current interval: the next touch of any page counts again. */
  public void closeInterval() {
    interval++;
    intervalPages = 0;
  }

  /**
   * W(t, tau) for each tau of {@code windowsNs}: {@code pagesOut[i]} distinct 4 KB pages and
   * {@code regionsOut[i]} distinct 2 MB regions referenced in [t - tau_i, t).
   */
  public void windows(long tNs, long[] windowsNs, long[] pagesOut, long[] regionsOut) {
    count(pageLastTouchNs, pages.pageCount(), tNs, windowsNs, pagesOut);
    count(regionLastTouchNs, pages.regionCount(), tNs, windowsNs, regionsOut);
  }

  private static void count(long[] lastTouchNs, int n, long tNs, long[] windowsNs, long[] out) {
    Arrays.fill(out, 0);
    int limit = Math.min(n, lastTouchNs.length);
    for (int i = 0; i < limit; i++) {
      long last = lastTouchNs[i];
      if (last == NEVER) {
        continue;
      }
      for (int w = 0; w < windowsNs.length; w++) {
        if (last >= tNs - windowsNs[w]) {
          out[w]++;
        }
      }
    }
  }

  private void growPages() {
    int size = Math.max(pageInterval.length * 2, pages.pageCount());
    pageInterval = Arrays.copyOf(pageInterval, size);
    pageLastTouchNs = grow(pageLastTouchNs, size - 1);
  }

  private static long[] grow(long[] times, int index) {
    int size = times.length;
    while (size <= index) {
      size *= 2;
    }
    long[] grown = Arrays.copyOf(times, size);
    Arrays.fill(grown, times.length, size, NEVER);
    return grown;
  }

  private static long[] newTimes(int size) {
    long[] times = new long[size];
    Arrays.fill(times, NEVER);
    return times;
  }
}
