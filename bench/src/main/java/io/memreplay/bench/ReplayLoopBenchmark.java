package io.memreplay.bench;

import io.memreplay.engine.config.ConfigException;
import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Policies;
import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.replay.Pacing;
import io.memreplay.engine.replay.Replay;
import io.memreplay.engine.replay.ReplayOptions;
import io.memreplay.engine.replay.ReplayProgress;
import io.memreplay.engine.replay.ReplayResult;
import io.memreplay.engine.workingset.MrcOptions;
import io.memreplay.engine.workingset.MrcSampling;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast the engine replays, with decoding and result writing left out: {@link Replay#run()} over a
 * trace held in memory, with results discarded. Each invocation is a whole replay, start-up and the final
 * intervals included, as {@code memreplay replay} runs it; {@link RowCounts} turns that into accesses/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 10)
public class ReplayLoopBenchmark {

  /**
   * The policies in the order {@link #policies} takes them, each on its own thread: the demo's four, every
   * mechanism on in the first (sharing, large pages, balloon, compression, swapping, sampling, translation).
   */
  private static final List<String> POLICY_NAMES = Policies.CONTRASTING;

  /** 1: esxi-default alone; 2: with esxi-share-all; 4: also no-sharing and swap-only, side by side. */
  @Param({"1", "4"})
  public int policies;

  /**
   * {@code generated}: {@link GeneratedTrace}, an overcommitted host whose four VMs boot and reclaim;
   * {@code lackey}: one process recorded by valgrind ({@link RecordedProgram}), 1 ns per access.
   */
  @Param({"generated"})
  public String trace;

  /**
   * How the replay computes miss-ratio curves ({@code replay --mrc}): {@code auto}, the default, or
   * {@code -p mrc=off} to see what they cost.
   */
  @Param({"auto"})
  public String mrc;

  /**
   * {@code policy}: each policy's own translation section; {@code none}: the same policies without the
   * translation model, to see what the memory engine costs alone.
   */
  @Param({"policy"})
  public String translation;

  /**
   * {@code closed-loop}, the default: stalled VMs fall behind and their events are reordered in host time;
   * {@code open-loop}: the trace as recorded ({@code replay --pacing}).
   */
  @Param({"closed-loop"})
  public String pacing;

  private InMemoryTrace replayedTrace;
  private Scenario scenario;
  private List<Policy> replayed;
  private ReplayOptions options;

  @Setup(Level.Trial)
  public void decodeTrace(GeneratedTrace generated, RecordedProgram program) throws IOException, ConfigException {
    boolean lackey = trace.equals("lackey");
    replayedTrace = InMemoryTrace.decode(lackey ? program.dataset() : generated.dataset());
    scenario = lackey ? program.scenario() : generated.scenario();
    MrcOptions curves = MrcOptions.DEFAULT;
    options = ReplayOptions.DEFAULT.withMrc(new MrcOptions(MrcSampling.parse(mrc), curves.windowNs(), curves.grid()))
        .withPacing(Pacing.parse(pacing), ReplayOptions.DEFAULT_MAX_HELD_EVENTS);
    replayed = new ArrayList<>();
    for (String name : POLICY_NAMES.subList(0, policies)) {
      Policy policy = Policies.builtIn(name);
      replayed.add(translation.equals("none") ? withoutTranslation(policy) : policy);
    }
  }

  private static Policy withoutTranslation(Policy p) throws ConfigException {
    String yaml = ConfigYaml.toYaml(p).replaceFirst("(?m)^  mode: \\w+$", "  mode: none");
    return ConfigYaml.policy(yaml, p.name() + " without translation");
  }

  @Benchmark
  public ReplayResult replay(RowCounts counts) throws IOException, InterruptedException {
    ReplayResult result = new Replay(replayedTrace, scenario, replayed, options, new DiscardingOutput(),
        ReplayProgress.NONE).run();
    counts.add(replayedTrace.accesses(), replayedTrace.events());
    return result;
  }
}
