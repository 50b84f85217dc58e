package io.memreplay.schemas.trace;

/**
 * A slice of a trace in time order: a block of each record kind. Every event of a batch comes, in
 * (ts_ns, kind) order, before every event of the next batch; within the batch each block is sorted by
 * ts_ns and events of different kinds with equal ts_ns replay in {@link RecordKind} order.
 */
public final class TraceBatch {

  /** About 64k accesses: a few MB of arrays, large enough to amortize hand-offs between threads. */
  public static final int DEFAULT_ACCESS_CAPACITY = 1 << 16;
  public static final int DEFAULT_SIDE_CAPACITY = 1 << 14;

  public final PageTableColumns pagetable;
  public final ContentColumns contents;
  public final DemandColumns demand;
  public final AccessColumns accesses;
  private final Columns[] byKind;

  public TraceBatch() {
    this(DEFAULT_ACCESS_CAPACITY, DEFAULT_SIDE_CAPACITY);
  }

  public TraceBatch(int accessCapacity, int sideCapacity) {
    pagetable = new PageTableColumns(sideCapacity);
    contents = new ContentColumns(sideCapacity);
    demand = new DemandColumns(sideCapacity);
    accesses = new AccessColumns(accessCapacity);
    byKind = new Columns[] {pagetable, contents, demand, accesses};
  }

  public Columns columns(RecordKind kind) {
    return byKind[kind.ordinal()];
  }

  public void clear() {
    for (Columns columns : byKind) {
      columns.clear();
    }
  }

  /** Events of all kinds in the batch. */
  public int events() {
    int events = 0;
    for (Columns columns : byKind) {
      events += columns.size();
    }
    return events;
  }

  public boolean isEmpty() {
    return events() == 0;
  }

  /** True when a block has no room left, so the batch must be handed on. */
  boolean anyFull() {
    for (Columns columns : byKind) {
      if (columns.remaining() == 0) {
        return true;
      }
    }
    return false;
  }
}
