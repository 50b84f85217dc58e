package io.memreplay.bench;

import io.memreplay.schemas.trace.TraceBatch;
import io.memreplay.schemas.trace.TraceReader;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How fast {@link TraceReader} decodes a trace's Parquet files into {@link TraceBatch}es: the reading
 * thread's share of a replay. The files come from the page cache after the first invocation, so this is
 * decoding, not disk. One invocation reads the whole trace; {@link RowCounts} turns that into rows/s.
 * {@code parquetJavaColumnReaders} and {@code parquetJavaAvroRecords} read the same files with
 * parquet-java's own readers ({@link ParquetJavaReads}): the baselines of the hand-written decoder.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class ColumnarReaderBenchmark {

  @Benchmark
  public void readTrace(GeneratedTrace trace, RowCounts counts, Blackhole blackhole) throws IOException {
    TraceBatch batch = new TraceBatch();
    try (TraceReader reader = trace.dataset().reader(new TraceReader.Options())) {
      while (reader.next(batch)) {
        counts.add(batch.accesses.size(), batch.events());
        // the batch holds every decoded array: once it escapes, no store into them can be dropped
        blackhole.consume(batch);
      }
    }
  }

  @Benchmark
  public void parquetJavaColumnReaders(GeneratedTrace trace, RowCounts counts, Blackhole blackhole) throws IOException {
    ParquetJavaReads.columnReaders(trace.dataset(), counts, blackhole);
  }

  @Benchmark
  public void parquetJavaAvroRecords(GeneratedTrace trace, RowCounts counts, Blackhole blackhole) throws IOException {
    ParquetJavaReads.avroRecords(trace.dataset(), counts, blackhole);
  }
}
