package io.memreplay.cli;

import io.memreplay.analytics.sql.DatabaseExport;
import io.memreplay.analytics.sql.QueryException;
import io.memreplay.analytics.sql.ResultFormat;
import io.memreplay.analytics.sql.ResultPrinter;
import io.memreplay.analytics.sql.ResultsDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code memreplay sql}: any DuckDB statement over the result tables, or those views saved in a DuckDB file. */
@Command(name = "sql", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs SQL in DuckDB over a results dataset. Every result table is a view:",
        "runs, vm_intervals, host_intervals, translation, working_sets, mrc, rejects.",
        "With --export-db, writes those views into a DuckDB file for DuckDB's own CLI or any DuckDB client."})
final class SqlCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ResultsOptions results;

  @Option(names = "--format", defaultValue = "table", description = "table, markdown, csv or json (default: ${DEFAULT-VALUE})")
  ResultFormat format;

  @Option(names = "--export-db", paramLabel = "FILE",
      description = "instead of running SQL, write a DuckDB database file with the views (no data: they read the"
          + " Parquet files); results folders inside FILE's folder are named relative to it, so open it from there:"
          + " cd DIR && duckdb FILE")
  Path exportDb;

  @Mixin
  JsonOption json;

  @Parameters(arity = "0..1", paramLabel = "SQL",
      description = "the statement, e.g. \"SELECT policy, vm, avg(working_set_pages) FROM vm_intervals GROUP BY ALL\"")
  String sql;

  @Override
  public Integer call() throws Exception {
    if ((sql == null) == (exportDb == null)) {
      throw new ParameterException(spec.commandLine(), "give either a SQL statement or --export-db FILE");
    }
    if (exportDb != null) {
      return export();
    }
    if (json.enabled) {
      throw new ParameterException(spec.commandLine(), "--json goes with --export-db; query results take --format json");
    }
    try (ResultsDatabase database = results.open(); Statement statement = database.connection().createStatement()) {
      if (statement.execute(sql)) {
        new ResultPrinter(format).print(statement.getResultSet(), System.out);
      } else {
        System.out.println("OK");
      }
    } catch (SQLException e) {
      throw new BadInputException("the query failed: " + e.getMessage() + "\nQuery: " + sql, e);
    }
    return ExitCode.OK.code();
  }

  private int export() throws BadInputException {
    DatabaseExport.Written written;
    try {
      written = DatabaseExport.write(results.dirs, exportDb);
    } catch (IOException | QueryException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    json.human().printf("Wrote %s: views %s over %s (%s).%n", written.file(), String.join(", ", written.views()),
        String.join(", ", written.folders()), written.relativeFolders()
            ? "folders inside its folder are named relative to it: open it from there, cd " + written.file().getParent()
                + " && duckdb " + written.file().getFileName()
            : "named by absolute paths: open it from anywhere, duckdb " + written.file());
    json.print(written);
    return ExitCode.OK.code();
  }
}
