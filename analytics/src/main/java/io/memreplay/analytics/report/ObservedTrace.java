package io.memreplay.analytics.report;

import io.memreplay.analytics.sql.QueryException;
import io.memreplay.analytics.sql.ResultsDatabase;
import io.memreplay.analytics.sql.TraceDemandView;
import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.TraceDataset;
import io.memreplay.schemas.trace.TraceManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The trace that results replayed, given to the reports that compare the replay with what the trace recorded
 * ({@code observed-vs-replayed}): its demand samples become the view {@link TraceDemandView#NAME}, and the
 * variable {@code observed_trace_digest} names it, so that only runs of this trace are compared with it.
 */
public final class ObservedTrace {

  private ObservedTrace() {}

  /**
   * Attaches {@code trace}, opened (and so checked) by the caller, to {@code database}.
   *
   * @throws DifferentTracesException when no run of the results replayed it, or it has no demand samples
   */
  public static void attach(ResultsDatabase database, TraceDataset trace)
      throws QueryException, DifferentTracesException {
    Path traceDir = trace.dir();
    TraceManifest manifest = trace.manifest();
    List<String> replayed = database.query("SELECT DISTINCT trace_id || ' (digest ' || trace_digest || ')', trace_digest"
        + " FROM runs ORDER BY 1", rows -> {
          List<String> found = new ArrayList<>();
          while (rows.next()) {
            found.add(rows.getString(2).equals(manifest.digest()) ? "" : rows.getString(1));
          }
          return found;
        });
    if (!replayed.contains("")) {
      throw new DifferentTracesException("no run of these results replayed " + traceDir + " (trace " + manifest.traceId()
          + ", digest " + manifest.digest() + "); they replayed " + (replayed.isEmpty() ? "nothing" : String.join(", ",
              replayed)));
    }
    List<Path> files = manifest.files(RecordKind.DEMAND).stream()
        .map(entry -> traceDir.resolve(RecordKind.DEMAND.table()).resolve(entry.name())).toList();
    if (files.isEmpty()) {
      throw new DifferentTracesException(traceDir + " has no demand samples, so nothing the host observed to compare"
          + " with: observed values come with import esxtop");
    }
    TraceDemandView.define(database, files);
    database.execute("SET VARIABLE observed_trace_digest = '" + manifest.digest().replace("'", "''") + "'");
  }
}
