package io.memreplay.cli;

import io.memreplay.engine.config.HostSpec;
import io.memreplay.ingest.generate.GeneratorSpec;
import io.memreplay.ingest.imports.ImportException;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import io.memreplay.engine.config.Scenario;
import io.memreplay.schemas.trace.TraceManifest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options every {@code import} shares: the trace folder to write, its host name, whether to replace, and
 * {@code --json}.
 */
final class ImportTarget {

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "the trace folder to write")
  Path out;

  @Option(names = "--host", defaultValue = GeneratorSpec.DEFAULT_HOST,
      description = "host name (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--force", description = "replace a trace already in --out")
  boolean force;

  /** Refuses an {@code --out} that exists and is not a folder, or is a link. */
  void checkOut() throws BadInputException {
    OutputPaths.requireTraceFolder("--out", out);
  }

  @Mixin
  JsonOption json;

  /**
   * What every {@code import --json} prints of the trace it wrote, beside what the importer read.
   *
   * @param vms the scenario's VMs: id, name and configured memory
   * @param rejects how many input records went to the trace's rejects and their file; null when none did
   */
  record Written(Path trace, String traceId, String host, double seconds, List<Vm> vms,
      TraceManifest.ImportRejects rejects) {

    record Vm(int vm, String name, long memoryMb) {}
  }

  /** The trace written to {@code --out} with {@code manifest} and {@code scenario}, in {@code seconds}. */
  Written written(TraceManifest manifest, Scenario scenario, double seconds) {
    return new Written(out, manifest.traceId(), manifest.host(), seconds,
        scenario.vms().stream().map(vm -> new Written.Vm(vm.id(), vm.name(), vm.memoryMb())).toList(),
        manifest.importRejects());
  }

  /**
   * When the import rejected any input, says how many of what, where they are kept, and the first few.
   *
   * @param what what the rejects are, e.g. "malformed lines"
   * @param first the first rejects, one line each
   */
  void printRejects(long rejected, String what, TraceManifest manifest, List<String> first, PrintStream stdout) {
    if (rejected > 0) {
      stdout.printf("Rejected %,d %s, kept in %s; the first:%n", rejected, what, out.resolve(manifest.importRejects().file()));
      first.forEach(reject -> stdout.printf("  %s%n", reject));
    }
  }

  /** How the dataset writer treats a trace already in {@code --out}. */
  TraceDatasetWriter.Settings settings() {
    return force ? TraceDatasetWriter.Settings.DEFAULT.replacing() : TraceDatasetWriter.Settings.DEFAULT;
  }

  /** A memory size option, when given, must be positive. */
  static void requireMemoryMb(String option, Long mb) throws BadInputException {
    if (mb != null && (mb <= 0 || mb > HostSpec.MAX_MEMORY_MB)) {
      throw new BadInputException(option + " must be within [1, " + HostSpec.MAX_MEMORY_MB + "] MB (1 PiB), was " + mb);
    }
  }

  /** Builds an importer's options, which check themselves: a value they refuse is bad input. */
  static <O> O options(Supplier<O> build) throws BadInputException {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }

  /** An importer's run: reads what {@code options} name into {@code out}, telling {@code progress} its count. */
  @FunctionalInterface
  interface Importer<O, S> {
    S run(O options, Path out, TraceDatasetWriter.Settings settings, LongConsumer progress)
        throws IOException, ImportException;
  }

  /** What an importer returned, and the seconds it took. */
  record Result<S>(S summary, double seconds) {}

  /**
   * Runs {@code importer} on {@code options} into {@code --out}, showing its progress as {@code what} in
   * {@code unit}s; an input the importer refuses is bad input.
   */
  <O, S> Result<S> run(String what, String unit, Importer<O, S> importer, O options)
      throws IOException, BadInputException {
    long started = System.nanoTime();
    S summary;
    try (Progress progress = Progress.start(what, -1, unit)) {
      summary = importer.run(options, out, settings(), progress.totals());
    } catch (ImportException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    return new Result<>(summary, (System.nanoTime() - started) / 1e9);
  }
}
