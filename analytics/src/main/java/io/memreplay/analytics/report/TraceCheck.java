package io.memreplay.analytics.report;

import io.memreplay.analytics.sql.QueryException;
import io.memreplay.analytics.sql.ResultsDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs are comparable when they replayed the same trace: other intervals, scenarios, policies or seeds
 * are what a comparison is for, another workload is not. This reads which traces (by content digest) the
 * runs of each results folder replayed.
 */
public final class TraceCheck {

  private TraceCheck() {}

  /** A trace the runs replayed: its host, its name and its content digest, which identifies it. */
  public record Trace(String host, String traceId, String digest) {

    /** How people tell traces apart: "host esx-01, trace synthetic-4vm-seed1 (digest sha256:1a2b3c4d5e6f...)". */
    public String describe() {
      return "host " + host + ", trace " + traceId + " (digest " + digest.substring(0, Math.min(digest.length(), 19)) + "...)";
    }
  }

  /** The traces the runs of {@code database} replayed, by host, name and digest. */
  public static List<Trace> traces(ResultsDatabase database) throws QueryException {
    return database.query("SELECT DISTINCT host, trace_id, trace_digest FROM runs ORDER BY host, trace_id, trace_digest",
        rows -> {
          List<Trace> found = new ArrayList<>();
          while (rows.next()) {
            found.add(new Trace(rows.getString(1), rows.getString(2), rows.getString(3)));
          }
          return found;
        });
  }

  /**
   * Throws {@link DifferentTracesException} when the runs of {@code resultsDirs}, together, replayed more
   * than one trace, naming each folder's traces.
   */
  public static void requireOneTrace(List<Path> resultsDirs) throws IOException, QueryException, DifferentTracesException {
    Set<String> digests = new LinkedHashSet<>();
    List<String> lines = new ArrayList<>();
    for (Path dir : resultsDirs) {
      try (ResultsDatabase database = ResultsDatabase.open(List.of(dir))) {
        List<String[]> traces = database.query(
            "SELECT DISTINCT trace_id, trace_digest FROM runs ORDER BY trace_id, trace_digest", rows -> {
              List<String[]> found = new ArrayList<>();
              while (rows.next()) {
                found.add(new String[] {rows.getString(1), rows.getString(2)});
              }
              return found;
            });
        for (String[] trace : traces) {
          digests.add(trace[1]);
          lines.add("  " + dir + ": trace " + trace[0] + " (digest " + trace[1] + ")");
        }
      }
    }
    if (digests.size() > 1) {
      throw new DifferentTracesException("these results hold runs of " + digests.size()
          + " different traces, and comparing them would compare different workloads:\n" + String.join("\n", lines)
          + "\nreport on one trace (--host NAME or --trace ID), or pass --allow-different-traces to compare them anyway");
    }
  }
}
