package io.memreplay.analytics.report;

import io.memreplay.analytics.sql.QueryException;
import io.memreplay.analytics.sql.ResultsDatabase;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The choices a report's queries leave to the user, set as DuckDB variables before they run (a query
 * reads one with {@code getvariable('name')}).
 *
 * @param missRatioTargets the miss ratios {@code memory-for-miss-ratio} finds the memory for (variable
 *     {@code miss_ratio_targets}); each in [0, 1]
 */
public record ReportParameters(List<Double> missRatioTargets) {

  public static final ReportParameters DEFAULT = new ReportParameters(List.of(0.1, 0.05, 0.01));

  public ReportParameters {
    missRatioTargets = List.copyOf(missRatioTargets);
    if (missRatioTargets.isEmpty()) {
      throw new IllegalArgumentException("at least one target miss ratio is needed");
    }
    for (double target : missRatioTargets) {
      if (!(target >= 0 && target <= 1)) {
        throw new IllegalArgumentException("a target miss ratio is a fraction from 0 to 1, got " + target);
      }
    }
  }

  /** Defines the variables in {@code database}, and the macros every report may use. */
  public void apply(ResultsDatabase database) throws QueryException {
    database.execute(ReportSql.MACROS);
    database.execute("SET VARIABLE miss_ratio_targets = "
        + missRatioTargets.stream().map(target -> Double.toString(target) + "::DOUBLE")
            .collect(Collectors.joining(", ", "[", "]")));
  }
}
