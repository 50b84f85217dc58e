package io.memreplay.ingest.generate;

import io.memreplay.engine.config.HostSpec;
import io.memreplay.engine.config.OverheadMemory;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.config.Shares;
import io.memreplay.engine.config.VmSpec;
import io.memreplay.schemas.trace.TraceManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The host a {@link GeneratorSpec} describes: its VMs, drawn from one random stream split per VM in id
 * order, and the scenario that replays them.
 */
final class SyntheticHost {

  /**
   * Host memory as a share of the VMs' configured memory: an overcommitted host, so reclamation has
   * work to do once the VMs' working sets grow.
   */
  static final double HOST_MEMORY_SHARE = 0.75;

  private final GeneratorSpec spec;
  private final List<SyntheticVm> vms;

  private SyntheticHost(GeneratorSpec spec, List<SyntheticVm> vms) {
    this.spec = spec;
    this.vms = List.copyOf(vms);
  }

  static SyntheticHost of(GeneratorSpec spec) {
    SplittableRandom random = new SplittableRandom(spec.seed());
    List<SyntheticVm> vms = new ArrayList<>();
    for (int id = 0; id < spec.vms(); id++) {
      vms.add(SyntheticVm.draw(spec, id, random.split()));
    }
    return new SyntheticHost(spec, vms);
  }

  List<SyntheticVm> vms() {
    return vms;
  }

  List<TraceManifest.Vm> manifestVms() {
    return vms.stream().map(vm -> new TraceManifest.Vm(vm.id(), vm.name())).toList();
  }

  /**
   * The scenario to replay the trace with: these VMs, each configured with the guest memory, on a host with
   * less. Small guests are the exception: a 16 MB guest's overhead memory (22 MB) is more than the guest, and
   * a host of three quarters of the guests could not admit them all; such a host gets the VMs' overhead and a
   * quarter of their memory, still short of what they would use at once.
   */
  Scenario scenario() {
    long configuredMb = (long) spec.vms() * spec.guestMb();
    double overheadMb = spec.vms() * OverheadMemory.estimateMb(spec.guestMb(), SyntheticVm.VCPUS);
    long hostMb = Math.max(Math.round(configuredMb * HOST_MEMORY_SHARE),
        (long) Math.ceil(overheadMb + configuredMb * (1 - HOST_MEMORY_SHARE)));
    HostSpec host = new HostSpec(spec.host(), hostMb, 0, null, null);
    List<VmSpec> vmSpecs = vms.stream()
        .map(vm -> new VmSpec(vm.id(), vm.name(), spec.guestMb(), SyntheticVm.VCPUS, 0, null, Shares.NORMAL,
            vm.salt(), true, true))
        .toList();
    return new Scenario(spec.traceId(), host, vmSpecs);
  }

  /**
   * One access stream per VM, sharing {@code accesses} in proportion to each VM's expected accesses under
   * its schedule. Cumulative rounding makes the counts add up exactly.
   */
  List<VmAccessStream> accessStreams(long accesses) {
    double total = 0;
    for (SyntheticVm vm : vms) {
      total += vm.schedule().totalWork();
    }
    List<VmAccessStream> streams = new ArrayList<>();
    double cumulative = 0;
    long assigned = 0;
    for (SyntheticVm vm : vms) {
      cumulative += vm.schedule().totalWork();
      long upTo = Math.round(accesses * (cumulative / total));
      streams.add(new VmAccessStream(vm, upTo - assigned));
      assigned = upTo;
    }
    return streams;
  }
}
