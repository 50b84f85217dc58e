package io.memreplay.engine.workingset;

/** When a VM's pages were last touched, in working-set steps: what the memory engine reads of the working sets. */
@FunctionalInterface
public interface LastTouch {

  /** Passed to {@link #keepFrom}: no step further back than the reader's usual reach is needed. */
  int USUAL_REACH = Integer.MAX_VALUE;

  /** The step page {@code page} was last touched in, or {@link WorkingSetTracker#NEVER}. */
  int stepOf(int page);

  /**
   * The reader compares the steps of pages with steps up to {@code steps} back from its now: said once,
   * when it is built, so that the steps are kept as far back as it looks.
   */
  default void reachBack(long steps) {}

  /**
   * From now on, until called again, the reader compares steps back to {@code step}, which may lie further
   * back than the reach it announced with {@link #reachBack} (a sampling period of a VM that waits);
   * {@link #USUAL_REACH}: none.
   */
  default void keepFrom(int step) {}
}
