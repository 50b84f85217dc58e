package io.memreplay.analytics.report;

import io.memreplay.analytics.sql.ResultsDatabase;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The columns and rows of one canned report, read into memory for checking. */
record ReportRows(List<String> columns, List<Map<String, Object>> rows) {

  static ReportRows of(ResultsDatabase database, CannedReport report) throws Exception {
    return database.query(report.sql(), results -> {
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
        rows.add(row);
      }
      return new ReportRows(columns, rows);
    });
  }

  /** The row whose columns have the given values, e.g. {@code row("policy", "tps", "vm", 0)}. */
  Map<String, Object> row(Object... keysAndValues) {
    for (Map<String, Object> row : rows) {
      boolean matches = true;
      for (int i = 0; i < keysAndValues.length; i += 2) {
        Object value = row.get((String) keysAndValues[i]);
        Object wanted = keysAndValues[i + 1];
        matches &= value instanceof Number n && wanted instanceof Number w
            ? n.doubleValue() == w.doubleValue() : String.valueOf(value).equals(String.valueOf(wanted));
      }
      if (matches) {
        return row;
      }
    }
    throw new AssertionError("no row with " + List.of(keysAndValues) + " in " + rows);
  }
}
