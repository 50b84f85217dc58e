package io.memreplay.ingest.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.broker.EmbeddedBroker;
import io.memreplay.engine.replay.ReplayResult;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.avro.TraceEnd;
import io.memreplay.schemas.avro.TraceStart;
import io.memreplay.schemas.avro.TraceVm;
import io.memreplay.schemas.kafka.AvroBinaryWriter;
import io.memreplay.schemas.kafka.TraceMessageCodec;
import io.memreplay.schemas.trace.AccessColumns;
import io.memreplay.schemas.trace.Columns;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka replays against a real broker (Kafka's own, KRaft, on 127.0.0.1): the rows equal those of the
 * Parquet replays of the same traces, however the hosts are spread over workers, whatever the workers
 * and the broker go through.
 */
class KafkaReplayTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @TempDir
  static Path dir;
  private static EmbeddedBroker broker;
  private static List<Path> traces;
  private static RecordingResults parquet;

  @BeforeAll
  static void startBrokerAndGenerateTraces() throws Exception {
    broker = EmbeddedBroker.start(0, null);
    traces = KafkaTraces.generate(dir, KafkaTraces.HOSTS, 30_000);
    parquet = KafkaTraces.parquetReplays(traces);
    assertEquals(KafkaTraces.HOSTS.size() * 2, parquet.runs().size(), "one run per host and policy");
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void publishedHostsReplayFromKafkaToTheRowsOfTheirParquetReplays() throws Exception {
    KafkaTraces.publish(broker.bootstrap(), "whole", 2, traces);
    RecordingResults kafka = new RecordingResults();
    WorkerResult result = new KafkaReplayWorker(
        KafkaTraces.settings(broker.bootstrap(), "whole", "whole", false, null, Map.of()), kafka, WorkerListener.NONE).run();
    assertEquals(KafkaTraces.HOSTS.size(), result.hosts().size(), result.toString());
    assertEquals(List.of(), result.inputProblems());
    assertEquals(List.of(), result.failures());
    assertEquals(parquet.runs(), kafka.runs());

    // the group's offsets are committed past every finished host: running it again replays nothing
    RecordingResults again = new RecordingResults();
    WorkerResult second = new KafkaReplayWorker(
        KafkaTraces.settings(broker.bootstrap(), "whole", "whole", false, null, Map.of()), again, WorkerListener.NONE).run();
    assertEquals(List.of(), second.hosts());
    assertEquals(Map.of(), again.runs());
  }

  @Test
  void twoWorkersOfAGroupSplitTheHostsAndTogetherWriteTheRowsOfOne() throws Exception {
    TraceTopics.ensure(broker.bootstrap(), "split", 2);
    RecordingResults kafka = new RecordingResults();
    Assignments assignments = new Assignments(2);
    BackgroundWorker first = follow("split", kafka, assignments.listener("first"));
    BackgroundWorker second = follow("split", kafka, assignments.listener("second"));
    assignments.awaitOnePartitionEach();
    KafkaTraces.publish(broker.bootstrap(), "split", 2, traces);
    awaitUntil(() -> kafka.runs().size() == parquet.runs().size());
    first.worker.stop();
    second.worker.stop();
    WorkerResult one = first.await();
    WorkerResult two = second.await();

    assertFalse(one.hosts().isEmpty(), "the first worker replayed hosts");
    assertFalse(two.hosts().isEmpty(), "the second worker replayed hosts");
    Set<String> hosts = new HashSet<>();
    one.hosts().forEach(outcome -> assertTrue(hosts.add(outcome.host()), outcome.host()));
    two.hosts().forEach(outcome -> assertTrue(hosts.add(outcome.host()), outcome.host() + " replayed by both"));
    assertEquals(Set.copyOf(KafkaTraces.HOSTS), hosts);
    assertEquals(parquet.runs(), kafka.runs());
  }

  @Test
  void aWorkerHaltedBeforeCommittingIsTakenOverAndNothingIsDuplicated() throws Exception {
    TraceTopics.ensure(broker.bootstrap(), "takeover", 2);
    RecordingResults kafka = new RecordingResults();
    Assignments assignments = new Assignments(2);
    KafkaReplayWorker[] halting = new KafkaReplayWorker[1];
    Set<String> replayedByHalted = ConcurrentHashMap.newKeySet();
    WorkerListener haltAfterFirstHost = new Assignments.Forwarding(assignments.listener("halting")) {
      @Override
      public void hostReplayed(HostOutcome outcome) {
        // results published, offsets not yet committed: the worker dies in between
        replayedByHalted.add(outcome.host());
        halting[0].halt();
      }
    };
    halting[0] = new KafkaReplayWorker(KafkaTraces.settings(broker.bootstrap(), "takeover", "takeover", true, null, Map.of()),
        kafka, haltAfterFirstHost);
    BackgroundWorker halted = new BackgroundWorker(halting[0], "halting-worker");
    Set<String> replayedBySurvivor = ConcurrentHashMap.newKeySet();
    BackgroundWorker survivor = follow("takeover", kafka, new Assignments.Forwarding(assignments.listener("survivor")) {
      @Override
      public void hostReplayed(HostOutcome outcome) {
        replayedBySurvivor.add(outcome.host());
      }
    });
    assignments.awaitOnePartitionEach();
    KafkaTraces.publish(broker.bootstrap(), "takeover", 2, traces);
    WorkerResult haltedResult = halted.await();
    awaitUntil(() -> replayedBySurvivor.containsAll(KafkaTraces.HOSTS),
        () -> "survivor replayed " + replayedBySurvivor + ", halted " + haltedResult + ", assignments " + assignments.held);
    survivor.worker.stop();
    survivor.await();

    // the worker halts on its first finished host; a host whose replay ended at the same moment may have
    // been published too, so the count is what the halted worker reports, not a constant
    int publishedByHalted = haltedResult.hosts().size();
    assertTrue(publishedByHalted >= 1, "the halted worker published a host before it died");
    assertTrue(publishedByHalted < KafkaTraces.HOSTS.size(), "and died before publishing them all");
    assertTrue(replayedBySurvivor.containsAll(replayedByHalted), "the survivor replayed those hosts again");
    // a host whose replay finished while the worker was halting published its runs without being reported
    int republished = kafka.commits.get() - parquet.runs().size();
    assertTrue(republished >= 2 * publishedByHalted && republished % 2 == 0,
        "each host the halted worker published had its two runs published again: " + republished + " extra");
    assertEquals(parquet.runs(), kafka.runs(), "the second publication replaced the first with the same rows");
  }

  @Test
  void aReplayRecoversWhenTheBrokerRestartsWhileItConsumes() throws Exception {
    KafkaTraces.publish(broker.bootstrap(), "restart", 1, traces);
    RecordingResults kafka = new RecordingResults();
    AtomicBoolean restarted = new AtomicBoolean();
    CountDownLatch brokerBack = new CountDownLatch(1);
    WorkerListener restartOnFirstHost = new WorkerListener() {
      @Override
      public void hostStarted(String host, TopicPartition partition, long offset) {
        if (restarted.compareAndSet(false, true)) {
          new Thread(() -> {
            try {
              broker.stop();
              Thread.sleep(2000);
              broker.start();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            } finally {
              brokerBack.countDown();
            }
          }, "broker-restart").start();
        }
      }
    };
    // one record batch per fetch, so that most of the topic is still to be read when the broker goes away
    Map<String, Object> smallFetches = Map.of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024,
        ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 1024);
    WorkerResult result = new KafkaReplayWorker(
        KafkaTraces.settings(broker.bootstrap(), "restart", "restart", false, null, smallFetches), kafka, restartOnFirstHost)
        .run();
    assertTrue(brokerBack.await(60, TimeUnit.SECONDS));
    assertTrue(restarted.get());
    assertTrue(broker.isRunning());
    assertEquals(List.of(), result.failures());
    assertEquals(parquet.runs(), kafka.runs());
  }

  @Test
  void eachKindOfBadMessageLandsInRejectsAndTheDeadLetterTopicWhileTheGoodDataReplays() throws Exception {
    String topic = "bad";
    TraceTopics.ensure(broker.bootstrap(), topic, 1);
    String scenario = KafkaTraces.scenarioYaml(traces.get(0));
    TraceStart start = TraceStart.newBuilder().setFormatVersion(1).setTraceId("hand-made").setDigest("test:bad-messages")
        .setHost("esx-bad").setVms(List.of(new TraceVm(0, "vm-0"), new TraceVm(1, "vm-1"))).setStartNs(0)
        .setEndNs(null).setEvents(null).setScenarioYaml(scenario).setProducer("test").build();
    AvroBinaryWriter writer = new AvroBinaryWriter(1024);
    List<byte[]> values = new ArrayList<>();
    values.add(TraceMessageCodec.start(0, start));                                   // offset 0
    values.add(accesses(writer, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));                  // 1: good, 10 accesses
    values.add("not a trace message".getBytes(StandardCharsets.UTF_8));               // 2: undecodable
    byte[] otherSchema = accesses(writer, 2, 11);
    otherSchema[2] ^= 0x5A;
    values.add(otherSchema);                                                          // 3: unknown fingerprint
    values.add(accesses(writer, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));                  // 4: sequence repeat
    values.add(accesses(writer, 2, 20, 15, 30));                                      // 5: one event out of time order
    values.add(accesses(writer, 4, 40));                                              // 6: sequence gap (3 missing)
    values.add(accesses(writer, 5, 50, 51, 52, 53, 54));                              // 7: good, 5 accesses
    values.add(TraceMessageCodec.end(6, new TraceEnd(54L, 20L)));                     // 8: end
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()), new StringSerializer(), new ByteArraySerializer())) {
      for (byte[] value : values) {
        producer.send(new ProducerRecord<>(topic, "esx-bad", value)).get();
      }
      producer.send(new ProducerRecord<>(topic, "esx-ghost", accesses(writer, 1, 60))).get(); // 9: no start marker
    }
    RecordingResults kafka = new RecordingResults();
    WorkerResult result = new KafkaReplayWorker(
        KafkaTraces.settings(broker.bootstrap(), topic, topic, false, topic + "-dlq", Map.of()), kafka, WorkerListener.NONE).run();

    assertEquals(1, result.hosts().size(), result.toString());
    ReplayResult replay = result.hosts().get(0).result();
    assertEquals(10 + 2 + 5, replay.runs().get(0).accesses(), "the good accesses replay");
    assertEquals(5, replay.rejected());
    // the end marker counts 20 events: 17 replayed and 1 rejected, so the 2 of the missing and skipped messages are lost
    assertEquals("INCOMPLETE: 2 events lost: a sequence gap: host esx-bad's message 3 is missing and message 4 "
        + "(partition 0, offset 6) was not replayed", replay.status());
    assertEquals(replay.runs().size(), kafka.statuses().size());
    assertTrue(kafka.statuses().values().stream().allMatch(replay.status()::equals), kafka.statuses().toString());
    Map<Long, String> reasons = new TreeMap<>();
    for (Reject reject : kafka.allRejects()) {
      assertEquals(topic, reject.getSource());
      assertEquals(0, reject.getPartition());
      reasons.merge(reject.getPosition(), reject.getKind() + ": " + reject.getReason(), (a, b) -> a + " | " + b);
    }
    assertEquals(Set.of(2L, 3L, 4L, 5L, 6L, 9L), reasons.keySet(), reasons.toString());
    assertTrue(reasons.get(2L).startsWith("message: not an Avro single-object encoded message"), reasons.get(2L));
    assertTrue(reasons.get(3L).startsWith("message: unknown schema fingerprint"), reasons.get(3L));
    assertTrue(reasons.get(4L).startsWith("message: sequence number 1 repeats"), reasons.get(4L));
    assertTrue(reasons.get(5L).startsWith("accesses: ts_ns 15 is earlier than the previous accesses row's 20"),
        reasons.get(5L));
    assertTrue(reasons.get(6L).startsWith("message: sequence gap: host esx-bad's next message is 3 but this one is 4"),
        reasons.get(6L));
    assertTrue(reasons.get(9L).startsWith("message: no start marker of host esx-ghost"), reasons.get(9L));
    assertTrue(kafka.rejects().containsKey("kafka-bad-0-9"), kafka.rejects().keySet().toString());

    Map<Long, String> deadLetters = deadLetters(topic + "-dlq", 6);
    assertEquals(reasons.keySet(), deadLetters.keySet());
    assertTrue(deadLetters.get(5L).startsWith("1 of 3 events rejected; the first: ts_ns 15"), deadLetters.get(5L));
    assertTrue(deadLetters.get(3L).startsWith("unknown schema fingerprint"), deadLetters.get(3L));
  }

  /** An accesses batch message of VM 0 at the given times, slice end set. */
  private static byte[] accesses(AvroBinaryWriter writer, long sequence, long... times) {
    AccessColumns rows = new AccessColumns(times.length);
    for (long ts : times) {
      rows.add(ts, 0, 0, 0, 0x1000L * ts, 0x1000L * ts, AccessColumns.READ, 8, Columns.NULL);
    }
    TraceMessageCodec.batch(sequence, rows, 0, rows.size(), true, writer);
    return writer.toByteArray();
  }

  /** The reasons of the dead letters, by the offset of the message they came from. */
  private static Map<Long, String> deadLetters(String topic, int expected) {
    Map<Long, String> reasons = new TreeMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(), ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (reasons.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          String offset = new String(record.headers().lastHeader(DeadLetters.SOURCE_OFFSET).value(), StandardCharsets.UTF_8);
          reasons.put(Long.parseLong(offset),
              new String(record.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8));
        }
      }
    }
    return reasons;
  }

  private static BackgroundWorker follow(String topic, RecordingResults results, WorkerListener listener)
      throws Exception {
    return new BackgroundWorker(new KafkaReplayWorker(
        KafkaTraces.settings(broker.bootstrap(), topic, topic, true, null, Map.of()), results, listener), topic + "-worker");
  }

  private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
    awaitUntil(condition, () -> "");
  }

  private static void awaitUntil(BooleanSupplier condition, java.util.function.Supplier<String> state)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + PATIENCE.toSeconds() + " s: " + state.get());
      }
      Thread.sleep(50);
    }
  }

  /** The partitions each worker of a group holds, to start publishing once the group has formed. */
  static final class Assignments {
    private final Map<String, Set<TopicPartition>> held = new ConcurrentHashMap<>();
    private final int workers;

    Assignments(int workers) {
      this.workers = workers;
    }

    WorkerListener listener(String name) {
      held.put(name, ConcurrentHashMap.newKeySet());
      return new WorkerListener() {
        @Override
        public void assigned(Collection<TopicPartition> partitions) {
          held.get(name).addAll(partitions);
        }

        @Override
        public void revoked(Collection<TopicPartition> partitions) {
          held.get(name).removeAll(partitions);
        }
      };
    }

    void awaitOnePartitionEach() throws InterruptedException {
      awaitUntil(() -> held.size() == workers && held.values().stream().allMatch(partitions -> partitions.size() == 1));
    }

    /** A listener that passes assignments on, for tests that add behaviour of their own. */
    static class Forwarding implements WorkerListener {
      private final WorkerListener delegate;

      Forwarding(WorkerListener delegate) {
        this.delegate = delegate;
      }

      @Override
      public void assigned(Collection<TopicPartition> partitions) {
        delegate.assigned(partitions);
      }

      @Override
      public void revoked(Collection<TopicPartition> partitions) {
        delegate.revoked(partitions);
      }
    }
  }
}
