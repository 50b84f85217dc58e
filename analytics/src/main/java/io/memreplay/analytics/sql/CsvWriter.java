package io.memreplay.analytics.sql;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Query results as RFC 4180 CSV: a header line, CRLF line ends, and fields quoted only when they hold a
 * comma, a quote or a line break. NULL is an empty field; an empty string is a quoted empty field, so
 * readers such as DuckDB's can tell the two apart. Numbers keep their full precision, without exponents.
 */
final class CsvWriter {

  private static final String LINE_END = "\r\n";

  private CsvWriter() {}

  static long write(ResultSet rows, PrintStream out) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    int columns = meta.getColumnCount();
    StringBuilder line = new StringBuilder();
    for (int i = 1; i <= columns; i++) {
      appendField(line, i, meta.getColumnLabel(i));
    }
    out.print(line.append(LINE_END));
    long count = 0;
    while (rows.next()) {
      line.setLength(0);
      for (int i = 1; i <= columns; i++) {
        Object value = rows.getObject(i);
        appendField(line, i, value == null ? null : text(value));
      }
      out.print(line.append(LINE_END));
      count++;
    }
    return count;
  }

  /**
   * Numbers without exponents (Double.toString writes 1.7E9 from 10^7 on, BigDecimal.toString at some
   * scales), which spreadsheets and eyes read as what they are; a double keeps its shortest exact digits.
   */
  private static String text(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Double real && Double.isFinite(real)) {
      return BigDecimal.valueOf(real).toPlainString();
    }
    return value.toString();
  }

  private static void appendField(StringBuilder line, int column, String text) {
    if (column > 1) {
      line.append(',');
    }
    if (text == null) {
      return;
    }
    if (text.isEmpty() || text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0) {
      line.append('"').append(text.replace("\"", "\"\"")).append('"');
    } else {
      line.append(text);
    }
  }
}
