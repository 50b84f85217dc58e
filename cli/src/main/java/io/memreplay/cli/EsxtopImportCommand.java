package io.memreplay.cli;

import io.memreplay.ingest.imports.RejectedLine;
import io.memreplay.ingest.imports.demand.DemandSummary;
import io.memreplay.ingest.imports.demand.DemandStaging;
import io.memreplay.ingest.imports.esxtop.EsxtopImporter;
import io.memreplay.ingest.imports.esxtop.EsxtopOptions;
import io.memreplay.ingest.imports.esxtop.EsxtopSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code memreplay import esxtop}: esxtop batch files as VM demand, with what the host observed. */
@Command(name = "esxtop", resourceBundle = "io.memreplay.cli.EsxtopImportCommand", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Imports esxtop batch files (esxtop -b [-a] -d SECONDS -n COUNT > FILE.csv; plain, gzip, zstd, xz or"
        + " bzip2) of one host into the demand table of a trace dataset with a matching scenario.yaml.",
        "Each Group Memory(GID:NAME) with a memory size is a VM: its %%ACTV and memory size become its demand, and what"
        + " the host did (granted, consumed, overhead, ballooned, swapped, compressed, shared, zero) is kept beside it"
        + " for report --only observed-vs-replayed. Rows that cannot be used are kept in DIR/rejects/ with file, line"
        + " and reason."})
final class EsxtopImportCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "esxtop batch files of one host, in any order")
  List<Path> files;

  @Mixin
  ImportTarget target;

  @Option(names = "--period", paramLabel = "DURATION", converter = Durations.Converter.class,
      description = "the sampling period of every sample, e.g. 5s (default: the time between the file's rows)")
  Long periodNs;

  @Mixin
  HostMemoryOption hostMemory;

  @Option(names = "--counter", paramLabel = "KEY=NAME",
      description = "the name a counter has in the files where esxtop's known names do not match, e.g."
          + " --counter 'ballooned=Memctl MBytes'; keys: ${COMPLETION-CANDIDATES}", completionCandidates = CounterKeys.class)
  Map<String, String> counters = Map.of();

  /** The keys {@code --counter} takes, for the help and shell completion. */
  static final class CounterKeys implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return EsxtopOptions.COUNTER_KEYS.iterator();
    }
  }

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    target.checkOut();
    Long hostMemoryMb = hostMemory.checked();
    try {
      EsxtopOptions.checkCounters(counters);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--counter: " + e.getMessage());
    }
    // the files name their host; --host renames it
    String host = spec.commandLine().getParseResult().hasMatchedOption("--host") ? target.host : null;
    EsxtopOptions options = ImportTarget.options(() -> new EsxtopOptions(files, host, hostMemoryMb, periodNs, counters));
    ImportTarget.Result<EsxtopSummary> result = target.run("esxtop", "rows", EsxtopImporter::run, options);
    EsxtopSummary summary = result.summary();
    double seconds = result.seconds();
    describe(summary, seconds, target.json.human());
    DemandSummary demand = summary.demand();
    target.json.print(new Imported(files, target.written(demand.manifest(), demand.scenario(), seconds),
        summary.host(), summary.machineMb(), demand.records(), demand.samples(), demand.rejected(), demand.vms(),
        summary.missingSamples(), summary.observedFound(), summary.observedMissing(), demand.firstRejects()));
    return ExitCode.OK.code();
  }

  /** What {@code import esxtop --json} prints: the trace written, the rows read, each VM's samples, the host state kept. */
  record Imported(List<Path> files, ImportTarget.Written written, String host, Long machineMb, long rows, long samples,
      long rejected, List<DemandStaging.Vm> vmSamples, long missingSamples, List<String> observedFound,
      List<String> observedMissing, List<RejectedLine> firstRejects) {}

  private void describe(EsxtopSummary summary, double seconds, PrintStream stdout) {
    String read = "rows of " + (files.size() == 1 ? files.get(0).toString() : files.size() + " esxtop files");
    DemandImportOutput.print(summary.demand(), read, "rows", target.out, seconds, stdout);
    stdout.printf("Host %s, %s.%n", summary.host(), summary.machineMb() == null ? "memory not recorded (the sum of the"
        + " VMs', or --host-mb)" : String.format("%,d MB of memory", summary.machineMb()));
    if (!summary.skippedGroups().isEmpty()) {
      stdout.printf("Not VMs (no memory size): %d groups, %s%n", summary.skippedGroups().size(),
          String.join(", ", summary.skippedGroups().subList(0, Math.min(8, summary.skippedGroups().size())))
              + (summary.skippedGroups().size() > 8 ? ", ..." : ""));
    }
    if (summary.missingSamples() > 0) {
      stdout.printf("Empty samples (the VM not running then): %,d%n", summary.missingSamples());
    }
    stdout.printf("Observed host state kept: %s%n", summary.observedFound().isEmpty() ? "none"
        : String.join(", ", summary.observedFound()));
    for (String missing : summary.observedMissing()) {
      stdout.printf("  not in the files: %s; name it with --counter if the files call it otherwise%n", missing);
    }
    DemandImportOutput.finish(summary.demand(), target, stdout);
  }
}
