package io.memreplay.engine.replay;

import io.memreplay.schemas.avro.Run;
import java.util.List;

/**
 * What a replay did.
 *
 * @param replayId names the replay and its rejects
 * @param runs the {@code runs} rows, one per policy, in the order the policies were given
 * @param rejected input rows that went to rejects
 * @param keptComplete ids of the runs that lost input and so were not published, because the results
 *     already held a COMPLETE run of the same id, which was kept
 */
public record ReplayResult(String replayId, List<Run> runs, long rejected, List<String> keptComplete) {

  /** The runs' status: each run of a replay read the same input. */
  public String status() {
    return runs.get(0).getStatus();
  }

  public boolean complete() {
    return status().equals(Replay.COMPLETE);
  }
}
