package io.memreplay.engine.model;

import java.io.IOException;

/**
 * One mechanism of the simulated host, fed the trace in time order by the replay loop. Every call covers
 * events at or after the previous call's; a stretch of accesses never crosses an output interval's end nor
 * any model's {@link #nextTickNs()}, so a model sees the others as their last tick left them. Models run in
 * the order the registry builds them, each over a whole stretch before the next; one that reacts to
 * another's decisions within a stretch (translation to the host's large pages) receives them with the
 * position in the stretch where they happened. Single-threaded: a run owns its models.
 */
public interface Model {

  /** A stretch of accesses, pages resolved. */
  void accesses(Accesses accesses);

  /** A stretch of page content snapshots, pages resolved. */
  default void contents(Contents contents) {}

  /** A demand sample of a VM whose trace has no accesses. */
  default void demand(DemandSample sample) {}

  /** A guest page-table record of row {@code row}, for the VM in slot {@code slot}; the guest tables have applied it. */
  default void pageTableOp(PageTableOp op) {}

  /** When this model next has periodic work; {@link Long#MAX_VALUE} when it has none. */
  default long nextTickNs() {
    return Long.MAX_VALUE;
  }

  /** Trace time reached {@code nowNs}: periodic work due at or before it runs now. */
  default void advanceTo(long nowNs) {}

  /**
   * The output interval {@code end} describes ends: this model adds its values to the interval's VM and host
   * rows and emits rows of its own tables.
   */
  void closeInterval(IntervalEnd end) throws IOException;

  /** The run ended with the interval {@code last} closed: rows of windows still open are written now. */
  default void finish(IntervalEnd last) throws IOException {}
}
