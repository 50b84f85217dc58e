package io.memreplay.engine.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Policies;
import io.memreplay.engine.config.Scenario;
import io.memreplay.schemas.avro.AccessOp;
import io.memreplay.schemas.avro.MemoryAccess;
import io.memreplay.schemas.avro.VmInterval;
import io.memreplay.schemas.trace.TraceFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/**
 * Closed-loop replay: a VM that waits on the host falls behind its trace, so its stall in an interval never
 * exceeds the interval times its vCPUs, and what it did not get through moves to later intervals; open
 * loop replays the trace as recorded, stall unbounded. Demand samples are spread over their period.
 */
class ClosedLoopReplayTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long INTERVAL = 10 * SECOND;
  private static final ReplayOptions CLOSED = new ReplayOptions(INTERVAL, new long[] {INTERVAL}, 1);
  private static final ReplayOptions OPEN = CLOSED.withPacing(Pacing.OPEN_LOOP, ReplayOptions.DEFAULT_MAX_HELD_EVENTS);

  /**
   * VM 0 (2 vCPUs) reads pages of all its 64 MB at random, 2,000 times a second, on a host that holds far
   * less; VM 1 reads the same 100 pages over and over. Both for 60 s.
   */
  private static List<SpecificRecordBase> thrashing() {
    List<SpecificRecordBase> events = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(3);
    for (long t = 0; t < 60 * SECOND; t += SECOND / 2000) {
      long gpn = random.nextLong(64 * 256);
      events.add(new MemoryAccess(t, 0, 0, 0, gpn << 12, gpn << 12, AccessOp.READ, 8, null));
      long hot = random.nextLong(100);
      events.add(new MemoryAccess(t, 1, 0, 0, hot << 12, hot << 12, AccessOp.READ, 8, null));
    }
    return events;
  }

  private static Scenario twoVms() throws Exception {
    return ConfigYaml.scenario("""
        name: thrash
        host: {name: host-1, memory_mb: 48}
        vms:
          - {id: 0, memory_mb: 64, vcpus: 2, overhead_mb: 1}
          - {id: 1, memory_mb: 64, overhead_mb: 1}
        """, "test");
  }

  private static List<VmInterval> replay(List<SpecificRecordBase> events, Scenario scenario, ReplayOptions options)
      throws Exception {
    RecordingOutput output = new RecordingOutput();
    new Replay(new InMemoryTraceSource(events, List.of(0, 1), 4096), scenario, List.of(Policies.builtIn("esxi-default")),
        options, output, ReplayProgress.NONE).run();
    return output.runs.get("esxi-default").vmIntervals;
  }

  private static List<VmInterval> of(List<VmInterval> rows, int vm) {
    return rows.stream().filter(row -> row.getVm() == vm).toList();
  }

  @Test
  void aVmNeverWaitsLongerThanTheIntervalTimesItsVcpusAndFallsBehindItsTrace() throws Exception {
    List<SpecificRecordBase> trace = thrashing();
    List<VmInterval> rows = replay(trace, twoVms(), CLOSED);
    for (VmInterval row : rows) {
      int vcpus = row.getVm() == 0 ? 2 : 1;
      assertTrue(row.getStallNs() <= INTERVAL * vcpus + 1, "stall within interval x vCPUs: " + row);
      assertEquals(INTERVAL, row.getTraceServedNs() + row.getStallNs() / vcpus, 2.0,
          "trace time served and time waited make the interval: " + row);
      assertEquals(0, row.getCatchUpNs());
    }
    List<VmInterval> thrasher = of(rows, 0);
    assertTrue(thrasher.stream().anyMatch(row -> row.getSlowdown() != null && row.getSlowdown() > 2),
        "the thrashing VM runs well slower than recorded");
    VmInterval last = thrasher.get(thrasher.size() - 1);
    assertTrue(last.getIntervalEndNs() > 60 * SECOND + INTERVAL, "its trace takes longer than recorded: " + last);
    assertTrue(last.getTraceDelayNs() > 0);
    assertEquals(trace.size() / 2, thrasher.stream().mapToLong(VmInterval::getAccesses).sum(), "every access replayed, later");
    assertEquals(trace.size() / 2, of(rows, 1).stream().mapToLong(VmInterval::getAccesses).sum());
    assertEquals(rows, replay(trace, twoVms(), CLOSED), "the same inputs give the same rows");
  }

  @Test
  void openLoopReplaysTheTraceAsRecordedWithStallUnbounded() throws Exception {
    List<SpecificRecordBase> trace = thrashing();
    List<VmInterval> rows = replay(trace, twoVms(), OPEN);
    List<VmInterval> thrasher = of(rows, 0);
    assertEquals(6, thrasher.size(), "the intervals of the recorded 60 s");
    assertTrue(thrasher.stream().anyMatch(row -> row.getStallNs() > 2 * INTERVAL), "stall past the interval x vCPUs");
    for (VmInterval row : rows) {
      assertEquals(INTERVAL, row.getTraceServedNs());
      assertEquals(0, row.getTraceDelayNs());
      assertEquals(1 + row.getStallNs() / (row.getVm() == 0 ? 2.0 : 1.0) / INTERVAL, row.getSlowdown(), 1e-9,
          "what the stall would stretch the interval to");
    }
    long perInterval = 10 * 2000;
    assertEquals(perInterval, thrasher.get(1).getAccesses(), "each interval replays what was recorded in it");
  }

  @Test
  void aDemandSampleTouchesItsActivePagesEvenlyOverItsPeriod() throws Exception {
    List<SpecificRecordBase> events = new ArrayList<>();
    long active = 6000;
    for (long t = 60; t <= 240; t += 60) {
      events.add(TraceFixtures.demand(t * SECOND, 0, 60 * SECOND, active, active));
    }
    Scenario roomy = ConfigYaml.scenario("""
        name: roomy
        host: {name: host-1, memory_mb: 1024}
        vms:
          - {id: 0, memory_mb: 64, overhead_mb: 1}
        """, "test");
    RecordingOutput output = new RecordingOutput();
    new Replay(new InMemoryTraceSource(events, List.of(0), 16), roomy, List.of(Policies.builtIn("esxi-default")), CLOSED,
        output, ReplayProgress.NONE).run();
    List<VmInterval> rows = output.runs.get("esxi-default").vmIntervals;
    // the sample at 120 s covers [60 s, 120 s): a sixth of its pages in each 10 s interval
    for (VmInterval row : rows) {
      if (row.getIntervalStartNs() >= 70 * SECOND && row.getIntervalEndNs() <= 240 * SECOND) {
        assertEquals(active / 6, row.getWorkingSetPages(), row.toString());
      }
    }
    // the trace starts at 60 s: the first sample's period, before it, goes at once
    assertEquals(60 * SECOND, rows.get(0).getIntervalStartNs());
    assertEquals(active, rows.get(0).getWorkingSetPages());
  }

  @Test
  void pastTheBoundOnHeldEventsALaggingVmCatchesUpAndSaysSo() throws Exception {
    List<SpecificRecordBase> trace = thrashing();
    List<VmInterval> rows = replay(trace, twoVms(), CLOSED.withPacing(Pacing.CLOSED_LOOP, 5_000));
    assertTrue(of(rows, 0).stream().mapToLong(VmInterval::getCatchUpNs).sum() > 0, "the thrashing VM's delay was cut");
    assertEquals(0, of(rows, 1).stream().mapToLong(VmInterval::getCatchUpNs).sum());
    assertEquals(trace.size() / 2, of(rows, 0).stream().mapToLong(VmInterval::getAccesses).sum(), "nothing is lost");
    for (VmInterval row : rows) {
      assertTrue(row.getStallNs() <= INTERVAL * (row.getVm() == 0 ? 2 : 1) + 1, row.toString());
    }
  }

  @Test
  void aVmThatWaitsTheWholeIntervalServesNoTraceTimeAndHasNoSlowdownRatio() throws Exception {
    List<VmInterval> rows = replay(thrashing(), twoVms(), CLOSED);
    for (VmInterval row : rows) {
      if (row.getTraceServedNs() == 0) {
        assertNull(row.getSlowdown(), row.toString());
      }
    }
  }
}
