package io.memreplay.engine.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Policies;
import io.memreplay.schemas.trace.TraceFixtures;
import io.memreplay.schemas.avro.VmInterval;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/**
 * A trace of demand samples only, as monitoring exports give: two 64 MB VMs that have touched all their
 * memory, one using 80% of it, the other 5%, on a host that holds 1.5 of them. Allocation, sampling and
 * reclamation run on the page counts.
 */
class DemandReplayTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long PAGES = 64 * 256;

  @Test
  void demandSamplesDriveTheWorkingSetAllocationAndReclamation() throws Exception {
    List<SpecificRecordBase> events = new ArrayList<>();
    for (long t = 20; t <= 1200; t += 20) {
      events.add(TraceFixtures.demand(t * SECOND, 0, 20 * SECOND, PAGES * 80 / 100, PAGES));
      events.add(TraceFixtures.demand(t * SECOND, 1, 20 * SECOND, PAGES * 5 / 100, PAGES));
    }
    RecordingOutput output = new RecordingOutput();
    new Replay(new InMemoryTraceSource(events, List.of(0, 1), 16), ConfigYaml.scenario("""
        name: demand
        host: {name: host-1, memory_mb: 100}
        vms:
          - {id: 0, memory_mb: 64, overhead_mb: 2}
          - {id: 1, memory_mb: 64, overhead_mb: 2}
        """, "test"), List.of(Policies.builtIn("esxi-default")), new ReplayOptions(60 * SECOND, new long[0], 1),
        output, ReplayProgress.NONE).run();
    List<VmInterval> rows = output.runs.get("esxi-default").vmIntervals;
    VmInterval busy = last(rows, 0);
    VmInterval idle = last(rows, 1);
    assertEquals(PAGES * 80 / 100, busy.getWorkingSetPages(), "the busy VM's active pages are its working set");
    assertEquals(PAGES * 5 / 100, idle.getWorkingSetPages());
    assertEquals(PAGES, busy.getTouchedPages());
    assertTrue(busy.getActiveEstimatePages() > idle.getActiveEstimatePages(), busy + "\n" + idle);
    assertTrue(busy.getEntitlementPages() > idle.getEntitlementPages(), "the idle tax favours the busy VM");
    assertTrue(idle.getConsumedPages() < busy.getConsumedPages(), "memory is taken from the idle VM");
  }

  private static VmInterval last(List<VmInterval> rows, int vm) {
    return rows.stream().filter(row -> row.getVm() == vm).reduce((a, b) -> b).orElseThrow();
  }
}
