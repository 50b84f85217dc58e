package io.memreplay.cli;

import io.memreplay.analytics.sql.DatabaseExport;
import io.memreplay.analytics.sql.QueryException;
import io.memreplay.analytics.sql.ResultFormat;
import io.memreplay.analytics.sql.ResultPrinter;
import io.memreplay.analytics.sql.ResultsDatabase;
import io.memreplay.analytics.sql.StatementRefusedException;
import io.memreplay.analytics.sql.SqlScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code memreplay sql}: DuckDB queries over the result tables, from the command line, a file or stdin (any
 * statement with {@code --allow-writes}); or those views saved in a DuckDB file.
 */
@Command(name = "sql", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs SQL in DuckDB over a results dataset. Every result table is a view:",
        "runs, vm_intervals, host_intervals, translation, working_sets, mrc, rejects.",
        "The SQL may start with -- comments and hold several statements separated by semicolons: each result is printed",
        "in turn (with --format csv or json, only the last statement may return rows).",
        "With --export-db, writes those views into a DuckDB file for DuckDB's own CLI or any DuckDB client."})
final class SqlCommand implements Callable<Integer> {

  /** What stands for standard input, as SQL or as the file of -f. */
  static final String STDIN = "-";

  @Spec
  CommandSpec spec;

  @Mixin
  ResultsOptions results;

  @Option(names = "--format", defaultValue = "table", description = "table, markdown, csv or json (default: ${DEFAULT-VALUE})")
  ResultFormat format;

  @Option(names = "--allow-writes",
      description = "run any statement (COPY ... TO, ATTACH, CREATE, DROP, INSTALL, LOAD, SET ...); by default only "
          + "queries run, and they can read nothing but the results folders")
  boolean allowWrites;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "read the SQL from FILE ('-': standard input) instead")
  String file;

  @Option(names = "--export-db", paramLabel = "FILE",
      description = "instead of running SQL, write a DuckDB database file with the views (no data: they read the"
          + " Parquet files); results folders inside FILE's folder are named relative to it, so open it from there:"
          + " cd DIR && duckdb FILE")
  Path exportDb;

  @Mixin
  JsonOption json;

  @Parameters(paramLabel = "SQL", arity = "0..1",
      description = "the SQL, e.g. \"SELECT policy, vm, avg(working_set_pages) FROM vm_intervals GROUP BY ALL\"; '-' reads it from standard input")
  String sql;

  @Override
  public Integer call() throws Exception {
    if (exportDb != null) {
      if (sql != null || file != null) {
        throw new ParameterException(spec.commandLine(), "--export-db writes the views; it runs no SQL");
      }
      return export();
    }
    if (json.enabled) {
      throw new ParameterException(spec.commandLine(), "--json goes with --export-db; query results take --format json");
    }
    // the SQL first: a missing file or empty script fails before DuckDB opens the results
    List<String> statements = SqlScript.statements(script());
    if (statements.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "the SQL holds no statement, only comments or blanks");
    }
    boolean streams = format == ResultFormat.CSV || format == ResultFormat.JSON;
    try (ResultsDatabase database = allowWrites ? results.openWritable() : results.open();
        Statement statement = database.connection().createStatement()) {
      if (!allowWrites) {
        for (String each : statements) {
          requireQuery(database, each);
        }
      }
      for (int i = 0; i < statements.size(); i++) {
        boolean last = i == statements.size() - 1;
        boolean rows = execute(statement, statements, i);
        if (rows && streams && !last) {
          // nothing is printed yet: CSV and JSON hold one result, which must be the script's last
          throw new ParameterException(spec.commandLine(), "--format " + format.name().toLowerCase() + " prints one result, but "
              + "statement " + (i + 1) + " of " + statements.size() + " returns rows too; only the last may: "
              + firstLine(statements.get(i)));
        }
        if (rows) {
          new ResultPrinter(format).print(statement.getResultSet(), System.out);
        } else if (!streams) {
          System.out.println("OK");
        }
        if (!streams && !last) {
          System.out.println();
        }
      }
    }
    return ExitCode.OK.code();
  }

  /** Refuses a statement that is not a query: reading the results is all sql does by default. */
  private static void requireQuery(ResultsDatabase database, String statement) throws BadInputException {
    try {
      database.requireQuery(statement);
    } catch (QueryException | StatementRefusedException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }

  private static boolean execute(Statement statement, List<String> statements, int index) throws BadInputException {
    try {
      return statement.execute(statements.get(index));
    } catch (SQLException e) {
      String which = statements.size() == 1 ? "" : " (statement " + (index + 1) + " of " + statements.size() + ")";
      throw new BadInputException("the query failed" + which + ": " + e.getMessage() + "\nQuery: " + statements.get(index), e);
    }
  }

  private int export() throws BadInputException {
    OutputPaths.requireFile("--export-db", exportDb);
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

  /** The SQL text: the parameter, or the file, or standard input. */
  private String script() throws BadInputException {
    if ((sql == null) == (file == null)) {
      throw new ParameterException(spec.commandLine(), "give the SQL as a parameter or with -f FILE ('-' for standard input), one of them");
    }
    if (sql != null && sql.startsWith("-") && !sql.equals(STDIN) && sql.chars().noneMatch(Character::isWhitespace)) {
      // an option picocli did not know: unknown options are taken as the SQL, so that SQL may start with "--"
      throw new ParameterException(spec.commandLine(), "Unknown option: '" + sql + "'");
    }
    String source = sql != null ? sql : file;
    if (sql != null && !sql.equals(STDIN)) {
      return sql;
    }
    try {
      return source.equals(STDIN) ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(Path.of(source));
    } catch (NoSuchFileException e) {
      throw new BadInputException(source + ": no such SQL file", e);
    } catch (IOException e) {
      throw new BadInputException((source.equals(STDIN) ? "standard input" : source) + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private static String firstLine(String statement) {
    return statement.lines().filter(line -> !line.strip().startsWith("--") && !line.isBlank()).findFirst().orElse(statement);
  }
}
