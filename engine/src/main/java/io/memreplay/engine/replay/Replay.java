package io.memreplay.engine.replay;

import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.model.Row;
import io.memreplay.engine.replay.ReplayResult.RunSummary;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.trace.RecordScreen;
import io.memreplay.schemas.trace.TraceBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Replays one trace under several policies at once. The calling thread decodes the trace once; each
 * batch is handed, read-only, to every policy's run on its own thread, and goes back to a small pool
 * when the last run is done with it. Runs are all-or-nothing: results are committed only when every run
 * finished, and a failure anywhere aborts them all. A run whose source lost input is committed as
 * INCOMPLETE, and its output keeps an earlier COMPLETE run of the same id instead ({@link RunOutput#commit}).
 */
public final class Replay {

  /** Batches a run may have queued ahead of the one it works on: enough to ride out uneven batches. */
  private static final int QUEUE_DEPTH = 2;
  /** Batches in flight: each run's queue plus the one being filled and the one being replayed. */
  private static final int POOL_SIZE = QUEUE_DEPTH + 2;
  private static final long POLL_MS = 100;
  /** The status of a run that replayed its whole trace. */
  public static final String COMPLETE = "COMPLETE";
  /** The status of a run whose source lost input; the status goes on with what was lost. */
  public static final String INCOMPLETE = "INCOMPLETE";

  private final TraceSource source;
  private final Scenario scenario;
  private final List<Policy> policies;
  private final ReplayOptions options;
  private final ReplayOutput output;
  private final ReplayProgress progress;

  public Replay(TraceSource source, Scenario scenario, List<Policy> policies, ReplayOptions options,
      ReplayOutput output, ReplayProgress progress) {
    if (policies.isEmpty()) {
      throw new IllegalArgumentException("a replay needs at least one policy");
    }
    Set<String> names = new HashSet<>();
    for (Policy policy : policies) {
      if (!names.add(policy.name())) {
        throw new IllegalArgumentException("policy '" + policy.name() + "' is given twice; policy names name result folders");
      }
    }
    this.source = source;
    this.scenario = scenario;
    this.policies = List.copyOf(policies);
    this.options = options;
    this.output = output;
    this.progress = progress;
  }

  /**
   * The id a replay of {@code trace} on {@code scenario} with {@code options} gets, whatever its policies:
   * outputs that name files after it can be created before the replay runs.
   */
  public static String replayId(TraceInfo trace, Scenario scenario, ReplayOptions options) {
    return RunIdentity.replayId(trace, RunIdentity.scenarioDigest(scenario), options);
  }

  /** Runs the replay to the end of the trace and commits every run's results. */
  public ReplayResult run() throws IOException, InterruptedException {
    TraceInfo trace = source.info();
    String scenarioDigest = RunIdentity.scenarioDigest(scenario);
    String replayId = RunIdentity.replayId(trace, scenarioDigest, options);
    VmSlots slots = new VmSlots(scenario.vms());
    long startedAt = wallClockNs();

    List<Worker> workers = new ArrayList<>();
    try {
      for (Policy policy : policies) {
        RunIdentity identity = RunIdentity.of(replayId, policy);
        PolicyRun run = new PolicyRun(identity, policy, scenario, trace.host(), slots, options, trace.startNs());
        workers.add(new Worker(run));
        run.writeTo(output.openRun(identity.runId(), policy.name()));
      }
      AtomicInteger rejected = new AtomicInteger();
      Read read = feed(trace, slots, replayId, workers, rejected);
      String status = read.loss() == null ? COMPLETE : INCOMPLETE + ": " + read.loss().reason();
      List<RunSummary> runs = new ArrayList<>();
      List<String> kept = new ArrayList<>();
      for (Worker worker : workers) {
        PolicyRun run = worker.run;
        Row row = new RunColumns(run.tables()).row(run, read.trace(), scenario, scenarioDigest, options, startedAt,
            wallClockNs(), rejected.get(), read.loss(), status);
        if (!run.output().commit(row)) {
          kept.add(run.identity().runId());
        }
        runs.add(new RunSummary(run.identity().runId(), run.policy().name(), read.trace().traceId(), run.accesses(),
            run.pagetableOps(), run.pageContents(), run.demandSamples(), status));
      }
      if (kept.size() < runs.size()) {
        output.finish();
      } // else nothing of this replay is published, its rejects neither: the caller's close drops them
      progress.finished();
      return new ReplayResult(replayId, runs, rejected.get(), kept);
    } catch (OutOfMemoryError e) {
      long tracked = 0;
      for (Worker worker : workers) {
        tracked += worker.run.trackedPages();
        if (worker.run.output() != null) {
          worker.run.output().abort();
        }
      }
      workers.clear();
      throw new ReplayOutOfMemoryError(tracked, policies.size(), ReplayLimits.pageBound(trace, scenario),
          Runtime.getRuntime().maxMemory());
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      for (Worker worker : workers) {
        if (worker.run.output() != null) {
          worker.run.output().abort();
        }
      }
      throw e;
    }
  }

  /**
   * What reading the trace found out: what the source knows about the trace once it is read (a live
   * source, Kafka, learns the trace's end only from its end marker), and what input it lost, if any.
   */
  private record Read(TraceInfo trace, TraceSource.Loss loss) {}

  /** Reads the trace into the workers and waits until every worker has finished. */
  private Read feed(TraceInfo trace, VmSlots slots, String replayId, List<Worker> workers, AtomicInteger rejected)
      throws IOException, InterruptedException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    BlockingQueue<SharedBatch> pool = new ArrayBlockingQueue<>(POOL_SIZE);
    for (int i = 0; i < POOL_SIZE; i++) {
      pool.add(new SharedBatch(new TraceBatch()));
    }
    for (Worker worker : workers) {
      worker.start(pool, failure);
    }
    progress.started(trace.events());
    TraceInfo read = trace;
    TraceSource.Loss loss = null;
    try (TraceSource.Stream stream = source.open(screen(scenario), reject -> {
      rejected.incrementAndGet();
      reject(reject, replayId);
    })) {
      while (failure.get() == null) {
        SharedBatch shared = poll(pool, failure);
        if (shared == null) {
          break;
        }
        long rejectedBefore = stream.rejected();
        if (!stream.next(shared.batch)) {
          break;
        }
        int size = shared.batch.events();
        shared.references.set(workers.size());
        for (Worker worker : workers) {
          offer(worker.queue, shared, failure);
        }
        progress.advanced(size + (stream.rejected() - rejectedBefore));
      }
      read = source.info();
      loss = stream.loss();
      for (Worker worker : workers) {
        worker.traceEndNs = read.endNs();
      }
    } finally {
      for (Worker worker : workers) {
        // a run that failed stopped taking batches: its queue may stay full, and its thread has ended
        while (!worker.queue.offer(SharedBatch.END, POLL_MS, TimeUnit.MILLISECONDS) && worker.thread.isAlive()) {
          // the run is still busy with the batches before END
        }
      }
      for (Worker worker : workers) {
        worker.thread.join();
      }
    }
    Throwable failed = failure.get();
    if (failed instanceof IOException) {
      throw (IOException) failed;
    }
    if (failed instanceof RuntimeException) {
      throw (RuntimeException) failed;
    }
    if (failed instanceof Error) {
      throw (Error) failed;
    }
    return new Read(read, loss);
  }

  /** The rows the scenario can replay: those of its VMs, from their vCPUs, with demand within their memory. */
  static RecordScreen screen(Scenario scenario) {
    String reason = "vm is not in scenario '" + scenario.name() + "' (its VMs: "
        + scenario.vms().stream().map(vm -> Integer.toString(vm.id())).collect(Collectors.joining(", ")) + ")";
    return RecordScreen.of(scenario.vms().stream()
        .map(vm -> new RecordScreen.Vm(vm.id(), vm.vcpus(), vm.configuredPages())).toList(), reason);
  }

  private void reject(Reject reject, String replayId) {
    reject.setReplayId(replayId);
    try {
      output.reject(reject);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SharedBatch poll(BlockingQueue<SharedBatch> pool, AtomicReference<Throwable> failure)
      throws InterruptedException {
    while (failure.get() == null) {
      SharedBatch batch = pool.poll(POLL_MS, TimeUnit.MILLISECONDS);
      if (batch != null) {
        return batch;
      }
    }
    return null;
  }

  private static void offer(BlockingQueue<SharedBatch> queue, SharedBatch batch, AtomicReference<Throwable> failure)
      throws InterruptedException {
    while (failure.get() == null) {
      if (queue.offer(batch, POLL_MS, TimeUnit.MILLISECONDS)) {
        return;
      }
    }
  }

  private static long wallClockNs() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** A batch shared by all runs, back to the pool when the last run releases it. */
  private static final class SharedBatch {
    static final SharedBatch END = new SharedBatch(null);
    final TraceBatch batch;
    final AtomicInteger references = new AtomicInteger();

    SharedBatch(TraceBatch batch) {
      this.batch = batch;
    }
  }

  /** The thread of one policy run. */
  private static final class Worker {
    final PolicyRun run;
    /** Set by the reading thread before it queues END, which orders the write before the run reads it. */
    long traceEndNs;
    final BlockingQueue<SharedBatch> queue = new ArrayBlockingQueue<>(QUEUE_DEPTH + 1);
    Thread thread;

    Worker(PolicyRun run) {
      this.run = run;
    }

    void start(BlockingQueue<SharedBatch> pool, AtomicReference<Throwable> failure) {
      thread = new Thread(() -> work(pool, failure), "replay-" + run.identity().runId());
      thread.start();
    }

    private void work(BlockingQueue<SharedBatch> pool, AtomicReference<Throwable> failure) {
      try {
        while (true) {
          SharedBatch shared = queue.take();
          if (shared == SharedBatch.END) {
            break;
          }
          if (failure.get() == null) {
            run.process(shared.batch);
          }
          if (shared.references.decrementAndGet() == 0) {
            pool.add(shared);
          }
        }
        if (failure.get() == null) {
          run.finish(traceEndNs);
        }
      } catch (Throwable e) {
        failure.compareAndSet(null, e);
      }
    }
  }
}
