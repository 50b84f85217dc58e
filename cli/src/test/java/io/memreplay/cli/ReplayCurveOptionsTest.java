package io.memreplay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.analytics.sql.ResultsDatabase;
import io.memreplay.analytics.sql.Rows;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay --mrc, --mrc-window, --mrc-grid}: what they write, and how mistakes are reported. */
class ReplayCurveOptionsTest {

  @TempDir
  static Path shared;
  static Path trace;

  @TempDir
  Path dir;

  @BeforeAll
  static void generate() {
    trace = shared.resolve("trace");
    CommandLineRun.generateSmallTrace(trace);
  }

  @Test
  void samplingWindowAndGridShapeTheRows() throws Exception {
    Path results = dir.resolve("results");
    // open loop: the windows are those of the trace as recorded, however the VMs would have stalled
    CommandLineRun.of("replay", "--trace", trace, "--out", results, "--interval", "10s", "--mrc", "shards-rate:0.5",
        "--mrc-window", "30s", "--mrc-grid", "50%,100%,1m", "--pacing", "open-loop").expect(ExitCode.OK);
    try (ResultsDatabase database = ResultsDatabase.open(List.of(results))) {
      Rows rows = database.query("SELECT vm, window_start_ns, window_end_ns - window_start_ns AS length_ns, method, "
          + "sampling_rate, count(*) AS points FROM mrc GROUP BY ALL ORDER BY ALL", Rows::read);
      // the windows [0, 30 s) and [30 s, 60 s) (the trace ends just before 60 s) of each of the two VMs
      assertEquals(4, rows.rows().size(), rows.toString());
      for (Map<String, Object> row : rows.rows()) {
        assertEquals(30_000_000_000L, ((Number) row.get("length_ns")).longValue());
        assertEquals("SHARDS_RATE", row.get("method"));
        assertEquals(0.5, ((Number) row.get("sampling_rate")).doubleValue(), 1e-12);
        // 50% and 100% of the working set and 1 MB (256 pages), unless two coincide
        assertTrue(((Number) row.get("points")).longValue() >= 2, row.toString());
      }
    }
  }

  @Test
  void offWritesNoCurves() throws Exception {
    Path results = dir.resolve("results");
    CommandLineRun.of("replay", "--trace", trace, "--out", results, "--mrc", "off").expect(ExitCode.OK);
    try (ResultsDatabase database = ResultsDatabase.open(List.of(results))) {
      long points = database.query("SELECT count(*) FROM mrc", rows -> {
        rows.next();
        return rows.getLong(1);
      });
      assertEquals(0, points);
    }
  }

  @Test
  void anUnreadableValueIsAUsageErrorNamingIt() {
    CommandLineRun run = CommandLineRun.of("replay", "--trace", trace, "--out", dir.resolve("r"), "--mrc", "lru")
        .expect(ExitCode.USAGE);
    assertTrue(run.err().contains("'lru' is not a way of computing miss-ratio curves"), run.err());
    CommandLineRun grid = CommandLineRun.of("replay", "--trace", trace, "--out", dir.resolve("r"), "--mrc-grid", "half")
        .expect(ExitCode.USAGE);
    assertTrue(grid.err().contains("'half' in the memory grid"), grid.err());
  }

  @Test
  void aGridSizeBeyondWhatMemreplayCountsIsAUsageErrorNamingTheOptionAndValue() {
    for (String grid : new String[] {"99999999999999999999GB", "1000000%", "50.0000000000000000001%"}) {
      CommandLineRun run = CommandLineRun.of("replay", "--trace", trace, "--out", dir.resolve("r"), "--mrc-grid", grid)
          .expect(ExitCode.USAGE);
      assertTrue(run.err().contains("'--mrc-grid': '" + grid + "' in the memory grid"), run.err());
      assertTrue(!run.err().contains("Exception") && !run.err().contains("Overflow"), run.err());
    }
  }

  @Test
  void aWindowThatIsNotAWholeNumberOfIntervalsIsAUsageErrorInHumanDurations() {
    CommandLineRun run = CommandLineRun.of("replay", "--trace", trace, "--out", dir.resolve("r"), "--interval", "20s",
        "--mrc-window", "30s").expect(ExitCode.USAGE);
    assertTrue(run.err().contains("--mrc-window 30.0 s must be a whole multiple of the output interval (--interval 20.0 s)"),
        run.err());
    assertTrue(!run.err().contains(" ns"), run.err());
  }
}
