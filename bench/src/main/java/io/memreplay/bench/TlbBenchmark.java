package io.memreplay.bench;

import io.memreplay.engine.config.ConfigException;
import io.memreplay.engine.config.PageSize;
import io.memreplay.engine.translation.TlbHierarchy;
import io.memreplay.engine.config.TlbPresets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast the TLB model translates: {@link TlbHierarchy#lookup} of a preset (Skylake unless {@code -p
 * preset=zen2} or another) for every access, with {@link TlbHierarchy#fill} after each miss as a walk would,
 * on data accesses to 4 KB pages in random order (so every access is to another page than the last, the
 * TLB's slowest case). The primary score is accesses per second; the {@code l1Hits}, {@code l2Hits} and
 * {@code misses} counters show where they hit.
 *
 * <p>Scores of one fork are steady, but differ between forks: when the JIT compiles {@code lookup} on its own
 * before the benchmark loop, the compiled method is too big to inline into the loop, and the call costs the
 * {@code l2} working set about 40% (seen as about 18 against 29 M accesses/s; {@code -f 5} shows both).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@OperationsPerInvocation(TlbBenchmark.ACCESSES)
public class TlbBenchmark {

  /** Accesses per invocation: their addresses (512 KB) stay in the data caches. */
  static final int ACCESSES = 1 << 16;
  private static final int CONTEXT = 1;

  /**
   * The pages the accesses go to: {@code l1}, 48 pages, which Skylake's 64-entry L1 DTLB holds (3 per set);
   * {@code l2}, 1,024 pages (4 MB), within its STLB's 6 MB reach but 16 times the L1's; {@code miss}, 2^20
   * pages (4 GB), 680 times the STLB's reach.
   */
  @Param({"l1", "l2", "miss"})
  public String workingSet;

  @Param({"skylake"})
  public String preset;

  private TlbHierarchy tlb;
  private long[] addresses;

  @Setup(Level.Trial)
  public void setUp() throws ConfigException {
    tlb = new TlbHierarchy(TlbPresets.preset(preset), 1);
    int pages = switch (workingSet) {
      case "l1" -> 48;
      case "l2" -> 1024;
      case "miss" -> 1 << 20;
      default -> throw new IllegalArgumentException("working sets are l1, l2 and miss, not " + workingSet);
    };
    SplittableRandom random = new SplittableRandom(1);
    addresses = new long[ACCESSES];
    for (int i = 0; i < ACCESSES; i++) {
      addresses[i] = (1L << 40) + ((long) random.nextInt(pages) << 12) + random.nextInt(1 << 12);
    }
  }

  @Benchmark
  public void lookUpAndFillOnMiss(Outcomes outcomes) {
    int[] counts = new int[3];
    for (long address : addresses) {
      int hit = tlb.lookup(CONTEXT, address, PageSize.SIZE_4K, false);
      if (hit == TlbHierarchy.MISS) {
        tlb.fill(CONTEXT, address, PageSize.SIZE_4K, false);
      }
      counts[hit]++;
    }
    outcomes.add(counts);
  }

  /** Where the lookups hit, which JMH reports per second beside the primary score. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Outcomes {

    public long l1Hits;
    public long l2Hits;
    public long misses;

    /** JMH leaves resetting auxiliary counters to the benchmark. */
    @Setup(Level.Iteration)
    public void reset() {
      l1Hits = 0;
      l2Hits = 0;
      misses = 0;
    }

    void add(int[] counts) {
      l1Hits += counts[TlbHierarchy.L1_HIT];
      l2Hits += counts[TlbHierarchy.L2_HIT];
      misses += counts[TlbHierarchy.MISS];
    }
  }
}
