package io.memreplay.cli;

import io.memreplay.engine.config.VmSpec;
import io.memreplay.ingest.imports.ImportOptions;
import io.memreplay.ingest.imports.ImportSummary;
import io.memreplay.ingest.imports.RejectedLine;
import io.memreplay.ingest.imports.TraceFormat;
import io.memreplay.ingest.imports.TraceImporter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code memreplay import lackey|pin}: memory traces of real programs as a trace dataset and its scenario.
 * One subclass per format, so that each is a subcommand with its own help and the options they share are
 * declared once.
 */
abstract class ProgramTraceImportCommand implements Callable<Integer> {

  /** {@code memreplay import lackey}. */
  @Command(name = "lackey", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Imports valgrind lackey traces (valgrind --tool=lackey --trace-mem=yes --log-file=FILE PROGRAM) into a"
          + " trace dataset with a matching scenario.yaml.", EACH_FILE})
  static final class Lackey extends ProgramTraceImportCommand {
    Lackey() {
      super(TraceFormat.LACKEY);
    }
  }

  /** {@code memreplay import pin}. */
  @Command(name = "pin", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Imports Intel Pin pinatrace traces into a trace dataset with a matching scenario.yaml.", EACH_FILE})
  static final class Pin extends ProgramTraceImportCommand {
    Pin() {
      super(TraceFormat.PIN);
    }
  }

  private static final String EACH_FILE = "Each FILE becomes a VM, or with --as-processes a process of one VM. Malformed"
      + " lines are kept in DIR/rejects/ with file, line number and reason.";

  private final TraceFormat format;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "the trace files, in VM order")
  List<Path> files;

  @Mixin
  ImportTarget target;

  @Option(names = "--as-processes", description = "the files are processes (address spaces 0, 1, ...) of one VM")
  boolean asProcesses;

  @Option(names = "--ns-per-access", paramLabel = "N", defaultValue = "" + ImportOptions.DEFAULT_NS_PER_ACCESS,
      description = "nominal trace time from one access to the next, ns; the formats record no time"
          + " (default: ${DEFAULT-VALUE})")
  long nsPerAccess;

  @Option(names = "--guest-mb", paramLabel = "M",
      description = "configured memory of each VM, MB (default: the power of two that holds the pages its trace"
          + " touched, at least 64)")
  Long guestMb;

  @Mixin
  HostMemoryOption hostMemory;

  ProgramTraceImportCommand(TraceFormat format) {
    this.format = format;
  }

  @Override
  public Integer call() throws Exception {
    target.checkOut();
    ImportTarget.requireMemoryMb("--guest-mb", guestMb);
    Long hostMemoryMb = hostMemory.checked();
    long guest = guestMb == null ? ImportOptions.GUEST_MB_FROM_FOOTPRINT : guestMb;
    ImportOptions options = ImportTarget.options(
        () -> new ImportOptions(format, files, asProcesses, nsPerAccess, target.host, guest, hostMemoryMb));
    ImportTarget.Result<ImportSummary> result = target.run("import", "lines", TraceImporter::run, options);
    ImportSummary summary = result.summary();
    double seconds = result.seconds();
    describe(summary, seconds, target.json.human());
    target.json.print(new Imported(format.label(), target.written(summary.manifest(), summary.scenario(), seconds),
        summary.lines(), summary.accesses(), summary.skipped(), summary.rejected(), summary.files(),
        summary.firstRejects()));
    return ExitCode.OK.code();
  }

  /** What {@code import lackey|pin --json} prints: the trace written, the lines read, and each file. */
  record Imported(String format, ImportTarget.Written written, long lines, long accesses, long skipped, long rejected,
      List<ImportSummary.FileSummary> files, List<RejectedLine> firstRejects) {}

  /** What was read, what each file became, and the malformed lines, if any. */
  private void describe(ImportSummary summary, double seconds, PrintStream stdout) {
    stdout.printf("Imported %,d lines of %d %s %s into %s in %.1f s (%.2f M lines/s): %,d accesses, %,d lines skipped,"
        + " %,d rejected.%n", summary.lines(), files.size(), format.label(), files.size() == 1 ? "file" : "files",
        target.out, seconds, summary.lines() / seconds / 1e6, summary.accesses(), summary.skipped(), summary.rejected());
    for (ImportSummary.FileSummary file : summary.files()) {
      VmSpec vm = summary.scenario().vm(file.vm());
      stdout.printf("  %s -> vm %d (%s)%s: %,d accesses, %,d KB touched; VM memory %,d MB%n", file.source(), file.vm(),
          vm.name(), asProcesses ? " address space " + file.asid() : "", file.accesses(), file.pages() * 4,
          vm.memoryMb());
    }
    target.printRejects(summary.rejected(), "malformed lines", summary.manifest(),
        summary.firstRejects().stream().map(RejectedLine::describe).toList(), stdout);
    stdout.printf("Replay it: memreplay replay --trace %s --out RESULTS%n", target.out);
  }
}
