package io.memreplay.ingest.imports.damon;

import io.memreplay.schemas.trace.AccessColumns;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * DAMON's snapshots as the accesses a replay understands. Time is cut into windows of one length, aligned to
 * multiples of it (by default the first target's aggregation interval, the median length of its snapshots to the
 * millisecond, so each snapshot has about one window). In each window,
 * every 4 KB page of every region that the window's snapshots found accessed gets one read, so the replay's
 * working set of a window is the memory DAMON found accessed in it (what {@code damo report wss} shows); a page
 * DAMON never found accessed is never touched. Within a window, a target's regions are read from the least
 * accessed to the most (then by address), so that at the window's end the hottest pages are the most recently
 * used, as an LRU would see them; the window's reads are spread evenly over its time, targets one after the
 * other. Regions that overlap within a window (DAMON splits and merges regions between snapshots) are read
 * once, at their highest access count. Deterministic: the same file gives the same accesses.
 */
final class AccessWindows {

  static final int PAGE_SHIFT = 12;
  /** DAMON's default aggregation interval, for a recording that does not say how long its snapshots are. */
  static final long DEFAULT_WINDOW_NS = 100_000_000L;
  /** DAMON found the page accessed, not how: a read of one word. */
  private static final int ACCESS_BYTES = 8;
  private static final int BLOCK_ROWS = 1 << 16;
  private static final long UNKNOWN_GPA = -1;

  /** Where each target's accesses go. */
  record Place(int vm, int asid) {}

  /** What the accesses of one target were. */
  static final class Counts {
    long accesses;
    long windows;
    long peakWindowPages;
  }

  private final List<DamonRecording.Target> targets;
  private final List<Place> places;
  private final long windowNs;
  private final long originNs;
  /** Per target, its snapshots by end time. */
  private final int[][] order;
  private final int[] next;
  private final Counts[] counts;

  AccessWindows(List<DamonRecording.Target> targets, List<Place> places, Long windowNs) {
    this.targets = targets;
    this.places = places;
    // aggregationNs() sorts the target's snapshot lengths on every call: ask once per target
    long[] aggregationNs = targets.stream().mapToLong(DamonRecording.Target::aggregationNs).toArray();
    long defaultWindow = Arrays.stream(aggregationNs).filter(ns -> ns >= 0).findFirst().orElse(DEFAULT_WINDOW_NS);
    this.windowNs = windowNs != null ? windowNs : defaultWindow;
    long origin = Long.MAX_VALUE;
    order = new int[targets.size()][];
    next = new int[targets.size()];
    counts = new Counts[targets.size()];
    for (int t = 0; t < targets.size(); t++) {
      DamonRecording.Target target = targets.get(t);
      counts[t] = new Counts();
      // a first snapshot without a start lasts as long as the target's others
      long length = aggregationNs[t] > 0 ? aggregationNs[t] : defaultWindow;
      for (int s = 0; s < target.snapshots; s++) {
        if (target.snapshotStartNs[s] < 0) {
          target.snapshotStartNs[s] = target.snapshotEndNs[s] - length;
        }
        origin = Math.min(origin, target.snapshotStartNs[s]);
      }
      order[t] = sortedByEnd(target);
    }
    this.originNs = origin == Long.MAX_VALUE ? 0 : Math.floorDiv(origin, this.windowNs) * this.windowNs;
  }

  long windowNs() {
    return windowNs;
  }

  Counts counts(int target) {
    return counts[target];
  }

  /**
   * Writes the accesses of every window, in time order, to {@code writer}.
   *
   * @param progress told the accesses written so far
   */
  void write(TraceDatasetWriter writer, LongConsumer progress) throws IOException {
    AccessColumns block = new AccessColumns(BLOCK_ROWS);
    Ranges[] windowRanges = new Ranges[targets.size()];
    for (int t = 0; t < targets.size(); t++) {
      windowRanges[t] = new Ranges();
    }
    long written = 0;
    while (true) {
      long window = Long.MAX_VALUE;
      for (int t = 0; t < targets.size(); t++) {
        if (next[t] < order[t].length) {
          window = Math.min(window, windowOf(targets.get(t), order[t][next[t]]));
        }
      }
      if (window == Long.MAX_VALUE) {
        break;
      }
      long pages = 0;
      for (int t = 0; t < targets.size(); t++) {
        DamonRecording.Target target = targets.get(t);
        Ranges ranges = windowRanges[t];
        ranges.clear();
        while (next[t] < order[t].length && windowOf(target, order[t][next[t]]) == window) {
          int snapshot = order[t][next[t]++];
          for (int r = target.firstRegion[snapshot]; r < target.firstRegion[snapshot + 1]; r++) {
            ranges.add(target.regions.start[r], target.regions.end[r], target.regions.accesses[r]);
          }
        }
        ranges.merge();
        ranges.orderByCount();
        long targetPages = ranges.pages();
        if (targetPages > 0) {
          counts[t].windows++;
          counts[t].peakWindowPages = Math.max(counts[t].peakWindowPages, targetPages);
          counts[t].accesses += targetPages;
        }
        pages += targetPages;
      }
      long windowStart = originNs + window * windowNs;
      long i = 0;
      for (int t = 0; t < targets.size(); t++) {
        Ranges ranges = windowRanges[t];
        Place place = places.get(t);
        for (int k = 0; k < ranges.size; k++) {
          long firstPage = ranges.start[k] >>> PAGE_SHIFT;
          long endPage = (ranges.end[k] + (1L << PAGE_SHIFT) - 1) >>> PAGE_SHIFT;
          for (long page = firstPage; page < endPage; page++) {
            block.add(windowStart + offset(i, pages), place.vm(), 0, place.asid(), page << PAGE_SHIFT, UNKNOWN_GPA, AccessColumns.READ,
                ACCESS_BYTES, Columns.NULL);
            i++;
            if (block.remaining() == 0) {
              writer.write(block);
              written += block.size();
              block.clear();
              progress.accept(written);
            }
          }
        }
      }
    }
    writer.write(block);
    progress.accept(written + block.size());
  }

  /** When, from the window's start, the {@code i}-th of its {@code pages} reads is: evenly spread. */
  private long offset(long i, long pages) {
    try {
      return Math.multiplyExact(i, windowNs) / pages;
    } catch (ArithmeticException e) {
      return (long) ((double) i * windowNs / pages);
    }
  }

  /** The distinct 4 KB pages a target's accessed regions cover over the whole recording. */
  static long footprintPages(DamonRecording.Target target) {
    Ranges all = new Ranges();
    for (int r = 0; r < target.regions.size; r++) {
      all.add(target.regions.start[r], target.regions.end[r], 0);
    }
    all.merge(); // no need to order: pages() is a sum
    // overlapping ranges are merged; ranges sharing a partial page at their ends count it twice, a rounding
    // the VM's size does not feel
    return all.pages();
  }

  private long windowOf(DamonRecording.Target target, int snapshot) {
    // a snapshot belongs to the window its end falls in (the end itself excluded)
    return Math.floorDiv(target.snapshotEndNs[snapshot] - 1 - originNs, windowNs);
  }

  private static int[] sortedByEnd(DamonRecording.Target target) {
    Integer[] boxed = new Integer[target.snapshots];
    for (int s = 0; s < boxed.length; s++) {
      boxed[s] = s;
    }
    Arrays.sort(boxed, (a, b) -> Long.compare(target.snapshotEndNs[a], target.snapshotEndNs[b]));
    return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
  }
}
