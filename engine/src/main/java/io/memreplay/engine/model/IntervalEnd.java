package io.memreplay.engine.model;

import java.io.IOException;

/**
 * An output interval [start, end) closing: the rows of {@code vm_intervals} (one per VM) and {@code
 * host_intervals} that every model adds its columns to, and the way to emit rows of a model's own tables.
 */
public final class IntervalEnd {

  private final ModelContext context;
  private final long startNs;
  private final long endNs;
  private final RowSink sink;
  private final Row hostRow;
  private final Row[] vmRows;

  public IntervalEnd(ModelContext context, long startNs, long endNs, RowSink sink) {
    this.context = context;
    this.startNs = startNs;
    this.endNs = endNs;
    this.sink = sink;
    this.hostRow = context.newIntervalRow(Table.HOST_INTERVALS, -1, startNs, endNs);
    this.vmRows = new Row[context.vmCount()];
    for (int slot = 0; slot < vmRows.length; slot++) {
      vmRows[slot] = context.newIntervalRow(Table.VM_INTERVALS, slot, startNs, endNs);
    }
  }

  public long startNs() {
    return startNs;
  }

  public long endNs() {
    return endNs;
  }

  /** The {@code vm_intervals} row of the VM in slot {@code slot}. */
  public Row vmRow(int slot) {
    return vmRows[slot];
  }

  /** The {@code host_intervals} row. */
  public Row hostRow() {
    return hostRow;
  }

  /** A new row of a per-interval table of the model's own ({@code translation}) for this interval. */
  public Row newIntervalRow(Table table, int slot) {
    return context.newIntervalRow(table, slot, startNs, endNs);
  }

  /** Writes a row of a model's own table. */
  public void emit(Row row) throws IOException {
    sink.emit(row);
  }

  /** Writes the host row, then every VM's row: once every model has added its columns. */
  public void emitSharedRows() throws IOException {
    sink.emit(hostRow);
    for (Row row : vmRows) {
      sink.emit(row);
    }
  }
}
