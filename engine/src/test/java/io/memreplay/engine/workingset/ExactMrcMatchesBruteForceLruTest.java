package io.memreplay.engine.workingset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exact curves equal, at every memory size of the grid, the miss ratio of an LRU memory of that size
 * simulated reference by reference, window by window, with the memory's contents carried over from one
 * window to the next.
 */
class ExactMrcMatchesBruteForceLruTest {

  private static final long NS_PER_REFERENCE = 10;
  private static final long INTERVAL_NS = 20_000;

  static Stream<Arguments> traces() {
    return Stream.of(
        Arguments.of("uniform over 40 pages", PageTraces.uniform(6000, 40, 1)),
        Arguments.of("uniform over 300 pages", PageTraces.uniform(6000, 300, 2)),
        Arguments.of("loop over 50 pages", PageTraces.loop(6000, 50)),
        Arguments.of("program-like over 400 pages", PageTraces.programLike(8000, 400, 3)),
        Arguments.of("program-like over 3000 pages", PageTraces.programLike(8000, 3000, 4)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("traces")
  void exactCurveIsTheMissRatioOfLruAtEverySize(String name, int[] pages) {
    int footprint = (int) java.util.Arrays.stream(pages).distinct().count();
    // every size from 1 page to beyond the footprint
    StringBuilder grid = new StringBuilder();
    for (int size = 1; size <= footprint + 2; size++) {
      grid.append(size == 1 ? "" : ",").append(size).append('p');
    }
    List<CurvePoint> rows = MrcDriver.rows(new MrcOptions(MrcSampling.EXACT, MrcOptions.WINDOW_INTERVAL,
        MemoryGrid.parse(grid.toString())), pages, NS_PER_REFERENCE, INTERVAL_NS, 1);

    int referencesPerWindow = (int) (INTERVAL_NS / NS_PER_REFERENCE);
    int windows = (pages.length + referencesPerWindow - 1) / referencesPerWindow;
    assertEquals(windows * (footprint + 2), rows.size(), "one row per window and size");
    for (int size = 1; size <= footprint + 2; size++) {
      long[] misses = bruteForceMisses(pages, size, referencesPerWindow, windows);
      for (int w = 0; w < windows; w++) {
        CurvePoint row = rows.get(w * (footprint + 2) + size - 1);
        long references = Math.min(referencesPerWindow, pages.length - (long) w * referencesPerWindow);
        String where = name + ", window " + w + ", " + size + " pages";
        assertEquals(size, row.memoryPages(), where);
        assertEquals(w * INTERVAL_NS, row.windowStartNs(), where);
        assertEquals((w + 1) * INTERVAL_NS, row.windowEndNs(), where);
        assertEquals("EXACT", row.method().name(), where);
        assertEquals(1.0, row.samplingRate(), where);
        assertEquals(references, row.references(), where);
        assertEquals(misses[w] / (double) references, row.missRatio(), 0.0, where);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("traces")
  void fractionsOfTheWorkingSetAreCountedFromTheWindowsDistinctPages(String name, int[] pages) {
    List<CurvePoint> rows = MrcDriver.rows(new MrcOptions(MrcSampling.EXACT, MrcOptions.WINDOW_INTERVAL,
        MemoryGrid.parse("10%,50%,100%,150%")), pages, NS_PER_REFERENCE, INTERVAL_NS, 1);
    int referencesPerWindow = (int) (INTERVAL_NS / NS_PER_REFERENCE);
    int row = 0;
    for (int start = 0; start < pages.length; start += referencesPerWindow) {
      Set<Integer> distinct = new HashSet<>();
      for (int i = start; i < Math.min(pages.length, start + referencesPerWindow); i++) {
        distinct.add(pages[i]);
      }
      long workingSet = distinct.size();
      long[] expected = java.util.stream.LongStream.of(
          (workingSet + 9) / 10, (workingSet + 1) / 2, workingSet, (3 * workingSet + 1) / 2).distinct().toArray();
      for (long size : expected) {
        assertEquals(size, rows.get(row++).memoryPages(), name + ", window from reference " + start);
      }
    }
    assertEquals(rows.size(), row);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("traces")
  void stepsEndAtTheSmallestSizeWithTheWindowsLowestMissRatio(String name, int[] pages) {
    List<CurvePoint> rows = MrcDriver.rows(new MrcOptions(MrcSampling.EXACT, MrcOptions.WINDOW_INTERVAL,
        MemoryGrid.parse("steps:4")), pages, NS_PER_REFERENCE, INTERVAL_NS, 1);
    int referencesPerWindow = (int) (INTERVAL_NS / NS_PER_REFERENCE);
    int windows = (pages.length + referencesPerWindow - 1) / referencesPerWindow;
    long[] floor = bruteForceMisses(pages, Integer.MAX_VALUE, referencesPerWindow, windows);
    for (int w = 0; w < windows; w++) {
      long windowEnd = (w + 1) * INTERVAL_NS;
      List<CurvePoint> curve = rows.stream().filter(row -> row.windowEndNs() == windowEnd).toList();
      long reach = curve.get(curve.size() - 1).memoryPages();
      long[] atReach = bruteForceMisses(pages, (int) reach, referencesPerWindow, windows);
      assertEquals(floor[w], atReach[w], name + ", window " + w + ": only first references miss at " + reach + " pages");
      assertTrue(reach > 1, name + ": every window re-references some page after another");
      long[] below = bruteForceMisses(pages, (int) reach - 1, referencesPerWindow, windows);
      assertTrue(below[w] > floor[w], name + ", window " + w + ": one page less misses more");
      assertEquals(-Math.floorDiv(-reach, 4), curve.get(0).memoryPages(), name + ": the first step is a quarter of the reach");
    }
  }

  /** Misses per window of an LRU memory of {@code size} pages, kept as a set in recency order. */
  private static long[] bruteForceMisses(int[] pages, int size, int referencesPerWindow, int windows) {
    long[] misses = new long[windows];
    LinkedHashSet<Integer> memory = new LinkedHashSet<>();
    for (int i = 0; i < pages.length; i++) {
      if (!memory.remove(pages[i])) {
        misses[i / referencesPerWindow]++;
        if (memory.size() == size) {
          Iterator<Integer> leastRecent = memory.iterator();
          leastRecent.next();
          leastRecent.remove();
        }
      }
      memory.add(pages[i]);
    }
    return misses;
  }
}
