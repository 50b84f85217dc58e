package io.memreplay.ingest.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.broker.EmbeddedBroker;
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

    assertEquals(1, haltedResult.hosts().size(), "the halted worker published one host before it died");
    assertTrue(replayedBySurvivor.containsAll(replayedByHalted), "the survivor replayed that host again");
    assertEquals(parquet.runs().size() + 2, kafka.commits.get(), "the host's two runs were published twice");
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
