package io.memreplay.analytics.html;

import io.memreplay.analytics.sql.Rows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Each VM's memory over time, from the {@code memory-breakdown} report: a column per interval, stacked
 * from what backs the VM (consumed) to what reclamation took (saved by sharing, ballooned, compressed,
 * swapped). Results without the memory engine's columns stack the working set and the rest of the
 * touched memory instead, and say so.
 */
final class MemoryBreakdownChart {

  static final String NAME = "memory-breakdown";
  private static final String TITLE = "Memory of each VM over time";

  /** One stacked layer: a label and how to read its MB from a row. */
  private record Layer(String label, String column, ToDoubleFunction<Map<String, Object>> megabytes) {
    static Layer of(String label, String column) {
      return new Layer(label, column, row -> Rows.number(row, column));
    }
  }

  private static final List<Layer> MECHANISMS = List.of(Layer.of("consumed", "consumed_mb"),
      Layer.of("saved by sharing", "tps_saved_mb"), Layer.of("ballooned", "ballooned_mb"),
      Layer.of("compressed", "compressed_mb"), Layer.of("swapped", "swapped_mb"));
  private static final List<Layer> WITHOUT_MEMORY_ENGINE = List.of(Layer.of("working set", "working_set_mb"),
      new Layer("touched, not in the working set", "touched_mb",
          row -> Rows.number(row, "touched_mb") - Rows.number(row, "working_set_mb")));

  private MemoryBreakdownChart() {}

  static Figure of(Rows breakdown, Map<String, Double> intervalSeconds) {
    String caption = "One panel per VM and run; a column per output interval, at its end (trace time), stacking "
        + "the VM's memory in MB at that moment.";
    if (breakdown.isEmpty()) {
      return Figure.empty(NAME, TITLE, caption, "No VM rows in these results.");
    }
    List<Layer> layers = MECHANISMS.stream().filter(layer -> breakdown.hasValues(layer.column())).toList();
    String note = "";
    if (layers.isEmpty()) {
      layers = WITHOUT_MEMORY_ENGINE;
      note = "The memory engine's columns (consumed, ballooned, compressed, swapped) are empty in these results: "
          + "the columns stack each VM's working set and the rest of the memory it touched instead.";
    }
    List<Figure.LegendEntry> legend = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      legend.add(Figure.LegendEntry.swatch(layers.get(i).label(), Palette.series(i)));
    }
    List<String> panels = new ArrayList<>();
    List<Layer> stacked = layers;
    Series.groupBy(breakdown.rows(), row -> Rows.text(row, "run_id") + "/" + Rows.text(row, "vm")).values()
        .forEach(rows -> panels.add(panel(rows, stacked, intervalSeconds)));
    return new Figure(NAME, TITLE, caption, legend, panels, note);
  }

  private static String panel(List<Map<String, Object>> rows, List<Layer> layers, Map<String, Double> intervalSeconds) {
    Map<String, Object> first = rows.get(0);
    double interval = intervalSeconds.getOrDefault(Rows.text(first, "run_id"), 1.0);
    double top = 0;
    for (Map<String, Object> row : rows) {
      double stack = 0;
      for (Layer layer : layers) {
        stack += positive(layer.megabytes().applyAsDouble(row));
      }
      top = Math.max(top, stack);
    }
    Plot plot = Plot.numeric(Rows.text(first, "policy") + " · " + Series.vmLabel(first) + ", "
            + Svg.number(Rows.number(first, "configured_mb")) + " MB configured", "trace time (s)",
        Series.min(rows, "t_s") - interval, Series.max(rows, "t_s"), "MB", 0, top);
    for (Map<String, Object> row : rows) {
      double end = Rows.number(row, "t_s");
      double left = plot.x(end - interval);
      double width = Math.max(1, plot.x(end) - left - 1);
      double base = 0;
      for (int i = 0; i < layers.size(); i++) {
        double megabytes = positive(layers.get(i).megabytes().applyAsDouble(row));
        if (megabytes > 0) {
          plot.bar(left, width, base, base + megabytes, Palette.series(i),
              layers.get(i).label() + " at " + Svg.number(end) + " s: " + Svg.number(megabytes) + " MB");
        }
        base += megabytes;
      }
    }
    return plot.render();
  }

  /** NULL (not simulated) and negative estimates draw nothing. */
  private static double positive(double megabytes) {
    return Double.isNaN(megabytes) ? 0 : Math.max(0, megabytes);
  }
}
