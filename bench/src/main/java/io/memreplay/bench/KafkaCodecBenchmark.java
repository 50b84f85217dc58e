package io.memreplay.bench;

import io.memreplay.ingest.kafka.TracePublisher;
import io.memreplay.schemas.kafka.AvroBinaryWriter;
import io.memreplay.schemas.kafka.TraceMessageCodec;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.TraceBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The trace topic's batch codec alone, no Kafka: {@code encode} turns the benchmark trace's batches into
 * message values as {@code memreplay publish} does ({@link TracePublisher#EVENTS_PER_MESSAGE} events each),
 * {@code decode} turns those values back into columns as a Kafka replay's reading thread does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class KafkaCodecBenchmark {

  private InMemoryTrace trace;
  private final List<byte[]> values = new ArrayList<>();

  @Setup(Level.Trial)
  public void encodeOnce(GeneratedTrace generated) throws IOException {
    trace = InMemoryTrace.decode(generated.dataset());
    AvroBinaryWriter writer = new AvroBinaryWriter(1 << 20);
    forEachMessage(trace.batches(), writer, () -> values.add(writer.toByteArray()));
  }

  @Benchmark
  public void encode(RowCounts counts, Blackhole blackhole) {
    AvroBinaryWriter writer = new AvroBinaryWriter(1 << 20);
    forEachMessage(trace.batches(), writer, () -> blackhole.consume(writer.toByteArray()));
    counts.add(trace.accesses(), trace.events());
  }

  @Benchmark
  public void decode(RowCounts counts, Blackhole blackhole) throws IOException {
    TraceBatch batch = new TraceBatch();
    for (byte[] value : values) {
      TraceMessageCodec.Header header = TraceMessageCodec.readHeader(value);
      Columns target = batch.columns(header.kind());
      target.clear();
      TraceMessageCodec.readBatch(value, header, target);
      blackhole.consume(target);
    }
    counts.add(trace.accesses(), trace.events());
  }

  /** Encodes every batch as the publisher does: per kind, in messages of at most EVENTS_PER_MESSAGE events. */
  private static void forEachMessage(List<TraceBatch> batches, AvroBinaryWriter writer, Runnable sent) {
    long sequence = 1;
    for (TraceBatch batch : batches) {
      for (RecordKind kind : RecordKind.values()) {
        Columns block = batch.columns(kind);
        for (int from = 0; from < block.size(); from += TracePublisher.EVENTS_PER_MESSAGE) {
          int count = Math.min(TracePublisher.EVENTS_PER_MESSAGE, block.size() - from);
          TraceMessageCodec.batch(sequence++, block, from, count, false, writer);
          sent.run();
        }
      }
    }
  }
}
