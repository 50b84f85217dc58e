package io.memreplay.analytics.html;

import io.memreplay.analytics.sql.Rows;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Grouping and measuring the rows a chart draws. */
final class Series {

  private Series() {}

  /** The rows grouped by {@code key}, groups in the order their first row comes. */
  static Map<String, List<Map<String, Object>>> groupBy(List<Map<String, Object>> rows,
      Function<Map<String, Object>, String> key) {
    return rows.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList()));
  }

  /** A run's label: its policy, and its run id when several runs have that policy. */
  static Function<Map<String, Object>, String> runLabel(List<Map<String, Object>> rows) {
    Map<String, Long> runsPerPolicy = rows.stream().collect(Collectors.groupingBy(row -> Rows.text(row, "policy"),
        Collectors.mapping(row -> Rows.text(row, "run_id"), Collectors.collectingAndThen(Collectors.toSet(), set -> (long) set.size()))));
    return row -> {
      String policy = Rows.text(row, "policy");
      return runsPerPolicy.getOrDefault(policy, 1L) > 1 ? policy + " (run " + Rows.text(row, "run_id") + ")" : policy;
    };
  }

  /** A VM's label: its name and id. */
  static String vmLabel(Map<String, Object> row) {
    return Rows.text(row, "vm_name") + " (vm " + Rows.text(row, "vm") + ")";
  }

  static double max(List<Map<String, Object>> rows, String column) {
    return rows.stream().mapToDouble(row -> Rows.number(row, column)).filter(value -> !Double.isNaN(value)).max().orElse(0);
  }

  static double min(List<Map<String, Object>> rows, String column) {
    return rows.stream().mapToDouble(row -> Rows.number(row, column)).filter(value -> !Double.isNaN(value)).min().orElse(0);
  }

  static double[] column(List<Map<String, Object>> rows, String column) {
    return rows.stream().mapToDouble(row -> Rows.number(row, column)).toArray();
  }
}
