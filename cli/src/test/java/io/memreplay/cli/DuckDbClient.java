package io.memreplay.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Another DuckDB client than memreplay: a JVM of its own, started in a folder of the test's choosing, that
 * opens a database file read-only with DuckDB's JDBC driver and prints a query's rows, one line each,
 * values joined by commas.
 */
final class DuckDbClient {

  private static final long TIMEOUT_SECONDS = 120;

  private DuckDbClient() {}

  public static void main(String[] args) throws SQLException {
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + args[0], readOnly);
        Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(args[1])) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(String.valueOf(rows.getObject(i)));
        }
        System.out.println(String.join(",", values));
      }
    }
  }

  /** What the client printed, run from {@code workingDir} on {@code database} (as the client names it). */
  static Result query(Path workingDir, String database, String sql) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), DuckDbClient.class.getName(), database, sql)
        .directory(workingDir.toFile()).start();
    process.getOutputStream().close();
    byte[] err = process.getErrorStream().readAllBytes();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("the DuckDB client did not finish in " + TIMEOUT_SECONDS + " s");
    }
    return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  record Result(int exitCode, String out, String err) {}
}
