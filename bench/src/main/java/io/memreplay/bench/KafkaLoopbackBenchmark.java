package io.memreplay.bench;

import io.memreplay.broker.EmbeddedBroker;
import io.memreplay.ingest.kafka.TracePublisher;
import io.memreplay.ingest.kafka.TraceTopics;
import io.memreplay.schemas.kafka.TraceMessageCodec;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.TraceBatch;
import io.memreplay.schemas.trace.TraceDataset;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The Kafka path on loopback, against a real broker (Kafka's own, KRaft, started in this JVM on
 * 127.0.0.1): {@code publish} is {@link TracePublisher#publish} of the whole benchmark trace ({@code
 * memreplay publish} without JVM start-up), acknowledged by the broker with {@code acks=all}; {@code
 * consume} is what one replay consumer does before the engine: fetch the host's messages from the start
 * and decode each batch into the columns of a {@link TraceBatch}. The broker shares the machine's cores
 * with the benchmark, as a broker on the same host would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 4, time = 10)
public class KafkaLoopbackBenchmark {

  private static final String CONSUMED_TOPIC = "consumed";

  private EmbeddedBroker broker;
  private TraceDataset dataset;
  private long accesses;
  private long events;
  private int published;

  @Setup(Level.Trial)
  public void startBrokerAndPublishOnce(GeneratedTrace trace) throws IOException {
    broker = EmbeddedBroker.start(0, null);
    dataset = trace.dataset();
    TraceTopics.ensure(broker.bootstrap(), CONSUMED_TOPIC, 1);
    try (TracePublisher publisher = new TracePublisher(broker.bootstrap(), CONSUMED_TOPIC, Map.of())) {
      TracePublisher.Published sent = publisher.publish(dataset, null, sentEvents -> {});
      accesses = sent.accesses();
      events = sent.events();
    }
  }

  @TearDown(Level.Trial)
  public void stopBroker() {
    broker.close();
  }

  /** Each publication goes to a topic of its own, deleted afterwards so the broker's disk use stays flat. */
  @Benchmark
  public void publish(RowCounts counts) throws Exception {
    String topic = "published-" + published++;
    TraceTopics.ensure(broker.bootstrap(), topic, 1);
    try (TracePublisher publisher = new TracePublisher(broker.bootstrap(), topic, Map.of())) {
      publisher.publish(dataset, null, sentEvents -> {});
    }
    counts.add(accesses, events);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap()))) {
      admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
    }
  }

  @Benchmark
  public void consume(RowCounts counts, Blackhole blackhole) throws IOException {
    TopicPartition partition = new TopicPartition(CONSUMED_TOPIC, 0);
    TraceBatch batch = new TraceBatch();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, TraceTopics.MAX_MESSAGE_BYTES),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      long next = 0;
      while (next < end) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          next = record.offset() + 1;
          TraceMessageCodec.Header header = TraceMessageCodec.readHeader(record.value());
          if (header.type() == TraceMessageCodec.Type.BATCH) {
            Columns target = batch.columns(header.kind());
            target.clear();
            TraceMessageCodec.readBatch(record.value(), header, target);
            blackhole.consume(target);
          }
        }
      }
    }
    counts.add(accesses, events);
  }
}
