package io.memreplay.cli;

import io.memreplay.analytics.html.ChartFiles;
import io.memreplay.analytics.html.HtmlReport;
import io.memreplay.analytics.report.CannedReport;
import io.memreplay.analytics.report.CannedReports;
import io.memreplay.analytics.report.DifferentTracesException;
import io.memreplay.analytics.report.ObservedTrace;
import io.memreplay.analytics.report.ReportParameters;
import io.memreplay.analytics.report.SummaryReport;
import io.memreplay.analytics.report.TraceCheck;
import io.memreplay.analytics.report.TraceCheck.Trace;
import io.memreplay.analytics.sql.QueryException;
import io.memreplay.analytics.sql.ResultFormat;
import io.memreplay.analytics.sql.ResultsDatabase;
import io.memreplay.schemas.parquet.AtomicFiles;
import io.memreplay.schemas.trace.TraceDataset;
import io.memreplay.schemas.trace.TraceFormatException;
import io.memreplay.schemas.trace.TraceManifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code memreplay report}: the summary and the canned reports, as text, Markdown, CSV, JSON or an HTML page with charts. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Reports on a results dataset: a summary of every run, then the canned reports, each a question "
        + "answered by a query (--list names them). Several --results folders are compared as one dataset, provided "
        + "their runs replayed the same trace.",
        "Results of several traces (e.g. the hosts of a Kafka replay) get one report per trace, in the table and markdown "
        + "formats; --host or --trace picks one, --allow-different-traces compares them as one dataset."})
final class ReportCommand implements Callable<Integer> {

  /** The name of the summary among the reports {@code --only} takes. */
  static final String SUMMARY = "summary";

  @Mixin
  ResultsOptions results;

  @Option(names = "--only", split = ",", paramLabel = "NAME",
      description = "print only these reports (comma-separated): summary, or the names --list shows")
  List<String> only;

  @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
      description = "table, markdown, csv (one report), json, html (a page with charts; needs --output), or svg or png"
          + " (the page's charts, a file each; need --output-dir) (default: ${DEFAULT-VALUE})")
  ReportFormat format;

  @Option(names = "--output", paramLabel = "FILE", description = "write the report to FILE (through a temporary file) instead of stdout")
  Path output;

  @Option(names = "--output-dir", paramLabel = "DIR",
      description = "with --format svg or png: the folder for the chart files, CHART.svg or CHART.png (--only names charts:"
          + " memory-breakdown, host-timeline, miss-ratio-curves, working-set, policy-comparison)")
  Path outputDir;

  @Option(names = "--miss-ratio-targets", split = ",", paramLabel = "RATIO", defaultValue = "0.1,0.05,0.01",
      description = "target miss ratios of the memory-for-miss-ratio report (default: ${DEFAULT-VALUE})")
  List<Double> missRatioTargets;

  @Option(names = "--host", paramLabel = "NAME", description = "report on the runs of this host only")
  String host;

  @Option(names = "--trace", paramLabel = "ID|DIR", description = "report on the runs of this trace only: its name, a"
      + " prefix of its digest, or its folder, which the reports that compare with what the trace recorded need"
      + " (observed-vs-replayed)")
  String trace;

  @Option(names = "--allow-different-traces",
      description = "compare runs of different traces too (refused by default: they replayed different workloads)")
  boolean allowDifferentTraces;

  @Option(names = "--list", description = "list the reports and the questions they answer, then exit")
  boolean list;

  @Mixin
  JsonOption json;

  @Spec
  CommandSpec spec;

  /** A report as {@code --list --json} prints it. */
  record Listed(String name, String question, boolean timeline, boolean needsTrace) {}

  /** What {@code report --json} prints when it writes files (html, svg, png). */
  record Written(String format, List<Path> files) {}

  /** How {@code --format} spells the formats; the summary has the table format only, the page its own charts. */
  enum ReportFormat {
    TABLE, MARKDOWN, CSV, JSON, HTML, SVG, PNG;

    ResultFormat rows() {
      return ResultFormat.valueOf(name());
    }

    boolean isImage() {
      return this == SVG || this == PNG;
    }
  }

  @Override
  public Integer call() throws Exception {
    if (list) {
      for (CannedReport report : CannedReport.values()) {
        json.human().printf("%-24s %s%s%s%n", report.reportName(), report.question(),
            report.timeline() ? " (a row per interval: printed when named)" : "",
            report.needsTrace() ? " (needs --trace DIR)" : "");
      }
      json.print(Arrays.stream(CannedReport.values())
          .map(report -> new Listed(report.reportName(), report.question(), report.timeline(), report.needsTrace()))
          .toList());
      return ExitCode.OK.code();
    }
    ReportParameters parameters = parameters();
    if (format.isImage() != (outputDir != null) || format.isImage() && output != null) {
      throw usage("--format svg and png write a file per chart into --output-dir DIR; the other formats take --output FILE");
    }
    if (json.enabled && format != ReportFormat.HTML && !format.isImage()) {
      throw usage("--json tells the files that html, svg and png write; the reports themselves take --format json");
    }
    if (format.isImage()) {
      OutputPaths.requireFolderOfFiles("--output-dir", outputDir);
      return writeCharts(parameters);
    }
    List<String> chosen = chosenReports();
    if (output != null) {
      OutputPaths.requireFile("--output", output);
    }
    if (format == ReportFormat.HTML && (output == null || only != null)) {
      throw usage("--format html writes one page with every chart: give its file with --output FILE, and no --only");
    }
    if (format == ReportFormat.CSV && chosen.size() != 1) {
      throw usage("--format csv holds one table: choose one report with --only NAME");
    }
    Path traceDir = traceFolder();
    for (String name : chosen) {
      if (traceDir == null && CannedReport.named(name).map(CannedReport::needsTrace).orElse(false)) {
        throw usage(name + " compares the runs with what their trace recorded: give the trace's folder with --trace"
            + " DIR");
      }
    }
    // the trace's own samples are read beside the results, so its folder is readable too
    try (ResultsDatabase database = results.open(traceDir == null ? List.of() : List.of(traceDir))) {
      ChosenTraces traces = chosenTraces(database, traceDir);
      boolean perTrace = traces.several() && !allowDifferentTraces;
      if (perTrace && format != ReportFormat.TABLE && format != ReportFormat.MARKDOWN) {
        refuseSeveralTraces(database);
      }
      if (traces.folder() != null) {
        ObservedTrace.attach(database, traces.folder());
      }
      if (format == ReportFormat.HTML) {
        new HtmlReport(database, parameters).write(output, results.dirs);
        json.human().println("Wrote " + output + "; open it in a browser (it needs no network).");
        json.print(new Written("html", List.of(output)));
        return ExitCode.OK.code();
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (PrintStream out = output == null ? System.out : new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
        if (perTrace) {
          printPerTrace(database, parameters, chosen, traces.traces(), out);
        } else {
          print(database, parameters, chosen, out);
        }
        if (only == null && format == ReportFormat.TABLE) {
          out.print("\nPer-interval reports, printed when named: "
              + Arrays.stream(CannedReport.values()).filter(CannedReport::timeline)
                  .map(report -> "--only " + report.reportName()).collect(Collectors.joining(", "))
              + "; charts of everything: --format html --output report.html\n");
        }
      }
      if (output != null) {
        write(bytes.toString(StandardCharsets.UTF_8));
      }
    } catch (QueryException | DifferentTracesException | TraceFormatException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    return ExitCode.OK.code();
  }

  /** {@code --trace} when it names a trace folder (one with a manifest), else null: a trace's name or digest. */
  private Path traceFolder() throws BadInputException {
    if (trace == null) {
      return null;
    }
    Path dir = Path.of(trace);
    if (Files.isRegularFile(dir.resolve(TraceManifest.FILE_NAME))) {
      return dir;
    }
    if (Files.isDirectory(dir)) {
      throw new BadInputException("--trace " + trace + ": a folder, but not a trace (it has no "
          + TraceManifest.FILE_NAME + ")");
    }
    return null;
  }

  private int writeCharts(ReportParameters parameters) throws Exception {
    List<String> charts = only == null ? List.of() : only;
    for (String name : charts) {
      if (!ChartFiles.names().contains(name)) {
        throw usage("there is no chart '" + name + "'; the charts: " + String.join(", ", ChartFiles.names()));
      }
    }
    List<Path> files;
    try (ResultsDatabase database = results.open()) {
      // like the page, the charts show one trace, unless told to compare several
      if (chosenTraces(database, traceFolder()).several() && !allowDifferentTraces) {
        refuseSeveralTraces(database);
      }
      files = new ChartFiles(database, parameters).write(outputDir, ChartFiles.Format.valueOf(format.name()), charts);
    } catch (QueryException | DifferentTracesException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    json.human().println("Wrote " + files.size() + " " + (files.size() == 1 ? "chart" : "charts") + " into " + outputDir
        + ": " + files.stream().map(file -> file.getFileName().toString()).collect(Collectors.joining(", ")));
    json.print(new Written(format.name().toLowerCase(java.util.Locale.ROOT), files));
    return ExitCode.OK.code();
  }

  private void print(ResultsDatabase database, ReportParameters parameters, List<String> chosen, PrintStream out)
      throws QueryException {
    CannedReports canned = new CannedReports(database, parameters);
    List<CannedReport> reports = chosen.stream().filter(name -> !name.equals(SUMMARY))
        .map(name -> CannedReport.named(name).orElseThrow()).toList();
    if (chosen.contains(SUMMARY)) {
      new SummaryReport(database).print(out);
      if (!reports.isEmpty()) {
        out.print("\n");
      }
    }
    if (!reports.isEmpty()) {
      canned.print(reports, format.rows(), out);
    }
  }

  /** One report per trace, each over that trace's runs alone, after a line that says why. */
  private void printPerTrace(ResultsDatabase database, ReportParameters parameters, List<String> chosen,
      List<Trace> traces, PrintStream out) throws QueryException {
    out.print("These results hold runs of " + traces.size() + " traces (" + traces.stream().map(Trace::host).distinct()
        .collect(Collectors.joining(", ", "hosts ", "")) + "), so each gets its own report: runs of different traces "
        + "replayed different workloads. --host NAME or --trace ID reports on one; --allow-different-traces compares "
        + "them as one dataset.\n");
    for (Trace t : traces) {
      database.restrictToTraces(List.of(t.digest()));
      out.print(format == ReportFormat.MARKDOWN ? "\n# " + t.describe() + "\n\n"
          : "\n=== " + t.describe() + " ===\n\n");
      print(database, parameters, chosen, out);
    }
  }

  /**
   * The traces to report on: every host, name and digest of the runs whose digest is chosen, in {@link
   * TraceCheck#traces}'s order; and the dataset in the {@code --trace} folder, opened once for both the
   * choice and the reports that compare with it, or null.
   */
  record ChosenTraces(List<Trace> traces, TraceDataset folder) {

    /** True when the runs replayed more than one trace: more than one digest. */
    boolean several() {
      return traces.stream().map(Trace::digest).distinct().count() > 1;
    }
  }

  /**
   * The traces of {@code --host} and {@code --trace}, to whose digests the database is then restricted, or
   * else every trace of the results.
   */
  private ChosenTraces chosenTraces(ResultsDatabase database, Path traceDir)
      throws QueryException, BadInputException, IOException {
    List<Trace> all = TraceCheck.traces(database);
    TraceDataset folder = traceDir == null ? null : TraceDataset.open(traceDir);
    String folderDigest = folder == null ? null : folder.manifest().digest();
    List<Trace> chosen = all.stream()
        .filter(t -> host == null || t.host().equals(host))
        .filter(t -> trace == null || (folderDigest != null ? t.digest().equals(folderDigest)
            : t.traceId().equals(trace) || t.digest().startsWith(trace) || t.digest().startsWith("sha256:" + trace)))
        .toList();
    if (chosen.isEmpty()) {
      throw new BadInputException("no run of these results matches" + (host == null ? "" : " --host " + host)
          + (trace == null ? "" : " --trace " + trace) + "; their traces:\n"
          + all.stream().map(t -> "  " + t.describe()).collect(Collectors.joining("\n")));
    }
    List<String> digests = chosen.stream().map(Trace::digest).distinct().toList();
    if (host != null || trace != null) {
      database.restrictToTraces(digests);
    }
    // what the restricted database holds: another host's runs of a chosen trace too
    return new ChosenTraces(all.stream().filter(t -> digests.contains(t.digest())).toList(), folder);
  }

  private void refuseSeveralTraces(ResultsDatabase database) throws Exception {
    if (host == null && trace == null) {
      TraceCheck.requireOneTrace(results.dirs); // names each folder's traces
    }
    throw new BadInputException("--format " + format.name().toLowerCase() + " reports on one trace, and these runs "
        + "replayed several:\n" + TraceCheck.traces(database).stream().map(t -> "  " + t.describe())
            .collect(Collectors.joining("\n"))
        + "\nchoose one with --host NAME or --trace ID, or pass --allow-different-traces to compare them anyway");
  }

  /**
   * The reports to print, by name: those of {@code --only}, or else the summary (in the table format,
   * the only one it has) and every canned report but the per-interval ones.
   */
  private List<String> chosenReports() throws CommandLine.ParameterException {
    if (only == null) {
      List<String> names = new ArrayList<>();
      if (format == ReportFormat.TABLE) {
        names.add(SUMMARY);
      }
      CannedReport.defaults().forEach(report -> names.add(report.reportName()));
      return names;
    }
    for (String name : only) {
      if (name.equals(SUMMARY) ? format != ReportFormat.TABLE : CannedReport.named(name).isEmpty()) {
        throw usage(name.equals(SUMMARY) ? "the summary is text: it has --format table only"
            : "there is no report '" + name + "'; the reports: " + SUMMARY + ", "
                + Arrays.stream(CannedReport.values()).map(CannedReport::reportName).collect(Collectors.joining(", ")));
      }
    }
    return List.copyOf(only);
  }

  private ReportParameters parameters() throws CommandLine.ParameterException {
    try {
      return new ReportParameters(missRatioTargets);
    } catch (IllegalArgumentException e) {
      throw usage("--miss-ratio-targets: " + e.getMessage());
    }
  }

  private void write(String text) throws IOException {
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    AtomicFiles.writeString(output, text);
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
