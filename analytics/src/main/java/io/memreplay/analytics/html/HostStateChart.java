package io.memreplay.analytics.html;

import io.memreplay.analytics.sql.Rows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The host's memory state over time, from the {@code host-timeline} report: a band coloured by the
 * free-memory state of each interval over the free memory and minFree lines, one panel per run.
 */
final class HostStateChart {

  static final String NAME = "host-timeline";
  private static final String TITLE = "Host memory state over time";
  private static final List<String> STATES = List.of("HIGH", "CLEAR", "SOFT", "HARD", "LOW");
  private static final double BAND_PIXELS = 12;
  private static final String FREE = Palette.series(0);
  private static final String MIN_FREE = Palette.series(2);

  private HostStateChart() {}

  static Figure of(Rows timeline, Map<String, Double> intervalSeconds) {
    String caption = "One panel per run: the band is the free-memory state at the end of each interval (HIGH, CLEAR, "
        + "SOFT, HARD, LOW); the lines are free memory and minFree, in MB.";
    if (timeline.isEmpty()) {
      return Figure.empty(NAME, TITLE, caption,
          "No host rows in these results: the memory engine writes them (host_intervals is empty).");
    }
    List<Figure.LegendEntry> legend = new ArrayList<>();
    for (String state : STATES) {
      legend.add(Figure.LegendEntry.swatch(state, Palette.STATES.get(state)));
    }
    legend.add(Figure.LegendEntry.line("free memory", FREE, false));
    legend.add(Figure.LegendEntry.line("minFree", MIN_FREE, true));
    List<String> panels = new ArrayList<>();
    Series.groupBy(timeline.rows(), row -> Rows.text(row, "run_id")).values()
        .forEach(rows -> panels.add(panel(rows, intervalSeconds)));
    return new Figure(NAME, TITLE, caption, legend, panels, "");
  }

  private static String panel(List<Map<String, Object>> rows, Map<String, Double> intervalSeconds) {
    Map<String, Object> first = rows.get(0);
    double interval = intervalSeconds.getOrDefault(Rows.text(first, "run_id"), 1.0);
    double top = Math.max(Series.max(rows, "free_mb"), Series.max(rows, "min_free_mb"));
    Plot plot = Plot.numeric(Rows.text(first, "policy") + " · host " + Rows.text(first, "host"), "trace time (s)",
        Series.min(rows, "t_s") - interval, Series.max(rows, "t_s"), "MB", 0, top * 1.15);
    for (Map<String, Object> row : rows) {
      double end = Rows.number(row, "t_s");
      double left = plot.x(end - interval);
      String state = Rows.text(row, "state");
      plot.marks().mark("rect x=\"" + Svg.number(left) + "\" y=\"" + Svg.number(plot.top()) + "\" width=\""
          + Svg.number(Math.max(1, plot.x(end) - left)) + "\" height=\"" + Svg.number(BAND_PIXELS) + "\" fill=\""
          + Palette.STATES.getOrDefault(state, Palette.UNKNOWN_STATE) + "\"", "state " + state + " at " + Svg.number(end) + " s");
    }
    double[] times = Series.column(rows, "t_s");
    plot.polyline(times, Series.column(rows, "free_mb"), FREE, "line", "free memory (MB)");
    plot.polyline(times, Series.column(rows, "min_free_mb"), MIN_FREE, "dashed", "minFree (MB)");
    if (rows.size() == 1) {
      plot.point(times[0], Rows.number(first, "free_mb"), FREE, "free memory " + Svg.number(Rows.number(first, "free_mb")) + " MB");
    }
    return plot.render();
  }
}
