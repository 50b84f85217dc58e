package io.memreplay.engine.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.engine.config.Policy;
import io.memreplay.engine.workingset.MemoryGrid;
import io.memreplay.engine.workingset.MrcOptions;
import io.memreplay.engine.workingset.MrcSampling;
import io.memreplay.schemas.avro.AccessOp;
import io.memreplay.schemas.avro.MemoryAccess;
import io.memreplay.schemas.avro.MrcPoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The replay feeds every page each access touches to its VM's miss-ratio curves: the {@code mrc} rows of a
 * replay equal an LRU simulation per VM over the pages of its accesses (recorded and unknown guest
 * physical addresses, accesses that cross into the next page), window by window, and the options that
 * shape the rows are part of the run's identity.
 */
class ReplayMissRatioCurvesMatchBruteForceTest {

  private static final long SECOND = 1_000_000_000L;
  private static final int[] VM_IDS = {0, 3};
  private static final int[] SIZES = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89};
  private static final MemoryGrid GRID = MemoryGrid.parse("1p,2p,3p,5p,8p,13p,21p,34p,55p,89p");

  @Test
  void rowsPerIntervalMatchAnLruSimulationOfEachVmsPages() throws Exception {
    List<MemoryAccess> trace = randomTrace(new SplittableRandom(7));
    MrcOptions mrc = new MrcOptions(MrcSampling.EXACT, MrcOptions.WINDOW_INTERVAL, GRID);
    List<MrcPoint> rows = replay(trace, new ReplayOptions(SECOND, new long[] {SECOND}, 1, mrc));
    assertEquals(expected(trace, SECOND), rows);
  }

  @Test
  void windowsOfTwoIntervalsEndWithThePartialLastWindow() throws Exception {
    List<MemoryAccess> trace = randomTrace(new SplittableRandom(8));
    MrcOptions mrc = new MrcOptions(MrcSampling.EXACT, 2 * SECOND, GRID);
    List<MrcPoint> rows = replay(trace, new ReplayOptions(SECOND, new long[] {SECOND}, 1, mrc));
    assertEquals(expected(trace, 2 * SECOND), rows);
    // the trace spans [0.3 s, 6.8 s): windows [0, 2), [2, 4), [4, 6) and the partial [6, 7)
    assertEquals(7 * SECOND, rows.get(rows.size() - 1).getWindowEndNs());
  }

  @Test
  void offWritesNoRowsAndEveryOptionChangesTheRunId() throws Exception {
    List<MemoryAccess> trace = randomTrace(new SplittableRandom(9));
    ReplayOptions base = new ReplayOptions(SECOND, new long[] {SECOND}, 1);
    assertEquals(List.of(), replay(trace, base.withMrc(MrcOptions.OFF)));
    List<String> ids = new ArrayList<>();
    for (ReplayOptions options : List.of(base, base.withMrc(MrcOptions.OFF),
        base.withMrc(new MrcOptions(MrcSampling.EXACT, MrcOptions.WINDOW_INTERVAL, MemoryGrid.DEFAULT)),
        base.withMrc(new MrcOptions(MrcSampling.AUTO, MrcOptions.WINDOW_RUN, MemoryGrid.DEFAULT)),
        base.withMrc(new MrcOptions(MrcSampling.AUTO, MrcOptions.WINDOW_INTERVAL, MemoryGrid.parse("steps:10"))))) {
      String id = Replay.replayId(new InMemoryTraceSource(trace, List.of(0, 3), 64).info(),
          TestScenarios.scenario(VM_IDS, new String[2]), options);
      assertTrue(!ids.contains(id), options + " has the replay id of another option set");
      ids.add(id);
    }
    assertNotEquals(ids.get(0), ids.get(1));
  }

  private static List<MrcPoint> replay(List<MemoryAccess> trace, ReplayOptions options) throws Exception {
    RecordingOutput output = new RecordingOutput();
    new Replay(new InMemoryTraceSource(trace, List.of(0, 3), 64), TestScenarios.scenario(VM_IDS, new String[2]),
        List.of(new Policy("p", null, null, null)), options, output, ReplayProgress.NONE).run();
    List<MrcPoint> rows = output.runs.get("p").mrcPoints;
    // the run id is a digest, checked elsewhere
    rows.forEach(row -> row.setRunId(""));
    return rows;
  }

  /** Accesses of two VMs over [0.3 s, 6.8 s): a third without a guest physical address, a tenth crossing pages. */
  private static List<MemoryAccess> randomTrace(SplittableRandom random) {
    List<MemoryAccess> trace = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      long ts = (long) (0.3 * SECOND + i * (6.5 * SECOND / 4000));
      int vm = VM_IDS[random.nextInt(2)];
      boolean knownGpa = random.nextInt(3) != 0;
      // mostly a few hot pages, sometimes any of 120
      long page = random.nextInt(4) == 0 ? random.nextInt(120) : random.nextInt(10);
      int size = random.nextInt(10) == 0 ? 16 : 8;
      long offset = size == 16 ? 4090 : 8L * random.nextInt(512);
      trace.add(new MemoryAccess(ts, vm, 0, random.nextInt(2), (page << 12) + offset,
          knownGpa ? ((page + 1000) << 12) + offset : -1L, AccessOp.READ, size, null));
    }
    return trace;
  }

  /**
   * The rows the replay should write: per window (from 0, as the first interval starts at 0) and VM with
   * references, one row per size with the LRU misses of the window's references over their count.
   */
  private static List<MrcPoint> expected(List<MemoryAccess> trace, long windowNs) {
    Map<Integer, List<long[]>> references = new HashMap<>();
    for (MemoryAccess access : trace) {
      long address = access.getGpa() >= 0 ? access.getGpa() : access.getGva();
      // recorded pages and pages placed on first touch never share a key
      long key = access.getGpa() >= 0 ? address >>> 12 : -1 - ((long) access.getAsid() << 32 | access.getGva() >>> 12);
      List<long[]> vmReferences = references.computeIfAbsent(access.getVm(), v -> new ArrayList<>());
      vmReferences.add(new long[] {access.getTsNs(), key});
      if ((address & 4095) + access.getSize() > 4096) {
        vmReferences.add(new long[] {access.getTsNs(), access.getGpa() >= 0 ? key + 1 : key - 1});
      }
    }
    long lastTs = trace.get(trace.size() - 1).getTsNs();
    long endOfTrace = (lastTs / SECOND + 1) * SECOND;
    List<MrcPoint> rows = new ArrayList<>();
    for (long start = 0; start < endOfTrace; start += windowNs) {
      long end = Math.min(start + windowNs, endOfTrace);
      for (int vm : VM_IDS) {
        List<long[]> refs = references.get(vm);
        long inWindow = 0;
        for (long[] ref : refs) {
          inWindow += ref[0] >= start && ref[0] < end ? 1 : 0;
        }
        if (inWindow == 0) {
          continue;
        }
        for (int size : SIZES) {
          rows.add(MrcPoint.newBuilder().setRunId("").setPolicy("p").setHost("host-1").setVm(vm).setWindowStartNs(start)
              .setWindowEndNs(end).setMethod("EXACT").setSamplingRate(1.0).setMemoryPages(size)
              .setMissRatio(misses(refs, size, start, end) / (double) inWindow).setReferences(inWindow).build());
        }
      }
    }
    return rows;
  }

  /** Misses in [start, end) of an LRU memory of {@code size} pages that has run since the trace began. */
  private static long misses(List<long[]> refs, int size, long start, long end) {
    LinkedHashSet<Long> memory = new LinkedHashSet<>();
    long misses = 0;
    for (long[] ref : refs) {
      if (ref[0] >= end) {
        break;
      }
      boolean hit = memory.remove(ref[1]);
      if (!hit && memory.size() == size) {
        Iterator<Long> leastRecent = memory.iterator();
        leastRecent.next();
        leastRecent.remove();
      }
      memory.add(ref[1]);
      misses += !hit && ref[0] >= start ? 1 : 0;
    }
    return misses;
  }
}
