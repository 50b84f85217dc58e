package io.memreplay.bench;

import io.memreplay.schemas.parquet.ParquetFiles;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.TraceBatch;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import io.memreplay.schemas.trace.TraceManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.parquet.hadoop.ParquetWriter;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writing a trace, the other half of the hand-written Parquet codec: {@code writeTrace} writes the benchmark
 * trace's batches (decoded once into memory) as a trace dataset with {@code TraceDatasetWriter}, whose
 * {@code ColumnarFileWriter} encodes pages from the column arrays, as {@code import} and {@code generate} do;
 * {@code parquetJavaAvroRecords} writes the same rows, one Parquet file per table, with parquet-java's {@code
 * AvroParquetWriter} of the generated records (an object per row), with the same page version and codec (v2,
 * ZSTD). The files go to a folder under {@code java.io.tmpdir}, deleted after each invocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 4, time = 10)
public class ColumnarWriterBenchmark {

  private InMemoryTrace trace;
  private TraceManifest manifest;
  private Path dir;

  @Setup(Level.Trial)
  public void decode(GeneratedTrace generated) throws IOException {
    trace = InMemoryTrace.decode(generated.dataset());
    manifest = generated.dataset().manifest();
    dir = Files.createTempDirectory("memreplay-writer-bench-");
  }

  @TearDown(Level.Invocation)
  public void deleteOutput() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).filter(file -> !file.equals(dir)).toList()) {
        Files.delete(file);
      }
    }
  }

  @TearDown(Level.Trial)
  public void deleteFolder() throws IOException {
    Files.deleteIfExists(dir);
  }

  @Benchmark
  public TraceManifest writeTrace(RowCounts counts) throws IOException {
    TraceDatasetWriter.Header header = new TraceDatasetWriter.Header(manifest.traceId(), manifest.host(), manifest.vms(),
        manifest.nominalTime(), "bench");
    try (TraceDatasetWriter writer = TraceDatasetWriter.create(dir.resolve("trace"), header,
        TraceDatasetWriter.Settings.DEFAULT)) {
      for (TraceBatch batch : trace.batches()) {
        for (RecordKind kind : RecordKind.values()) {
          writer.write(batch.columns(kind));
        }
      }
      counts.add(trace.accesses(), trace.events());
      return writer.finish();
    }
  }

  @Benchmark
  public void parquetJavaAvroRecords(RowCounts counts) throws IOException {
    Map<RecordKind, ParquetWriter<SpecificRecordBase>> writers = new EnumMap<>(RecordKind.class);
    try {
      for (RecordKind kind : RecordKind.values()) {
        writers.put(kind, ParquetFiles.avroWriter(dir.resolve(kind.table() + ".parquet"), kind.layout().schema()));
      }
      for (TraceBatch batch : trace.batches()) {
        for (RecordKind kind : RecordKind.values()) {
          Columns rows = batch.columns(kind);
          ParquetWriter<SpecificRecordBase> writer = writers.get(kind);
          for (int row = 0; row < rows.size(); row++) {
            writer.write(rows.toRecord(row));
          }
        }
      }
    } finally {
      for (ParquetWriter<SpecificRecordBase> writer : writers.values()) {
        writer.close();
      }
    }
    counts.add(trace.accesses(), trace.events());
  }
}
