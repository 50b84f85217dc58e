package io.memreplay.cli;

import io.memreplay.engine.config.VmSpec;
import io.memreplay.ingest.generate.GeneratorSpec;
import io.memreplay.ingest.imports.ImportException;
import io.memreplay.ingest.imports.ImportOptions;
import io.memreplay.ingest.imports.ImportSummary;
import io.memreplay.ingest.imports.TraceFormat;
import io.memreplay.ingest.imports.TraceImporter;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memreplay import}: memory traces of real programs as a trace dataset and its scenario. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Imports memory traces of programs, recorded by valgrind lackey or Intel Pin's pinatrace, into a trace"
        + " dataset with a matching scenario.yaml.",
        "Each FILE becomes a VM, or with --as-processes a process of one VM. Malformed lines are kept in DIR/rejects/"
            + " with file, line number and reason."})
final class ImportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FORMAT", description = "lackey or pin")
  TraceFormat format;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "the trace files, in VM order")
  List<Path> files;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "the trace folder to write")
  Path out;

  @Option(names = "--as-processes", description = "the files are processes (address spaces 0, 1, ...) of one VM")
  boolean asProcesses;

  @Option(names = "--ns-per-access", paramLabel = "N", defaultValue = "" + ImportOptions.DEFAULT_NS_PER_ACCESS,
      description = "nominal trace time from one access to the next, ns; the formats record no time"
          + " (default: ${DEFAULT-VALUE})")
  long nsPerAccess;

  @Option(names = "--host", defaultValue = GeneratorSpec.DEFAULT_HOST,
      description = "host name (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--guest-mb", paramLabel = "M",
      description = "configured memory of each VM, MB (default: the power of two that holds the pages its trace"
          + " touched, at least 64)")
  Long guestMb;

  @Option(names = "--force", description = "replace a trace already in --out")
  boolean force;

  @Override
  public Integer call() throws Exception {
    if (guestMb != null && guestMb <= 0) {
      throw new BadInputException("--guest-mb must be positive, was " + guestMb);
    }
    ImportOptions options;
    try {
      options = new ImportOptions(format, files, asProcesses, nsPerAccess, host,
          guestMb == null ? ImportOptions.GUEST_MB_FROM_FOOTPRINT : guestMb);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    TraceDatasetWriter.Settings settings = force ? TraceDatasetWriter.Settings.DEFAULT.replacing()
        : TraceDatasetWriter.Settings.DEFAULT;
    long started = System.nanoTime();
    ImportSummary summary;
    try (Progress progress = Progress.start("import", -1, "lines")) {
      long[] reported = {0};
      summary = TraceImporter.run(options, out, settings, lines -> {
        progress.step(lines - reported[0]);
        reported[0] = lines;
      });
    } catch (ImportException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    describe(summary, (System.nanoTime() - started) / 1e9, System.out);
    return ExitCode.OK.code();
  }

  /** What was read, what each file became, and the malformed lines, if any. */
  private void describe(ImportSummary summary, double seconds, PrintStream stdout) {
    stdout.printf("Imported %,d lines of %d %s %s into %s in %.1f s (%.2f M lines/s): %,d accesses, %,d lines skipped,"
        + " %,d rejected.%n", summary.lines(), files.size(), format.label(), files.size() == 1 ? "file" : "files", out,
        seconds, summary.lines() / seconds / 1e6, summary.accesses(), summary.skipped(), summary.rejected());
    for (ImportSummary.FileSummary file : summary.files()) {
      VmSpec vm = summary.scenario().vm(file.vm());
      stdout.printf("  %s -> vm %d (%s)%s: %,d accesses, %,d KB touched; VM memory %,d MB%n", file.source(), file.vm(),
          vm.name(), asProcesses ? " address space " + file.asid() : "", file.accesses(), file.pages() * 4,
          vm.memoryMb());
    }
    if (summary.rejected() > 0) {
      stdout.printf("Rejected %,d malformed lines, kept in %s; the first:%n", summary.rejected(),
          out.resolve(summary.manifest().importRejects().file()));
      for (ImportSummary.RejectedLine reject : summary.firstRejects()) {
        stdout.printf("  %s line %,d: %s%n", reject.source(), reject.line(), reject.reason());
      }
    }
    stdout.printf("Replay it: memreplay replay --trace %s --out RESULTS%n", out);
  }
}
