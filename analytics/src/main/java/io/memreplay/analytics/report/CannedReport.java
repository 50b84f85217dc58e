package io.memreplay.analytics.report;

import io.memreplay.analytics.sql.TextResources;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The canned reports: each a question users ask of a results dataset, answered by one SQL query shipped
 * as the resource {@code reports/<name>.sql}. The file's comment says what the question is (its first
 * line, used as the report's heading) and what every column means; the query may use the macros of
 * {@code macros.sql} and the variables of {@link ReportParameters}.
 */
public enum CannedReport {
  RUN_COMPARISON("run-comparison", false, false),
  POLICY_COMPARISON("policy-comparison", false, false),
  WORKING_SET_PERCENTILES("working-set-percentiles", false, false),
  MEMORY_FOR_MISS_RATIO("memory-for-miss-ratio", false, false),
  SHARING_SAVINGS("sharing-savings", false, false),
  TRANSLATION_OVERHEAD("translation-overhead", false, false),
  MEMORY_BREAKDOWN("memory-breakdown", true, false),
  HOST_TIMELINE("host-timeline", true, false),
  OBSERVED_VS_REPLAYED("observed-vs-replayed", true, true);

  private final String reportName;
  private final boolean timeline;
  private final boolean needsTrace;
  private final String sql;

  CannedReport(String reportName, boolean timeline, boolean needsTrace) {
    this.reportName = reportName;
    this.timeline = timeline;
    this.needsTrace = needsTrace;
    this.sql = TextResources.load(CannedReport.class, "/reports/" + reportName + ".sql");
  }

  /** The name {@code report --only} takes, and the SQL file's name. */
  public String reportName() {
    return reportName;
  }

  /**
   * True for the reports with a row per interval, long on a terminal: {@code report} prints them when
   * asked for by name, the HTML report charts them.
   */
  public boolean timeline() {
    return timeline;
  }

  /**
   * True for the reports that compare the replay with what its trace recorded: they read the trace's demand
   * samples ({@link ObservedTrace}), and have no rows without them.
   */
  public boolean needsTrace() {
    return needsTrace;
  }

  public String sql() {
    return sql;
  }

  /** The question the report answers: the first line of its SQL file's comment. */
  public String question() {
    String first = sql.lines().findFirst().orElse("");
    return first.startsWith("--") ? first.substring(2).strip() : reportName;
  }

  public static Optional<CannedReport> named(String name) {
    return Arrays.stream(values()).filter(report -> report.reportName.equals(name)).findFirst();
  }

  /** The reports {@code report} prints when not asked for particular ones: all but the timelines. */
  public static List<CannedReport> defaults() {
    return Arrays.stream(values()).filter(report -> !report.timeline).toList();
  }
}
