package io.memreplay.engine.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Policies;
import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
import io.memreplay.schemas.avro.AccessOp;
import io.memreplay.schemas.avro.HostInterval;
import io.memreplay.schemas.avro.MemoryAccess;
import io.memreplay.schemas.avro.PageContent;
import io.memreplay.schemas.avro.VmInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/**
 * Whole replays of an overcommitted host: two 64 MB VMs that write all their memory on a 96 MB host, then
 * keep working on a tenth of it. The memory engine must reclaim, and two replays must give the same rows.
 */
class MemoryPressureReplayTest {

  private static final long SECOND = 1_000_000_000L;
  private static final ReplayOptions OPTIONS = new ReplayOptions(30 * SECOND, new long[] {10 * SECOND}, 3);

  private static List<SpecificRecordBase> trace() {
    List<SpecificRecordBase> events = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(5);
    long pages = 64 * 256;
    // boot: every page written over the first 100 s, a third of them zero, the rest half duplicates
    for (long gpn = 0; gpn < pages; gpn++) {
      for (int vm = 0; vm < 2; vm++) {
        long hash = gpn % 3 == 0 ? 0 : 1 + gpn % (pages / 4);
        events.add(new PageContent(gpn * 100 * SECOND / pages, vm, gpn, hash, hash == 0, 500 + random.nextInt(3000)));
      }
    }
    for (long t = 100 * SECOND; t < 400 * SECOND; t += SECOND / 200) {
      int vm = random.nextInt(2);
      long gpn = random.nextLong(pages / 10);
      boolean write = random.nextInt(5) == 0;
      events.add(new MemoryAccess(t, vm, 0, 0, gpn << 12, gpn << 12, write ? AccessOp.WRITE : AccessOp.READ, 8,
          write ? random.nextLong(1, 1L << 40) : null));
    }
    return events;
  }

  private static Scenario scenario() throws Exception {
    return ConfigYaml.scenario("""
        name: pressure
        host: {name: host-1, memory_mb: 96}
        vms:
          - {id: 0, memory_mb: 64, overhead_mb: 4}
          - {id: 1, memory_mb: 64, overhead_mb: 4}
        """, "test");
  }

  private static RecordingOutput replay(List<Policy> policies) throws Exception {
    RecordingOutput output = new RecordingOutput();
    new Replay(new InMemoryTraceSource(trace(), List.of(0, 1), 4096), scenario(), policies, OPTIONS, output,
        ReplayProgress.NONE).run();
    return output;
  }

  @Test
  void anOvercommittedHostReclaimsAndTheSameInputsGiveTheSameRows() throws Exception {
    List<Policy> policies = List.of(Policies.builtIn("esxi-default"), Policies.builtIn("swap-only"));
    RecordingOutput first = replay(policies);
    RecordingOutput second = replay(policies);
    for (Policy policy : policies) {
      RecordingOutput.RecordedRun a = first.runs.get(policy.name());
      RecordingOutput.RecordedRun b = second.runs.get(policy.name());
      assertEquals(a.vmIntervals, b.vmIntervals, policy.name());
      assertEquals(a.hostIntervals, b.hostIntervals, policy.name());
      long hostPages = 96 * 256;
      for (HostInterval host : a.hostIntervals) {
        assertTrue(host.getFreePages() >= 0 && host.getFreePages() <= hostPages, host.toString());
      }
      for (VmInterval vm : a.vmIntervals) {
        long byState = vm.getPrivatePages() + vm.getLargePagePages() + vm.getSharedPages() + vm.getBalloonedPages()
            + vm.getCompressedPages() + vm.getSwappedPages() + vm.getUnbackedPages();
        assertEquals(vm.getTouchedPages(), byState, "pages by state add up to the touched pages: " + vm);
      }
    }
    List<VmInterval> esxi = first.runs.get("esxi-default").vmIntervals;
    List<VmInterval> swapOnly = first.runs.get("swap-only").vmIntervals;
    assertTrue(esxi.stream().mapToDouble(VmInterval::getSharedSavedPages).max().orElse(0) > 0, "ESXi shares");
    assertTrue(esxi.stream().mapToLong(VmInterval::getBalloonInflatedPages).sum() > 0, "and balloons");
    assertTrue(esxi.stream().mapToLong(VmInterval::getBalloonDeflatedPages).sum() > 0, "and deflates again");
    assertTrue(esxi.stream().mapToLong(VmInterval::getUnbackedPages).max().orElse(0) > 0,
        "the pages the balloon gave back are unbacked until touched");
    assertTrue(swapOnly.stream().mapToLong(VmInterval::getSwapOuts).sum() > 0, "swap-only swaps");
    assertEquals(0, swapOnly.stream().mapToLong(VmInterval::getBalloonedPages).sum(), "and never balloons");
  }
}
