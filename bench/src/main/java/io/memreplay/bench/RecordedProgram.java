package io.memreplay.bench;

import io.memreplay.engine.config.ConfigException;
import io.memreplay.engine.config.Scenario;
import io.memreplay.ingest.imports.ImportException;
import io.memreplay.ingest.imports.ImportOptions;
import io.memreplay.ingest.imports.TraceFormat;
import io.memreplay.ingest.imports.TraceImporter;
import io.memreplay.schemas.trace.TraceDataset;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A memory trace of a real program: valgrind's lackey recording {@code gzip -6} compressing 120 KB of
 * seeded, word-like text (about 46 M lines: instruction fetches, loads and stores of gzip and the C
 * library, 980 KB of pages). Recording takes half a minute, so it is done once into the benchmark cache
 * ({@code lackey-gzip/}), beside its import as a trace dataset, and reused by every later fork and run.
 */
@State(Scope.Benchmark)
public class RecordedProgram {

  private static final int INPUT_BYTES = 120_000;
  private static final String[] WORDS = {"page", "table", "walk", "guest", "host", "share", "balloon", "swap",
      "the", "of", "memory", "frame", "entry", "nested", "shadow", "large", "salt", "idle", "tax", "zero"};

  private Path lackeyLog;
  private TraceDataset dataset;

  @Setup(Level.Trial)
  public void record() throws IOException, InterruptedException, ImportException {
    Path dir = BenchData.folder().resolve("lackey-gzip");
    lackeyLog = dir.resolve("gzip.lackey");
    Path traceDir = dir.resolve("trace");
    if (!Files.exists(lackeyLog)) {
      recordInto(dir);
    }
    // the scenario is written after the manifest, so it marks an import that finished
    if (!Files.exists(traceDir.resolve(TraceImporter.SCENARIO_FILE))) {
      importInto(traceDir);
    }
    dataset = TraceDataset.open(traceDir);
  }

  /** Valgrind's log: the lackey lines with its own {@code ==PID==} lines around them. */
  Path lackeyLog() {
    return lackeyLog;
  }

  /** The scenario the import wrote beside the trace. */
  Scenario scenario() throws IOException, ConfigException {
    return BenchData.scenarioBeside(dataset, TraceImporter.SCENARIO_FILE);
  }

  /** The log imported by {@code memreplay import lackey}: one VM, one address space, 1 ns per access. */
  TraceDataset dataset() {
    return dataset;
  }

  static ImportOptions importOptions(Path log) {
    return new ImportOptions(TraceFormat.LACKEY, List.of(log), false, ImportOptions.DEFAULT_NS_PER_ACCESS, "bench",
        ImportOptions.GUEST_MB_FROM_FOOTPRINT);
  }

  private void importInto(Path traceDir) throws IOException, ImportException {
    TraceImporter.run(importOptions(lackeyLog), traceDir, TraceDatasetWriter.Settings.DEFAULT.replacing(), lines -> {});
  }

  private static void recordInto(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path input = dir.resolve("input.txt");
    try (OutputStream out = Files.newOutputStream(input)) {
      out.write(text());
    }
    LackeyRecorder.record(List.of("gzip", "-6", "-c", input.toString()), dir.resolve("gzip.lackey"));
  }

  /** Seeded words and spaces: compressible like text, the same bytes on every machine. */
  private static byte[] text() {
    SplittableRandom random = new SplittableRandom(1);
    StringBuilder text = new StringBuilder(INPUT_BYTES + 16);
    while (text.length() < INPUT_BYTES) {
      text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(12) == 0 ? '\n' : ' ');
    }
    text.setLength(INPUT_BYTES);
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
