package io.memreplay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.analytics.sql.ResultsDatabase;
import io.memreplay.analytics.sql.Rows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay --sweep} and {@code --threads}: a grid of settings becomes one named run per combination. */
class ReplaySweepTest {

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
  void everyCombinationIsARunOfItsOwnWithItsSettings() throws Exception {
    Path results = dir.resolve("results");
    CommandLineRun.of("replay", "--trace", trace, "--out", results, "--policy", "esxi-default,no-sharing",
        "--sweep", "idle_tax_pct=0,75;salting=0,2", "--threads", 2).expect(ExitCode.OK);
    try (ResultsDatabase database = ResultsDatabase.open(List.of(results))) {
      Rows runs = database.query("SELECT policy, policy_doc FROM runs ORDER BY policy", Rows::read);
      assertEquals(8, runs.rows().size(), runs.toString());
      assertEquals("esxi-default_idle_tax_pct-0_salting-0", runs.rows().get(0).get("policy"));
      assertEquals("no-sharing_idle_tax_pct-75_salting-2", runs.rows().get(7).get("policy"));
      assertTrue(runs.rows().get(7).get("policy_doc").toString().contains("idle_tax_pct: 75"), runs.toString());
    }
  }

  @Test
  void aGridFileWorksLikeTheInlineGrid() throws Exception {
    Path grid = dir.resolve("grid.yaml");
    Files.writeString(grid, "idle_tax_pct: [0, 75]\n");
    Path fromFile = dir.resolve("from-file");
    Path inline = dir.resolve("inline");
    CommandLineRun.of("replay", "--trace", trace, "--out", fromFile, "--sweep", grid).expect(ExitCode.OK);
    CommandLineRun.of("replay", "--trace", trace, "--out", inline, "--sweep", "idle_tax_pct=0,75", "--threads", 1)
        .expect(ExitCode.OK);
    String query = "SELECT policy, vm, interval_start_ns, consumed_pages, entitlement_pages FROM vm_intervals ORDER BY ALL";
    try (ResultsDatabase file = ResultsDatabase.open(List.of(fromFile));
        ResultsDatabase line = ResultsDatabase.open(List.of(inline))) {
      assertEquals(file.query(query, Rows::read).rows(), line.query(query, Rows::read).rows());
    }
  }

  @Test
  void aMistakeInAnInlineGridIsAUsageErrorSayingWhat() {
    String[][] cases = {
        {"idle_tax_pct", "--sweep: 'idle_tax_pct' is not setting=value,value,..."},
        {"=1,2", "--sweep: '=1,2' is not setting=value,value,..."},
        {"a=1;;", "--sweep: policy esxi-default has no setting 'a' in any section"},
        {"idle=1,2", "--sweep: policy esxi-default has no setting 'idle' in any section"},
        {"idle_tax_pct=150", "--sweep, esxi-default with idle_tax_pct=150: allocation.idle_tax_pct must be within [0, 100)"},
    };
    for (String[] sweep : cases) {
      CommandLineRun run = CommandLineRun.of("replay", "--trace", trace, "--out", dir.resolve("r"), "--sweep", sweep[0])
          .expect(ExitCode.USAGE);
      assertTrue(run.err().startsWith(sweep[1]), run.err());
    }
    assertTrue(!Files.exists(dir.resolve("r")), "nothing is written");
    CommandLineRun threads = CommandLineRun.of("replay", "--trace", trace, "--out", dir.resolve("r"), "--threads", 0)
        .expect(ExitCode.USAGE);
    assertTrue(threads.err().contains("--threads must be at least 1"), threads.err());
  }

  @Test
  void aMistakeInASweepFileIsBadInputNamingTheFile() throws Exception {
    Path grid = dir.resolve("grid.yaml");
    Files.writeString(grid, "idle: [1, 2]\n");
    CommandLineRun run = CommandLineRun.of("replay", "--trace", trace, "--out", dir.resolve("r"), "--sweep", grid)
        .expect(ExitCode.BAD_INPUT);
    assertTrue(run.err().contains(grid + ": policy esxi-default has no setting 'idle'"), run.err());
  }
}
