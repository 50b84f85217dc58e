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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory DuckDB in which every result table of one or more results folders is a view named after
 * the table, so that {@code SELECT * FROM vm_intervals} reads the rows of every run in every folder.
 *
 * <p>The views list the files again on every query, so runs published after opening are seen; which
 * folders contribute to which table is decided when the database is opened. Like its JDBC connection,
 * a database is for one thread at a time.
 */
public final class ResultsDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ResultsDatabase.class);
  private static final String IN_MEMORY = "jdbc:duckdb:";

  private final Connection connection;
  /** Each table's view as first defined, over every run of every folder. */
  private final Map<ResultTable, String> viewBodies = new EnumMap<>(ResultTable.class);

  ResultsDatabase(Connection connection) {
    this.connection = connection;
  }

  /**
   * Opens a database over {@code resultsDirs}.
   *
   * @throws NotAResultsFolderException when a folder has no {@code runs/} folder
   * @throws QueryException when DuckDB cannot define a view, for example over a damaged file
   */
  public static ResultsDatabase open(List<Path> resultsDirs) throws IOException, QueryException {
    List<Path> dirs = resultsDirs(resultsDirs);
    ResultsDatabase database = new ResultsDatabase(connect(IN_MEMORY, "an in-memory DuckDB"));
    try {
      database.createViews(dirs, UnaryOperator.identity());
      return database;
    } catch (IOException | QueryException | RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** The folders, absolute and without repeats, each checked to be a results folder. */
  static List<Path> resultsDirs(List<Path> resultsDirs) throws NotAResultsFolderException {
    if (resultsDirs.isEmpty()) {
      throw new IllegalArgumentException("at least one results folder is needed");
    }
    List<Path> dirs = resultsDirs.stream().map(dir -> dir.toAbsolutePath().normalize()).distinct().toList();
    for (Path dir : dirs) {
      if (!new ResultsLayout(dir).isResultsFolder()) {
        throw new NotAResultsFolderException(dir);
      }
    }
    return dirs;
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
