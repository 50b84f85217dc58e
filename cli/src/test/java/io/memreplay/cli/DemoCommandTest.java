package io.memreplay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.analytics.sql.ResultsDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @TempDir
  Path dir;

  /** The demo as a user runs it, with its defaults: every reclamation mechanism must be seen at work. */
  @Test
  void theDemoReplaysAnOvercommittedHostUnderFourPoliciesAndShowsEveryMechanismAtWork() throws Exception {
    CommandLineRun run = CommandLineRun.of("demo", "--out", dir).expect(ExitCode.OK);
    assertTrue(run.out().contains("== 3. report"), run.out());
    for (String policy : DemoCommand.POLICIES) {
      assertTrue(run.out().contains("Policy " + policy), run.out());
    }
    assertTrue(run.out().contains("Host memory by policy"), run.out());
    String page = java.nio.file.Files.readString(dir.resolve("report.html"));
    assertTrue(page.contains("<svg") && page.contains("Memory of each VM over time"), "the demo writes its charts");
    try (ResultsDatabase database = ResultsDatabase.open(List.of(dir.resolve("results")))) {
      assertEquals(List.of("esxi-default", "esxi-share-all", "no-sharing", "swap-only"),
          strings(database, "SELECT policy FROM runs ORDER BY policy"));
      assertEquals(2_000_000, number(database, "SELECT sum(accesses) FROM vm_intervals WHERE policy = 'esxi-default'"),
          "every access lands in exactly one interval row");
      assertTrue(number(database, "SELECT max(overcommit_ratio) FROM host_intervals") > 1, "the host is overcommitted");
      assertTrue(number(database, "SELECT max(shared_saved_pages) FROM vm_intervals WHERE policy = 'esxi-default'") > 0,
          "pages are shared");
      assertTrue(number(database, "SELECT max(ballooned_pages) FROM vm_intervals WHERE policy = 'no-sharing'") > 0,
          "pages are ballooned");
      assertTrue(number(database, "SELECT avg(ballooned_pages) FROM vm_intervals WHERE policy = 'no-sharing'")
          > number(database, "SELECT avg(ballooned_pages) FROM vm_intervals WHERE policy = 'esxi-default'"),
          "what sharing saves, the balloon must take without it");
      assertTrue(number(database, "SELECT sum(swap_outs) FROM vm_intervals WHERE policy = 'swap-only'") > 0,
          "pages are swapped");
      assertEquals(0, number(database, "SELECT sum(ballooned_pages) FROM vm_intervals WHERE policy = 'swap-only'"),
          "swap-only has no balloon");
      assertTrue(number(database, "SELECT sum(stall_ns) FROM vm_intervals WHERE policy = 'swap-only'")
          > number(database, "SELECT sum(stall_ns) FROM vm_intervals WHERE policy = 'esxi-default'"),
          "swapping alone costs the VMs more waiting than ESXi's defaults");
      assertTrue(number(database, "SELECT max(slowdown) FROM vm_intervals WHERE policy = 'swap-only'") > 1,
          "and the VMs that wait fall behind their traces");
      assertTrue(number(database, "SELECT max(stall_ns / (interval_end_ns - interval_start_ns)) FROM vm_intervals") <= 2,
          "no VM waits longer than the interval times its two vCPUs");
    }
  }

  @Test
  void runningTheDemoAgainReplacesItsOwnOutput() {
    CommandLineRun.of("demo", "--out", dir, "--accesses", 20000, "--guest-mb", 16).expect(ExitCode.OK);
    CommandLineRun again = CommandLineRun.of("demo", "--out", dir, "--accesses", 30000, "--guest-mb", 16).expect(ExitCode.OK);
    assertTrue(again.out().contains("4 runs"), again.out());
  }

  @Test
  void theDemosRunsAreThoseOfReplayWithItsDefaults() throws Exception {
    CommandLineRun.of("demo", "--out", dir, "--accesses", 20000, "--guest-mb", 16).expect(ExitCode.OK);
    Path replayed = dir.resolve("replayed");
    CommandLineRun.of("replay", "--trace", dir.resolve("trace"), "--out", replayed, "--policy",
        String.join(",", DemoCommand.POLICIES)).expect(ExitCode.OK);
    String runs = "SELECT run_id FROM runs ORDER BY run_id";
    try (ResultsDatabase demo = ResultsDatabase.open(List.of(dir.resolve("results")));
        ResultsDatabase replay = ResultsDatabase.open(List.of(replayed))) {
      assertEquals(4, strings(demo, runs).size());
      assertEquals(strings(replay, runs), strings(demo, runs));
      assertEquals(strings(replay, "SELECT DISTINCT replay_id FROM runs"), strings(demo, "SELECT DISTINCT replay_id FROM runs"));
    }
  }

  private static List<String> strings(ResultsDatabase database, String sql) throws Exception {
    return database.query(sql, rows -> {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    });
  }

  private static double number(ResultsDatabase database, String sql) throws Exception {
    return database.query(sql, rows -> {
      rows.next();
      return rows.getDouble(1);
    });
  }
}
