package io.memreplay.ingest.imports.demand;

import io.memreplay.engine.config.Scenario;
import io.memreplay.ingest.imports.RejectedLine;
import io.memreplay.schemas.trace.TraceManifest;
import java.util.List;

/**
 * What a demand import wrote and what it read.
 *
 * @param records input records read (those the reader itself rejected included)
 * @param samples demand rows written
 * @param rejected records kept in the rejects instead
 * @param vms per VM, by id (names sorted)
 * @param firstRejects the first {@value DemandStaging#REJECTS_SHOWN} rejects, by file and line
 */
public record DemandSummary(TraceManifest manifest, Scenario scenario, long records, long samples, long rejected,
    List<DemandStaging.Vm> vms, List<RejectedLine> firstRejects) {

  public static DemandSummary of(DemandStaging.Written written, long records) {
    return new DemandSummary(written.manifest(), written.scenario(), records, written.samples(), written.rejected(),
        written.vms(), written.firstRejects());
  }
}
