package io.memreplay.engine.replay;

import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.model.Row;
import io.memreplay.engine.model.Threading;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Replays one trace under several policies at once. The calling thread decodes the trace once; each
 * batch is handed, read-only, to every policy's run, and the runs share a fixed number of threads ({@link
 * RunPool}): sixteen policies on two cores replay on two threads. Runs are all-or-nothing: results are
 * committed only when every run finished, and a failure anywhere aborts them all. A run whose source lost
 * input is committed as INCOMPLETE, and its output keeps an earlier COMPLETE run of the same id instead
 * ({@link RunOutput#commit}).
 */
public final class Replay {

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
  private final int threads;
  private Threading observerThreading;

  /** A replay on as many threads as the machine has processors. */
  public Replay(TraceSource source, Scenario scenario, List<Policy> policies, ReplayOptions options,
      ReplayOutput output, ReplayProgress progress) {
    this(source, scenario, policies, options, output, progress, Runtime.getRuntime().availableProcessors());
  }

  /** @param threads threads the policy runs share (the reading thread is another); results do not depend on it */
  public Replay(TraceSource source, Scenario scenario, List<Policy> policies, ReplayOptions options,
      ReplayOutput output, ReplayProgress progress, int threads) {
    if (policies.isEmpty()) {
      throw new IllegalArgumentException("a replay needs at least one policy");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("a replay needs at least one thread, not " + threads);
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
    this.threads = threads;
    // a processor the runs leave free takes the models that only observe, translation and the curves, a third
    // of a large host's time (the reading thread shares it, but reads little on such hosts); when the runs take
    // every processor, they would only compete
    int busy = Math.min(threads, policies.size());
    this.observerThreading = busy < Runtime.getRuntime().availableProcessors()
        ? Threading.OWN_THREAD_WHEN_LARGE
        : Threading.INLINE;
  }

  /**
   * Runs the models that only observe as {@code threading} says rather than as the machine's processors
   * suggest: results do not depend on it.
   */
  Replay observerThreading(Threading threading) {
    this.observerThreading = threading;
    return this;
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

    List<PolicyRun> runs = new ArrayList<>();
    try {
      for (Policy policy : policies) {
        RunIdentity identity = RunIdentity.of(replayId, policy);
        PolicyRun run = new PolicyRun(identity, policy, scenario, trace.host(), slots, options, trace.vmIds(),
            trace.startNs(), observerThreading);
        runs.add(run);
        run.writeTo(output.openRun(identity.runId(), policy.name()));
      }
      AtomicInteger rejected = new AtomicInteger();
      Read read = feed(trace, replayId, runs, rejected);
      String status = read.loss() == null ? COMPLETE : INCOMPLETE + ": " + read.loss().reason();
      if (read.loss() == null) {
        // before the runs, whose runs rows are the last thing a replay publishes: no published run ever
        // lacks its rejects (a replay stopped in between leaves rejects without runs, until it runs again)
        output.finish();
      }
      List<RunSummary> summaries = new ArrayList<>();
      List<String> kept = new ArrayList<>();
      for (PolicyRun run : runs) {
        Row row = new RunColumns(run.tables()).row(run, read.trace(), scenario, scenarioDigest, options, startedAt,
            wallClockNs(), rejected.get(), read.loss(), status);
        if (!run.output().commit(row)) {
          kept.add(run.identity().runId());
        }
        summaries.add(new RunSummary(run.identity().runId(), run.policy().name(), read.trace().traceId(), run.accesses(),
            run.pagetableOps(), run.pageContents(), run.demandSamples(), status, run.trackedPages(),
            run.droppedAccesses()));
      }
      // an incomplete replay whose runs all kept complete ones publishes nothing: the caller's close drops its rejects
      if (read.loss() != null && kept.size() < summaries.size()) {
        output.finish();
      }
      progress.finished();
      return new ReplayResult(replayId, summaries, rejected.get(), kept);
    } catch (OutOfMemoryError e) {
      long tracked = 0;
      for (PolicyRun run : runs) {
        tracked += run.trackedPages();
      }
      abortAll(runs);
      runs.clear();
      throw new ReplayOutOfMemoryError(tracked, policies.size(), ReplayLimits.pageBound(trace, scenario),
          Runtime.getRuntime().maxMemory());
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      abortAll(runs);
      throw e;
    }
  }

  /** Nothing of a failed replay is published: every run that opened its output drops it. */
  private static void abortAll(List<PolicyRun> runs) {
    for (PolicyRun run : runs) {
      if (run.output() != null) {
        run.output().abort();
      }
    }
  }

  /**
   * What reading the trace found out: what the source knows about the trace once it is read (a live
   * source, Kafka, learns the trace's end only from its end marker), and what input it lost, if any.
   */
  private record Read(TraceInfo trace, TraceSource.Loss loss) {}

  /** Reads the trace into the runs and waits until every run has replayed it. */
  private Read feed(TraceInfo trace, String replayId, List<PolicyRun> runs, AtomicInteger rejected)
      throws IOException, InterruptedException {
    progress.started(trace.events());
    TraceInfo read = trace;
    TraceSource.Loss loss = null;
    try (RunPool pool = new RunPool(runs, threads)) {
      try (TraceSource.Stream stream = source.open(screen(scenario), reject -> {
        rejected.incrementAndGet();
        reject(reject, replayId);
      })) {
        while (true) {
          TraceBatch batch = pool.nextBatch();
          if (batch == null) {
            break;
          }
          long rejectedBefore = stream.rejected();
          if (!stream.next(batch)) {
            pool.unused();
            break;
          }
          int size = batch.events();
          pool.publish();
          progress.advanced(size + (stream.rejected() - rejectedBefore));
        }
        read = source.info();
        loss = stream.loss();
      } catch (IOException | InterruptedException | RuntimeException | Error e) {
        pool.fail(e);
        throw e;
      }
      if (pool.failure() == null) {
        pool.finish(read.endNs());
      }
      pool.rethrowFailure();
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

  private static long wallClockNs() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
