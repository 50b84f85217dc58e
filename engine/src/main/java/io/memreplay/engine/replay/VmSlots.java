package io.memreplay.engine.replay;

import io.memreplay.engine.config.VmSpec;
import java.util.Arrays;
import java.util.List;

/** Maps the VM ids of trace records to dense slots 0..n-1, in scenario order. */
final class VmSlots {

  /** Ids below this are looked up in an array; the usual case, since recorders number VMs from 0. */
  private static final int DIRECT_IDS = 1 << 16;

  private final int[] slotById;
  private final List<VmSpec> vms;

  VmSlots(List<VmSpec> vms) {
    this.vms = List.copyOf(vms);
    int maxId = vms.stream().mapToInt(VmSpec::id).max().orElse(-1);
    if (maxId >= DIRECT_IDS || vms.stream().anyMatch(vm -> vm.id() < 0)) {
      throw new IllegalArgumentException("VM ids must be within [0, " + DIRECT_IDS + ")");
    }
    slotById = new int[maxId + 1];
    Arrays.fill(slotById, -1);
    for (int slot = 0; slot < vms.size(); slot++) {
      slotById[vms.get(slot).id()] = slot;
    }
  }

  /** The slot of VM {@code id}, or -1 when the scenario has no such VM. */
  int slot(int id) {
    return id >= 0 && id < slotById.length ? slotById[id] : -1;
  }

  int size() {
    return vms.size();
  }

  VmSpec vm(int slot) {
    return vms.get(slot);
  }

  /** The VMs in slot order. */
  List<VmSpec> vms() {
    return vms;
  }
}
