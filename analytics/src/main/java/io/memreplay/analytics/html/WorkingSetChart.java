package io.memreplay.analytics.html;

import io.memreplay.analytics.sql.Rows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Each VM's working set per interval over time, from the {@code memory-breakdown} report: one panel per run. */
final class WorkingSetChart {

  static final String NAME = "working-set";
  private static final String TITLE = "Working set over time";
  /** Lines of more intervals than this get no dots: they would hide the line. */
  private static final int MAX_POINTS = 60;

  private WorkingSetChart() {}

  static Figure of(Rows breakdown) {
    String caption = "Distinct pages each VM accessed in each output interval, in MB, at the interval's end (trace time);"
        + " one panel per run, one line per VM.";
    if (breakdown.isEmpty()) {
      return Figure.empty(NAME, TITLE, caption, "No VM rows in these results.");
    }
    List<String> vms = new ArrayList<>(Series.groupBy(breakdown.rows(), Series::vmLabel).keySet());
    List<Figure.LegendEntry> legend = new ArrayList<>();
    for (int i = 0; i < vms.size(); i++) {
      legend.add(Figure.LegendEntry.line(vms.get(i), Palette.series(i), false));
    }
    List<String> panels = new ArrayList<>();
    for (List<Map<String, Object>> run : Series.groupBy(breakdown.rows(), row -> Rows.text(row, "run_id")).values()) {
      Plot plot = Plot.numeric(Rows.text(run.get(0), "policy") + " · run " + Rows.text(run.get(0), "run_id"),
          "trace time (s)", Series.min(run, "t_s"), Series.max(run, "t_s"), "working set (MB)", 0,
          Series.max(run, "working_set_mb"));
      for (Map.Entry<String, List<Map<String, Object>>> vm : Series.groupBy(run, Series::vmLabel).entrySet()) {
        String color = Palette.series(vms.indexOf(vm.getKey()));
        double[] times = Series.column(vm.getValue(), "t_s");
        double[] sizes = Series.column(vm.getValue(), "working_set_mb");
        plot.polyline(times, sizes, color, "line", vm.getKey() + ": working set (MB) per interval");
        for (int i = 0; i < times.length && times.length <= MAX_POINTS; i++) {
          plot.point(times[i], sizes[i], color, vm.getKey() + " at " + Svg.number(times[i]) + " s: " + Svg.number(sizes[i]) + " MB");
        }
      }
      panels.add(plot.render());
    }
    return new Figure(NAME, TITLE, caption, legend, panels, "");
  }
}
