package io.memreplay.engine.replay;

import io.memreplay.engine.model.Row;
import io.memreplay.engine.model.RowSink;
import java.io.IOException;

/**
 * The result rows of one run (one trace under one policy), of every table but {@code runs}. Called from the
 * run's own thread only. Rows are not visible to readers until {@link #commit}, which publishes every table
 * of the run and then its {@code runs} row; after {@link #abort} nothing of the run is visible.
 */
public interface RunOutput extends RowSink {

  /**
   * Publishes the run's rows, then {@code run}, its {@code runs} row; except that the rows of a run that is
   * not COMPLETE never replace those of a COMPLETE run of the same id: they are then dropped instead.
   *
   * @return false when the rows were dropped to keep a COMPLETE run
   */
  boolean commit(Row run) throws IOException;

  /** Drops the run's rows. */
  void abort();
}
