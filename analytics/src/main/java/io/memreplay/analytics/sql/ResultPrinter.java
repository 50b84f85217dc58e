package io.memreplay.analytics.sql;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Prints the rows of a query in one {@link ResultFormat}. CSV and JSON stream row by row; the table
 * (and Markdown) holds all rows first to size its columns, so it suits the results people read.
 */
public final class ResultPrinter {

  private final ResultFormat format;

  public ResultPrinter(ResultFormat format) {
    this.format = format;
  }

  /** Prints every remaining row of {@code rows} and returns how many there were. */
  public long print(ResultSet rows, PrintStream out) throws SQLException {
    return switch (format) {
      case TABLE -> printTable(rows, out);
      case MARKDOWN -> printMarkdown(rows, out);
      case CSV -> CsvWriter.write(rows, out);
      case JSON -> JsonWriter.write(rows, out);
    };
  }

  private static long printMarkdown(ResultSet rows, PrintStream out) throws SQLException {
    TextTable table = TextTable.read(rows);
    table.printMarkdown(out);
    return table.rowCount();
  }

  private static long printTable(ResultSet rows, PrintStream out) throws SQLException {
    TextTable table = TextTable.read(rows);
    table.print(out);
    int count = table.rowCount();
    out.print("(" + count + (count == 1 ? " row)" : " rows)") + "\n");
    return count;
  }
}
