package io.memreplay.engine.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.memreplay.engine.config.HostSpec;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.config.Shares;
import io.memreplay.engine.config.VmSpec;
import io.memreplay.engine.model.ModelContext;
import io.memreplay.engine.model.Tables;
import io.memreplay.engine.model.VmPages;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelRegistryTest {

  private static final long PAGES_PER_MB = 256;

  /** VMs 0 and 1 (1 GB and 2 GB) have events in the trace; VM 2 (1 GB) has none. */
  private static ModelContext context() {
    List<VmSpec> vms = List.of(vm(0, 1024), vm(1, 2048), vm(2, 1024));
    Scenario scenario = new Scenario("test", new HostSpec("host-1", 8192, 0, null, null), vms);
    VmPages[] pages = {new VmPages(), new VmPages(), new VmPages()};
    return new ModelContext("run", "policy", "host-1", scenario.vms(), pages, new Tables(), 0);
  }

  private static VmSpec vm(int id, long memoryMb) {
    return new VmSpec(id, "vm-" + id, memoryMb, 1, 0, null, Shares.NORMAL, null, true, true);
  }

  private static TraceInfo traceWithContents(long contents) {
    return new TraceInfo("t", "sha256:t", "full", "sha256:t", "host-1", List.of(0, 1), 0, 1, contents, contents);
  }

  @Test
  void theTracesContentSnapshotsAreSharedAmongItsVmsByConfiguredMemory() {
    long traceVmPages = 3072 * PAGES_PER_MB;
    assertArrayEquals(new long[] {1024 * PAGES_PER_MB / 4, 2048 * PAGES_PER_MB / 4, 0},
        ModelRegistry.expectedContents(context(), traceWithContents(traceVmPages / 4)));
  }

  @Test
  void aVmIsExpectedToHoldAtMostAContentAPage() {
    assertArrayEquals(new long[] {1024 * PAGES_PER_MB, 2048 * PAGES_PER_MB, 0},
        ModelRegistry.expectedContents(context(), traceWithContents(10 * 3072 * PAGES_PER_MB)));
  }

  @Test
  void nothingIsExpectedWhenTheSourceDoesNotCountSnapshots() {
    assertArrayEquals(new long[3], ModelRegistry.expectedContents(context(), traceWithContents(-1)));
  }
}
