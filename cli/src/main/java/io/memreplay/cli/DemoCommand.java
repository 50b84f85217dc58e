package io.memreplay.cli;

import io.memreplay.analytics.html.HtmlReport;
import io.memreplay.analytics.report.ReportParameters;
import io.memreplay.analytics.report.SummaryReport;
import io.memreplay.analytics.sql.ResultsDatabase;
import io.memreplay.engine.config.Policies;
import io.memreplay.ingest.generate.GeneratorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code memreplay demo}: the main job end to end on embedded defaults. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Generates a small 4-VM trace of an overcommitted host, replays it under four contrasting policies",
        "(esxi-default, esxi-share-all, no-sharing, swap-only), prints the report and writes its charts to DIR/report.html.",
        "Writes DIR/trace and DIR/results, replacing an earlier demo's."})
final class DemoCommand implements Callable<Integer> {

  /** Policies that reclaim the overcommitted host's memory differently. */
  static final List<String> POLICIES = Policies.CONTRASTING;

  @Option(names = "--out", defaultValue = "memreplay-demo", paramLabel = "DIR", description = "demo folder (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--accesses", defaultValue = "2000000", description = "accesses to generate (default: ${DEFAULT-VALUE})")
  long accesses;

  @Option(names = "--guest-mb", defaultValue = "512", description = "memory of each of the 4 VMs, MB (default: ${DEFAULT-VALUE})")
  int guestMb;

  @Override
  public Integer call() throws Exception {
    Path traceDir = out.resolve("trace");
    Path resultsDir = out.resolve("results");
    Path page = out.resolve("report.html");
    OutputPaths.requireTraceFolder("--out", out);
    OutputPaths.requireResultsFolder("--out", resultsDir);
    OutputPaths.requireFile("--out", page);
    System.out.println("== 1. generate a 4-VM host trace");
    GenerateCommand.generate(GeneratorSpec.defaults().withAccesses(accesses).withGuestMb(guestMb), traceDir, true,
        System.out);
    System.out.println();
    System.out.println("== 2. replay it under " + String.join(", ", POLICIES));
    removeResults(resultsDir);
    // replay as its command line would, with replay's own defaults for everything the demo does not choose
    CommandLine.populateCommand(new ReplayCommand(), "--trace", traceDir.toString(), "--out", resultsDir.toString(),
        "--policy", String.join(",", POLICIES)).call();
    System.out.println();
    System.out.println("== 3. report (memreplay report --results " + resultsDir + ")");
    try (ResultsDatabase database = ResultsDatabase.open(List.of(resultsDir))) {
      new SummaryReport(database).print(System.out);
      new HtmlReport(database, ReportParameters.DEFAULT).write(page, List.of(resultsDir));
    }
    System.out.println();
    System.out.println("== 4. charts: " + page + " (one page, no network needed; memreplay report --results "
        + resultsDir + " --format html --output " + page + ")");
    System.out.println();
    System.out.println("Query further, e.g.: ./memreplay sql --results " + resultsDir
        + " \"SELECT policy, vm_name, avg(working_set_pages) * 4 / 1024 AS ws_mb FROM vm_intervals GROUP BY ALL ORDER BY ALL\"");
    return ExitCode.OK.code();
  }

  /** Deletes an earlier demo's results; refuses to touch a folder that is not a results folder. */
  private static void removeResults(Path resultsDir) throws IOException, BadInputException {
    if (!Files.exists(resultsDir)) {
      return;
    }
    if (!Files.isDirectory(resultsDir.resolve("runs"))) {
      throw new BadInputException(resultsDir + " exists and is not a memreplay results folder; choose another --out");
    }
    try (Stream<Path> tree = Files.walk(resultsDir)) {
      for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
