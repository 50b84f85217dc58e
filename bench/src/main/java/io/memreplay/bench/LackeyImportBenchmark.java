package io.memreplay.bench;

import io.memreplay.ingest.imports.ImportException;
import io.memreplay.ingest.imports.ImportSummary;
import io.memreplay.ingest.imports.TraceImporter;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast {@code memreplay import lackey} turns a valgrind log into a trace dataset: parsing, the
 * nominal clock, footprint counting and the Parquet writer, for the 46 M-line gzip recording of {@link
 * RecordedProgram} (read from the page cache after the first invocation), a few seconds per import. The
 * primary score is imports per second; the {@code lines} counter beside it, lines per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 1, time = 15)
@Measurement(iterations = 4, time = 15)
public class LackeyImportBenchmark {

  private Path log;
  private Path out;

  @Setup(Level.Trial)
  public void locate(RecordedProgram program) throws IOException {
    log = program.lackeyLog();
    out = Files.createTempDirectory("lackey-import-bench");
  }

  @Benchmark
  public ImportSummary importLackey(Lines lines) throws IOException, ImportException {
    ImportSummary summary = TraceImporter.run(RecordedProgram.importOptions(log), out,
        TraceDatasetWriter.Settings.DEFAULT.replacing(), read -> {});
    lines.lines += summary.lines();
    return summary;
  }

  /** Lines read, which JMH reports per second beside the primary score. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Lines {
    public long lines;

    @Setup(Level.Iteration)
    public void reset() {
      lines = 0;
    }
  }
}
