package io.memreplay.engine.replay;

import java.util.List;

/**
 * What a replay did.
 *
 * @param replayId names the replay and its rejects
 * @param runs the committed runs, one per policy, in the order the policies were given
 * @param rejected input rows that went to rejects
 */
public record ReplayResult(String replayId, List<RunSummary> runs, long rejected) {

  /**
   * One committed run: its id, policy and trace, and the events it replayed by kind.
   *
   * @param status how the run ended, as its {@code runs} row says
   * @param trackedPages the guest pages of all VMs the run kept state for: what its memory grows with
   */
  public record RunSummary(String runId, String policy, String traceId, long accesses, long pagetableOps,
      long pageContents, long demandSamples, String status, long trackedPages) {

    /** Events of every kind but accesses. */
    public long otherEvents() {
      return pagetableOps + pageContents + demandSamples;
    }
  }
}
