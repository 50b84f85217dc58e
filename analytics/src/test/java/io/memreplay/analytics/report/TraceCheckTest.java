package io.memreplay.analytics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.memreplay.analytics.sql.ResultsDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results are comparable when all their runs replayed one trace, by content digest; the refusal names each folder's traces. */
class TraceCheckTest {

  @TempDir
  Path dir;

  @Test
  void replaysOfOneTraceInSeveralFoldersAreComparable() throws Exception {
    TinyResults.write(dir.resolve("a"), "replay-a", "trace-1", TinyResults.TRACE_DIGEST);
    TinyResults.write(dir.resolve("b"), "replay-b", "renamed", TinyResults.TRACE_DIGEST);
    TraceCheck.requireOneTrace(List.of(dir.resolve("a"), dir.resolve("b")));
  }

  @Test
  void foldersOfDifferentTracesAreRefusedNamingEachFoldersTraces() throws Exception {
    TinyResults.write(dir.resolve("a"), "replay-a", "trace-1", TinyResults.TRACE_DIGEST);
    TinyResults.write(dir.resolve("b"), "replay-b", "trace-2", "sha256:feedface");
    DifferentTracesException e = assertThrows(DifferentTracesException.class,
        () -> TraceCheck.requireOneTrace(List.of(dir.resolve("a"), dir.resolve("b"))));
    assertEquals("these results hold runs of 2 different traces, and comparing them would compare different workloads:\n"
        + "  " + dir.resolve("a") + ": trace trace-1 (digest " + TinyResults.TRACE_DIGEST + ")\n"
        + "  " + dir.resolve("b") + ": trace trace-2 (digest sha256:feedface)\n"
        + "report on one trace (--host NAME or --trace ID), or pass --allow-different-traces to compare them anyway", e.getMessage());
  }

  @Test
  void oneFolderHoldingTwoTracesIsRefusedToo() throws Exception {
    TinyResults.write(dir, "replay-a", "trace-1", TinyResults.TRACE_DIGEST);
    TinyResults.write(dir, "replay-b", "trace-2", "sha256:feedface");
    DifferentTracesException e = assertThrows(DifferentTracesException.class, () -> TraceCheck.requireOneTrace(List.of(dir)));
    assertEquals(2, e.getMessage().lines().filter(line -> line.startsWith("  " + dir + ": trace ")).count(), e.getMessage());
  }

  @Test
  void aDatabaseRestrictedToOneTraceShowsThatTracesRunsRowsAndRejectsOnly() throws Exception {
    TinyResults.write(dir, "replay-a", "trace-1", TinyResults.TRACE_DIGEST);
    TinyResults.write(dir, "replay-b", "trace-2", "sha256:feedface");
    try (ResultsDatabase database = ResultsDatabase.open(List.of(dir))) {
      assertEquals(List.of(new TraceCheck.Trace("esx01", "trace-1", TinyResults.TRACE_DIGEST),
          new TraceCheck.Trace("esx01", "trace-2", "sha256:feedface")), TraceCheck.traces(database));
      database.restrictToTraces(List.of("sha256:feedface"));
      assertEquals("replay-b", database.query("SELECT DISTINCT replay_id FROM runs", rows -> rows.next() ? rows.getString(1) : null));
      for (String table : List.of("vm_intervals", "host_intervals", "translation", "mrc")) {
        assertEquals(0L, (long) database.query("SELECT count(*) FROM " + table + " WHERE run_id NOT LIKE 'replay-b-%'",
            rows -> rows.next() ? rows.getLong(1) : -1), table);
        assertEquals(true, database.query("SELECT count(*) > 0 FROM " + table, rows -> rows.next() && rows.getBoolean(1)), table);
      }
      assertEquals(List.of(new TraceCheck.Trace("esx01", "trace-2", "sha256:feedface")), TraceCheck.traces(database));
    }
  }
}
