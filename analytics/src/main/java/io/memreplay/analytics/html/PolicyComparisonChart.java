package io.memreplay.analytics.html;

import io.memreplay.analytics.sql.Rows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The policies side by side, VM by VM, from the {@code policy-comparison} and {@code sharing-savings}
 * reports: stall time, the memory each reclamation mechanism took, and the sharing potential. Each VM
 * is a group of bars, one per run, in the same order in every panel.
 */
final class PolicyComparisonChart {

  static final String NAME = "policy-comparison";
  private static final String TITLE = "Policies compared";

  /** The mechanisms of the middle panel: label and column of {@code policy-comparison}. */
  private static final String[][] MECHANISMS = {{"saved by sharing", "tps_saved_mb"}, {"ballooned", "ballooned_mb"},
      {"freed by compression", "compression_saved_mb"}, {"swapped", "swapped_mb"}};
  /** Mechanism colours come after the runs' own, so the two never look alike. */
  private static final int MECHANISM_COLORS = 5;

  private PolicyComparisonChart() {}

  static Figure of(Rows comparison, Rows sharing) {
    String caption = "Each VM is a group of bars, one per run, left to right as in the legend: total stall time on "
        + "reclamation; the memory each mechanism took (mean over intervals, stacked); the sharing potential (mean).";
    if (comparison.isEmpty()) {
      return Figure.empty(NAME, TITLE, caption, "No VM rows in these results.");
    }
    Function<Map<String, Object>, String> runOf = Series.runLabel(comparison.rows());
    List<String> runs = new ArrayList<>(Series.groupBy(comparison.rows(), runOf).keySet());
    List<String> vms = new ArrayList<>(Series.groupBy(comparison.rows(), Series::vmLabel).keySet());
    List<Figure.LegendEntry> legend = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      legend.add(Figure.LegendEntry.swatch(runs.get(i), Palette.series(i)));
    }
    List<String> panels = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    if (comparison.hasValues("stall_ms")) {
      panels.add(groupedBars("Stall time per VM", "stall time (ms)", comparison.rows(), "stall_ms", runOf, runs, vms));
    } else {
      missing.add("stall time");
    }
    if (hasMechanisms(comparison)) {
      panels.add(mechanisms(comparison.rows(), runOf, runs, vms));
      for (int m = 0; m < MECHANISMS.length; m++) {
        legend.add(Figure.LegendEntry.swatch(MECHANISMS[m][0], Palette.series(MECHANISM_COLORS + m)));
      }
    } else {
      missing.add("the memory reclamation took");
    }
    List<Map<String, Object>> vmSharing = sharing.rows().stream().filter(row -> row.get("vm") != null).toList();
    if (!vmSharing.isEmpty()) {
      panels.add(groupedBars("Sharing potential per VM", "sharing potential, mean (MB)", vmSharing, "potential_mean_mb",
          Series.runLabel(vmSharing), runs, vms));
    }
    String note = missing.isEmpty() ? "" : "These results have no " + String.join(" nor ", missing)
        + " (the memory engine's columns are empty), so those panels are left out.";
    return new Figure(NAME, TITLE, caption, legend, panels, note);
  }

  private static boolean hasMechanisms(Rows comparison) {
    for (String[] mechanism : MECHANISMS) {
      if (comparison.hasValues(mechanism[1])) {
        return true;
      }
    }
    return false;
  }

  private static String groupedBars(String title, String yLabel, List<Map<String, Object>> rows, String column,
      Function<Map<String, Object>, String> runOf, List<String> runs, List<String> vms) {
    Plot plot = Plot.categorical(title, "VM", vms, yLabel, Series.max(rows, column));
    double barWidth = plot.bandWidth() * 0.8 / runs.size();
    for (Map<String, Object> row : rows) {
      double value = Rows.number(row, column);
      if (Double.isNaN(value)) {
        continue;
      }
      int run = runs.indexOf(runOf.apply(row));
      double left = plot.bandStart(vms.indexOf(Series.vmLabel(row))) + plot.bandWidth() * 0.1 + run * barWidth;
      plot.bar(left, barWidth - 1, 0, Math.max(0, value), Palette.series(run),
          Series.vmLabel(row) + ", " + runOf.apply(row) + ": " + Svg.number(value));
    }
    return plot.render();
  }

  private static String mechanisms(List<Map<String, Object>> rows, Function<Map<String, Object>, String> runOf,
      List<String> runs, List<String> vms) {
    double top = 0;
    for (Map<String, Object> row : rows) {
      double stack = 0;
      for (String[] mechanism : MECHANISMS) {
        stack += megabytes(row, mechanism[1]);
      }
      top = Math.max(top, stack);
    }
    Plot plot = Plot.categorical("Memory taken by each mechanism", "VM", vms, "MB, mean over intervals", top);
    double barWidth = plot.bandWidth() * 0.8 / runs.size();
    for (Map<String, Object> row : rows) {
      int run = runs.indexOf(runOf.apply(row));
      double left = plot.bandStart(vms.indexOf(Series.vmLabel(row))) + plot.bandWidth() * 0.1 + run * barWidth;
      double base = 0;
      for (int m = 0; m < MECHANISMS.length; m++) {
        double value = megabytes(row, MECHANISMS[m][1]);
        if (value > 0) {
          plot.bar(left, barWidth - 1, base, base + value, Palette.series(MECHANISM_COLORS + m),
              Series.vmLabel(row) + ", " + runOf.apply(row) + ": " + MECHANISMS[m][0] + " " + Svg.number(value) + " MB");
        }
        base += value;
      }
    }
    return plot.render();
  }

  private static double megabytes(Map<String, Object> row, String column) {
    double value = Rows.number(row, column);
    return Double.isNaN(value) ? 0 : Math.max(0, value);
  }
}
