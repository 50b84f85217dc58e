package io.memreplay.schemas.trace;

import java.util.Arrays;
import java.util.List;

/**
 * What a replay can use of decoded rows beyond each row's own invariants ({@link Columns#problem}): rows of
 * the VMs it simulates, from vCPUs the VM has, at times inside the trace's span, and demand within the VM's
 * memory. Trace sources apply it where they decode, so that the engine only ever sees rows it can replay
 * and everything else goes to rejects with its reason. Immutable.
 */
public final class RecordScreen {

  /**
   * One VM a replay simulates.
   *
   * @param vcpus its vCPUs: records name vCPUs 0 to vcpus - 1
   * @param pages its configured memory in 4 KB pages: demand samples cannot exceed it
   */
  public record Vm(int id, int vcpus, long pages) {}

  /** VM ids index arrays; scenarios keep them below this. */
  public static final int MAX_VM_ID = (1 << 16) - 1;

  private static final RecordScreen ANY_VM = new RecordScreen(null, null, null, null, Long.MIN_VALUE, Long.MAX_VALUE, null);

  /** Per VM id, its index in {@link #vcpus} and {@link #pages}, or -1; null accepts every VM. */
  private final int[] indexById;
  private final int[] vcpus;
  private final long[] pages;
  private final String unknownVmReason;
  private final long fromNs;
  private final long toNs;
  /** Says where the span comes from, for reject reasons; null when every time is accepted. */
  private final String span;

  private RecordScreen(int[] indexById, int[] vcpus, long[] pages, String unknownVmReason, long fromNs, long toNs,
      String span) {
    this.indexById = indexById;
    this.vcpus = vcpus;
    this.pages = pages;
    this.unknownVmReason = unknownVmReason;
    this.fromNs = fromNs;
    this.toNs = toNs;
    this.span = span;
  }

  /** Accepts the rows of every VM at every time: for reading a trace without replaying it. */
  public static RecordScreen anyVm() {
    return ANY_VM;
  }

  /** Accepts rows of {@code vms} only; rows of other VMs are rejected with {@code unknownVmReason}. */
  public static RecordScreen of(List<Vm> vms, String unknownVmReason) {
    int maxId = -1;
    for (Vm vm : vms) {
      if (vm.id() < 0 || vm.id() > MAX_VM_ID) {
        throw new IllegalArgumentException("VM ids must be within [0, " + MAX_VM_ID + "], is " + vm.id());
      }
      maxId = Math.max(maxId, vm.id());
    }
    int[] indexById = new int[maxId + 1];
    Arrays.fill(indexById, -1);
    int[] vcpus = new int[vms.size()];
    long[] pages = new long[vms.size()];
    for (int i = 0; i < vms.size(); i++) {
      Vm vm = vms.get(i);
      indexById[vm.id()] = i;
      vcpus[i] = vm.vcpus();
      pages[i] = vm.pages();
    }
    return new RecordScreen(indexById, vcpus, pages, unknownVmReason, Long.MIN_VALUE, Long.MAX_VALUE, null);
  }

  /**
   * This screen, accepting only rows with {@code fromNs <= ts_ns <= toNs}.
   *
   * @param span where the bounds come from, for the reject reason, e.g. "the manifest's start_ns and end_ns"
   */
  public RecordScreen within(long fromNs, long toNs, String span) {
    return new RecordScreen(indexById, vcpus, pages, unknownVmReason, Math.max(fromNs, this.fromNs),
        Math.min(toNs, this.toNs), span);
  }

  /** Whether rows of VM {@code vm} can pass. */
  public boolean acceptsVm(int vm) {
    return indexById == null || vm >= 0 && vm < indexById.length && indexById[vm] >= 0;
  }

  /**
   * Whether {@link #problem} finds nothing in any row of {@code rows}: what a screen asks first, as nearly every
   * chunk passes, so it looks at a kind's columns once rather than at its kind once per row.
   */
  public boolean acceptsAll(Columns rows) {
    int n = rows.size();
    long[] ts = rows.tsNs;
    for (int row = 0; row < n; row++) {
      if (outsideSpan(ts[row])) {
        return false;
      }
    }
    if (indexById == null) {
      return true;
    }
    int[] vcpu = switch (rows.kind()) {
      case ACCESSES -> ((AccessColumns) rows).vcpu;
      case PAGETABLE -> ((PageTableColumns) rows).vcpu;
      default -> null;
    };
    if (vcpu == null) {
      // contents and demand samples: rarer, and demand has more to check
      for (int row = 0; row < n; row++) {
        if (problem(rows, row) != null) {
          return false;
        }
      }
      return true;
    }
    int[] vm = rows.vm;
    for (int row = 0; row < n; row++) {
      if (!acceptsVm(vm[row]) || !isVcpuOf(vcpu[row], indexById[vm[row]])) {
        return false;
      }
    }
    return true;
  }

  /** Why row {@code row} of {@code rows} cannot be replayed, or null when it can. */
  public String problem(Columns rows, int row) {
    long ts = rows.tsNs[row];
    if (outsideSpan(ts)) {
      return "ts_ns " + ts + " is outside the trace's span [" + fromNs + ", " + toNs + "] (" + span + ")";
    }
    if (indexById == null) {
      return null;
    }
    int vm = rows.vm[row];
    if (!acceptsVm(vm)) {
      return unknownVmReason;
    }
    int index = indexById[vm];
    switch (rows.kind()) {
      case ACCESSES:
        return vcpuProblem(((AccessColumns) rows).vcpu[row], vm, index);
      case PAGETABLE:
        return vcpuProblem(((PageTableColumns) rows).vcpu[row], vm, index);
      case DEMAND: {
        DemandColumns demand = (DemandColumns) rows;
        String active = pagesProblem("active_pages", demand.activePages[row], vm, index);
        return active != null ? active : pagesProblem("touched_pages", demand.touchedPages[row], vm, index);
      }
      default:
        return null;
    }
  }

  private boolean outsideSpan(long ts) {
    return ts < fromNs || ts > toNs;
  }

  private boolean isVcpuOf(int vcpu, int index) {
    return vcpu >= 0 && vcpu < vcpus[index];
  }

  private String vcpuProblem(int vcpu, int vm, int index) {
    if (isVcpuOf(vcpu, index)) {
      return null;
    }
    return "vcpu " + vcpu + " is not a vCPU of vm " + vm + ", which has " + vcpus[index]
        + " (vcpu 0 to " + (vcpus[index] - 1) + ")";
  }

  private String pagesProblem(String column, long value, int vm, int index) {
    if (value <= pages[index]) {
      return null;
    }
    return column + " " + value + " exceeds the " + pages[index] + " pages (4 KB) vm " + vm + " is configured with";
  }
}
