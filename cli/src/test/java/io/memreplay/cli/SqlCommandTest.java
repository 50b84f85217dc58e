package io.memreplay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code memreplay sql}: SQL that starts with comments, scripts of several statements, SQL from a file or stdin. */
class SqlCommandTest {

  @TempDir
  static Path shared;
  static Path results;

  @TempDir
  Path dir;

  @BeforeAll
  static void replayOnce() {
    Path trace = shared.resolve("trace");
    results = shared.resolve("results");
    CommandLineRun.of("generate", "--out", trace, "--vms", 2, "--accesses", 5000, "--guest-mb", 16, "--duration", "1m")
        .expect(ExitCode.OK);
    CommandLineRun.of("replay", "--trace", trace, "--out", results, "--interval", "30s").expect(ExitCode.OK);
  }

  @Test
  void csvHasAHeaderAndAStatementWithoutRowsPrintsOk() {
    CommandLineRun run = CommandLineRun.of("sql", "--results", results, "--format", "csv",
        "SELECT count(*) AS runs, min(policy) AS policy FROM runs").expect(ExitCode.OK);
    assertEquals("runs,policy\r\n1,esxi-default\r\n", run.out());
    assertEquals("OK\n", CommandLineRun.of("sql", "--results", results, "--allow-writes",
        "CREATE TEMP TABLE t AS SELECT 1 AS x").expect(ExitCode.OK).out());
    CommandLineRun refused = CommandLineRun.of("sql", "--results", results, "CREATE TEMP TABLE t AS SELECT 1 AS x")
        .expect(ExitCode.BAD_INPUT);
    assertTrue(refused.err().contains("--allow-writes"), refused.err());
  }

  @Test
  void sqlThatStartsWithACommentLineIsTheSqlNotAnOption() {
    CommandLineRun run = CommandLineRun.of("sql", "--results", results, "--format", "csv",
        "-- how many runs\nSELECT count(*) AS runs FROM runs").expect(ExitCode.OK);
    assertEquals("runs\r\n1\r\n", run.out());
  }

  @Test
  void aMistypedOptionIsStillAnUnknownOption() {
    CommandLineRun run = CommandLineRun.of("sql", "--results", results, "--formt").expect(ExitCode.USAGE);
    assertTrue(run.err().contains("Unknown option: '--formt'"), run.err());
  }

  @Test
  void everyStatementOfAScriptPrintsItsResultInTurn() {
    CommandLineRun run = CommandLineRun.of("sql", "--results", results,
        "-- first\nSELECT 41 + 1 AS answer;\n\n-- second\nSELECT 'two' AS word;\n").expect(ExitCode.OK);
    int answer = run.out().indexOf("answer");
    int word = run.out().indexOf("word");
    assertTrue(answer >= 0 && word > answer && run.out().contains("42") && run.out().contains("two"), run.out());
    assertEquals(2, run.out().split("\\(1 row\\)", -1).length - 1, run.out());
  }

  @Test
  void csvOfAScriptIsTheLastStatementsResultAndEarlierRowsAreRefused() {
    CommandLineRun run = CommandLineRun.of("sql", "--results", results, "--format", "csv",
        "CREATE TEMP MACRO twice(x) AS 2 * x; SELECT twice(21) AS v").expect(ExitCode.OK);
    assertEquals("v\r\n42\r\n", run.out());
    CommandLineRun refused = CommandLineRun.of("sql", "--results", results, "--format", "json",
        "SELECT 1 AS a; SELECT 2 AS b").expect(ExitCode.USAGE);
    assertEquals("", refused.out());
    assertTrue(refused.err().contains("statement 1 of 2 returns rows"), refused.err());
  }

  @Test
  void aFailingStatementIsNamedByItsPlaceInTheScript() {
    CommandLineRun run = CommandLineRun.of("sql", "--results", results, "SELECT 1; SELEC 2").expect(ExitCode.BAD_INPUT);
    assertTrue(run.err().contains("statement 2 of 2") && run.err().contains("SELEC 2"), run.err());
  }

  @Test
  void sqlComesFromAFileOrFromStandardInput() throws Exception {
    Path file = dir.resolve("q.sql");
    Files.writeString(file, "-- VMs of the run\nSELECT count(DISTINCT vm) AS vms FROM vm_intervals;\n");
    assertEquals("vms\r\n2\r\n",
        CommandLineRun.of("sql", "--results", results, "--format", "csv", "-f", file).expect(ExitCode.OK).out());
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("SELECT 7 AS seven".getBytes(StandardCharsets.UTF_8)));
      assertEquals("seven\r\n7\r\n",
          CommandLineRun.of("sql", "--results", results, "--format", "csv", "-").expect(ExitCode.OK).out());
      System.setIn(new ByteArrayInputStream("SELECT 8 AS eight".getBytes(StandardCharsets.UTF_8)));
      assertEquals("eight\r\n8\r\n",
          CommandLineRun.of("sql", "--results", results, "--format", "csv", "-f", "-").expect(ExitCode.OK).out());
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void aMissingFileIsBadInputAndNoSqlAtAllIsAUsageError() {
    CommandLineRun missing = CommandLineRun.of("sql", "--results", results, "-f", dir.resolve("none.sql"))
        .expect(ExitCode.BAD_INPUT);
    assertTrue(missing.err().contains("none.sql: no such SQL file"), missing.err());
    CommandLineRun.of("sql", "--results", results).expect(ExitCode.USAGE);
    CommandLineRun.of("sql", "--results", results, "-- only a comment\n").expect(ExitCode.USAGE);
  }

  @Test
  void theSqlIsReadAndCheckedBeforeTheResultsAreOpened() {
    Path noResults = dir.resolve("no-results-here");
    CommandLineRun missing = CommandLineRun.of("sql", "--results", noResults, "-f", dir.resolve("none.sql"))
        .expect(ExitCode.BAD_INPUT);
    assertEquals("memreplay sql: " + dir.resolve("none.sql") + ": no such SQL file", missing.err().strip(), missing.err());
    CommandLineRun empty = CommandLineRun.of("sql", "--results", noResults, "-- only a comment\n").expect(ExitCode.USAGE);
    assertTrue(empty.err().contains("the SQL holds no statement"), empty.err());
    // with the SQL in order, the results folder is what is wrong
    CommandLineRun query = CommandLineRun.of("sql", "--results", noResults, "SELECT 1").expect(ExitCode.BAD_INPUT);
    assertTrue(query.err().contains("no-results-here"), query.err());
  }
}
