package io.memreplay.ingest.imports.proc;

import io.memreplay.engine.config.Scenario;
import io.memreplay.schemas.trace.TraceManifest;
import java.util.List;

/**
 * What a snapshot wrote and what it read.
 *
 * @param manifest the manifest of the trace written
 * @param scenario the scenario written beside it
 * @param processes per process, in the order given
 * @param firstRejects the reasons of the first {@value ProcSnapshotImporter#REJECTS_SHOWN} rejects
 */
public record SnapshotSummary(TraceManifest manifest, Scenario scenario, List<ProcessSummary> processes,
    List<String> firstRejects) {

  /**
   * One process as one VM.
   *
   * @param pages resident pages recorded in {@code contents} (gpn 0 to pages - 1)
   * @param zeroPages recorded pages that are all zeros
   * @param halfPageCompressible recorded pages that compress to at most 2 KB (ESXi keeps these in its
   *     compression cache, the rest it swaps)
   * @param quarterPageCompressible recorded pages that compress to at most 1 KB (a quarter-page slot)
   * @param unreadablePages resident pages that could not be read: in the rejects
   * @param swappedPages pages swapped out, not read
   * @param fromPagemap residency came from the pagemap; else every mapped page was read
   */
  public record ProcessSummary(int pid, String name, int vm, long mappings, long pages, long zeroPages,
      long halfPageCompressible, long quarterPageCompressible, long unreadablePages, long swappedPages,
      boolean fromPagemap) {}

  public long pages() {
    return processes.stream().mapToLong(ProcessSummary::pages).sum();
  }

  public long unreadablePages() {
    return processes.stream().mapToLong(ProcessSummary::unreadablePages).sum();
  }
}
