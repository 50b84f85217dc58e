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

  /**
   * Runs the worker until the topic is read (or, with --follow, until Ctrl-C) and returns the exit status.
   * A topic the brokers do not have is bad input, said before the worker joins its group: Kafka would
   * otherwise wait for it, warning about it every few hundred milliseconds.
   */
  static int run(WorkerSettings settings, Duration timeout, Path out, boolean strict, PrintStream stdout) throws Exception {
    Set<String> topics = TraceTopics.topics(settings.bootstrap(), timeout);
    if (!topics.contains(settings.topic())) {
      throw new BadInputException("topic '" + settings.topic() + "' does not exist on " + settings.bootstrap()
          + (topics.isEmpty() ? " (it has no topics)" : " (its topics: " + String.join(", ", new TreeSet<>(topics)) + ")")
          + "; publish creates a trace topic");
    }
    ResultsSink results = replayId -> ParquetResultsDataset.create(out, replayId);
    long started = System.nanoTime();
    WorkerResult result;
    try (Progress progress = Progress.start("replay " + settings.topic(), -1, "events")) {
      KafkaReplayWorker worker = new KafkaReplayWorker(settings, results, listener(progress));
      CountDownLatch finished = new CountDownLatch(1);
      Thread stopOnCtrlC = new Thread(() -> {
        worker.stop();
        try {
          finished.await(STOP_WAIT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "replay-stop");
      Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
      try {
        result = worker.run();
      } finally {
        finished.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
        } catch (IllegalStateException shuttingDown) {
          // Ctrl-C: the hook is running and waits for this
        }
      }
    }
    report(result, settings, out, (System.nanoTime() - started) / 1e9, stdout);
    if (!result.failures().isEmpty()) {
      result.failures().forEach(failure -> System.err.println("memreplay replay: failed: " + failure));
      return ExitCode.FAILURE.code();
    }
    if (!result.inputProblems().isEmpty()) {
      result.inputProblems().forEach(problem -> System.err.println("memreplay replay: " + problem));
      return ExitCode.BAD_INPUT.code();
    }
    boolean incomplete = false;
    for (HostOutcome host : result.hosts()) {
      if (!host.result().complete()) {
        incomplete = true;
        ReplayCommand.warnIfIncomplete(host.result(), out);
      }
    }
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

  private static void report(WorkerResult result, WorkerSettings settings, Path out, double seconds, PrintStream stdout) {
    long accesses = 0;
    for (HostOutcome outcome : result.hosts()) {
      long hostAccesses = outcome.result().runs().get(0).accesses();
      accesses += hostAccesses;
      stdout.printf("Replayed host %s (trace %s, partition %d, offsets %d to %d): %,d accesses under %d %s.%n",
          outcome.host(), outcome.traceId(), outcome.partition(), outcome.startOffset(), outcome.endOffset(), hostAccesses,
          outcome.result().runs().size(), outcome.result().runs().size() == 1 ? "policy" : "policies");
    }
    stdout.printf("Worker of group %s replayed %d %s from topic %s in %.1f s (%.2f M accesses/s per policy).%n",
        settings.group(), result.hosts().size(), result.hosts().size() == 1 ? "host" : "hosts", settings.topic(), seconds,
        accesses / seconds / 1e6);
    if (result.rejected() > 0) {
      stdout.printf("Rejected %,d input messages and events; see them with: memreplay sql --results %s \"SELECT * FROM rejects\"%n",
          result.rejected(), out);
    }
    stdout.printf("Results in %s; summary: memreplay report --results %s%n", out, out);
  }
}
