package io.memreplay.cli;

import io.memreplay.analytics.results.ParquetResultsDataset;
import io.memreplay.engine.config.Policies;
import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.replay.Pacing;
import io.memreplay.engine.replay.Replay;
import io.memreplay.engine.replay.ReplayLimits;
import io.memreplay.engine.replay.ReplayOptions;
import io.memreplay.engine.replay.ReplayProgress;
import io.memreplay.engine.replay.ReplayRefusedException;
import io.memreplay.engine.replay.ReplayResult;
import io.memreplay.engine.replay.ReplayResult.RunSummary;
import io.memreplay.engine.replay.TraceSource;
import io.memreplay.engine.workingset.MemoryGrid;
import io.memreplay.engine.workingset.MrcOptions;
import io.memreplay.engine.workingset.MrcSampling;
import io.memreplay.ingest.kafka.WorkerSettings;
import io.memreplay.ingest.parquet.ParquetTraceSource;
import io.memreplay.schemas.trace.TraceDataset;
import io.memreplay.schemas.trace.TraceFormatException;
import io.memreplay.schemas.trace.Verification;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code memreplay replay}: one trace (or the hosts of a Kafka topic), N policies, one results dataset. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Replays a trace under one or more policies and writes the results dataset.",
        "The trace is decoded once; the policies replay it on a pool of threads (--threads).",
        "With --kafka, replays the host traces of a topic as one worker of a consumer group (docs/kafka.md)."})
final class ReplayCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--trace", paramLabel = "DIR", description = "the trace folder (or give --kafka)")
  Path trace;

  @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "replay the hosts of a Kafka topic: its bootstrap servers")
  String kafka;

  @Option(names = "--topic", description = "with --kafka: the trace topic")
  String topic;

  @Option(names = "--group", defaultValue = "memreplay",
      description = "with --kafka: the consumer group; workers of one group split the topic's hosts (default: ${DEFAULT-VALUE})")
  String group;

  @Option(names = "--follow", description = "with --kafka: keep consuming for traces still to come, until Ctrl-C")
  boolean follow;

  @Option(names = "--dlq", paramLabel = "TOPIC", description = "with --kafka: also send rejected messages to this dead-letter topic")
  String dlq;

  @Mixin
  KafkaTimeout timeout;

  @Option(names = "--scenario", paramLabel = "FILE",
      description = "the host and its VMs (YAML); default: scenario.yaml in the trace folder, or with --kafka each host's start marker")
  Path scenario;

  @Option(names = "--policy", paramLabel = "NAME|FILE", split = ",", defaultValue = Policies.ESXI_DEFAULT,
      completionCandidates = BuiltInPolicyNames.class,
      description = "a built-in policy (${COMPLETION-CANDIDATES}) or a policy YAML file; repeat or separate with commas "
          + "to compare several (default: ${DEFAULT-VALUE}); memreplay policies says what each is")
  List<String> policies;

  /** The names of the built-in policies, for the help and shell completion. */
  static final class BuiltInPolicyNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Policies.builtInNames().iterator();
    }
  }

  @Option(names = "--sweep", paramLabel = "GRID|FILE",
      description = "replay every combination of these settings under each --policy, e.g. "
          + "'idle_tax_pct=0,25,50,75;salting=0,2', or a YAML file mapping settings to lists of values; each "
          + "combination is a run of its own, named after its policy and values (docs/guide.md)")
  String sweep;

  @Option(names = "--threads", paramLabel = "N",
      description = "threads the policies share; results do not depend on it (default: the machine's processors)")
  Integer threads;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "the results folder (created, or added to)")
  Path out;

  @Option(names = "--interval", paramLabel = "DURATION", converter = Durations.Converter.class,
      defaultValue = ReplayOptions.DEFAULT_INTERVAL_S + "s",
      description = "output interval: one row per VM per interval (default: ${DEFAULT-VALUE}, ESX's active-memory sampling period)")
  long intervalNs;

  @Option(names = "--windows", paramLabel = "DURATION", split = ",", converter = Durations.Converter.class,
      defaultValue = "1s,10s,60s,5m", description = "working-set windows tau of W(t, tau), comma-separated (default: ${DEFAULT-VALUE})")
  List<Long> windowsNs;

  @Option(names = "--mrc", paramLabel = "HOW", defaultValue = "auto", converter = MrcArguments.Sampling.class,
      description = "LRU miss-ratio curves per VM (the mrc table): auto (exact while a VM has touched at most 8,192 pages, "
          + "then SHARDS with that many sampled pages; auto:N sets the number), exact, shards-rate:R (SHARDS sampling pages "
          + "with probability R), shards-size:N (SHARDS with N sampled pages) or off (default: ${DEFAULT-VALUE})")
  MrcSampling mrc;

  @Option(names = "--mrc-window", paramLabel = "DURATION|interval|run", defaultValue = "interval",
      converter = MrcArguments.Window.class,
      description = "one curve per VM per window: the output interval, a whole multiple of it, or the whole run (default: ${DEFAULT-VALUE})")
  long mrcWindowNs;

  @Option(names = "--mrc-grid", paramLabel = "SIZES", defaultValue = "steps:20", converter = MrcArguments.Grid.class,
      description = "the memory sizes of each curve: steps:N (N sizes evenly up to the smallest memory with the window's "
          + "lowest miss ratio), or a list of percentages of the window's working set and sizes, e.g. 25%%,50%%,100%%,200%% "
          + "or 64m,256m,1g,1000p (default: ${DEFAULT-VALUE})")
  MemoryGrid mrcGrid;

  @Option(names = "--seed", defaultValue = "" + ReplayOptions.DEFAULT_SEED, description = "seed of the engine's random choices (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--pacing", paramLabel = "closed-loop|open-loop", defaultValue = "closed-loop",
      converter = PacingConverter.class,
      description = "closed-loop: a VM that waits on the host falls behind, its later events happen later; open-loop: "
          + "the trace is replayed as recorded, stall is only a number (default: ${DEFAULT-VALUE})")
  Pacing pacing;

  @Option(names = "--max-held-events", paramLabel = "N", defaultValue = "" + ReplayOptions.DEFAULT_MAX_HELD_EVENTS,
      description = "the most events a policy's run holds back for VMs lagging behind the others (about 50 bytes "
          + "each); past it the laggard catches up (catch_up_ns) (default: ${DEFAULT-VALUE})")
  long maxHeldEvents;

  @Option(names = "--max-intervals", paramLabel = "N", defaultValue = "" + ReplayLimits.DEFAULT_MAX_INTERVALS,
      description = "refuse a trace whose span would produce more output intervals than this, before replaying it "
          + "(default: ${DEFAULT-VALUE}); with --kafka, events later than that many intervals after a start marker "
          + "without an end are rejected")
  long maxIntervals;

  @Option(names = "--verify", paramLabel = "HOW", defaultValue = "full", converter = VerificationConverter.class,
      description = "how the trace's files are checked against its manifest first: full (sizes, row counts, Parquet "
          + "footers and the SHA-256 of every byte) or cheap (sizes, row counts and footers) (default: ${DEFAULT-VALUE})")
  Verification verify;

  @Option(names = "--trust-manifest",
      description = "do not check the files against the manifest at all; a file that turns out missing or unreadable "
          + "makes the runs INCOMPLETE, and the runs get ids of their own, apart from those of a verified trace")
  boolean trustManifest;

  @Option(names = "--strict", description = "exit with status 4 when any input record was rejected or lost")
  boolean strict;

  @Mixin
  JsonOption json;

  /**
   * What {@code replay --json} prints: the trace, the rates, and each policy's run.
   *
   * @param trackedPages guest pages a policy's run kept state for (the most of any run): what memory grows with
   */
  record Replayed(String traceId, Path results, long accesses, long otherEvents, double seconds,
      double eventsPerSecondPerPolicy, double accessesPerSecondPerPolicy, long trackedPages, long rejected,
      List<Replayed.RunId> runs) {

    /** A run of the replay: its id, which the result tables carry, its policy and its status. */
    record RunId(String runId, String policy, String status) {
      static RunId of(RunSummary run) {
        return new RunId(run.runId(), run.policy(), run.status());
      }
    }

    /** Whether every run replayed its whole trace. */
    boolean complete() {
      return runs.stream().allMatch(run -> run.status().equals(Replay.COMPLETE));
    }
  }

  @Override
  public Integer call() throws Exception {
    if ((trace == null) == (kafka == null)) {
      throw new ParameterException(spec.commandLine(), "give either --trace DIR or --kafka HOST:PORT (with --topic)");
    }
    if (kafka == null && (topic != null || follow || dlq != null || timeout.given())) {
      throw new ParameterException(spec.commandLine(), "--topic, --follow, --dlq and --timeout go with --kafka");
    }
    if (kafka != null && topic == null) {
      throw new ParameterException(spec.commandLine(), "--kafka needs --topic");
    }
    if (threads != null && threads < 1) {
      throw new ParameterException(spec.commandLine(), "--threads must be at least 1, not " + threads);
    }
    List<Policy> replayed = Inputs.policies(policies, sweep);
    if (mrcWindowNs != MrcOptions.WINDOW_INTERVAL && mrcWindowNs != MrcOptions.WINDOW_RUN && mrcWindowNs % intervalNs != 0) {
      throw new ParameterException(spec.commandLine(), "--mrc-window " + Durations.describe(mrcWindowNs)
          + " must be a whole multiple of the output interval (--interval " + Durations.describe(intervalNs)
          + "): curves are written at interval ends");
    }
    OutputPaths.requireResultsFolder("--out", out);
    long[] windows = windowsNs.stream().mapToLong(Long::longValue).toArray();
    ReplayOptions options;
    try {
      options = new ReplayOptions(intervalNs, windows, seed, new MrcOptions(mrc, mrcWindowNs, mrcGrid), pacing,
          maxHeldEvents);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--interval, --windows, --mrc-window and --max-held-events: "
          + e.getMessage(), e);
    }
    if (maxIntervals < 1) {
      throw new ParameterException(spec.commandLine(), "--max-intervals must be at least 1, was " + maxIntervals);
    }
    ReplayLimits limits = ReplayLimits.of(maxIntervals);
    if (kafka != null) {
      // the scenario travels in each host's start marker; --scenario replaces it for every host
      Scenario override = scenario == null ? null : Inputs.scenario(scenario, null);
      if (override != null) {
        Inputs.checkTimeline(override, replayed, scenario.toString());
      }
      WorkerSettings settings = new WorkerSettings(kafka, topic, group, replayed, options, limits, override,
          follow, dlq, Map.of());
      return KafkaReplay.run(settings, timeout.duration(), out, strict, json);
    }
    if (trustManifest && spec.commandLine().getParseResult().hasMatchedOption("--verify")) {
      throw new ParameterException(spec.commandLine(), "--verify and --trust-manifest exclude each other");
    }
    TraceDataset dataset = openToReplay(trace, trustManifest ? Verification.TRUSTED : verify);
    Scenario hostScenario = Inputs.scenario(scenario, trace);
    Inputs.checkTimeline(hostScenario, replayed, scenario != null ? scenario.toString() : "scenario " + hostScenario.name());
    Replayed done = replay(dataset, hostScenario, replayed, options, limits, threadCount(), out, json.human());
    json.print(done);
    return strict && (done.rejected() > 0 || !done.complete()) ? ExitCode.REJECTS.code() : ExitCode.OK.code();
  }

  private int threadCount() {
    return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
  }

  /** Reads {@code closed-loop} or {@code open-loop}. */
  static final class PacingConverter implements ITypeConverter<Pacing> {
    @Override
    public Pacing convert(String value) {
      try {
        return Pacing.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Opens the trace in {@code traceDir} and verifies it in full, showing progress. */
  static TraceDataset open(Path traceDir) throws BadInputException {
    try (Progress progress = Progress.start("verify " + traceDir, -1, "bytes")) {
      return TraceDataset.open(traceDir, Verification.FULL, progress.totals());
    } catch (TraceFormatException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }

  /**
   * Opens the trace in {@code traceDir} to replay it, checked as {@code verification} says. A full check's
   * digests are computed while the replay reads the rows, not in a pass before it: the replay fails, and
   * publishes nothing, when they differ.
   */
  private static TraceDataset openToReplay(Path traceDir, Verification verification) throws BadInputException {
    try {
      return TraceDataset.openDigestingAlongside(traceDir, verification);
    } catch (TraceFormatException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }

  /** Replays {@code dataset} into the results folder {@code out} and prints what happened. */
  static Replayed replay(TraceDataset dataset, Scenario scenario, List<Policy> policies, ReplayOptions options,
      ReplayLimits limits, int threadCount, Path out, PrintStream stdout) throws Exception {
    TraceSource source = new ParquetTraceSource(dataset);
    try {
      limits.check(source.info(), true, scenario, policies.size(), options);
    } catch (ReplayRefusedException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    String heap = limits.heapWarning(source.info(), scenario, policies.size());
    if (heap != null) {
      System.err.println("memreplay replay: " + heap);
    }
    long started = System.nanoTime();
    ReplayResult result;
    Path firstCreated = firstMissing(out);
    // closing the output without finishing it (the replay failed) drops what it had not published
    try (ParquetResultsDataset output = ParquetResultsDataset.create(out, Replay.replayId(source.info(), scenario, options));
        Progress progress = Progress.start("replay", source.info().events(), "events")) {
      result = new Replay(source, scenario, policies, options, output, new ReplayProgress() {
        @Override
        public void advanced(long events) {
          progress.step(events);
        }
      }, threadCount).run();
    } catch (Exception | Error e) {
      if (firstCreated != null) {
        // a failed replay leaves no results folder of its own making, as if it had not started
        try {
          removeCreated(out, firstCreated);
        } catch (IOException | RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      throw e;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    RunSummary first = result.runs().get(0);
    long events = first.accesses() + first.otherEvents();
    long tracked = result.runs().stream().mapToLong(RunSummary::trackedPages).max().orElse(0);
    stdout.printf("Replayed %s (%,d accesses, %,d other events) under %d %s in %.1f s: %.2f M events/s, %.2f M accesses/s"
        + " per policy; %,d guest pages tracked per policy.%n", first.traceId(), first.accesses(), first.otherEvents(),
        policies.size(), policies.size() == 1 ? "policy" : "policies", seconds, events / seconds / 1e6,
        first.accesses() / seconds / 1e6, tracked);
    for (RunSummary run : result.runs()) {
      stdout.printf("  run %s  policy %s%n", run.runId(), run.policy());
    }
    if (result.rejected() > 0) {
      stdout.printf("Rejected %,d input records; see them with: memreplay sql --results %s \"SELECT * FROM rejects\"%n",
          result.rejected(), out);
    }
    warnIfIncomplete(result, out);
    warnOfDroppedAccesses(result);
    stdout.printf("Results in %s; summary: memreplay report --results %s%n", out, out);
    return new Replayed(first.traceId(), out, first.accesses(), first.otherEvents(), seconds, events / seconds,
        first.accesses() / seconds, tracked, result.rejected(), result.runs().stream().map(Replayed.RunId::of).toList());
  }

  /**
   * The outermost of {@code out} and its parents that does not exist: the replay creates it and what lies
   * below. Null when {@code out} exists.
   */
  private static Path firstMissing(Path out) {
    Path absolute = out.toAbsolutePath();
    if (Files.exists(absolute)) {
      return null;
    }
    Path first = absolute;
    while (first.getParent() != null && !Files.exists(first.getParent())) {
      first = first.getParent();
    }
    return first;
  }

  /**
   * Removes results folder {@code out} when it holds no results, then its parents up to {@code firstCreated}
   * as long as they are empty.
   */
  private static void removeCreated(Path out, Path firstCreated) throws IOException {
    if (!ParquetResultsDataset.removeIfEmpty(out)) {
      return;
    }
    for (Path parent = out.toAbsolutePath().getParent(); parent != null && parent.startsWith(firstCreated);
        parent = parent.getParent()) {
      try {
        Files.delete(parent);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        return;
      }
    }
  }

  /**
   * Says on stderr which runs did not replay some accesses because their VMs were off: a scenario whose host
   * cannot admit a VM loses that VM's accesses, which only the rows' {@code dropped_accesses} would show.
   */
  static void warnOfDroppedAccesses(ReplayResult result) {
    for (RunSummary run : result.runs()) {
      if (run.droppedAccesses() > 0) {
        System.err.printf("memreplay replay: run %s (policy %s) did not replay %,d of its %,d accesses: their VMs were"
            + " powered off (refused by admission control, or off on the scenario's timeline); vm_intervals'"
            + " powered_on, dropped_accesses and host_intervals' admission_refusals say which and when%n",
            run.runId(), run.policy(), run.droppedAccesses(), run.accesses());
      }
    }
  }

  /** Says on stderr that the runs lost input, and which ones were not published to keep complete ones. */
  static void warnIfIncomplete(ReplayResult result, Path out) {
    if (result.complete()) {
      return;
    }
    System.err.println("memreplay replay: the runs are " + result.status());
    for (String runId : result.keptComplete()) {
      System.err.println("memreplay replay: run " + runId + " was not published: " + out
          + " holds a COMPLETE run of the same inputs, which was kept");
    }
  }
}
