package io.memreplay.ingest.imports;

import io.memreplay.engine.config.HostSpec;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.config.Shares;
import io.memreplay.engine.config.VmSpec;
import io.memreplay.schemas.trace.TraceManifest;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenario that replays an import: its VMs with vSphere's defaults, each configured with the guest
 * memory asked for or else sized to what its traces touched, on a host with exactly their sum (unless the
 * user gives the host's size), so that nothing is overcommitted until the user says so.
 */
public final class ImportScenario {

  /** Smaller than any guest OS that runs a program worth tracing. */
  public static final long MIN_GUEST_MB = 64;

  private static final long PAGE_BYTES = 4096;
  private static final long MB = 1 << 20;

  private ImportScenario() {}

  /**
   * The scenario named {@code name} for {@code vms}.
   *
   * @param pagesByVm distinct 4 KB pages each VM touched, by VM id
   */
  static Scenario of(String name, ImportOptions options, List<TraceManifest.Vm> vms, long[] pagesByVm) {
    long[] memoryMb = new long[vms.size()];
    for (TraceManifest.Vm vm : vms) {
      memoryMb[vm.id()] = options.guestMb() != ImportOptions.GUEST_MB_FROM_FOOTPRINT ? options.guestMb()
          : guestMbFor(pagesByVm[vm.id()]);
    }
    return of(name, options.host(), vms, memoryMb, options.hostMb());
  }

  /**
   * The scenario named {@code name} for {@code vms} on host {@code host}.
   *
   * @param memoryMbByVm configured memory of each VM, by VM id
   * @param hostMb the host's memory, or null for the sum of the VMs'
   */
  public static Scenario of(String name, String host, List<TraceManifest.Vm> vms, long[] memoryMbByVm, Long hostMb) {
    List<VmSpec> specs = new ArrayList<>();
    long sumMb = 0;
    for (TraceManifest.Vm vm : vms) {
      long memoryMb = memoryMbByVm[vm.id()];
      specs.add(new VmSpec(vm.id(), vm.name(), memoryMb, 1, 0, null, Shares.NORMAL, null, true, true));
      sumMb += memoryMb;
    }
    return new Scenario(name, new HostSpec(host, hostMb != null ? hostMb : sumMb, 0, null, null), specs);
  }

  /**
   * The smallest power-of-two MB that holds {@code pages} 4 KB pages, and at least {@value #MIN_GUEST_MB}:
   * memory sizes people configure, and room for the first-touch placement of every page the trace touched.
   */
  public static long guestMbFor(long pages) {
    long neededMb = (pages * PAGE_BYTES + MB - 1) / MB;
    long memoryMb = MIN_GUEST_MB;
    while (memoryMb < neededMb) {
      memoryMb <<= 1;
    }
    return memoryMb;
  }
}
