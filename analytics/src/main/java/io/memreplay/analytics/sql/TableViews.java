package io.memreplay.analytics.sql;

import io.memreplay.analytics.results.ResultTable;
import io.memreplay.analytics.results.ResultsLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/** The {@code CREATE VIEW} statement that makes one result table queryable by its name. */
final class TableViews {

  private TableViews() {}

  /** The view named after the table, selecting {@code body}. */
  static String create(ResultTable table, String body) {
    return "CREATE VIEW " + identifier(table.folder()) + " AS " + body;
  }

  /**
   * The {@code SELECT} of the table's view: its files in every folder that has any, each folder named in the
   * view as {@code naming} has it (the folders are absolute; the view may name them relative to somewhere
   * else). DuckDB fails on a glob that matches nothing, so folders without files are left out, and a table
   * without files anywhere becomes an empty select with the columns of its schema: queries then return no
   * rows instead of failing.
   *
   * <p>A per-run table shows only the rows of runs that have their {@code runs} row. A run's other files are
   * renamed into place before its {@code runs} file, so while a replay publishes, or after one was killed
   * between the two, they would otherwise show rows of a run that does not exist. The rejects are shown
   * whole: a Kafka worker rejects messages that belong to no replay's runs.
   */
  static String body(ResultTable table, List<Path> folders, UnaryOperator<Path> naming) throws IOException {
    List<String> globs = globs(table, folders, naming);
    if (globs.isEmpty()) {
      return emptySelect(table.schema());
    }
    if (!table.perRun() || table == ResultTable.RUNS) {
      return readParquet(table, globs);
    }
    List<String> runs = globs(ResultTable.RUNS, folders, naming);
    return runs.isEmpty() ? emptySelect(table.schema())
        : readParquet(table, globs) + " WHERE run_id IN (SELECT run_id FROM " + scan(ResultTable.RUNS, runs) + ")";
  }

  /** The glob of the table's files in each folder that has any. */
  private static List<String> globs(ResultTable table, List<Path> folders, UnaryOperator<Path> naming)
      throws IOException {
    List<String> globs = new ArrayList<>();
    for (Path folder : folders) {
      if (new ResultsLayout(folder).hasFiles(table)) {
        globs.add(literal(new ResultsLayout(naming.apply(folder)).glob(table)));
      }
    }
    return globs;
  }

  /**
   * The view again, with only the rows of runs of the given traces (by content digest): a per-run table
   * by its {@code run_id}, {@code rejects} by the replay of such a run.
   */
  static String restricted(ResultTable table, String body, String runsBody, List<String> traceDigests) {
    String digests = traceDigests.stream().map(TableViews::literal).collect(Collectors.joining(", "));
    String runsOfTraces = "FROM (" + runsBody + ") WHERE trace_digest IN (" + digests + ")";
    String filter = table == ResultTable.RUNS ? "trace_digest IN (" + digests + ")"
        : table.perRun() ? "run_id IN (SELECT run_id " + runsOfTraces + ")"
        : "replay_id IN (SELECT replay_id " + runsOfTraces + ")";
    return "CREATE OR REPLACE VIEW " + identifier(table.folder()) + " AS SELECT * FROM (" + body + ") WHERE " + filter;
  }

  /**
   * Hive partitioning turns {@code policy=<name>} folders into the {@code policy} column (merged with the
   * same column inside the files). Its type is fixed to VARCHAR: when every policy name looks like a
   * number, DuckDB would otherwise make it BIGINT.
   * {@code union_by_name} lets files written by older and newer schemas be read together.
   */
  private static String readParquet(ResultTable table, List<String> globs) {
    return "SELECT * FROM " + scan(table, globs);
  }

  /** The {@code read_parquet} call over {@code globs}. */
  private static String scan(ResultTable table, List<String> globs) {
    String hiveTypes = table.perRun()
        ? ", hive_types = {" + literal(ResultsLayout.PARTITION_COLUMN) + ": VARCHAR}"
        : "";
    return "read_parquet([" + String.join(", ", globs) + "], hive_partitioning = true, "
        + "union_by_name = true" + hiveTypes + ")";
  }

  static String emptySelect(Schema schema) {
    return schema.getFields().stream()
        .map(field -> "CAST(NULL AS " + DuckDbTypes.of(field.schema()) + ") AS " + identifier(field.name()))
        .collect(Collectors.joining(", ", "SELECT ", " WHERE false"));
  }

  static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  private static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
