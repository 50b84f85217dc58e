package io.memreplay.analytics.html;

import io.memreplay.analytics.report.CannedReport;
import io.memreplay.analytics.sql.QueryException;
import io.memreplay.analytics.sql.ResultsDatabase;
import io.memreplay.analytics.sql.Rows;
import io.memreplay.analytics.sql.TextResources;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The charts of a results database, in page order: the one description of each chart that the HTML page,
 * the SVG files and the PNG files all draw.
 */
final class Charts {

  /** Every chart's name, in page order. */
  static final List<String> NAMES = List.of(MemoryBreakdownChart.NAME, HostStateChart.NAME, MissRatioCurvesChart.NAME,
      WorkingSetChart.NAME, PolicyComparisonChart.NAME);
  private static final String MRC_CURVES = TextResources.load(Charts.class, "mrc-curves.sql");

  private Charts() {}

  /** The charts, from {@code runs} (the {@code run-comparison} rows) and the reports they draw. */
  static List<Figure> of(ResultsDatabase database, Rows runs) throws QueryException {
    Map<String, Double> intervalSeconds = new HashMap<>();
    runs.rows().forEach(run -> intervalSeconds.put(Rows.text(run, "run_id"), Rows.number(run, "interval_s")));
    Rows breakdown = rows(database, CannedReport.MEMORY_BREAKDOWN.sql());
    return List.of(
        MemoryBreakdownChart.of(breakdown, intervalSeconds),
        HostStateChart.of(rows(database, CannedReport.HOST_TIMELINE.sql()), intervalSeconds),
        MissRatioCurvesChart.of(rows(database, MRC_CURVES)),
        WorkingSetChart.of(breakdown),
        PolicyComparisonChart.of(rows(database, CannedReport.POLICY_COMPARISON.sql()),
            rows(database, CannedReport.SHARING_SAVINGS.sql())));
  }

  static Rows rows(ResultsDatabase database, String sql) throws QueryException {
    return database.query(sql, Rows::read);
  }
}
