package io.memreplay.bench;

import io.memreplay.engine.config.ConfigException;
import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Scenario;
import io.memreplay.schemas.trace.TraceDataset;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where benchmarks cache the inputs that are slow to make (generated traces, recorded program traces). */
final class BenchData {

  /** Names the cache folder, when it should not be {@code bench-data} beside the benchmark classes. */
  private static final String CACHE_ENV = "MEMREPLAY_BENCH_DATA";

  private BenchData() {}

  /**
   * {@code bench/target/bench-data} when run from the build, wherever the benchmarks were started: the
   * folder is found from where the benchmark classes were loaded, not from the working directory.
   */
  static Path folder() {
    String configured = System.getenv(CACHE_ENV);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    try {
      Path classes = Path.of(BenchData.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return classes.resolveSibling("bench-data");
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot tell where the benchmark classes are; set " + CACHE_ENV, e);
    }
  }

  /** The scenario the generator or an importer wrote as {@code fileName} beside {@code dataset}'s manifest. */
  static Scenario scenarioBeside(TraceDataset dataset, String fileName) throws IOException, ConfigException {
    Path file = dataset.dir().resolve(fileName);
    return ConfigYaml.scenario(Files.readString(file), file.toString());
  }
}
