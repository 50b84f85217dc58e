package io.memreplay.engine.model;

import io.memreplay.engine.config.VmSpec;
import java.util.List;

/**
 * What every model of a run shares: the run's keys, its VMs in slot order with their page indices, the
 * layouts of the result tables, when the first output interval starts, and the host's feedback to the loop.
 */
public final class ModelContext {

  private final String runId;
  private final String policyName;
  private final String host;
  private final List<VmSpec> vms;
  private final VmPages[] pages;
  private final Tables tables;
  private final long startNs;
  private final HostFeedback feedback;
  private final int[][] keyColumns = new int[Table.values().length][];
  private final int vmName;
  private final int[][] intervalColumns = new int[Table.values().length][];

  public ModelContext(String runId, String policyName, String host, List<VmSpec> vms, VmPages[] pages, Tables tables,
      long startNs) {
    if (pages.length != vms.size()) {
      throw new IllegalArgumentException(vms.size() + " VMs but " + pages.length + " page indices");
    }
    this.runId = runId;
    this.policyName = policyName;
    this.host = host;
    this.vms = List.copyOf(vms);
    this.pages = pages.clone();
    this.tables = tables;
    this.startNs = startNs;
    this.feedback = new HostFeedback(vms.size());
    for (Table table : Table.values()) {
      if (table == Table.RUNS) {
        continue;
      }
      RowLayout layout = tables.layout(table);
      boolean perVm = table != Table.HOST_INTERVALS;
      keyColumns[table.ordinal()] = perVm
          ? new int[] {layout.column("run_id"), layout.column("policy"), layout.column("host"), layout.column("vm")}
          : new int[] {layout.column("run_id"), layout.column("policy"), layout.column("host")};
    }
    this.vmName = tables.layout(Table.VM_INTERVALS).column("vm_name");
    for (Table table : new Table[] {Table.VM_INTERVALS, Table.HOST_INTERVALS, Table.TRANSLATION}) {
      RowLayout layout = tables.layout(table);
      intervalColumns[table.ordinal()] = new int[] {layout.column("interval_start_ns"), layout.column("interval_end_ns")};
    }
  }

  /** VMs of the scenario, in slot order. */
  public int vmCount() {
    return vms.size();
  }

  public VmSpec vm(int slot) {
    return vms.get(slot);
  }

  public List<VmSpec> vms() {
    return vms;
  }

  /** The dense page indices of the VM in slot {@code slot}, shared by every model of the run. */
  public VmPages pages(int slot) {
    return pages[slot];
  }

  public RowLayout layout(Table table) {
    return tables.layout(table);
  }

  /** The start of the first output interval. */
  public long startNs() {
    return startNs;
  }

  /** What the host tells the replay loop about each VM: whether it runs, how long it waited. */
  public HostFeedback feedback() {
    return feedback;
  }

  /** A new row of {@code table} with its keys set: run, policy, host and, for a per-VM table, the VM of slot {@code slot}. */
  public Row newRow(Table table, int slot) {
    Row row = tables.layout(table).newRow();
    int[] keys = keyColumns[table.ordinal()];
    row.set(keys[0], runId).set(keys[1], policyName).set(keys[2], host);
    if (keys.length > 3) {
      row.set(keys[3], vms.get(slot).id());
    }
    if (table == Table.VM_INTERVALS) {
      row.set(vmName, vms.get(slot).name());
    }
    return row;
  }

  /**
   * A new row of a per-interval table ({@code vm_intervals}, {@code host_intervals}, {@code translation}) with
   * its keys and the interval [startNs, endNs) set.
   */
  public Row newIntervalRow(Table table, int slot, long startNs, long endNs) {
    int[] bounds = intervalColumns[table.ordinal()];
    if (bounds == null) {
      throw new IllegalArgumentException(table.tableName() + " is not a per-interval table");
    }
    return newRow(table, slot).set(bounds[0], startNs).set(bounds[1], endNs);
  }
}
