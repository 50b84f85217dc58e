package io.memreplay.bench;

import io.memreplay.engine.primitives.LongLongHashMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * The engine's primitive hash map ({@link LongLongHashMap}: keys and values interleaved in one array, load
 * 0.5) against the library one would otherwise use, fastutil's {@link Long2LongOpenHashMap} (keys and
 * values in two arrays, load 0.75), in the engine's two uses: looking up keys that are there (a page's
 * table, content or stamp; {@code hit}) and indexing keys on first sight ({@code putIfAbsent} of a stream
 * where every key comes back). Keys are page numbers of a 64 GB guest-physical space, drawn at random, so
 * that a map of millions of entries misses the caches on nearly every probe, as in a host-size replay.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@OperationsPerInvocation(PrimitiveMapBenchmark.OPERATIONS)
public class PrimitiveMapBenchmark {

  static final int OPERATIONS = 1 << 16;
  private static final long PAGES = 1L << 24;

  /** Entries in the map: 4 K stay in the caches, 8 M (a 32 GB host's pages) do not. */
  @Param({"4096", "8388608"})
  public int entries;

  private final LongLongHashMap engine = new LongLongHashMap();
  private final Long2LongOpenHashMap fastutil = new Long2LongOpenHashMap();
  private long[] present;
  private long[] stream;
  private int next;

  @Setup
  public void fill() {
    SplittableRandom random = new SplittableRandom(7);
    present = new long[entries];
    for (int i = 0; i < entries; i++) {
      present[i] = random.nextLong(PAGES);
      engine.put(present[i], i);
      fastutil.put(present[i], i);
    }
    fastutil.defaultReturnValue(-1);
    stream = new long[1 << 22];
    for (int i = 0; i < stream.length; i++) {
      stream[i] = present[random.nextInt(entries)];
    }
  }

  private int nextSlice() {
    int from = next;
    next = (next + OPERATIONS) & (stream.length - 1);
    return from;
  }

  @Benchmark
  public long hitEngine() {
    long sum = 0;
    for (int i = nextSlice(), end = i + OPERATIONS; i < end; i++) {
      sum += engine.get(stream[i], -1);
    }
    return sum;
  }

  @Benchmark
  public long hitFastutil() {
    long sum = 0;
    for (int i = nextSlice(), end = i + OPERATIONS; i < end; i++) {
      sum += fastutil.get(stream[i]);
    }
    return sum;
  }

  @Benchmark
  public long putIfAbsentEngine() {
    long sum = 0;
    for (int i = nextSlice(), end = i + OPERATIONS; i < end; i++) {
      sum += engine.putIfAbsent(stream[i], i);
    }
    return sum;
  }

  @Benchmark
  public long putIfAbsentFastutil() {
    long sum = 0;
    for (int i = nextSlice(), end = i + OPERATIONS; i < end; i++) {
      sum += fastutil.putIfAbsent(stream[i], i);
    }
    return sum;
  }
}
