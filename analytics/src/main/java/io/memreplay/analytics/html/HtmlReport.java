package io.memreplay.analytics.html;

import io.memreplay.analytics.report.CannedReport;
import io.memreplay.analytics.report.ReportParameters;
import io.memreplay.analytics.sql.QueryException;
import io.memreplay.analytics.sql.ResultsDatabase;
import io.memreplay.analytics.sql.Rows;
import io.memreplay.analytics.sql.TextResources;
import io.memreplay.schemas.parquet.AtomicFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the HTML report of a results database: one self-contained page with the runs and five charts
 * (see the package documentation). The same results give the same page, byte for byte.
 */
public final class HtmlReport {

  private static final String STYLE = TextResources.load(HtmlReport.class, "report.css")
      + TextResources.load(HtmlReport.class, "chart.css");
  private static final String CHECK_SCRIPT = TextResources.load(HtmlReport.class, "check.js");
  /** The columns of {@code run-comparison} the page's table shows. */
  private static final List<String> RUN_COLUMNS = List.of("policy", "run_id", "trace_id", "scenario", "interval_s", "seed",
      "accesses", "host_working_set_mean_mb", "consumed_mean_mb", "sharing_potential_mb", "tps_saved_mean_mb", "stall_ms",
      "cycles_per_access");

  private final ResultsDatabase database;

  /** Defines the report parameters and macros in {@code database}. */
  public HtmlReport(ResultsDatabase database, ReportParameters parameters) throws QueryException {
    this.database = database;
    parameters.apply(database);
  }

  /** Writes the page to {@code file} under a temporary name, then renames it into place. */
  public void write(Path file, List<Path> resultsDirs) throws IOException, QueryException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    AtomicFiles.writeString(file, render(resultsDirs));
  }

  /** The page, for results read from {@code resultsDirs} (named in its header). */
  public String render(List<Path> resultsDirs) throws QueryException {
    Rows runs = Charts.rows(database, CannedReport.RUN_COMPARISON.sql());
    List<Figure> figures = Charts.of(database, runs);

    Svg page = new Svg();
    page.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>memreplay report</title>"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>\n" + STYLE + "</style></head><body>\n");
    page.raw("<h1>memreplay report</h1><p class=\"folders\">Results: ");
    page.raw(Svg.escape(String.join(", ", resultsDirs.stream().map(Path::toString).toList())) + ". Sizes in MB "
        + "(4 KB pages &#215; 4096 / 2<sup>20</sup>), times in seconds of trace time. Hover over a mark for its value.</p>\n");
    page.raw("<nav><a href=\"#runs\">Runs</a>");
    for (Figure figure : figures) {
      page.raw(" &#183; <a href=\"#" + figure.name() + "\">" + Svg.escape(figure.title()) + "</a>");
    }
    page.raw("</nav>\n");
    page.raw(runsTable(runs));
    for (Figure figure : figures) {
      page.raw(figure.render()).raw("\n");
    }
    page.raw("<script>\n" + CHECK_SCRIPT + "</script>\n</body></html>\n");
    return page.toString();
  }

  private static String runsTable(Rows runs) {
    Svg table = new Svg();
    table.raw("<section id=\"runs\"><h2>Runs</h2><p>" + Svg.escape(CannedReport.RUN_COMPARISON.question())
        + " (<code>report --only run-comparison</code> has every column.)</p>");
    if (runs.isEmpty()) {
      return table.raw("<p class=\"no-data\">No complete runs in these results.</p></section>").toString();
    }
    table.raw("<div class=\"table-wrap\"><table class=\"runs\"><thead><tr>");
    for (String column : RUN_COLUMNS) {
      table.raw("<th" + (isNumber(runs, column) ? " class=\"number\"" : "") + ">" + Svg.escape(column) + "</th>");
    }
    table.raw("</tr></thead><tbody>");
    for (Map<String, Object> run : runs.rows()) {
      table.raw("<tr>");
      for (String column : RUN_COLUMNS) {
        Object value = run.get(column);
        table.raw("<td" + (value instanceof Number ? " class=\"number\"" : "") + ">" + Svg.escape(cell(value)) + "</td>");
      }
      table.raw("</tr>");
    }
    return table.raw("</tbody></table></div></section>\n").toString();
  }

  private static boolean isNumber(Rows runs, String column) {
    return runs.rows().stream().anyMatch(row -> row.get(column) instanceof Number);
  }

  /** NULL (not simulated) as a dash, fractions with at most three decimals. */
  private static String cell(Object value) {
    if (value == null) {
      return "\u2014";
    }
    if (value instanceof Double real && !Double.isFinite(real)) {
      return real.toString();
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      return new BigDecimal(value.toString()).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
    return value.toString();
  }
}
