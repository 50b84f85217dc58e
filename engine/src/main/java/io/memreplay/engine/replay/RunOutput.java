package io.memreplay.engine.replay;

import io.memreplay.schemas.avro.HostInterval;
import io.memreplay.schemas.avro.MrcPoint;
import io.memreplay.schemas.avro.Run;
import io.memreplay.schemas.avro.TranslationInterval;
import io.memreplay.schemas.avro.VmInterval;
import io.memreplay.schemas.avro.WorkingSet;
import java.io.IOException;

/**
 * The result rows of one run (one trace under one policy). Called from the run's own thread only. Rows
 * are not visible to readers until {@link #commit}, which publishes every table of the run and then
 * its {@code runs} row; after {@link #abort} nothing of the run is visible.
 */
public interface RunOutput {

  void vmInterval(VmInterval row) throws IOException;

  void hostInterval(HostInterval row) throws IOException;

  void translation(TranslationInterval row) throws IOException;

  void workingSet(WorkingSet row) throws IOException;

  void mrcPoint(MrcPoint row) throws IOException;

  /**
   * Publishes the run's rows, then {@code run}; except that the rows of a run that is not COMPLETE never
   * replace those of a COMPLETE run of the same id: they are then dropped instead.
   *
   * @return false when the rows were dropped to keep a COMPLETE run
   */
  boolean commit(Run run) throws IOException;

  /** Drops the run's rows. */
  void abort();
}
