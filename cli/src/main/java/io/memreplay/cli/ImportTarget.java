package io.memreplay.cli;

import io.memreplay.ingest.generate.GeneratorSpec;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every {@code import} shares: the trace folder to write, its host name, and whether to replace. */
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
