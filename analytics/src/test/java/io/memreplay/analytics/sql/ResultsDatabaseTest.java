package io.memreplay.analytics.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.analytics.results.EngineRows;
import io.memreplay.analytics.results.ParquetResultsDataset;
import io.memreplay.analytics.results.ResultTable;
import io.memreplay.analytics.results.SampleRows;
import io.memreplay.engine.replay.RunOutput;
import io.memreplay.schemas.avro.VmInterval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsDatabaseTest {

  private static final String REPLAY = "replay-1";
  private static final String POLICY = "esxi-default";

  @TempDir
  Path dir;

  @Test
  void folderWithoutRunsIsRefusedWithAClearMessage() throws IOException {
    Files.createDirectories(dir.resolve("vm_intervals"));

    NotAResultsFolderException error =
        assertThrows(NotAResultsFolderException.class, () -> ResultsDatabase.open(List.of(dir)));
    assertEquals(dir + " is not a memreplay results folder: runs/ is missing", error.getMessage());
  }

  @Test
  void aFolderWithATableFolderDeletedIsRefusedNamingIt() throws Exception {
    commitRun(ParquetResultsDataset.create(dir, REPLAY), "run-1", POLICY, 1);
    try (var files = Files.walk(dir.resolve("vm_intervals"))) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
    IOException error = assertThrows(IOException.class, () -> ResultsDatabase.open(List.of(dir)));
    assertTrue(error.getMessage().startsWith(dir + " is a damaged results folder: vm_intervals/ missing"),
        error.getMessage());
  }

  @Test
  void runWithoutRowsYieldsQueryableEmptyTables() throws Exception {
    ParquetResultsDataset.create(dir, REPLAY).openRun("run-1", POLICY)
        .commit(EngineRows.of(SampleRows.run(REPLAY, "run-1", POLICY)));

    try (ResultsDatabase database = ResultsDatabase.open(List.of(dir))) {
      for (ResultTable table : ResultTable.values()) {
        long expected = table == ResultTable.RUNS ? 1 : 0;
        assertEquals(expected, count(database, "SELECT count(*) FROM " + table.folder()), table.folder());
      }
    }
  }

  @Test
  void tableWithoutFilesHasTheColumnsAndTypesOfATableWithFiles() throws Exception {
    Path withFiles = dir.resolve("with-files");
    Path withoutFiles = dir.resolve("without-files");
    ParquetResultsDataset dataset = ParquetResultsDataset.create(withFiles, REPLAY);
    commitRun(dataset, "run-1", POLICY, 1);
    dataset.finish();
    ParquetResultsDataset.create(withoutFiles, REPLAY).close();

    for (ResultTable table : ResultTable.values()) {
      String describe = "DESCRIBE " + table.folder();
      assertEquals(columnsAndTypes(withFiles, describe), columnsAndTypes(withoutFiles, describe), table.folder());
    }
  }

  @Test
  void abortedRunIsInvisibleToQueries() throws Exception {
    ParquetResultsDataset dataset = ParquetResultsDataset.create(dir, REPLAY);
    commitRun(dataset, "run-1", POLICY, 1);
    RunOutput aborted = dataset.openRun("run-2", "other-policy");
    aborted.emit(EngineRows.of(vmRow("run-2", "other-policy", 2)));
    aborted.abort();

    try (ResultsDatabase database = ResultsDatabase.open(List.of(dir))) {
      assertEquals(List.of("run-1"), strings(database, "SELECT run_id FROM runs"));
      assertEquals(List.of("run-1"), strings(database, "SELECT DISTINCT run_id FROM vm_intervals"));
    }
  }

  /** What a replay killed between publishing a run's files and its runs file leaves, or one publishing meanwhile shows. */
  @Test
  void rowsOfARunWithoutItsRunsRowAreInvisibleToQueries() throws Exception {
    ParquetResultsDataset dataset = ParquetResultsDataset.create(dir, REPLAY);
    commitRun(dataset, "run-1", POLICY, 1);
    commitRun(dataset, "run-2", POLICY, 2);
    Files.delete(dir.resolve("runs/policy=" + POLICY + "/run-2.parquet"));

    try (ResultsDatabase database = ResultsDatabase.open(List.of(dir))) {
      assertEquals(List.of("run-1"), strings(database, "SELECT DISTINCT run_id FROM vm_intervals"));
    }
  }

  @Test
  void aFolderWhoseOnlyRunLacksItsRunsRowShowsNoRows() throws Exception {
    commitRun(ParquetResultsDataset.create(dir, REPLAY), "run-1", POLICY, 1);
    Files.delete(dir.resolve("runs/policy=" + POLICY + "/run-1.parquet"));

    try (ResultsDatabase database = ResultsDatabase.open(List.of(dir))) {
      assertEquals(0, count(database, "SELECT count(*) FROM vm_intervals"));
    }
  }

  @Test
  void temporaryFilesAreNotReadByTheViews() throws Exception {
    ParquetResultsDataset dataset = ParquetResultsDataset.create(dir, REPLAY);
    commitRun(dataset, "run-1", POLICY, 1);
    RunOutput unfinished = dataset.openRun("run-2", POLICY);
    unfinished.emit(EngineRows.of(vmRow("run-2", POLICY, 2)));
    Files.writeString(dir.resolve("vm_intervals/policy=" + POLICY + "/.junk.parquet.tmp"), "not parquet");

    try (ResultsDatabase database = ResultsDatabase.open(List.of(dir))) {
      assertEquals(List.of("run-1"), strings(database, "SELECT DISTINCT run_id FROM vm_intervals"));
    } finally {
      unfinished.abort();
    }
  }

  @Test
  void runsPublishedAfterOpeningAreSeenByLaterQueries() throws Exception {
    ParquetResultsDataset dataset = ParquetResultsDataset.create(dir, REPLAY);
    commitRun(dataset, "run-1", POLICY, 1);

    try (ResultsDatabase database = ResultsDatabase.open(List.of(dir))) {
      commitRun(dataset, "run-2", POLICY, 2);
      assertEquals(List.of("run-1", "run-2"), strings(database, "SELECT run_id FROM vm_intervals ORDER BY 1"));
    }
  }

  @Test
  void policyColumnMatchesThePartitionFolderOfEveryFile() throws Exception {
    ParquetResultsDataset dataset = ParquetResultsDataset.create(dir, REPLAY);
    commitRun(dataset, "run-a", POLICY, 1);
    commitRun(dataset, "run-b", "no-sharing", 2);

    try (ResultsDatabase database = ResultsDatabase.open(List.of(dir))) {
      assertEquals(List.of(POLICY + " run-a", "no-sharing run-b"),
          strings(database, "SELECT policy || ' ' || run_id FROM vm_intervals ORDER BY 1"));
      for (String policy : List.of(POLICY, "no-sharing")) {
        Path folder = dir.resolve("vm_intervals").resolve("policy=" + policy);
        assertTrue(Files.isDirectory(folder), folder.toString());
        String insideFiles =
            "SELECT DISTINCT policy FROM read_parquet('" + folder + "/*.parquet', hive_partitioning = false)";
        assertEquals(List.of(policy), strings(database, insideFiles));
      }
    }
  }

  @Test
  void policyNamesThatLookLikeNumbersStayText() throws Exception {
    // With every partition value numeric, DuckDB would otherwise type the policy column BIGINT.
    ParquetResultsDataset dataset = ParquetResultsDataset.create(dir, REPLAY);
    commitRun(dataset, "run-a", "1", 1);
    commitRun(dataset, "run-b", "2", 2);

    try (ResultsDatabase database = ResultsDatabase.open(List.of(dir))) {
      assertEquals(List.of("VARCHAR"), strings(database, "SELECT DISTINCT typeof(policy) FROM vm_intervals"));
      assertEquals(List.of("run-a"), strings(database, "SELECT run_id FROM runs WHERE policy = '1'"));
    }
  }

  @Test
  void twoResultsFoldersAreQueriedAsOne() throws Exception {
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    commitRun(ParquetResultsDataset.create(first, "replay-1"), "run-1", POLICY, 1);
    commitRun(ParquetResultsDataset.create(second, "replay-2"), "run-2", POLICY, 2);

    try (ResultsDatabase database = ResultsDatabase.open(List.of(first, second))) {
      assertEquals(List.of("run-1", "run-2"), strings(database, "SELECT run_id FROM runs ORDER BY 1"));
      assertEquals(List.of("run-1", "run-2"), strings(database, "SELECT run_id FROM vm_intervals ORDER BY 1"));
    }
  }

  @Test
  void aFolderGivenTwiceThroughALinkCountsOnceAndACopyOfItIsRefused() throws Exception {
    Path first = dir.resolve("first");
    commitRun(ParquetResultsDataset.create(first, "replay-1"), "run-1", POLICY, 1);
    Path link = Files.createSymbolicLink(dir.resolve("link"), first);
    try (ResultsDatabase database = ResultsDatabase.open(List.of(first, link))) {
      assertEquals(1, count(database, "SELECT count(*) FROM vm_intervals"));
    }
    Path copy = dir.resolve("copy");
    try (var files = Files.walk(first)) {
      for (Path from : files.toList()) {
        Files.copy(from, copy.resolve(first.relativize(from).toString()));
      }
    }
    IOException twice = assertThrows(IOException.class, () -> ResultsDatabase.open(List.of(first, copy)));
    assertTrue(twice.getMessage().startsWith("run run-1 is in more than one of the results folders"), twice.getMessage());
  }

  @Test
  void failedQueryReportsDuckDbsMessageAndTheQuery() throws Exception {
    ParquetResultsDataset.create(dir, REPLAY).close();
    String query = "SELECT * FROM no_such_table";

    try (ResultsDatabase database = ResultsDatabase.open(List.of(dir))) {
      QueryException error = assertThrows(QueryException.class, () -> database.query(query, ResultSet::next));
      assertEquals(query, error.query());
      assertTrue(error.getMessage().startsWith("Catalog Error: Table with name no_such_table does not exist"),
          error.getMessage());
      assertTrue(error.getMessage().endsWith("\nQuery: " + query), error.getMessage());
    }
  }

  @Test
  void parametersAreBoundToPlaceholdersInOrder() throws Exception {
    ParquetResultsDataset.create(dir, REPLAY).close();

    try (ResultsDatabase database = ResultsDatabase.open(List.of(dir))) {
      assertEquals(List.of("b-a"), strings(database, "SELECT ? || '-' || ?", "b", "a"));
    }
  }

  private static void commitRun(ParquetResultsDataset dataset, String runId, String policy, int seed)
      throws IOException {
    RunOutput run = dataset.openRun(runId, policy);
    run.emit(EngineRows.of(vmRow(runId, policy, seed)));
    run.commit(EngineRows.of(SampleRows.run(REPLAY, runId, policy)));
  }

  private static VmInterval vmRow(String runId, String policy, int seed) {
    return SampleRows.sample(ResultTable.VM_INTERVALS, seed, false, Map.of("run_id", runId, "policy", policy));
  }

  private static long count(ResultsDatabase database, String sql) throws QueryException {
    return database.query(sql, rows -> {
      rows.next();
      return rows.getLong(1);
    });
  }

  /** The first column of every row, as text. */
  private static List<String> strings(ResultsDatabase database, String sql, Object... parameters)
      throws QueryException {
    return database.query(sql, ResultsDatabaseTest::firstColumn, parameters);
  }

  private static List<String> firstColumn(ResultSet rows) throws SQLException {
    List<String> values = new ArrayList<>();
    while (rows.next()) {
      values.add(rows.getString(1));
    }
    return values;
  }

  private static List<String> columnsAndTypes(Path resultsDir, String describe) throws Exception {
    try (ResultsDatabase database = ResultsDatabase.open(List.of(resultsDir))) {
      return database.query(describe, rows -> {
        List<String> columns = new ArrayList<>();
        while (rows.next()) {
          columns.add(rows.getString("column_name") + " " + rows.getString("column_type"));
        }
        return columns;
      });
    }
  }
}
