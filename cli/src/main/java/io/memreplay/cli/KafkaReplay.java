package io.memreplay.cli;

import io.memreplay.analytics.results.ParquetResultsDataset;
import io.memreplay.ingest.kafka.HostOutcome;
import io.memreplay.ingest.kafka.KafkaReplayWorker;
import io.memreplay.ingest.kafka.ResultsSink;
import io.memreplay.ingest.kafka.TraceTopics;
import io.memreplay.ingest.kafka.WorkerListener;
import io.memreplay.ingest.kafka.WorkerResult;
import io.memreplay.ingest.kafka.WorkerSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code memreplay replay --kafka}: one worker of a consumer group, replaying the hosts of its partitions. */
final class KafkaReplay {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaReplay.class);
  /** How long Ctrl-C waits for the worker to abort its open hosts and commit what it finished. */
  private static final long STOP_WAIT_S = 30;

  private KafkaReplay() {}

  /** What {@code replay --kafka --json} prints: each host replayed, with its runs, and what went wrong. */
  record WorkerReplayed(String group, String topic, Path results, double seconds, long accesses, long rejected,
      List<HostReplayed> hosts, List<String> inputProblems, List<String> failures) {

    static WorkerReplayed of(WorkerResult result, WorkerSettings settings, Path out, double seconds) {
      List<HostReplayed> hosts = result.hosts().stream().map(HostReplayed::of).toList();
      return new WorkerReplayed(settings.group(), settings.topic(), out, seconds,
          hosts.stream().mapToLong(HostReplayed::accesses).sum(), result.rejected(), hosts, result.inputProblems(),
          result.failures());
    }
  }

  /** One host's trace, where it was in the topic, and its runs. */
  record HostReplayed(String host, String traceId, int partition, long startOffset, long endOffset, long accesses,
      List<ReplayCommand.Replayed.RunId> runs) {

    static HostReplayed of(HostOutcome outcome) {
      return new HostReplayed(outcome.host(), outcome.traceId(), outcome.partition(), outcome.startOffset(),
          outcome.endOffset(), outcome.result().runs().get(0).accesses(),
          outcome.result().runs().stream().map(ReplayCommand.Replayed.RunId::of).toList());
    }
  }

  /**
   * Runs the worker until the topic is read (or, with --follow, until Ctrl-C) and returns the exit status.
   * A topic the brokers do not have is bad input, said before the worker joins its group: Kafka would
   * otherwise wait for it, warning about it every few hundred milliseconds.
   */
  static int run(WorkerSettings settings, Duration timeout, Path out, boolean strict, JsonOption json) throws Exception {
    Set<String> topics = TraceTopics.topics(settings.bootstrap(), timeout);
    if (!topics.contains(settings.topic())) {
      throw new BadInputException("topic '" + settings.topic() + "' does not exist on " + settings.bootstrap()
          + (topics.isEmpty() ? " (it has no topics)" : " (its topics: " + String.join(", ", new TreeSet<>(topics)) + ")")
          + "; publish creates a trace topic");
    }
    // Ctrl-C stops the worker, and the JVM halts once its shutdown hooks return: the hook waits until this
    // method has printed what the worker did (the summary, the JSON document), or they would be cut short
    CountDownLatch finished = new CountDownLatch(1);
    try {
      return replay(settings, out, strict, json, finished);
    } finally {
      finished.countDown();
    }
  }

  private static int replay(WorkerSettings settings, Path out, boolean strict, JsonOption json, CountDownLatch finished)
      throws Exception {
    ResultsSink results = replayId -> ParquetResultsDataset.create(out, replayId);
    long started = System.nanoTime();
    WorkerResult result;
    try (Progress progress = Progress.start("replay " + settings.topic(), -1, "events")) {
      KafkaReplayWorker worker = new KafkaReplayWorker(settings, results, listener(progress));
      Thread stopOnCtrlC = new Thread(() -> {
        worker.stop();
        try {
          finished.await(STOP_WAIT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "replay-stop");
      Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
      Interruption.handledByCommand();
      try {
        result = worker.run();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
        } catch (IllegalStateException shuttingDown) {
          // Ctrl-C: the hook is running and waits for this command to return
        }
      }
    }
    WorkerReplayed replayed = WorkerReplayed.of(result, settings, out, (System.nanoTime() - started) / 1e9);
    report(replayed, json.human());
    json.print(replayed);
    if (!result.failures().isEmpty()) {
      result.failures().forEach(failure -> System.err.println("memreplay replay: failed: " + failure));
      return ExitCode.FAILURE.code();
    }
    if (!result.inputProblems().isEmpty()) {
      result.inputProblems().forEach(problem -> System.err.println("memreplay replay: " + problem));
      return ExitCode.BAD_INPUT.code();
    }
    for (HostOutcome host : result.hosts()) {
      ReplayCommand.warnIfIncomplete(host.result(), out);
      ReplayCommand.warnOfDroppedAccesses(host.result());
    }
    boolean incomplete = result.hosts().stream().anyMatch(host -> !host.result().complete());
    return strict && (result.rejected() > 0 || incomplete) ? ExitCode.REJECTS.code() : ExitCode.OK.code();
  }

  private static WorkerListener listener(Progress progress) {
    return new WorkerListener() {
      @Override
      public void assigned(java.util.Collection<TopicPartition> partitions) {
        LOG.info("replaying partitions {}", partitions);
      }

      @Override
      public void hostStarted(String host, TopicPartition partition, long offset) {
        LOG.info("host {}: trace starts at partition {} offset {}", host, partition.partition(), offset);
      }

      @Override
      public void hostReplayed(HostOutcome outcome) {
        LOG.info("host {}: replayed and published (offsets {} to {})", outcome.host(), outcome.startOffset(),
            outcome.endOffset());
      }

      @Override
      public void eventsRead(long events) {
        progress.step(events);
      }
    };
  }

  private static void report(WorkerReplayed replayed, PrintStream stdout) {
    for (HostReplayed host : replayed.hosts()) {
      stdout.printf("Replayed host %s (trace %s, partition %d, offsets %d to %d): %,d accesses under %d %s.%n",
          host.host(), host.traceId(), host.partition(), host.startOffset(), host.endOffset(), host.accesses(),
          host.runs().size(), host.runs().size() == 1 ? "policy" : "policies");
    }
    stdout.printf("Worker of group %s replayed %d %s from topic %s in %.1f s (%.2f M accesses/s per policy).%n",
        replayed.group(), replayed.hosts().size(), replayed.hosts().size() == 1 ? "host" : "hosts", replayed.topic(),
        replayed.seconds(), replayed.accesses() / replayed.seconds() / 1e6);
    if (replayed.rejected() > 0) {
      stdout.printf("Rejected %,d input messages and events; see them with: memreplay sql --results %s \"SELECT * FROM rejects\"%n",
          replayed.rejected(), replayed.results());
    }
    stdout.printf("Results in %s; summary: memreplay report --results %s%n", replayed.results(), replayed.results());
  }
}
