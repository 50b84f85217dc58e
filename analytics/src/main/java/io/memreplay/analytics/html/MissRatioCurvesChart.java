package io.memreplay.analytics.html;

import io.memreplay.analytics.sql.Rows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The LRU miss-ratio curves of each VM, from the {@code mrc} table: one panel per VM and run, one line
 * per window, from light (early) to dark (late) blue.
 */
final class MissRatioCurvesChart {

  static final String NAME = "miss-ratio-curves";
  private static final String TITLE = "LRU miss-ratio curves per VM";

  private MissRatioCurvesChart() {}

  static Figure of(Rows curves) {
    String caption = "Miss ratio of an LRU memory of each size over each window's references (replay --mrc); one line "
        + "per window, darker for later windows. With the default grid (steps:20) a curve ends where it stops falling: "
        + "what misses there are first references, which no memory avoids.";
    if (curves.isEmpty()) {
      return Figure.empty(NAME, TITLE, caption, "No miss-ratio curves in these results (replayed with --mrc off?).");
    }
    List<Figure.LegendEntry> legend = List.of(Figure.LegendEntry.line("first window", Palette.ramp(0, 2), false),
        Figure.LegendEntry.line("last window", Palette.ramp(1, 2), false));
    List<String> panels = new ArrayList<>();
    Series.groupBy(curves.rows(), row -> Rows.text(row, "run_id") + "/" + Rows.text(row, "vm")).values()
        .forEach(rows -> panels.add(panel(rows)));
    return new Figure(NAME, TITLE, caption, legend, panels, "");
  }

  private static String panel(List<Map<String, Object>> rows) {
    Map<String, Object> first = rows.get(0);
    Map<String, List<Map<String, Object>>> windows = Series.groupBy(rows, row -> Rows.text(row, "window_end_s"));
    String methods = String.join(", ", Series.groupBy(rows, row -> Rows.text(row, "method")).keySet());
    Plot plot = Plot.numeric(Rows.text(first, "policy") + " · " + Series.vmLabel(first) + " · " + methods,
        "LRU memory (MB)", 0, Series.max(rows, "memory_mb"), "miss ratio", 0, 1);
    int index = 0;
    for (List<Map<String, Object>> window : windows.values()) {
      Map<String, Object> any = window.get(0);
      String tooltip = "window ending " + Svg.number(Rows.number(any, "window_end_s")) + " s: " + Rows.text(any, "method")
          + ", sampling rate " + Rows.text(any, "sampling_rate") + ", " + Rows.text(any, "references") + " references";
      double[] sizes = Series.column(window, "memory_mb");
      double[] ratios = Series.column(window, "miss_ratio");
      String color = Palette.ramp(index++, windows.size());
      plot.polyline(sizes, ratios, color, "line", tooltip);
      if (sizes.length == 1) {
        plot.point(sizes[0], ratios[0], color, tooltip);
      }
    }
    return plot.render();
  }
}
