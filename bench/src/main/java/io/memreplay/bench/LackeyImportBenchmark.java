package io.memreplay.bench;

import io.memreplay.ingest.imports.ImportException;
import io.memreplay.ingest.imports.ImportSummary;
import io.memreplay.ingest.imports.TraceImporter;
import io.memreplay.ingest.imports.compression.Compression;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast {@code memreplay import lackey} turns a valgrind log into a trace dataset: parsing, the
 * nominal clock, footprint counting and the Parquet writer, for the 46 M-line gzip recording of {@link
 * RecordedProgram} (read from the page cache after the first invocation), a few seconds per import. The
 * primary score is imports per second; the {@code lines} counter beside it, lines per second. {@code
 * compression} reads the same log kept compressed (compressed once into the benchmark cache, at each tool's
 * default level), to measure what decompressing on the fly costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 1, time = 15)
@Measurement(iterations = 4, time = 15)
public class LackeyImportBenchmark {

  @Param({"NONE", "GZIP", "ZSTD", "XZ", "BZIP2"})
  public Compression compression;

  private Path log;
  private Path out;

  @Setup(Level.Trial)
  public void locate(RecordedProgram program) throws IOException {
    log = compressed(program.lackeyLog(), compression);
    out = Files.createTempDirectory("lackey-import-bench");
  }

  /** The log compressed with {@code compression}, made once beside it. */
  private static Path compressed(Path plain, Compression compression) throws IOException {
    if (compression == Compression.NONE) {
      return plain;
    }
    Path packed = plain.resolveSibling(plain.getFileName() + "." + compression.label());
    if (!Files.exists(packed)) {
      Path partial = plain.resolveSibling(packed.getFileName() + ".partial");
      try (OutputStream out = encoder(compression, Files.newOutputStream(partial))) {
        Files.copy(plain, out);
      }
      Files.move(partial, packed, StandardCopyOption.REPLACE_EXISTING);
    }
    return packed;
  }

  private static OutputStream encoder(Compression compression, OutputStream out) throws IOException {
    OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
    return switch (compression) {
      case NONE -> buffered;
      case GZIP -> new GzipCompressorOutputStream(buffered);
      case ZSTD -> new ZstdCompressorOutputStream(buffered);
      case XZ -> new XZCompressorOutputStream(buffered);
      case BZIP2 -> new BZip2CompressorOutputStream(buffered);
    };
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
