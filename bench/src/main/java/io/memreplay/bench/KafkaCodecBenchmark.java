package io.memreplay.bench;

import io.memreplay.ingest.kafka.TracePublisher;
import io.memreplay.schemas.avro.TraceMessage;
import io.memreplay.schemas.kafka.AvroBinaryWriter;
import io.memreplay.schemas.kafka.TraceMessageCodec;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.TraceBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.message.BinaryMessageDecoder;
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
 * {@code decode} turns those values back into columns as a Kafka replay's reading thread does. The baselines
 * do the same with Avro's library: {@code encodeWithAvroEncoder} and {@code decodeWithAvroDecoder} column by
 * column with its {@code BinaryEncoder} and {@code BinaryDecoder} ({@link AvroLibraryCodec}, checked to give
 * the same bytes and columns), {@code decodeGeneratedRecords} as Avro is usually used, into the generated
 * {@code TraceMessage} records (boxed lists).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class KafkaCodecBenchmark {

  /** Single-object encoding's marker and schema fingerprint, before the body. */
  private static final int HEADER_BYTES = 10;

  private InMemoryTrace trace;
  private final List<byte[]> values = new ArrayList<>();
  private final AvroLibraryCodec library = new AvroLibraryCodec();
  private byte[] header;

  @Setup(Level.Trial)
  public void encodeOnce(GeneratedTrace generated) throws IOException {
    trace = InMemoryTrace.decode(generated.dataset());
    AvroBinaryWriter writer = new AvroBinaryWriter(1 << 20);
    forEachMessage(trace.batches(), (sequence, block, from, count) -> {
      TraceMessageCodec.batch(sequence, block, from, count, false, writer);
      values.add(writer.toByteArray());
    });
    header = java.util.Arrays.copyOf(values.get(0), HEADER_BYTES);
    requireTheLibraryAgrees();
  }

  /** Fails the trial unless Avro's library writes the same bytes and reads the same columns: a fair race. */
  private void requireTheLibraryAgrees() throws IOException {
    List<byte[]> libraryValues = new ArrayList<>();
    forEachMessage(trace.batches(),
        (sequence, block, from, count) -> libraryValues.add(library.encode(header, sequence, block, from, count)));
    for (int i = 0; i < values.size(); i++) {
      if (!java.util.Arrays.equals(values.get(i), libraryValues.get(i))) {
        throw new IllegalStateException("message " + i + ": Avro's BinaryEncoder wrote other bytes");
      }
      TraceMessageCodec.Header messageHeader = TraceMessageCodec.readHeader(values.get(i));
      TraceBatch own = new TraceBatch();
      TraceBatch theirs = new TraceBatch();
      TraceMessageCodec.readBatch(values.get(i), messageHeader, own.columns(messageHeader.kind()));
      library.decode(values.get(i), messageHeader, theirs.columns(messageHeader.kind()));
      Columns a = own.columns(messageHeader.kind());
      Columns b = theirs.columns(messageHeader.kind());
      for (int row = 0; row < a.size(); row++) {
        if (b.size() != a.size() || !a.describe(row).equals(b.describe(row))) {
          throw new IllegalStateException("message " + i + " row " + row + ": Avro's BinaryDecoder read other columns");
        }
      }
    }
  }

  @Benchmark
  public void encodeWithAvroEncoder(RowCounts counts, Blackhole blackhole) throws IOException {
    forEachMessage(trace.batches(),
        (sequence, block, from, count) -> blackhole.consume(library.encode(header, sequence, block, from, count)));
    counts.add(trace.accesses(), trace.events());
  }

  @Benchmark
  public void decodeWithAvroDecoder(RowCounts counts, Blackhole blackhole) throws IOException {
    decodeAll(library::decode, counts, blackhole);
  }

  @Benchmark
  public void decodeGeneratedRecords(RowCounts counts, Blackhole blackhole) throws IOException {
    BinaryMessageDecoder<TraceMessage> decoder = TraceMessage.getDecoder();
    TraceMessage reused = null;
    for (byte[] value : values) {
      reused = decoder.decode(value, reused);
      blackhole.consume(reused);
    }
    counts.add(trace.accesses(), trace.events());
  }

  @Benchmark
  public void encode(RowCounts counts, Blackhole blackhole) throws IOException {
    AvroBinaryWriter writer = new AvroBinaryWriter(1 << 20);
    forEachMessage(trace.batches(), (sequence, block, from, count) -> {
      TraceMessageCodec.batch(sequence, block, from, count, false, writer);
      blackhole.consume(writer.toByteArray());
    });
    counts.add(trace.accesses(), trace.events());
  }

  @Benchmark
  public void decode(RowCounts counts, Blackhole blackhole) throws IOException {
    decodeAll(TraceMessageCodec::readBatch, counts, blackhole);
  }

  /** How a batch message's rows are appended to columns of its kind. */
  private interface BatchDecoder {
    void decode(byte[] value, TraceMessageCodec.Header header, Columns target) throws IOException;
  }

  /** Decodes every message into one reused batch, as a Kafka replay's reading thread does. */
  private void decodeAll(BatchDecoder decoder, RowCounts counts, Blackhole blackhole) throws IOException {
    TraceBatch batch = new TraceBatch();
    for (byte[] value : values) {
      TraceMessageCodec.Header header = TraceMessageCodec.readHeader(value);
      Columns target = batch.columns(header.kind());
      target.clear();
      decoder.decode(value, header, target);
      blackhole.consume(target);
    }
    counts.add(trace.accesses(), trace.events());
  }

  /** One message's rows: {@code [from, from + count)} of {@code block}, the {@code sequence}-th message. */
  private interface Message {
    void encode(long sequence, Columns block, int from, int count) throws IOException;
  }

  /** Cuts every batch into messages as the publisher does: per kind, at most EVENTS_PER_MESSAGE events each. */
  private static void forEachMessage(List<TraceBatch> batches, Message message) throws IOException {
    long sequence = 1;
    for (TraceBatch batch : batches) {
      for (RecordKind kind : RecordKind.values()) {
        Columns block = batch.columns(kind);
        for (int from = 0; from < block.size(); from += TracePublisher.EVENTS_PER_MESSAGE) {
          message.encode(sequence++, block, from, Math.min(TracePublisher.EVENTS_PER_MESSAGE, block.size() - from));
        }
      }
    }
  }
}
