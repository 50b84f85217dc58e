package io.memreplay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.analytics.sql.ResultsDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @TempDir
  Path dir;

  @Test
  void theDemoGeneratesReplaysUnderTwoPoliciesAndReports() throws Exception {
    CommandLineRun run = CommandLineRun.of("demo", "--out", dir, "--accesses", 60000, "--guest-mb", 32)
        .expect(ExitCode.OK);
    assertTrue(run.out().contains("== 3. report"), run.out());
    assertTrue(run.out().contains("Policy esxi-default") && run.out().contains("Policy esxi-share-all"), run.out());
    try (ResultsDatabase database = ResultsDatabase.open(List.of(dir.resolve("results")))) {
      List<String> policies = database.query("SELECT policy FROM runs ORDER BY policy", rows -> {
        List<String> names = new java.util.ArrayList<>();
        while (rows.next()) {
          names.add(rows.getString(1));
        }
        return names;
      });
      assertEquals(List.of("esxi-default", "esxi-share-all"), policies);
      long accesses = database.query("SELECT sum(accesses) FROM vm_intervals WHERE policy = 'esxi-default'", rows -> {
        rows.next();
        return rows.getLong(1);
      });
      assertEquals(60000, accesses, "every access lands in exactly one interval row");
    }
  }

  @Test
  void runningTheDemoAgainReplacesItsOwnOutput() {
    CommandLineRun.of("demo", "--out", dir, "--accesses", 20000, "--guest-mb", 16).expect(ExitCode.OK);
    CommandLineRun again = CommandLineRun.of("demo", "--out", dir, "--accesses", 30000, "--guest-mb", 16).expect(ExitCode.OK);
    assertTrue(again.out().contains("2 runs"), again.out());
  }
}
