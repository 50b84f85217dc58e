package io.memreplay.analytics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        + "report on each trace's results alone, or pass --allow-different-traces to compare them anyway", e.getMessage());
  }

  @Test
  void oneFolderHoldingTwoTracesIsRefusedToo() throws Exception {
    TinyResults.write(dir, "replay-a", "trace-1", TinyResults.TRACE_DIGEST);
    TinyResults.write(dir, "replay-b", "trace-2", "sha256:feedface");
    DifferentTracesException e = assertThrows(DifferentTracesException.class, () -> TraceCheck.requireOneTrace(List.of(dir)));
    assertEquals(2, e.getMessage().lines().filter(line -> line.startsWith("  " + dir + ": trace ")).count(), e.getMessage());
  }
}
