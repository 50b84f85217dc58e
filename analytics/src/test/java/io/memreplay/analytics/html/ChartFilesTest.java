package io.memreplay.analytics.html;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.analytics.report.ReportParameters;
import io.memreplay.analytics.report.TinyResults;
import io.memreplay.analytics.sql.ResultsDatabase;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The chart files of {@link TinyResults}: one well-formed SVG per chart with the same data marks as the
 * chart on the HTML page, and PNGs that Batik drew from them at twice their size, with the charts' colours.
 */
class ChartFilesTest {

  private static final Pattern WIDTH = Pattern.compile("<svg [^>]*width=\"([0-9.]+)\" height=\"([0-9.]+)\"");

  @TempDir
  Path dir;
  Path results;

  @BeforeEach
  void writeResults() throws Exception {
    results = dir.resolve("results");
    TinyResults.write(results);
  }

  @Test
  void eachChartIsAnSvgFileWithThePagesMarks() throws Exception {
    List<Path> files = write(dir.resolve("svg"), ChartFiles.Format.SVG, List.of());
    assertEquals(Charts.NAMES.stream().map(name -> dir.resolve("svg").resolve(name + ".svg")).toList(), files);
    String page;
    try (ResultsDatabase database = ResultsDatabase.open(List.of(results))) {
      page = new HtmlReport(database, ReportParameters.DEFAULT).render(List.of(results));
    }
    for (Path file : files) {
      String svg = Files.readString(file);
      Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
      String chart = file.getFileName().toString().replace(".svg", "");
      assertEquals(chart, document.getDocumentElement().getAttribute("data-chart"));
      int marks = count(svg, "class=\"mark");
      assertTrue(marks > 0, chart);
      assertEquals(count(figure(page, chart), "class=\"mark"), marks, chart + ": the page's marks, no more, no fewer");
      assertFalse(svg.replace("xmlns=\"http://www.w3.org/2000/svg\"", "").contains("http"), "nothing to download");
    }
    assertFalse(hasTemporaryFiles(dir.resolve("svg")));
  }

  @Test
  void theSameResultsGiveTheSameSvgFiles() throws Exception {
    List<Path> first = write(dir.resolve("a"), ChartFiles.Format.SVG, List.of());
    List<Path> second = write(dir.resolve("b"), ChartFiles.Format.SVG, List.of());
    for (int i = 0; i < first.size(); i++) {
      assertArrayEquals(Files.readAllBytes(first.get(i)), Files.readAllBytes(second.get(i)), first.get(i).toString());
    }
  }

  @Test
  void pngsAreTheSvgsDrawnAtTwiceTheirSizeInTheChartsColours() throws Exception {
    List<Path> svgs = write(dir.resolve("svg"), ChartFiles.Format.SVG, List.of(PolicyComparisonChart.NAME, WorkingSetChart.NAME));
    List<Path> pngs = write(dir.resolve("png"), ChartFiles.Format.PNG, List.of(PolicyComparisonChart.NAME, WorkingSetChart.NAME));
    assertEquals(List.of(dir.resolve("png").resolve("working-set.png"), dir.resolve("png").resolve("policy-comparison.png")),
        pngs, "page order, not the order asked");
    for (int i = 0; i < pngs.size(); i++) {
      Matcher size = WIDTH.matcher(Files.readString(svgs.get(i)));
      assertTrue(size.find());
      BufferedImage image = ImageIO.read(pngs.get(i).toFile());
      assertEquals(Math.round(Double.parseDouble(size.group(1)) * PngImage.SCALE), image.getWidth(), pngs.get(i).toString());
      assertEquals(Math.round(Double.parseDouble(size.group(2)) * PngImage.SCALE), image.getHeight(), 1, pngs.get(i).toString());
      Set<Integer> colours = colours(image);
      for (int series = 0; series < 2; series++) {
        int rgb = Integer.parseInt(Palette.series(series).substring(1), 16);
        assertTrue(colours.contains(rgb), pngs.get(i) + " has marks of series " + series + " (" + Palette.series(series) + ")");
      }
    }
  }

  @Test
  void anUnknownChartIsRefusedBeforeAnythingIsWritten() {
    assertThrows(IllegalArgumentException.class, () -> write(dir.resolve("none"), ChartFiles.Format.SVG, List.of("pie")));
    assertFalse(Files.exists(dir.resolve("none")));
  }

  private List<Path> write(Path out, ChartFiles.Format format, List<String> only) throws Exception {
    try (ResultsDatabase database = ResultsDatabase.open(List.of(results))) {
      return new ChartFiles(database, ReportParameters.DEFAULT).write(out, format, only);
    }
  }

  /** The page's section of one chart. */
  private static String figure(String page, String chart) {
    int start = page.indexOf("<section class=\"chart-section\" id=\"" + chart + "\">");
    assertTrue(start >= 0, chart);
    return page.substring(start, page.indexOf("</section>", start));
  }

  private static int count(String text, String what) {
    int count = 0;
    for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
      count++;
    }
    return count;
  }

  private static Set<Integer> colours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        colours.add(image.getRGB(x, y) & 0xFFFFFF);
      }
    }
    return colours;
  }

  private static boolean hasTemporaryFiles(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.anyMatch(file -> file.getFileName().toString().endsWith(".tmp"));
    }
  }
}
