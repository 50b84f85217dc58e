package io.memreplay.engine.replay;

import java.util.List;

/**
 * What a replay did.
 *
 * @param replayId names the replay and its rejects
 * @param runs the committed runs, one per policy, in the order the policies were given
 * @param rejected input rows that went to rejects
 * @param keptComplete ids of the runs that lost input and so were not published, because the results
 *     already held a COMPLETE run of the same id, which was kept
 */
public record ReplayResult(String replayId, List<RunSummary> runs, long rejected, List<String> keptComplete) {

  /** The runs' status: each run of a replay read the same input. */
  public String status() {
    return runs.get(0).status();
  }

  public boolean complete() {
    return status().equals(Replay.COMPLETE);
  }

  /**
   * One committed run: its id, policy and trace, and the events it replayed by kind.
   *
   * @param status how the run ended, as its {@code runs} row says
   * @param trackedPages the guest pages of all VMs the run kept state for: what its memory grows with
   * @param droppedAccesses accesses of VMs that were powered off when they came (refused by admission
   *     control, or off on the scenario's timeline), which the run did not replay
   */
  public record RunSummary(String runId, String policy, String traceId, long accesses, long pagetableOps,
      long pageContents, long demandSamples, String status, long trackedPages, long droppedAccesses) {

    /** Events of every kind but accesses. */
    public long otherEvents() {
      return pagetableOps + pageContents + demandSamples;
    }
  }
}
