package io.memreplay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memreplay.analytics.report.CannedReport;
import io.memreplay.analytics.sql.ResultsDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code memreplay report} over real replays: the summary and the canned reports in every format, several
 * results folders of one trace compared, and folders of different traces refused unless allowed.
 */
class ReportCommandTest {

  @TempDir
  static Path shared;
  /** One trace replayed twice, with 10 s and 20 s intervals, into two folders. */
  static Path results;
  static Path coarser;
  /** Another trace (another seed) replayed into a third folder. */
  static Path otherTrace;
  static final String HOST = io.memreplay.ingest.generate.GeneratorSpec.DEFAULT_HOST;

  @TempDir
  Path dir;

  @BeforeAll
  static void generateAndReplay() {
    Path trace = shared.resolve("trace");
    Path other = shared.resolve("other");
    results = shared.resolve("results");
    coarser = shared.resolve("coarser");
    otherTrace = shared.resolve("other-results");
    CommandLineRun.generateSmallTrace(trace);
    CommandLineRun.generateSmallTrace(other, "--seed", 2);
    CommandLineRun.of("replay", "--trace", trace, "--out", results, "--interval", "10s",
        "--policy", "esxi-default,esxi-share-all").expect(ExitCode.OK);
    CommandLineRun.of("replay", "--trace", trace, "--out", coarser, "--interval", "20s").expect(ExitCode.OK);
    CommandLineRun.of("replay", "--trace", other, "--out", otherTrace, "--interval", "10s").expect(ExitCode.OK);
  }

  @Test
  void theTableReportIsTheSummaryThenEveryCannedReportButTheTimelines() {
    String out = CommandLineRun.of("report", "--results", results).expect(ExitCode.OK).out();
    assertTrue(out.startsWith("memreplay summary: 2 runs"), out);
    int at = 0;
    for (CannedReport report : CannedReport.defaults()) {
      int heading = out.indexOf(report.question() + " [" + report.reportName() + "]");
      assertTrue(heading > at, report.reportName() + " after the one before, in\n" + out);
      at = heading;
    }
    assertFalse(out.contains("[memory-breakdown]"), out);
    assertTrue(out.contains("--only memory-breakdown, --only host-timeline"), out);
  }

  @Test
  void markdownTablesHaveAHeadingPerReportAndRightAlignedNumbers() {
    String out = CommandLineRun.of("report", "--results", results, "--only", "working-set-percentiles,policy-comparison",
        "--format", "markdown").expect(ExitCode.OK).out();
    assertTrue(out.startsWith("## " + CannedReport.WORKING_SET_PERCENTILES.question()), out);
    assertTrue(out.contains("\n| policy | run_id | vm | vm_name | intervals | p0_mb |"), out);
    assertTrue(out.contains("| --- | --- | ---: | --- | ---: | ---: |"), out);
    assertTrue(out.contains("## " + CannedReport.POLICY_COMPARISON.question()), out);
  }

  @Test
  void jsonHasAnArrayOfRowsPerReport() throws Exception {
    String out = CommandLineRun.of("report", "--results", results, "--format", "json").expect(ExitCode.OK).out();
    JsonNode json = new ObjectMapper().readTree(out);
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    assertEquals(CannedReport.defaults().stream().map(CannedReport::reportName).toList(), names);
    JsonNode percentiles = json.get("working-set-percentiles");
    assertEquals(4, percentiles.size(), "2 policies x 2 VMs");
    for (JsonNode row : percentiles) {
      assertTrue(row.get("p0_mb").asDouble() <= row.get("p50_mb").asDouble()
          && row.get("p50_mb").asDouble() <= row.get("p100_mb").asDouble(), row.toString());
    }
    // curves are on by default: every VM that ran (both VMs of both runs) has memory sizes for each target
    assertEquals(count("SELECT count(DISTINCT (run_id, vm)) FROM mrc") * 3, json.get("memory-for-miss-ratio").size());
    assertEquals(2 * 2 * 3, json.get("memory-for-miss-ratio").size());
  }

  @Test
  void csvIsOneReportWrittenToTheOutputFile() throws Exception {
    Path file = dir.resolve("out/timeline.csv");
    CommandLineRun.of("report", "--results", results, "--only", "memory-breakdown", "--format", "csv", "--output", file)
        .expect(ExitCode.OK);
    List<String> lines = Files.readAllLines(file);
    assertTrue(lines.get(0).startsWith("policy,run_id,vm,vm_name,t_s,configured_mb,"), lines.get(0));
    // a row per VM, interval and run (the closed-loop runs last as long as their VMs took), and the header
    assertEquals(count("SELECT count(*) FROM vm_intervals") + 1, lines.size());
  }

  @Test
  void csvOfSeveralReportsAndUnknownNamesAreUsageErrors() {
    CommandLineRun csv = CommandLineRun.of("report", "--results", results, "--format", "csv").expect(ExitCode.USAGE);
    assertTrue(csv.err().contains("--format csv holds one table"), csv.err());
    CommandLineRun unknown = CommandLineRun.of("report", "--results", results, "--only", "nope").expect(ExitCode.USAGE);
    assertTrue(unknown.err().contains("there is no report 'nope'") && unknown.err().contains("policy-comparison"),
        unknown.err());
    CommandLineRun target = CommandLineRun.of("report", "--results", results, "--miss-ratio-targets", "2")
        .expect(ExitCode.USAGE);
    assertTrue(target.err().contains("a target miss ratio is a fraction from 0 to 1"), target.err());
  }

  @Test
  void replaysOfOneTraceAreComparedRunByRun() throws Exception {
    String out = CommandLineRun.of("report", "--results", results, "--results", coarser, "--only", "run-comparison",
        "--format", "json").expect(ExitCode.OK).out();
    JsonNode runs = new ObjectMapper().readTree(out).get("run-comparison");
    assertEquals(3, runs.size(), out);
    List<Double> intervals = new ArrayList<>();
    runs.forEach(run -> intervals.add(run.get("interval_s").asDouble()));
    assertTrue(intervals.contains(10.0) && intervals.contains(20.0), intervals.toString());
  }

  @Test
  void resultsOfDifferentTracesGetAReportEachExplainedUpFront() {
    String out = CommandLineRun.of("report", "--results", results, "--results", otherTrace).expect(ExitCode.OK).out();
    assertTrue(out.startsWith("These results hold runs of 2 traces"), out);
    int first = out.indexOf("=== host " + HOST + ", trace synthetic-2vm-seed1 (digest sha256:");
    int second = out.indexOf("=== host " + HOST + ", trace synthetic-2vm-seed2 (digest sha256:");
    assertTrue(first > 0 && second > first, out);
    // each section is about its own trace's runs: the two policies of one, the one run of the other
    assertTrue(out.substring(first, second).contains("memreplay summary: 2 runs"), out);
    assertTrue(out.substring(second).contains("memreplay summary: 1 run"), out);
  }

  @Test
  void hostAndTraceChooseTheRunsToReportOn() throws Exception {
    String json = CommandLineRun.of("report", "--results", results, "--results", otherTrace, "--trace",
        "synthetic-2vm-seed2", "--only", "run-comparison", "--format", "json").expect(ExitCode.OK).out();
    JsonNode runs = new ObjectMapper().readTree(json).get("run-comparison");
    assertEquals(1, runs.size(), json);
    CommandLineRun none = CommandLineRun.of("report", "--results", results, "--host", "esx-99").expect(ExitCode.BAD_INPUT);
    assertTrue(none.err().contains("no run of these results matches --host esx-99")
        && none.err().contains("host " + HOST + ", trace synthetic-2vm-seed1"), none.err());
  }

  @Test
  void theListOfReportsNeedsNoResults() {
    String out = CommandLineRun.of("report", "--list").expect(ExitCode.OK).out();
    assertTrue(out.contains("policy-comparison"), out);
    CommandLineRun.of("report").expect(ExitCode.USAGE);
  }

  @Test
  void oneTableOfDifferentTracesIsRefusedUnlessAllowed() {
    CommandLineRun refused = CommandLineRun.of("report", "--results", results, "--results", otherTrace,
        "--format", "json").expect(ExitCode.BAD_INPUT);
    assertTrue(refused.err().contains("these results hold runs of 2 different traces"), refused.err());
    assertTrue(refused.err().contains(results + ": trace synthetic-2vm-seed1 (digest sha256:")
        && refused.err().contains(otherTrace + ": trace synthetic-2vm-seed2 (digest sha256:"),
        refused.err());
    assertTrue(refused.err().contains("--allow-different-traces"), refused.err());
    assertEquals("", refused.out());
    CommandLineRun.of("report", "--results", results, "--results", otherTrace, "--allow-different-traces",
        "--format", "json").expect(ExitCode.OK);
  }

  @Test
  void htmlIsOnePageWithEveryChartWrittenToItsFile() throws Exception {
    Path page = dir.resolve("report.html");
    CommandLineRun run = CommandLineRun.of("report", "--results", results, "--format", "html", "--output", page)
        .expect(ExitCode.OK);
    assertTrue(run.out().contains("Wrote " + page), run.out());
    String html = Files.readString(page);
    for (String chart : List.of("memory-breakdown", "host-timeline", "miss-ratio-curves", "working-set", "policy-comparison")) {
      assertTrue(html.contains("data-chart=\"" + chart + "\""), chart);
    }
    CommandLineRun noFile = CommandLineRun.of("report", "--results", results, "--format", "html").expect(ExitCode.USAGE);
    assertTrue(noFile.err().contains("--format html writes one page"), noFile.err());
  }

  @Test
  void svgAndPngWriteAFilePerChartIntoTheOutputFolder() throws Exception {
    Path charts = dir.resolve("charts");
    CommandLineRun svg = CommandLineRun.of("report", "--results", results, "--format", "svg", "--output-dir", charts, "--json")
        .expect(ExitCode.OK);
    JsonNode written = new ObjectMapper().readTree(svg.out());
    List<String> files = new ArrayList<>();
    written.get("files").forEach(file -> files.add(file.asText()));
    List<String> names = List.of("memory-breakdown", "host-timeline", "miss-ratio-curves", "working-set", "policy-comparison");
    assertEquals(names.stream().map(name -> charts.resolve(name + ".svg").toString()).toList(), files);
    for (String file : files) {
      String text = Files.readString(Path.of(file));
      assertTrue(text.startsWith("<?xml") && text.contains("class=\"mark"), file);
    }
    assertTrue(svg.err().contains("Wrote 5 charts into " + charts), svg.err());

    CommandLineRun png = CommandLineRun.of("report", "--results", results, "--format", "png", "--output-dir", charts,
        "--only", "working-set").expect(ExitCode.OK);
    assertTrue(png.out().contains("Wrote 1 chart into " + charts + ": working-set.png"), png.out());
    assertTrue(javax.imageio.ImageIO.read(charts.resolve("working-set.png").toFile()).getWidth() > 1000);

    CommandLineRun unknown = CommandLineRun.of("report", "--results", results, "--format", "svg", "--output-dir", charts,
        "--only", "pie").expect(ExitCode.USAGE);
    assertTrue(unknown.err().contains("there is no chart 'pie'; the charts: memory-breakdown,"), unknown.err());
    CommandLineRun.of("report", "--results", results, "--format", "svg").expect(ExitCode.USAGE);
    CommandLineRun.of("report", "--results", results, "--format", "png", "--output", dir.resolve("x.png")).expect(ExitCode.USAGE);
    CommandLineRun.of("report", "--results", results, "--output-dir", charts).expect(ExitCode.USAGE);
  }

  @Test
  void listNamesEveryReportWithItsQuestion() {
    String out = CommandLineRun.of("report", "--list", "--results", results).expect(ExitCode.OK).out();
    for (CannedReport report : CannedReport.values()) {
      assertTrue(out.contains(report.reportName()) && out.contains(report.question()), out);
    }
  }

  private static long count(String sql) throws Exception {
    try (ResultsDatabase database = ResultsDatabase.open(List.of(results))) {
      return database.query(sql, rows -> {
        rows.next();
        return rows.getLong(1);
      });
    }
  }
}
