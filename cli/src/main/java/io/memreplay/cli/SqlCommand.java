package io.memreplay.cli;

import io.memreplay.analytics.sql.ResultFormat;
import io.memreplay.analytics.sql.ResultPrinter;
import io.memreplay.analytics.sql.QueryException;
import io.memreplay.analytics.sql.ResultsDatabase;
import io.memreplay.analytics.sql.StatementRefusedException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memreplay sql}: DuckDB queries over the result tables; any statement with {@code --allow-writes}. */
@Command(name = "sql", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs SQL in DuckDB over a results dataset. Every result table is a view:",
        "runs, vm_intervals, host_intervals, translation, working_sets, mrc, rejects."})
final class SqlCommand implements Callable<Integer> {

  @Mixin
  ResultsOptions results;

  @Option(names = "--format", defaultValue = "table", description = "table, markdown, csv or json (default: ${DEFAULT-VALUE})")
  ResultFormat format;

  @Option(names = "--allow-writes",
      description = "run any statement (COPY ... TO, ATTACH, CREATE, DROP, INSTALL, LOAD, SET ...); by default only "
          + "queries run, and they can read nothing but the results folders")
  boolean allowWrites;

  @Parameters(paramLabel = "SQL", description = "the statement, e.g. \"SELECT policy, vm, avg(working_set_pages) FROM vm_intervals GROUP BY ALL\"")
  String sql;

  @Override
  public Integer call() throws Exception {
    try (ResultsDatabase database = allowWrites ? results.openWritable() : results.open();
        Statement statement = database.connection().createStatement()) {
      if (!allowWrites) {
        database.requireQuery(sql);
      }
      if (statement.execute(sql)) {
        new ResultPrinter(format).print(statement.getResultSet(), System.out);
      } else {
        System.out.println("OK");
      }
    } catch (SQLException e) {
      throw new BadInputException("the query failed: " + e.getMessage() + "\nQuery: " + sql, e);
    } catch (QueryException | StatementRefusedException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    return ExitCode.OK.code();
  }
}
