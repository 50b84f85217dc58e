package io.memreplay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code memreplay sql --export-db}: a DuckDB file of the result views, opened by another DuckDB client (a
 * JVM of its own with DuckDB's JDBC driver), which sees the same rows memreplay's own {@code sql} does.
 */
class SqlExportDbTest {

  private static final String PER_POLICY = "SELECT policy, count(*), sum(accesses) FROM vm_intervals GROUP BY policy ORDER BY policy";

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
  void aFileBesideItsResultsNamesThemRelativelyAndMovesWithThem() throws Exception {
    Path project = dir.resolve("project");
    replay(project.resolve("results"), "esxi-default,no-sharing");
    CommandLineRun export = CommandLineRun.of("sql", "--results", project.resolve("results"), "--export-db",
        project.resolve("results.duckdb"), "--json").expect(ExitCode.OK);
    JsonNode written = new ObjectMapper().readTree(export.out());
    assertEquals("results", written.get("folders").get(0).asText());
    assertTrue(written.get("relative_folders").asBoolean());
    assertTrue(export.err().contains("cd " + project.toAbsolutePath()), export.err());

    String expected = ownSql(project.resolve("results"), PER_POLICY);
    assertEquals(expected, client(project, "results.duckdb", PER_POLICY));
    // the folder moved elsewhere, file and results together: the views still find the results
    Path moved = dir.resolve("moved");
    Files.move(project, moved);
    assertEquals(expected, client(moved, "results.duckdb", PER_POLICY));
    assertEquals("2\n", client(moved, "results.duckdb", "SELECT count(*) FROM runs"));
  }

  @Test
  void aFileElsewhereNamesTheResultsByAbsolutePathsAndSeesEveryView() throws Exception {
    Path results = dir.resolve("results");
    replay(results, "esxi-default");
    Path file = dir.resolve("elsewhere").resolve("views.duckdb");
    CommandLineRun.of("sql", "--results", results, "--export-db", file).expect(ExitCode.OK);

    for (String view : new String[] {"runs", "vm_intervals", "host_intervals", "translation", "working_sets", "mrc", "rejects"}) {
      assertEquals(ownSql(results, "SELECT count(*) FROM " + view), client(shared, file.toAbsolutePath().toString(),
          "SELECT count(*) FROM " + view), view);
    }
    // a later run of the same tables is seen without exporting again
    replay(results, "no-sharing");
    assertEquals("2\n", client(shared, file.toAbsolutePath().toString(), "SELECT count(*) FROM runs"));
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertEquals(1, files.count(), "only the database is left, no temporary or WAL file");
    }
  }

  @Test
  void anotherFileIsNotReplaced() throws Exception {
    Path results = dir.resolve("results");
    replay(results, "esxi-default");
    Path notes = Files.writeString(dir.resolve("notes.duckdb"), "my notes, not a database\n");
    CommandLineRun refused = CommandLineRun.of("sql", "--results", results, "--export-db", notes).expect(ExitCode.BAD_INPUT);
    assertTrue(refused.err().contains("is not a DuckDB database"), refused.err());
    assertEquals("my notes, not a database\n", Files.readString(notes));

    Path file = dir.resolve("views.duckdb");
    CommandLineRun.of("sql", "--results", results, "--export-db", file).expect(ExitCode.OK);
    CommandLineRun.of("sql", "--results", results, "--export-db", file).expect(ExitCode.OK);
    assertEquals("1\n", client(dir, "views.duckdb", "SELECT count(*) FROM runs"), "an earlier export is replaced");
  }

  @Test
  void eitherSqlOrAnExportIsGiven() {
    Path results = dir.resolve("results");
    replay(results, "esxi-default");
    CommandLineRun.of("sql", "--results", results).expect(ExitCode.USAGE);
    CommandLineRun.of("sql", "--results", results, "--export-db", dir.resolve("x.duckdb"), "SELECT 1").expect(ExitCode.USAGE);
    assertFalse(Files.exists(dir.resolve("x.duckdb")));
  }

  private static void replay(Path results, String policies) {
    CommandLineRun.of("replay", "--trace", trace, "--out", results, "--interval", "10s", "--policy", policies)
        .expect(ExitCode.OK);
  }

  /** memreplay's own answer, as the client prints it: CSV rows without the header, lines ending in '\n'. */
  private static String ownSql(Path results, String sql) {
    String csv = CommandLineRun.of("sql", "--results", results, "--format", "csv", sql).expect(ExitCode.OK).out()
        .replace("\r\n", "\n");
    return csv.substring(csv.indexOf('\n') + 1);
  }

  private static String client(Path workingDir, String database, String sql) throws Exception {
    DuckDbClient.Result result = DuckDbClient.query(workingDir, database, sql);
    assertEquals(0, result.exitCode(), result.err());
    return result.out();
  }
}
