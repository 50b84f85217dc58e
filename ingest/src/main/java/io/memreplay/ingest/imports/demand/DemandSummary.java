package io.memreplay.ingest.imports.demand;

import io.memreplay.engine.config.Scenario;
import io.memreplay.schemas.trace.TraceManifest;
import java.util.List;

/**
 * What a demand import wrote and what it read.
 *
 * @param records CSV records DuckDB read (its own rejects included)
 * @param samples demand rows written
 * @param rejected records kept in the rejects instead
 * @param vms per VM, by id (names sorted)
 * @param firstRejects the first {@value DemandCsvImporter#REJECTS_SHOWN} rejects, by line
 */
public record DemandSummary(TraceManifest manifest, Scenario scenario, long records, long samples, long rejected,
    List<VmSummary> vms, List<RejectedLine> firstRejects) {

  /** One VM: its samples and the largest active memory they show. */
  public record VmSummary(int id, String name, long samples, long peakActivePages, long memoryMb) {}

  /** A rejected record: its line from 1 and why. */
  public record RejectedLine(long line, String reason) {}
}
