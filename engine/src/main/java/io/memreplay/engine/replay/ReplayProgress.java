package io.memreplay.engine.replay;

/** Receives a replay's progress, from the thread that reads the trace. */
public interface ReplayProgress {

  ReplayProgress NONE = new ReplayProgress() {};

  /** Reading starts; {@code totalEvents} is -1 when unknown. */
  default void started(long totalEvents) {}

  /** {@code events} more events were read (delivered or rejected). */
  default void advanced(long events) {}

  /** Every run has finished. */
  default void finished() {}
}
