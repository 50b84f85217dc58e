package io.memreplay.ingest.imports.damon;

import io.memreplay.engine.config.Scenario;
import io.memreplay.schemas.trace.TraceManifest;
import java.util.List;

/**
 * What a DAMON import wrote and what it read.
 *
 * @param windowNs the length of the windows the accesses were spread over
 * @param rejected snapshots, regions and lines kept in the rejects instead
 * @param skippedLines lines of other events in perf script files
 * @param firstRejects the first few rejects, in reading order
 */
public record DamonSummary(TraceManifest manifest, Scenario scenario, List<TargetSummary> targets, long windowNs,
    long rejected, long skippedLines, List<String> firstRejects) {

  /**
   * One monitoring target: where its accesses went and what they were.
   *
   * @param format how its file was written
   * @param snapshots its snapshots
   * @param accessedRegions regions of its snapshots found accessed
   * @param accesses reads written: one per page of the accessed regions per window
   * @param windows windows in which it accessed something
   * @param peakWindowPages the largest working set of a window, 4 KB pages
   * @param footprintPages the pages it was found accessing over the whole recording
   */
  public record TargetSummary(String source, String format, String target, int vm, int asid, long snapshots,
      long accessedRegions, long accesses, long windows, long peakWindowPages, long footprintPages) {}

  public long accesses() {
    return targets.stream().mapToLong(TargetSummary::accesses).sum();
  }
}
