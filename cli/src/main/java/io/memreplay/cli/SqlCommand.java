package io.memreplay.cli;

import io.memreplay.analytics.sql.ResultFormat;
import io.memreplay.analytics.sql.ResultPrinter;
import io.memreplay.analytics.sql.ResultsDatabase;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memreplay sql}: any DuckDB statement over the result tables. */
@Command(name = "sql", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs SQL in DuckDB over a results dataset. Every result table is a view:",
        "runs, vm_intervals, host_intervals, translation, working_sets, mrc, rejects."})
final class SqlCommand implements Callable<Integer> {

  @Mixin
  ResultsOptions results;

  @Option(names = "--format", defaultValue = "table", description = "table, markdown, csv or json (default: ${DEFAULT-VALUE})")
  ResultFormat format;

  @Parameters(paramLabel = "SQL", description = "the statement, e.g. \"SELECT policy, vm, avg(working_set_pages) FROM vm_intervals GROUP BY ALL\"")
  String sql;

  @Override
  public Integer call() throws Exception {
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
}
