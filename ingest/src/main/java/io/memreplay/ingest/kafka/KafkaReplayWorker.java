package io.memreplay.ingest.kafka;

import io.memreplay.engine.replay.ReplayProgress;
import io.memreplay.schemas.kafka.TraceMessageCodec;
import io.memreplay.schemas.kafka.TraceMessageException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replay worker: one member of a consumer group on a trace topic. Kafka assigns it partitions; it
 * replays every host trace in them from start marker to end marker, each on its own thread through the
 * same {@link io.memreplay.engine.replay.Replay} a Parquet replay uses, and writes each host's results when
 * its trace ends.
 *
 * <p>Offsets are committed only past what is finished: a host's results are published (atomically, by the
 * results sink) before the offsets past its start marker are committed ({@link PartitionLedger}). When a
 * partition goes to another worker, the hosts still open in it are aborted without results, and the new
 * owner replays them from their start markers; a host published twice gets the same run ids, so its
 * files are overwritten with identical ones, never duplicated. Workers of a group should therefore
 * write to one results folder.
 *
 * <p>{@link #run} runs on the calling thread until the topic is read (without {@code follow}), or until
 * {@link #stop} or {@link #halt} from another thread.
 */
public final class KafkaReplayWorker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaReplayWorker.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(15);
  /**
   * How long an empty assignment must last before a worker without {@code follow} leaves: a worker that
   * joins a busy group gets nothing in the first rebalance and its share in the next one.
   */
  private static final long SETTLE_NS = Duration.ofSeconds(10).toNanos();

  private final WorkerSettings settings;
  private final ResultsSink results;
  private final WorkerListener listener;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final DeadLetters deadLetters;
  private final StartMarkers startMarkers;
  private final Map<TopicPartition, PartitionLedger> ledgers = new HashMap<>();
  private final BlockingQueue<HostReplay> ended = new LinkedBlockingQueue<>();
  private final AtomicLong eventsRead = new AtomicLong();
  private long eventsReported;
  private final List<HostOutcome> outcomes = new ArrayList<>();
  private final List<String> inputProblems = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private long unreplayedRejects;
  private boolean assigned;
  private long lastRebalanceNs = System.nanoTime();
  private volatile boolean stopRequested;
  private volatile boolean halted;

  public KafkaReplayWorker(WorkerSettings settings, ResultsSink results, WorkerListener listener) {
    this.settings = settings;
    this.results = results;
    this.listener = listener;
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // a rebalance then moves only the partitions that change owner: the others' hosts keep replaying
    config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, TraceTopics.MAX_MESSAGE_BYTES);
    // the OS's buffer, which grows with the connection: Kafka's fixed 64 KB caps a fast link
    config.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, -1);
    config.putAll(settings.consumerOverrides());
    this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.deadLetters = settings.deadLetterTopic() == null ? null
        : new DeadLetters(settings.bootstrap(), settings.deadLetterTopic());
    ReplayProgress progress = new ReplayProgress() {
      @Override
      public void advanced(long events) {
        eventsRead.addAndGet(events);
      }
    };
    this.startMarkers = new StartMarkers(settings, results, deadLetters, progress, ended::add);
  }

  /** Consumes and replays until done (see the class comment); then commits what is finished and leaves the group. */
  public WorkerResult run() throws KafkaUnavailableException, InterruptedException {
    if (settings.deadLetterTopic() != null) {
      // brokers need not create topics on first use; dead letters are trace messages, as large
      TraceTopics.ensure(settings.bootstrap(), settings.deadLetterTopic(), 1);
    }
    consumer.subscribe(List.of(settings.topic()), new Rebalances());
    try {
      while (!stopRequested && !halted) {
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = consumer.poll(POLL);
        } catch (WakeupException e) {
          continue;
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
          if (halted) {
            break;
          }
          route(record);
        }
        settleEndedReplays();
        reportProgress();
        if (halted) {
          break;
        }
        commit();
        if (!settings.follow() && records.isEmpty() && assigned && everythingRead() && finishAtEnd()) {
          break;
        }
      }
    } catch (KafkaException e) {
      throw new KafkaUnavailableException("consuming topic '" + settings.topic() + "' failed: " + e.getMessage(), e);
    } finally {
      shutDown();
    }
    long rejected = unreplayedRejects + outcomes.stream().mapToLong(outcome -> outcome.result().rejected()).sum();
    return new WorkerResult(List.copyOf(outcomes), List.copyOf(inputProblems), List.copyOf(failures), rejected);
  }

  /** Asks {@link #run} to stop soon: open hosts are aborted (their next owner replays them), finished work committed. */
  public void stop() {
    stopRequested = true;
    consumer.wakeup();
  }

  /**
   * Stops at once without committing anything more, as a worker that crashed would: for tests of what the
   * other workers of the group then do.
   */
  public void halt() {
    halted = true;
    consumer.wakeup();
  }

  @Override
  public void close() {
    stop();
  }

  private void route(ConsumerRecord<byte[], byte[]> record) throws InterruptedException, KafkaUnavailableException {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    PartitionLedger ledger = ledgers.get(partition);
    if (ledger == null) {
      return;
    }
    ledger.position = record.offset() + 1;
    String host = MessageRejects.host(record);
    String hostKey = host == null ? "" : host;
    if (ledger.finishedBefore(hostKey, record.offset())) {
      return;
    }
    TraceMessageCodec.Header header = null;
    String unreadable = null;
    try {
      header = TraceMessageCodec.readHeader(record.value());
    } catch (TraceMessageException e) {
      unreadable = e.getMessage();
    }
    Episode open = ledger.open(hostKey);
    if (header != null && header.type() == TraceMessageCodec.Type.START) {
      if (open != null) {
        endAbandoned(ledger, open, record);
      }
      start(ledger, hostKey, record, header);
      return;
    }
    if (open == null) {
      open = new UnreplayedTrace(hostKey, partition, record.offset(), host == null
          ? "the record has no key; a trace record's key is its host (docs/kafka.md 'Kafka topic format')"
          : "no start marker of host " + host + " precedes this message in partition " + record.partition()
              + " (a host is replayed from its start marker: was it removed by retention, or sent to another partition?)");
      ledger.add(open);
    }
    if (open instanceof HostReplay replay) {
      HostTraceSource.Item item = unreadable != null ? new HostTraceSource.Unreadable(record, unreadable)
          : new HostTraceSource.Message(record, header);
      replay.deliver(item);
    } else {
      UnreplayedTrace rejected = (UnreplayedTrace) open;
      if (unreadable != null) {
        rejected.reject(record, unreadable, deadLetters);
      } else {
        rejected.reject(record, deadLetters);
      }
    }
    if (header != null && header.type() == TraceMessageCodec.Type.END) {
      open.endOffset = record.offset();
      ledger.ended(open);
      if (open instanceof UnreplayedTrace rejected) {
        publish(ledger, rejected);
      }
    }
  }

  /** A start marker arrived for a host whose earlier trace is still open: that trace is cut short. */
  private void endAbandoned(PartitionLedger ledger, Episode open, ConsumerRecord<byte[], byte[]> record)
      throws InterruptedException, KafkaUnavailableException {
    String reason = "host " + open.host + "'s trace from offset " + open.firstOffset + " of partition "
        + record.partition() + " has no end marker before a new start marker at offset " + record.offset();
    if (open instanceof HostReplay replay) {
      replay.abort(reason);
      inputProblems.add(reason + "; it was not replayed");
      ledger.close(open);
    } else {
      publish(ledger, (UnreplayedTrace) open);
    }
  }

  private void start(PartitionLedger ledger, String host, ConsumerRecord<byte[], byte[]> record,
      TraceMessageCodec.Header header) {
    Episode episode = startMarkers.begin(host, ledger.partition, record, header);
    ledger.add(episode);
    if (episode instanceof HostReplay replay) {
      replay.start();
      listener.hostStarted(host, ledger.partition, record.offset());
    } else {
      inputProblems.add(((UnreplayedTrace) episode).problem());
    }
  }

  /** Takes note of the host replays whose threads ended since the last look. */
  private void settleEndedReplays() {
    // a halted worker acts as if it had died: what ends after the halt goes unnoticed
    for (HostReplay replay; !halted && (replay = ended.poll()) != null; ) {
      PartitionLedger ledger = ledgers.get(replay.partition);
      if (replay.result() != null) {
        HostOutcome outcome = new HostOutcome(replay.host, replay.source.info().traceId(), replay.partition.partition(),
            replay.firstOffset, replay.endOffset, replay.result());
        outcomes.add(outcome);
        if (ledger != null && !replay.isCut()) {
          ledger.close(replay);
        }
        listener.hostReplayed(outcome);
      } else if (!replay.wasAborted()) {
        // kept open in its ledger: the offsets stay before its start, so a later worker tries it again
        LOG.error("replaying host {} from partition {} offset {} failed", replay.host, replay.partition.partition(),
            replay.firstOffset, replay.failure());
        failures.add("host " + replay.host + " (partition " + replay.partition.partition() + ", from offset "
            + replay.firstOffset + "): the replay failed: " + replay.failure());
      }
    }
  }

  private void reportProgress() {
    long read = eventsRead.get();
    if (read != eventsReported) {
      listener.eventsRead(read - eventsReported);
      eventsReported = read;
    }
  }

  /**
   * Commits every owned partition whose commit point moved, dead letters first.
   *
   * @return false when the commit must be tried again (the group is rebalancing, or Kafka did not answer)
   */
  private boolean commit() throws KafkaUnavailableException {
    return commit(ledgers.keySet());
  }

  private boolean commit(Collection<TopicPartition> partitions) throws KafkaUnavailableException {
    Map<TopicPartition, OffsetAndMetadata> points = new HashMap<>();
    for (TopicPartition partition : partitions) {
      PartitionLedger ledger = ledgers.get(partition);
      OffsetAndMetadata point = ledger == null ? null : ledger.commitPoint();
      if (point != null) {
        points.put(partition, point);
      }
    }
    if (points.isEmpty()) {
      return true;
    }
    if (deadLetters != null) {
      deadLetters.flush();
    }
    try {
      consumer.commitSync(points, CLIENT_TIMEOUT);
      points.forEach((partition, point) -> ledgers.get(partition).committed(point));
      return true;
    } catch (RetriableException | RebalanceInProgressException | WakeupException e) {
      LOG.debug("commit of {} will be retried: {}", points, e.toString());
      return false;
    } catch (CommitFailedException e) {
      LOG.debug("commit of {} given up, the partitions moved: {}", points, e.toString());
      return true;
    }
  }

  /** Whether every owned partition is read up to its current end. */
  private boolean everythingRead() {
    if (ledgers.isEmpty()) {
      return System.nanoTime() - lastRebalanceNs > SETTLE_NS;
    }
    try {
      Map<TopicPartition, Long> ends = consumer.endOffsets(ledgers.keySet(), CLIENT_TIMEOUT);
      for (TopicPartition partition : ledgers.keySet()) {
        if (consumer.position(partition, CLIENT_TIMEOUT) < ends.get(partition)) {
          return false;
        }
      }
      return true;
    } catch (RetriableException | WakeupException e) {
      return false;
    }
  }

  /**
   * At the end of the topic without {@code follow}: hosts whose end marker arrived are left to finish; hosts
   * without one are cut where their messages stop, replayed that far and published as INCOMPLETE.
   *
   * @return true when nothing is left to wait for
   */
  private boolean finishAtEnd() throws InterruptedException, KafkaUnavailableException {
    boolean waiting = false;
    for (PartitionLedger ledger : ledgers.values()) {
      for (Episode episode : ledger.unfinishedEpisodes()) {
        if (episode instanceof UnreplayedTrace rejected) {
          publish(ledger, rejected);
        } else {
          HostReplay replay = (HostReplay) episode;
          if (replay.isDone()) {
            continue;
          }
          if (replay.endOffset < 0 && !replay.isCut()) {
            // what arrived is replayed and published as incomplete; the host stays unfinished in the ledger, so
            // the offsets stay before its start and the whole trace is replayed once the rest is published
            replay.cut("host " + replay.host + "'s trace from offset " + replay.firstOffset + " of partition "
                + ledger.partition.partition() + " has no end marker by offset " + (ledger.position - 1)
                + " (publish the rest, or replay with --follow to wait for it)");
          }
          waiting = true;
        }
      }
    }
    return !waiting;
  }

  private void publish(PartitionLedger ledger, UnreplayedTrace rejected) throws KafkaUnavailableException {
    try {
      rejected.publish(results);
      unreplayedRejects += rejected.rejected();
      ledger.close(rejected);
    } catch (IOException e) {
      failures.add("writing the rejects of " + rejected.rejectsId() + " failed: " + e.getMessage());
    }
  }

  private void shutDown() throws InterruptedException {
    try {
      abortOpenReplays(ledgers.keySet(), halted ? "the worker was halted" : "the worker stopped");
      settleEndedReplays();
      if (!halted) {
        commitBeforeLeaving();
      }
    } finally {
      consumer.close(CLIENT_TIMEOUT);
      if (deadLetters != null) {
        deadLetters.close();
      }
    }
  }

  /**
   * The last commit, tried until the group lets it through: a worker that leaves while the group
   * rebalances (another worker just joined, say) would otherwise leave its finished hosts to be replayed
   * again. Polling lets the rebalance complete; what those polls return is not replayed, and commit points
   * come from the ledgers, never from the consumer's position, so it is not committed either.
   */
  private void commitBeforeLeaving() {
    long deadline = System.nanoTime() + CLIENT_TIMEOUT.toNanos();
    try {
      while (!commit() && System.nanoTime() < deadline) {
        try {
          consumer.poll(POLL);
        } catch (WakeupException e) {
          // stop() wakes the consumer once more; keep trying
        }
      }
    } catch (KafkaUnavailableException | KafkaException e) {
      LOG.warn("the last commit failed; the next owner replays from the previous one: {}", e.getMessage());
    }
  }

  private void abortOpenReplays(Collection<TopicPartition> partitions, String reason) throws InterruptedException {
    for (TopicPartition partition : partitions) {
      PartitionLedger ledger = ledgers.get(partition);
      if (ledger != null) {
        for (Episode episode : ledger.unfinishedEpisodes()) {
          if (episode instanceof HostReplay replay && !replay.isDone()) {
            replay.abort(reason);
          }
        }
      }
    }
  }

  /** Partitions coming and going: see the class comment for what happens to their hosts. */
  private final class Rebalances implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      lastRebalanceNs = System.nanoTime();
      if (partitions.isEmpty()) {
        assigned = true;
        return;
      }
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions), CLIENT_TIMEOUT);
      for (TopicPartition partition : partitions) {
        ledgers.put(partition, new PartitionLedger(partition, consumer.position(partition, CLIENT_TIMEOUT),
            committed.get(partition)));
      }
      assigned = true;
      listener.assigned(partitions);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      leave(partitions, !halted);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      leave(partitions, false);
    }

    private void leave(Collection<TopicPartition> partitions, boolean commitFinished) {
      lastRebalanceNs = System.nanoTime();
      try {
        abortOpenReplays(partitions, "partition moved to another worker of group " + settings.group());
        settleEndedReplays();
        if (commitFinished) {
          commit(partitions);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (KafkaUnavailableException e) {
        LOG.warn("commit before giving up partitions {} failed: {}", partitions, e.getMessage());
      } finally {
        partitions.forEach(ledgers::remove);
        listener.revoked(partitions);
      }
    }
  }
}
