package io.memreplay.bench;

import io.memreplay.engine.config.ConfigException;
import io.memreplay.engine.config.Policies;
import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
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

  /** The policies in the order {@link #policies} takes them: each runs on its own thread. */
  private static final List<String> POLICY_NAMES = List.of(Policies.ESXI_DEFAULT, "esxi-share-all");

  /** 1: esxi-default alone; 2: esxi-default and esxi-share-all side by side. */
  @Param({"1", "2"})
  public int policies;

  /**
   * How the replay computes miss-ratio curves ({@code replay --mrc}): {@code auto}, the default, or
   * {@code -p mrc=off} to see what they cost.
   */
  @Param({"auto"})
  public String mrc;

  private InMemoryTrace trace;
  private Scenario scenario;
  private List<Policy> replayed;
  private ReplayOptions options;

  @Setup(Level.Trial)
  public void decodeTrace(GeneratedTrace generated) throws IOException, ConfigException {
    trace = InMemoryTrace.decode(generated.dataset());
    scenario = generated.scenario();
    MrcOptions curves = MrcOptions.DEFAULT;
    options = ReplayOptions.DEFAULT.withMrc(new MrcOptions(MrcSampling.parse(mrc), curves.windowNs(), curves.grid()));
    replayed = new ArrayList<>();
    for (String name : POLICY_NAMES.subList(0, policies)) {
      replayed.add(Policies.builtIn(name));
    }
  }

  @Benchmark
  public ReplayResult replay(RowCounts counts) throws IOException, InterruptedException {
    ReplayResult result = new Replay(trace, scenario, replayed, options, new DiscardingOutput(), ReplayProgress.NONE).run();
    counts.add(trace.accesses(), trace.events());
    return result;
  }
}
