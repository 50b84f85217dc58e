package io.memreplay.analytics.report;

import io.memreplay.analytics.sql.ResultsDatabase;
import io.memreplay.analytics.sql.Rows;
import java.util.List;
import java.util.Map;

/** The columns and rows of one canned report, read into memory for checking. */
record ReportRows(List<String> columns, List<Map<String, Object>> rows) {

  static ReportRows of(ResultsDatabase database, CannedReport report) throws Exception {
    Rows rows = database.query(report.sql(), Rows::read);
    return new ReportRows(rows.columns(), rows.rows());
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
