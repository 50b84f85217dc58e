package io.memreplay.engine.model;

import io.memreplay.schemas.trace.PageTableColumns;

/** One guest page-table record: row {@link #row} of {@link #columns}, for the VM in slot {@link #slot}. */
public final class PageTableOp {

  public PageTableColumns columns;
  public int row;
  public int slot;
}
