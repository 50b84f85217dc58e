package io.memreplay.bench;

import io.memreplay.engine.workingset.MemoryGrid;
import io.memreplay.engine.workingset.MrcOptions;
import io.memreplay.engine.workingset.MrcSampling;
import io.memreplay.engine.workingset.VmMissRatioCurves;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * How fast a VM's miss-ratio curves take references: one invocation feeds every page reference of a real
 * program's trace ({@link LackeyTrace}) to a fresh {@link VmMissRatioCurves} and writes its curve (one
 * window, the default 20 sizes) to a {@link Blackhole}. {@code exact} computes every stack distance, so
 * the curve at every size, in one pass; {@code shards-rate:0.001} samples a thousandth of the pages;
 * {@code auto}, the replay's default, is SHARDS with 8,192 sampled pages, which on this trace's 1,667 pages
 * samples every page and so is exact too, through the sampling code.
 * The primary score is whole traces per second; {@code :references} is page references per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class MrcBenchmark {

  @Param({"exact", "shards-rate:0.001", "auto"})
  public String mrc;

  private int[] pages;
  private MrcOptions options;

  @Setup(Level.Trial)
  public void setUp(LackeyTrace trace) {
    pages = trace.pages();
    options = new MrcOptions(MrcSampling.parse(mrc), MrcOptions.WINDOW_RUN, MemoryGrid.DEFAULT);
  }

  @Benchmark
  public void curves(References counted, Blackhole rows) throws IOException {
    VmMissRatioCurves curves = VmMissRatioCurves.create(options, 1, 0, 1);
    for (int page : pages) {
      curves.touch(page);
    }
    curves.finish(pages.length, rows::consume);
    counted.references += pages.length;
  }

  /** Page references fed, which JMH reports per second beside the primary score. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class References {

    public long references;

    /** JMH leaves resetting auxiliary counters to the benchmark. */
    @Setup(Level.Iteration)
    public void reset() {
      references = 0;
    }
  }
}
