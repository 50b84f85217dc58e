package io.memreplay.engine.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Policies;
import io.memreplay.engine.config.Scenario;
import io.memreplay.schemas.avro.AccessOp;
import io.memreplay.schemas.avro.MemoryAccess;
import io.memreplay.schemas.avro.PageContent;
import io.memreplay.schemas.avro.VmInterval;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/**
 * VMs that do not run — refused at power-on, or powered off on the timeline — have no working set and no
 * touched pages, and the events the trace still holds for them are counted in {@code dropped_accesses} and
 * {@code dropped_records}, not replayed by any model and not rejected.
 */
class PoweredOffVmsReplayTest {

  private static final long SECOND = 1_000_000_000L;
  private static final ReplayOptions OPTIONS = new ReplayOptions(10 * SECOND, new long[] {10 * SECOND}, 1);

  /** Both VMs snapshot the same 100 pages at 0, then read 50 pages each, ten times a second for 30 s. */
  private static List<SpecificRecordBase> trace() {
    List<SpecificRecordBase> events = new ArrayList<>();
    for (int vm = 0; vm < 2; vm++) {
      for (long gpn = 0; gpn < 100; gpn++) {
        events.add(new PageContent(0L, vm, gpn, 1000 + gpn, false, null));
      }
    }
    for (long t = 1; t < 300; t++) {
      for (int vm = 0; vm < 2; vm++) {
        long gpn = t % 50;
        events.add(new MemoryAccess(t * SECOND / 10, vm, 0, 0, gpn << 12, gpn << 12, AccessOp.READ, 8, null));
      }
    }
    return events;
  }

  private static List<VmInterval> replay(String scenarioYaml) throws Exception {
    Scenario scenario = ConfigYaml.scenario(scenarioYaml, "test");
    RecordingOutput output = new RecordingOutput();
    new Replay(new InMemoryTraceSource(trace(), List.of(0, 1), 64), scenario,
        List.of(ConfigYaml.policy("name: share-all\nsharing: {salting: 0}\n", "test")), OPTIONS, output,
        ReplayProgress.NONE).run();
    assertTrue(output.rejects.isEmpty(), "events of a VM that does not run are not rejects");
    return output.runs.get("share-all").vmIntervals;
  }

  private static List<VmInterval> of(List<VmInterval> rows, int vm) {
    return rows.stream().filter(row -> row.getVm() == vm).toList();
  }

  @Test
  void aVmRefusedAtPowerOnHasNoWorkingSetNoTouchedPagesAndItsEventsAreCountedAsDropped() throws Exception {
    List<VmInterval> rows = replay("""
        name: refused
        host: {name: host-1, memory_mb: 1024}
        vms:
          - {id: 0, memory_mb: 64, overhead_mb: 2}
          - {id: 1, memory_mb: 2048, reservation_mb: 1500, overhead_mb: 2}
        """);
    List<VmInterval> refused = of(rows, 1);
    for (VmInterval row : refused) {
      assertFalse(row.getPoweredOn());
      assertEquals(0, row.getWorkingSetPages(), row.toString());
      assertEquals(0, row.getTouchedPages(), row.toString());
      assertEquals(0, row.getAccesses(), row.toString());
      assertEquals(0, row.getKnownContentPages(), row.toString());
    }
    assertEquals(299, refused.stream().mapToLong(VmInterval::getDroppedAccesses).sum(), "every access counted");
    assertEquals(100, refused.stream().mapToLong(VmInterval::getDroppedRecords).sum(), "every snapshot counted");
    VmInterval running = of(rows, 0).get(1);
    assertEquals(50, running.getWorkingSetPages());
    assertEquals(0, running.getInterDupPages(), 1e-12, "the refused VM holds no content to share");
  }

  @Test
  void aVmPoweredOffOnTheTimelineStopsCountingAndSharingAtOnce() throws Exception {
    List<VmInterval> rows = replay("""
        name: power-off
        host: {name: host-1, memory_mb: 1024}
        vms:
          - {id: 0, memory_mb: 64, overhead_mb: 2}
          - {id: 1, memory_mb: 64, overhead_mb: 2}
        timeline:
          - {at_s: 15, vm: 1, action: power-off}
        """);
    VmInterval before = of(rows, 1).get(0);
    assertTrue(before.getPoweredOn());
    assertEquals(50, before.getWorkingSetPages());
    assertEquals(100, before.getTouchedPages());
    assertEquals(0.5 * 100, of(rows, 0).get(0).getInterDupPages(), 1e-9, "both hold the 100 contents");
    VmInterval after = of(rows, 1).get(2);
    assertFalse(after.getPoweredOn());
    assertEquals(0, after.getWorkingSetPages());
    assertEquals(0, after.getTouchedPages());
    assertEquals(0, after.getUnbackedPages());
    assertEquals(0, after.getAccesses());
    assertEquals(100, after.getDroppedAccesses(), "[20 s, 30 s) of its accesses");
    assertEquals(0, of(rows, 0).get(2).getInterDupPages(), 1e-12, "the other VM shares its contents with nobody now");
  }
}
