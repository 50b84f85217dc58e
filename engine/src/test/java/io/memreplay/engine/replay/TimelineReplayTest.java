package io.memreplay.engine.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Scenario;
import io.memreplay.schemas.avro.AccessOp;
import io.memreplay.schemas.avro.HostInterval;
import io.memreplay.schemas.avro.MemoryAccess;
import io.memreplay.schemas.avro.PageContent;
import io.memreplay.schemas.avro.VmInterval;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/**
 * Timeline entries change policy and VM settings during a replay, and the results show the transition:
 * the interval holding a change names it in {@code host_intervals.changes}, and the rows after it follow the
 * new settings.
 */
class TimelineReplayTest {

  private static final long SECOND = 1_000_000_000L;
  private static final ReplayOptions OPTIONS = new ReplayOptions(10 * SECOND, new long[] {10 * SECOND}, 1);

  /** Two VMs snapshot the same 2,000 contents at 0, then each reads its first 1,000 pages for two minutes. */
  private static List<SpecificRecordBase> trace() {
    List<SpecificRecordBase> events = new ArrayList<>();
    for (int vm = 0; vm < 2; vm++) {
      for (long gpn = 0; gpn < 2000; gpn++) {
        events.add(new PageContent(0L, vm, gpn, 1 + gpn, false, null));
      }
    }
    for (long t = 1; t < 1200; t++) {
      for (int vm = 0; vm < 2; vm++) {
        long gpn = t % 1000;
        events.add(new MemoryAccess(t * SECOND / 10, vm, 0, 0, gpn << 12, gpn << 12, AccessOp.READ, 8, null));
      }
    }
    return events;
  }

  private static RecordingOutput.RecordedRun replay(String timeline) throws Exception {
    return replay(1024, 2, timeline);
  }

  /** The trace on a host of {@code hostMb}, under a policy of salting {@code salting} with a fast scanner. */
  private static RecordingOutput.RecordedRun replay(int hostMb, int salting, String timeline) throws Exception {
    Scenario scenario = ConfigYaml.scenario("""
        name: changes
        host: {name: host-1, memory_mb: %d}
        vms:
          - {id: 0, memory_mb: 64, overhead_mb: 2, large_pages: false}
          - {id: 1, memory_mb: 64, overhead_mb: 2, large_pages: false}
        timeline:
        """.formatted(hostMb) + timeline, "test");
    RecordingOutput output = new RecordingOutput();
    String policy = "name: salted\nsharing: {salting: %d, scan_minutes: 0.1}\n".formatted(salting);
    new Replay(new InMemoryTraceSource(trace(), List.of(0, 1), 256), scenario, List.of(ConfigYaml.policy(policy, "test")),
        OPTIONS, output, ReplayProgress.NONE).run();
    return output.runs.get("salted");
  }

  private static VmInterval row(RecordingOutput.RecordedRun run, int vm, long endS) {
    return run.vmIntervals.stream().filter(r -> r.getVm() == vm && r.getIntervalEndNs() == endS * SECOND).findFirst()
        .orElseThrow();
  }

  private static HostInterval host(RecordingOutput.RecordedRun run, long endS) {
    return run.hostIntervals.stream().filter(r -> r.getIntervalEndNs() == endS * SECOND).findFirst().orElseThrow();
  }

  @Test
  void vmSettingsChangeAtTheirMomentAndTheRowsShowIt() throws Exception {
    RecordingOutput.RecordedRun run = replay("""
          - {at_s: 35, vm: 1, set: {shares: high, limit_mb: 4, memory_mb: 128}}
        """);
    assertEquals(640, row(run, 1, 30).getShares());
    assertNull(row(run, 1, 30).getLimitPages());
    assertEquals("vm 1: shares=high, limit_mb=4, memory_mb=128", host(run, 40).getChanges());
    assertNull(host(run, 30).getChanges());
    VmInterval after = row(run, 1, 60);
    assertEquals(128 * 20, after.getShares(), "high shares of the new size");
    assertEquals(128 * 256, after.getConfiguredPages());
    assertEquals(4 * 256, after.getLimitPages());
    assertTrue(after.getConsumedPages() <= 4 * 256 + 10, "reclaimed down to its new limit: " + after);
    assertTrue(row(run, 1, 30).getConsumedPages() > 1500, "it held its pages before");
  }

  @Test
  void aSaltingChangeLetsTheVmsShareWithEachOtherFromThenOn() throws Exception {
    RecordingOutput.RecordedRun run = replay("""
          - {at_s: 55, policy: {sharing: {salting: 0}}}
        """);
    VmInterval before = row(run, 0, 50);
    assertEquals(0, before.getInterDupPages(), 1e-9, "salting 2: unsalted VMs share only with themselves");
    assertEquals(0, before.getSharedSavedPages(), 1e-9);
    assertEquals("policy sharing.salting=0", host(run, 60).getChanges());
    VmInterval after = row(run, 0, 120);
    assertEquals(1000, after.getInterDupPages(), 1e-9, "the 2,000 contents are held by both VMs: half of each is saved");
    assertTrue(after.getSharedSavedPages() > 0, "the scanner shares them from then on: " + after);
  }

  @Test
  void aSaltingChangeThatEndsSharingUnderPressureCopiesEverySharedPage() throws Exception {
    // 3,072 pages for the VMs (16 MB less their overhead), which hold 4,000 pages, 2,000 contents each, shared
    // across the VMs until salting 2 separates them: their copies need frames the host must page out for,
    // and a page paged out then must not be shared again by the groups being left
    RecordingOutput.RecordedRun run = replay(16, 0, """
          - {at_s: 55, policy: {sharing: {salting: 2}}}
        """);
    assertTrue(row(run, 0, 50).getSharedSavedPages() > 0, "salting 0: the VMs share: " + row(run, 0, 50));
    assertEquals("policy sharing.salting=2", host(run, 60).getChanges());
    assertEquals(0, host(run, 60).getSharedFrames(), "no shared frame is left: " + host(run, 60));
    for (int vm = 0; vm < 2; vm++) {
      for (long endS : new long[] {60, 120}) {
        VmInterval after = row(run, vm, endS);
        assertEquals(0, after.getSharedPages(), "salting 2: each VM's contents are its own: " + after);
        assertEquals(0, after.getSharedSavedPages(), 1e-9);
      }
    }
  }

  @Test
  void aReservationThatDoesNotFitIsRefusedAndSaysSo() throws Exception {
    RecordingOutput.RecordedRun run = replay("""
          - {at_s: 15, vm: 0, set: {reservation_mb: 64, memory_mb: 2048}}
        """);
    HostInterval changed = host(run, 20);
    assertEquals(0, changed.getAdmissionRefusals(), "64 MB reserved fits");
    RecordingOutput.RecordedRun refused = replay("""
          - {at_s: 15, vm: 0, set: {reservation_mb: 1500, memory_mb: 2048}}
        """);
    assertEquals(1, host(refused, 20).getAdmissionRefusals());
    assertTrue(host(refused, 20).getChanges().endsWith("(refused: the reservation, overhead or swap file does not fit)"),
        host(refused, 20).getChanges());
    assertEquals(0, row(refused, 0, 60).getReservationPages(), "the VM keeps its settings");
    assertEquals(64 * 256, row(run, 0, 60).getReservationPages());
  }

  @Test
  void aPolicyChangeReachesEveryMechanismFromThenOn() throws Exception {
    // one VM touches a new 2 MB region every second; from 30 s on the host backs no region with a large page
    List<SpecificRecordBase> events = new ArrayList<>();
    for (long second = 1; second <= 60; second++) {
      long gpn = second * 512;
      events.add(new MemoryAccess(second * SECOND, 0, 0, 0, gpn << 12, gpn << 12, AccessOp.READ, 8, null));
    }
    Scenario scenario = ConfigYaml.scenario("""
        name: regions
        host: {name: host-1, memory_mb: 1024}
        vms:
          - {id: 0, memory_mb: 256, overhead_mb: 2}
        timeline:
          - {at_s: 30.5, policy: {large_pages: {allocate_states: []}}}
        """, "test");
    RecordingOutput output = new RecordingOutput();
    new Replay(new InMemoryTraceSource(events, List.of(0), 16), scenario,
        List.of(ConfigYaml.policy("name: large\n", "test")), OPTIONS, output, ReplayProgress.NONE).run();
    RecordingOutput.RecordedRun run = output.runs.get("large");
    assertEquals(30, row(run, 0, 40).getLargePagePages(), "30 regions got large pages before the change");
    assertEquals(30, row(run, 0, 70).getLargePagePages(), "and none after");
    assertEquals(30, row(run, 0, 70).getPrivatePages(), "the later ones have 4 KB pages");
  }
}
