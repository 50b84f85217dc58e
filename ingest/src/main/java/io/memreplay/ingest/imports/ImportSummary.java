package io.memreplay.ingest.imports;

import io.memreplay.engine.config.Scenario;
import io.memreplay.schemas.trace.TraceManifest;
import java.util.List;

/**
 * What an import wrote and what it read.
 *
 * @param manifest the manifest of the trace written
 * @param scenario the scenario written beside it
 * @param files per input file, in the order given
 * @param firstRejects the first {@value TraceImporter#REJECTS_SHOWN} malformed lines, in reading order
 */
public record ImportSummary(TraceManifest manifest, Scenario scenario, List<FileSummary> files,
    List<RejectedLine> firstRejects) {

  /**
   * One input file: its lines, what they were, and the distinct 4 KB pages its accesses touched.
   *
   * @param source the file as it was named
   */
  public record FileSummary(String source, int vm, int asid, long lines, long accesses, long skipped, long rejected,
      long pages) {}

  public long lines() {
    return files.stream().mapToLong(FileSummary::lines).sum();
  }

  public long accesses() {
    return files.stream().mapToLong(FileSummary::accesses).sum();
  }

  public long skipped() {
    return files.stream().mapToLong(FileSummary::skipped).sum();
  }

  public long rejected() {
    return files.stream().mapToLong(FileSummary::rejected).sum();
  }
}
