package io.memreplay.analytics.sql;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a query held in memory, each a map from column label to value (NULL as null), in column
 * order: for code that reads results by column name, such as the charts of the HTML report.
 */
public record Rows(List<String> columns, List<Map<String, Object>> rows) {

  /** Reads every remaining row of {@code results}. */
  public static Rows read(ResultSet results) throws SQLException {
    ResultSetMetaData meta = results.getMetaData();
    List<String> columns = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      columns.add(meta.getColumnLabel(i));
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    while (results.next()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= columns.size(); i++) {
        row.put(columns.get(i - 1), results.getObject(i));
      }
      rows.add(Collections.unmodifiableMap(row));
    }
    return new Rows(List.copyOf(columns), List.copyOf(rows));
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The value of {@code column} as a number, or NaN when it is NULL. */
  public static double number(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value == null ? Double.NaN : ((Number) value).doubleValue();
  }

  /** The value of {@code column} as text, or "" when it is NULL. */
  public static String text(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value == null ? "" : value.toString();
  }

  /** True when some row has a value in {@code column}. */
  public boolean hasValues(String column) {
    return rows.stream().anyMatch(row -> row.get(column) != null);
  }
}
