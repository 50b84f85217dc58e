package io.memreplay.engine.replay;

import io.memreplay.engine.model.Accesses;
import io.memreplay.engine.model.HostFeedback;
import io.memreplay.engine.model.IntervalEnd;
import io.memreplay.engine.model.Model;
import io.memreplay.engine.model.ModelContext;
import io.memreplay.engine.model.RowLayout;
import io.memreplay.engine.model.Table;

/**
 * What the replay loop did with each VM's events in each output interval, as the loop's own columns of
 * {@code vm_intervals}: the time the VM's vCPUs waited on the host ({@code stall_ns}, reported by the host
 * through {@link HostFeedback}), and the events it did not replay because the VM did not run ({@code
 * dropped_accesses}, {@code dropped_records}).
 */
final class VmClocks implements Model {

  private final HostFeedback feedback;
  private final double[] stallNs;
  private final long[] droppedAccesses;
  private final long[] droppedRecords;
  private final int stallColumn;
  private final int droppedAccessesColumn;
  private final int droppedRecordsColumn;

  VmClocks(ModelContext context) {
    int vms = context.vmCount();
    this.feedback = context.feedback();
    this.stallNs = new double[vms];
    this.droppedAccesses = new long[vms];
    this.droppedRecords = new long[vms];
    RowLayout layout = context.layout(Table.VM_INTERVALS);
    stallColumn = layout.column("stall_ns");
    droppedAccessesColumn = layout.column("dropped_accesses");
    droppedRecordsColumn = layout.column("dropped_records");
  }

  /** An access of VM slot {@code slot} not replayed: the VM did not run. */
  void droppedAccess(int slot) {
    droppedAccesses[slot]++;
  }

  /** A content snapshot, page-table record or demand sample of VM slot {@code slot} not replayed. */
  void droppedRecord(int slot) {
    droppedRecords[slot]++;
  }

  @Override
  public void accesses(Accesses accesses) {
    // the loop tells this model what it skips; the accesses it replays are the other models' business
  }

  @Override
  public void closeInterval(IntervalEnd end) {
    feedback.takeStalls(stallNs);
    for (int slot = 0; slot < stallNs.length; slot++) {
      end.vmRow(slot)
          .set(stallColumn, Math.round(stallNs[slot]))
          .set(droppedAccessesColumn, droppedAccesses[slot])
          .set(droppedRecordsColumn, droppedRecords[slot]);
      stallNs[slot] = 0;
      droppedAccesses[slot] = 0;
      droppedRecords[slot] = 0;
    }
  }
}
