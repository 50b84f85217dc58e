package io.memreplay.analytics.sql;

import io.memreplay.analytics.results.ResultTable;
import io.memreplay.analytics.results.ResultsLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory DuckDB in which every result table of one or more results folders is a view named after
 * the table, so that {@code SELECT * FROM vm_intervals} reads the rows of every run in every folder. Read
 * only unless opened writable: reports and queries cannot change files or the views.
 *
 * <p>The views list the files again on every query, so runs published after opening are seen; which
 * folders contribute to which table is decided when the database is opened. Like its JDBC connection,
 * a database is for one thread at a time.
 */
public final class ResultsDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ResultsDatabase.class);
  private static final String IN_MEMORY = "jdbc:duckdb:";
  /** CREATE [OR REPLACE] TEMP[ORARY] MACRO|FUNCTION, after any comments and blanks. */
  private static final Pattern TEMPORARY_MACRO = Pattern.compile(
      "(\\s+|--[^\\n]*\\n?|/\\*.*?\\*/)*CREATE\\s+(OR\\s+REPLACE\\s+)?TEMP(ORARY)?\\s+(MACRO|FUNCTION)\\s",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private final Connection connection;
  /** Each table's view as first defined, over every run of every folder. */
  private final Map<ResultTable, String> viewBodies = new EnumMap<>(ResultTable.class);

  ResultsDatabase(Connection connection) {
    this.connection = connection;
  }

  /**
   * Opens a read-only database over {@code resultsDirs}: queries may read the results folders and nothing
   * else, and nothing can write files, attach databases, install or load extensions or change these
   * settings; {@link #requireQuery} refuses statements that are not queries.
   *
   * @throws NotAResultsFolderException when a folder has no {@code runs/} folder
   * @throws QueryException when DuckDB cannot define a view, for example over a damaged file
   */
  public static ResultsDatabase open(List<Path> resultsDirs) throws IOException, QueryException {
    return open(resultsDirs, List.of());
  }

  /**
   * Opens a read-only database over {@code resultsDirs}, as {@link #open(List)} does, in which queries may also
   * read the files below {@code readableDirs} (a trace folder whose samples a report sets beside the results).
   */
  public static ResultsDatabase open(List<Path> resultsDirs, List<Path> readableDirs) throws IOException, QueryException {
    List<Path> dirs = resultsDirs(resultsDirs);
    ResultsDatabase database = withViewsOver(dirs);
    try {
      List<String> allowed = new ArrayList<>();
      for (Path dir : dirs) {
        allowed.add(TableViews.literal(dir + "/"));
      }
      for (Path dir : readableDirs) {
        allowed.add(TableViews.literal(dir.toAbsolutePath().normalize() + "/"));
      }
      // the views read these folders, and only those; the lock keeps every setting as it is now
      for (String setting : List.of("allowed_directories = [" + String.join(", ", allowed) + "]",
          "enable_external_access = false", "autoinstall_known_extensions = false", "autoload_known_extensions = false",
          "allow_community_extensions = false", "lock_configuration = true")) {
        database.execute("SET " + setting);
      }
      return database;
    } catch (QueryException | RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /**
   * Opens a database over {@code resultsDirs} in which any statement runs, with the access to files and
   * extensions DuckDB has by default: for {@code sql --allow-writes}.
   */
  public static ResultsDatabase openWritable(List<Path> resultsDirs) throws IOException, QueryException {
    return withViewsOver(resultsDirs(resultsDirs));
  }

  /** A database with the views over {@code dirs}, results folders as {@link #resultsDirs} checked them. */
  private static ResultsDatabase withViewsOver(List<Path> dirs) throws IOException, QueryException {
    ResultsDatabase database = new ResultsDatabase(connect(IN_MEMORY, "an in-memory DuckDB"));
    try {
      database.createViews(dirs, UnaryOperator.identity());
      database.requireEachRunOnce(dirs);
      return database;
    } catch (IOException | QueryException | RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /**
   * The folders, absolute and without repeats (one folder reached by two paths, through a link, is one),
   * each checked to be a results folder.
   */
  static List<Path> resultsDirs(List<Path> resultsDirs) throws IOException {
    if (resultsDirs.isEmpty()) {
      throw new IllegalArgumentException("at least one results folder is needed");
    }
    Map<Path, Path> byRealPath = new LinkedHashMap<>();
    for (Path given : resultsDirs) {
      Path dir = given.toAbsolutePath().normalize();
      ResultsLayout layout = new ResultsLayout(dir);
      if (!layout.isResultsFolder()) {
        throw new NotAResultsFolderException(dir);
      }
      List<String> missing = layout.missingTables().stream().map(table -> table.folder() + "/").toList();
      if (!missing.isEmpty()) {
        throw new IOException(dir + " is a damaged results folder: " + String.join(", ", missing) + " missing, so its"
            + " runs would read as if they had no such rows; replay the trace into a new folder");
      }
      byRealPath.putIfAbsent(dir.toRealPath(), dir);
    }
    return List.copyOf(byRealPath.values());
  }

  /** Refuses folders that hold the same run (a copy of a folder): its rows would count twice in every sum. */
  private void requireEachRunOnce(List<Path> dirs) throws IOException, QueryException {
    Rows twice = query("SELECT run_id FROM runs GROUP BY run_id HAVING count(*) > 1 ORDER BY run_id", Rows::read);
    if (!twice.isEmpty()) {
      throw new IOException("run " + Rows.text(twice.rows().get(0), "run_id") + " is in more than one of the results"
          + " folders " + dirs + " (" + twice.rows().size() + " such runs): a copy of a folder would count its rows"
          + " twice; give each folder once");
    }
  }

  /** A DuckDB database over JDBC: {@code url} names it, {@code what} says what it is when it cannot be opened. */
  static Connection connect(String url, String what) throws IOException {
    try {
      return DriverManager.getConnection(url);
    } catch (SQLException e) {
      throw new IOException("could not open " + what + ": " + e.getMessage(), e);
    }
  }

  /** One view per result table over the absolute {@code folders}, which the views name as {@code naming} has them. */
  void createViews(List<Path> folders, UnaryOperator<Path> naming) throws IOException, QueryException {
    for (ResultTable table : ResultTable.values()) {
      String body = TableViews.body(table, folders, naming);
      String view = TableViews.create(table, body);
      LOG.debug("{}", view);
      execute(view);
      viewBodies.put(table, body);
    }
  }

  /**
   * From now on, every view shows only the runs of the traces with these content digests (and the
   * rejects of their replays); a later call replaces the restriction.
   */
  public void restrictToTraces(List<String> traceDigests) throws QueryException {
    if (traceDigests.isEmpty()) {
      throw new IllegalArgumentException("at least one trace is needed");
    }
    String runsBody = viewBodies.get(ResultTable.RUNS);
    for (ResultTable table : ResultTable.values()) {
      execute(TableViews.restricted(table, viewBodies.get(table), runsBody, traceDigests));
    }
  }

  /**
   * Refuses {@code statement} unless it is a query (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE), as
   * DuckDB's own parser sees it, or the definition of a temporary macro (which lives in this session's memory
   * and runs only inside queries). A statement that does not parse passes, so that running it gives DuckDB's
   * syntax error.
   */
  public void requireQuery(String statement) throws QueryException, StatementRefusedException {
    String check = "SELECT coalesce(json_extract_string(j, '$.error') = 'true'"
        + " AND json_extract_string(j, '$.error_type') <> 'parser', false)"
        + " FROM (SELECT json_serialize_sql(?::VARCHAR) AS j)";
    boolean refused = query(check, rows -> rows.next() && rows.getBoolean(1), statement);
    if (refused && !TEMPORARY_MACRO.matcher(statement).lookingAt()) {
      throw new StatementRefusedException("only queries run here (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE,"
          + " and CREATE TEMP MACRO): this statement could write files, attach databases, install or load extensions,"
          + " change settings or drop the result views; run it with sql --allow-writes if that is what you mean"
          + "\nStatement: " + statement);
    }
  }

  /** The DuckDB connection, for callers that need JDBC itself; it is closed with the database. */
  public Connection connection() {
    return connection;
  }

  /**
   * Runs {@code sql} with {@code parameters} bound to its {@code ?} placeholders, in order, and hands the
   * rows to {@code reader}.
   */
  public <T> T query(String sql, ResultSetReader<T> reader, Object... parameters) throws QueryException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        return reader.read(rows);
      }
    } catch (SQLException e) {
      throw new QueryException(sql, e);
    }
  }

  /** Runs a statement that returns no rows, such as {@code CREATE VIEW}. */
  public void execute(String sql) throws QueryException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new QueryException(sql, e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.warn("closing DuckDB failed: {}", e.getMessage());
    }
  }
}
