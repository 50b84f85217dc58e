package io.memreplay.cli;

import io.memreplay.engine.config.VmSpec;
import io.memreplay.ingest.imports.damon.DamonImporter;
import io.memreplay.ingest.imports.damon.DamonOptions;
import io.memreplay.ingest.imports.damon.DamonSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memreplay import damon}: DAMON access-monitoring records as the accesses a replay understands. */
@Command(name = "damon", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Imports DAMON records (damo record: its json_compressed, json or perf_script form; plain, gzip,"
        + " zstd, xz or bzip2) into a trace dataset with a matching scenario.yaml.",
        "Each monitoring target becomes a VM, or with --as-processes an address space of one VM. In every window (by"
        + " default DAMON's aggregation interval) each 4 KB page of each region DAMON found accessed is read once,"
        + " least accessed regions first, so a window's working set is the memory DAMON found accessed in it."
        + " Snapshots, regions and lines that cannot be used are kept in DIR/rejects/ with file, line and reason."})
final class DamonImportCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "damo record files, in VM order")
  List<Path> files;

  @Mixin
  ImportTarget target;

  @Option(names = "--as-processes", description = "the targets are processes (address spaces 0, 1, ...) of one VM")
  boolean asProcesses;

  @Option(names = "--window", paramLabel = "DURATION", converter = Durations.Converter.class,
      description = "the time over which each accessed page is read once, e.g. 1s: longer windows, fewer accesses"
          + " (default: the recording's aggregation interval)")
  Long windowNs;

  @Option(names = "--min-accesses", paramLabel = "N", defaultValue = "" + DamonOptions.DEFAULT_MIN_ACCESSES,
      description = "a region counts as accessed in a snapshot when DAMON's nr_accesses (samples) is at least N"
          + " (default: ${DEFAULT-VALUE})")
  int minAccesses;

  @Option(names = "--guest-mb", paramLabel = "M",
      description = "configured memory of each VM, MB (default: the power of two that holds the memory its targets"
          + " were found accessing, at least 64)")
  Long guestMb;

  @Override
  public Integer call() throws Exception {
    target.checkOut();
    ImportTarget.requireMemoryMb("--guest-mb", guestMb);
    long guest = guestMb == null ? DamonOptions.GUEST_MB_FROM_FOOTPRINT : guestMb;
    DamonOptions options = ImportTarget.options(
        () -> new DamonOptions(files, asProcesses, target.host, windowNs, minAccesses, guest));
    ImportTarget.Result<DamonSummary> result = target.run("damon", "accesses", DamonImporter::run, options);
    DamonSummary summary = result.summary();
    double seconds = result.seconds();
    describe(summary, seconds, target.json.human());
    target.json.print(new Imported(files, target.written(summary.manifest(), summary.scenario(), seconds),
        summary.accesses(), summary.windowNs(), summary.rejected(), summary.targets(), summary.firstRejects()));
    return ExitCode.OK.code();
  }

  /** What {@code import damon --json} prints: the trace written, the accesses made, each target's. */
  record Imported(List<Path> files, ImportTarget.Written written, long accesses, long windowNs, long rejected,
      List<DamonSummary.TargetSummary> targets, List<String> firstRejects) {}

  private void describe(DamonSummary summary, double seconds, PrintStream stdout) {
    stdout.printf("Imported %d DAMON targets of %d %s into %s in %.1f s: %,d accesses in windows of %s, %,d rejected.%n",
        summary.targets().size(), files.size(), files.size() == 1 ? "file" : "files", target.out, seconds,
        summary.accesses(), Durations.describe(summary.windowNs()), summary.rejected());
    for (DamonSummary.TargetSummary t : summary.targets()) {
      VmSpec vm = summary.scenario().vm(t.vm());
      stdout.printf("  %s target %s (%s) -> vm %d (%s)%s: %,d snapshots, %,d accessed regions, %,d accesses in %,d"
          + " windows; working set per window up to %,d KB, %,d KB accessed in all; VM memory %,d MB%n", t.source(),
          t.target(), t.format(), t.vm(), vm.name(), asProcesses ? " address space " + t.asid() : "", t.snapshots(),
          t.accessedRegions(), t.accesses(), t.windows(), t.peakWindowPages() * 4, t.footprintPages() * 4,
          vm.memoryMb());
    }
    if (summary.skippedLines() > 0) {
      stdout.printf("Skipped %,d lines of other events%n", summary.skippedLines());
    }
    target.printRejects(summary.rejected(), "snapshots, regions or lines", summary.manifest(), summary.firstRejects(),
        stdout);
    stdout.printf("Replay it: memreplay replay --trace %s --out RESULTS --interval %s%n", target.out,
        Durations.describe(summary.windowNs()).replace(" ", ""));
  }
}
