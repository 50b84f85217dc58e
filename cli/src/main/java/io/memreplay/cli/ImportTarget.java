package io.memreplay.cli;

import io.memreplay.ingest.generate.GeneratorSpec;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import io.memreplay.engine.config.Scenario;
import io.memreplay.schemas.trace.TraceManifest;
import java.nio.file.Path;
import java.util.List;
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

  /** How the dataset writer treats a trace already in {@code --out}. */
  TraceDatasetWriter.Settings settings() {
    return force ? TraceDatasetWriter.Settings.DEFAULT.replacing() : TraceDatasetWriter.Settings.DEFAULT;
  }

  /** A memory size option, when given, must be positive. */
  static void requirePositive(String option, Long mb) throws BadInputException {
    if (mb != null && mb <= 0) {
      throw new BadInputException(option + " must be positive, was " + mb);
    }
  }
}
