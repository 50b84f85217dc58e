package io.memreplay.analytics.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memreplay.analytics.report.ReportParameters;
import io.memreplay.analytics.report.TinyResults;
import io.memreplay.analytics.sql.ResultsDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of {@link TinyResults} (every column filled) opened in headless Chromium: every chart
 * is laid out with data marks of non-zero size, and the page loads nothing from anywhere. Skipped when
 * no Chromium is installed (Debian's package is {@code chromium}).
 */
class HtmlReportRendersInChromiumTest {

  private static final List<String> CHARTS = List.of(MemoryBreakdownChart.NAME, HostStateChart.NAME,
      MissRatioCurvesChart.NAME, WorkingSetChart.NAME, PolicyComparisonChart.NAME);
  private static final Pattern FIGURE = Pattern.compile("<figure ([^>]*)>");
  private static final Pattern ATTRIBUTE = Pattern.compile("([a-z-]+)=\"([^\"]*)\"");

  @TempDir
  Path dir;

  @Test
  void everyChartRendersWithPaintedMarks() throws Exception {
    Optional<HeadlessChromium> chromium = HeadlessChromium.find();
    assumeTrue(chromium.isPresent(), "no chromium on the PATH (set CHROMIUM to its path): the page is not rendered");
    Path page = writeReport();

    String dom = chromium.get().dumpDom(page, Files.createDirectory(dir.resolve("profile")));
    assertTrue(dom.contains("data-checked=\"yes\""), "the page's check script ran:\n" + dom);
    Map<String, Map<String, String>> figures = figures(dom);
    assertEquals(CHARTS, List.copyOf(figures.keySet()));
    for (String chart : CHARTS) {
      Map<String, String> figure = figures.get(chart);
      assertEquals("yes", figure.get("data-rendered"), chart + ": " + figure);
      int marks = Integer.parseInt(figure.get("data-marks"));
      assertTrue(marks > 0, chart + ": " + figure);
      assertEquals(marks, Integer.parseInt(figure.get("data-painted")), chart + ": every mark has a size " + figure);
    }
  }

  @Test
  void thePageIsSelfContained() throws Exception {
    String html = Files.readString(writeReport());
    // the SVG namespace is a name, not a download; nothing else may point off the page
    String withoutNamespaces = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assertFalse(withoutNamespaces.contains("http:") || withoutNamespaces.contains("https:"), "a link off the page");
    assertFalse(html.contains(" src="), "nothing is loaded from another file");
    for (String chart : CHARTS) {
      assertTrue(html.contains("data-chart=\"" + chart + "\""), chart);
    }
    assertFalse(Files.list(dir).anyMatch(file -> file.getFileName().toString().endsWith(".tmp")), "no temporary file left");
  }

  @Test
  void theSameResultsGiveTheSamePage() throws Exception {
    String first = Files.readString(writeReport());
    assertEquals(first, Files.readString(writeReport()));
  }

  private Path writeReport() throws Exception {
    Path results = dir.resolve("results");
    if (!Files.exists(results)) {
      TinyResults.write(results);
    }
    Path page = dir.resolve("report.html");
    try (ResultsDatabase database = ResultsDatabase.open(List.of(results))) {
      new HtmlReport(database, ReportParameters.DEFAULT).write(page, List.of(Path.of("results")));
    }
    return page;
  }

  /** The attributes of every chart figure in {@code dom}, by chart name, in page order. */
  private static Map<String, Map<String, String>> figures(String dom) {
    Map<String, Map<String, String>> figures = new LinkedHashMap<>();
    Matcher figure = FIGURE.matcher(dom);
    while (figure.find()) {
      Map<String, String> attributes = new LinkedHashMap<>();
      Matcher attribute = ATTRIBUTE.matcher(figure.group(1));
      while (attribute.find()) {
        attributes.put(attribute.group(1), attribute.group(2));
      }
      if ("chart".equals(attributes.get("class"))) {
        figures.put(attributes.get("data-chart"), attributes);
      }
    }
    return figures;
  }
}
