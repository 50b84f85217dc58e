package io.memreplay.bench;

import io.memreplay.engine.config.ConfigException;
import io.memreplay.engine.config.Scenario;
import io.memreplay.ingest.generate.GeneratorSpec;
import io.memreplay.ingest.generate.TraceGenerator;
import io.memreplay.schemas.trace.TraceDataset;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The trace a benchmark runs on: the one {@code memreplay generate --accesses N} writes (four 1 GB
 * guests, seed 1, 30 minutes). Generating runs at 1-2 M accesses/s, ten times slower than decoding, so
 * each size is generated once into the cache folder, {@code defaults-N-accesses}, the name {@code
 * bench/e2e.sh} uses too; every later fork and run reuses it.
 */
@State(Scope.Benchmark)
public class GeneratedTrace {

  /**
   * Accesses of the trace. 5 M: a few seconds of replay, long next to a replay's start-up, short enough
   * for several invocations per measurement iteration.
   */
  @Param("5000000")
  public long accesses;

  private TraceDataset dataset;

  @Setup(Level.Trial)
  public void open() throws IOException {
    Path dir = BenchData.folder().resolve("defaults-" + accesses + "-accesses");
    // the scenario is written after the manifest, so it marks a trace whose generation finished
    if (!Files.exists(dir.resolve(TraceGenerator.SCENARIO_FILE))) {
      generate(dir);
    }
    dataset = TraceDataset.open(dir);
  }

  TraceDataset dataset() {
    return dataset;
  }

  /** The scenario the generator wrote beside the trace. */
  Scenario scenario() throws IOException, ConfigException {
    return BenchData.scenarioBeside(dataset, TraceGenerator.SCENARIO_FILE);
  }

  private void generate(Path dir) throws IOException {
    System.err.printf("Generating the benchmark trace (%,d accesses) into %s; later runs reuse it.%n", accesses, dir);
    long started = System.nanoTime();
    // replacing: a generation cut short leaves a partial trace in the folder
    TraceGenerator.generate(GeneratorSpec.defaults().withAccesses(accesses), dir,
        TraceDatasetWriter.Settings.DEFAULT.replacing(), written -> {});
    System.err.printf("Generated in %.1f s.%n", (System.nanoTime() - started) / 1e9);
  }
}
