package io.memreplay.cli;

import io.memreplay.engine.config.VmSpec;
import io.memreplay.ingest.imports.proc.ProcSnapshotImporter;
import io.memreplay.ingest.imports.proc.SnapshotOptions;
import io.memreplay.ingest.imports.proc.SnapshotSummary;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code memreplay import proc-snapshot}: the resident pages of running processes as page contents. */
@Command(name = "proc-snapshot", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Snapshots the resident memory of running Linux processes (root, or ptrace permission over them):"
        + " for every resident 4 KB page its content hash, whether it is zero, and its LZ4-compressed size, into the"
        + " contents table of a trace dataset with a matching scenario.yaml.",
        "Each PID becomes a VM. Resident pages that cannot be read are kept in DIR/rejects/ with the maps line of"
            + " their mapping and the reason."})
final class ProcSnapshotImportCommand implements Callable<Integer> {

  @Option(names = "--pid", required = true, arity = "1..*", split = ",", paramLabel = "PID",
      description = "the processes, in VM order (--pid 1 2 3 or --pid 1,2,3)")
  List<Integer> pids;

  @Mixin
  ImportTarget target;

  @Option(names = "--guest-mb", paramLabel = "M",
      description = "configured memory of each VM, MB (default: the power of two that holds its resident pages,"
          + " at least 64)")
  Long guestMb;

  @Mixin
  HostMemoryOption hostMemory;

  @Option(names = "--ignore-pagemap",
      description = "read every mapped page instead of only the resident ones; what happens anyway when"
          + " /proc/PID/pagemap cannot be read")
  boolean ignorePagemap;

  @Override
  public Integer call() throws Exception {
    target.checkOut();
    ImportTarget.requireMemoryMb("--guest-mb", guestMb);
    Long hostMemoryMb = hostMemory.checked();
    long guest = guestMb == null ? SnapshotOptions.GUEST_MB_FROM_RESIDENT : guestMb;
    SnapshotOptions options = ImportTarget.options(
        () -> new SnapshotOptions(pids, target.host, guest, hostMemoryMb, !ignorePagemap));
    ImportTarget.Result<SnapshotSummary> result =
        target.run("proc-snapshot", "pages", ProcSnapshotImporter::run, options);
    SnapshotSummary summary = result.summary();
    double seconds = result.seconds();
    describe(summary, seconds, target.json.human());
    target.json.print(new Imported(target.written(summary.manifest(), summary.scenario(), seconds), summary.pages(),
        summary.unreadablePages(), summary.processes(), summary.firstRejects()));
    return ExitCode.OK.code();
  }

  /** What {@code import proc-snapshot --json} prints: the trace written and each process's pages. */
  record Imported(ImportTarget.Written written, long pages, long unreadablePages,
      List<SnapshotSummary.ProcessSummary> processes, List<String> firstRejects) {}

  /** What each process became, how compressible it is, and what could not be read. */
  private void describe(SnapshotSummary summary, double seconds, PrintStream stdout) {
    stdout.printf("Snapshot %,d resident pages (%,d MB) of %d %s into %s in %.1f s (%,.0f pages/s).%n", summary.pages(),
        summary.pages() * 4 / 1024, pids.size(), pids.size() == 1 ? "process" : "processes", target.out, seconds,
        summary.pages() / seconds);
    for (SnapshotSummary.ProcessSummary process : summary.processes()) {
      VmSpec vm = summary.scenario().vm(process.vm());
      stdout.printf("  pid %d (%s) -> vm %d (%s): %,d mappings, %,d pages: %,d zero, %,d compress to <= 2 KB (%,d to"
          + " <= 1 KB); %,d swapped out (not read); VM memory %,d MB%n", process.pid(), process.name(), process.vm(),
          vm.name(), process.mappings(), process.pages(), process.zeroPages(), process.halfPageCompressible(),
          process.quarterPageCompressible(), process.swappedPages(), vm.memoryMb());
      if (!process.fromPagemap()) {
        stdout.printf("  pid %d: residency not from /proc/%d/pagemap: every mapped page was read, untouched ones"
            + " included (as zero pages)%n", process.pid(), process.pid());
      }
    }
    if (summary.unreadablePages() > 0) {
      target.printRejects(summary.unreadablePages(), String.format("unreadable resident pages (in %,d rejects)",
          summary.manifest().importRejects().count()), summary.manifest(), summary.firstRejects(), stdout);
    }
    stdout.printf("Replay it: memreplay replay --trace %s --out RESULTS%n", target.out);
  }
}
