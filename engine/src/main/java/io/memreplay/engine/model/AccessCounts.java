package io.memreplay.engine.model;

import io.memreplay.schemas.trace.AccessColumns;

/** The accesses of each VM in each output interval, by kind: {@code vm_intervals.accesses, reads, writes, execs}. */
public final class AccessCounts implements Model {

  private final long[] reads;
  private final long[] writes;
  private final long[] execs;
  private final int accessesColumn;
  private final int readsColumn;
  private final int writesColumn;
  private final int execsColumn;

  public AccessCounts(ModelContext context) {
    int vms = context.vmCount();
    reads = new long[vms];
    writes = new long[vms];
    execs = new long[vms];
    RowLayout layout = context.layout(Table.VM_INTERVALS);
    accessesColumn = layout.column("accesses");
    readsColumn = layout.column("reads");
    writesColumn = layout.column("writes");
    execsColumn = layout.column("execs");
  }

  @Override
  public void accesses(Accesses accesses) {
    byte[] op = accesses.columns.op;
    int[] slot = accesses.slot;
    for (int i = accesses.from, k = 0; i < accesses.to; i++, k++) {
      byte operation = op[i];
      if (operation == AccessColumns.READ) {
        reads[slot[k]]++;
      } else if (operation == AccessColumns.WRITE) {
        writes[slot[k]]++;
      } else {
        execs[slot[k]]++;
      }
    }
  }

  @Override
  public void closeInterval(IntervalEnd end) {
    for (int slot = 0; slot < reads.length; slot++) {
      end.vmRow(slot)
          .set(accessesColumn, reads[slot] + writes[slot] + execs[slot])
          .set(readsColumn, reads[slot])
          .set(writesColumn, writes[slot])
          .set(execsColumn, execs[slot]);
      reads[slot] = 0;
      writes[slot] = 0;
      execs[slot] = 0;
    }
  }
}
