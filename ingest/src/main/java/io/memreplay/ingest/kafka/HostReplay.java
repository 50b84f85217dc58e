package io.memreplay.ingest.kafka;

import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.replay.Replay;
import io.memreplay.engine.replay.ReplayOptions;
import io.memreplay.engine.replay.ReplayOutput;
import io.memreplay.engine.replay.ReplayProgress;
import io.memreplay.engine.replay.ReplayResult;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The replay of one host's trace, from its start marker, on a thread of its own: a {@link Replay} over a
 * {@link HostTraceSource} into the host's results. When the thread ends, successfully or not, the host is
 * handed to {@code onDone}, which the worker's consumer thread drains.
 */
final class HostReplay extends Episode {

  final HostTraceSource source;
  private final Thread thread;
  private volatile boolean done;
  private volatile ReplayResult result;
  private volatile Throwable failure;
  private volatile boolean cut;

  HostReplay(String host, TopicPartition partition, long firstOffset, HostTraceSource source, Scenario scenario,
      List<Policy> policies, ReplayOptions options, ResultsSink results, ReplayProgress progress,
      Consumer<HostReplay> onDone) {
    super(host, partition, firstOffset);
    this.source = source;
    this.thread = new Thread(() -> {
      try {
        ReplayOutput output = results.open(Replay.replayId(source.info(), scenario, options));
        try {
          result = new Replay(source, scenario, policies, options, output, progress).run();
        } finally {
          if (output instanceof AutoCloseable closeable) {
            closeable.close();
          }
        }
      } catch (Throwable e) {
        failure = e;
      } finally {
        done = true;
        onDone.accept(this);
      }
    }, "kafka-host-" + host);
  }

  void start() {
    thread.start();
  }

  boolean isDone() {
    return done;
  }

  /** The committed result, or null when the replay failed or was aborted. */
  ReplayResult result() {
    return result;
  }

  Throwable failure() {
    return failure;
  }

  boolean wasAborted() {
    return failure instanceof HostReplayAbortedException;
  }

  /** Hands a message to the replay; false when the replay already ended (failed) and takes no more. */
  boolean deliver(HostTraceSource.Item item) throws InterruptedException {
    return source.offer(item, () -> !done);
  }

  /**
   * Ends the trace where its messages stop, without its end marker: the replay finishes with what arrived,
   * as an incomplete run.
   */
  void cut(String reason) throws InterruptedException {
    cut = true;
    deliver(new HostTraceSource.Cut(reason));
  }

  /** Whether the trace was {@link #cut}: the host is not finished, whatever the replay published. */
  boolean isCut() {
    return cut;
  }

  /** Stops the replay without results and waits for its thread. */
  void abort(String reason) throws InterruptedException {
    source.abort(reason);
    thread.join();
  }

  void join() throws InterruptedException {
    thread.join();
  }
}
