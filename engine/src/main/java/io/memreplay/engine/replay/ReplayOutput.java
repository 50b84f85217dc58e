package io.memreplay.engine.replay;

import io.memreplay.schemas.avro.Reject;
import java.io.IOException;

/**
 * Where the results of one replay go: one {@link RunOutput} per policy, and the replay's rejects.
 * Implemented by the analytics module's Parquet results dataset.
 */
public interface ReplayOutput {

  /** A fresh output for the run {@code runId} under {@code policy}. */
  RunOutput openRun(String runId, String policy) throws IOException;

  /** Records a rejected input row; {@code reject.replay_id} is set. Called from the reading thread. */
  void reject(Reject reject) throws IOException;

  /**
   * Publishes the rejects. Called at most once: for a COMPLETE replay before its runs commit, so that no
   * published run lacks its rejects; for an INCOMPLETE one after they committed, and not at all when every
   * run's commit kept an earlier complete run instead, so that nothing of such a replay is published.
   */
  void finish() throws IOException;
}
