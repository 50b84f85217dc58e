package io.memreplay.engine.replay;

import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.config.VmSpec;
import io.memreplay.engine.workingset.MrcSampling;
import java.util.Locale;

/**
 * How much work a replay may take on, checked before it starts: the output intervals its trace's span
 * needs, and the heap its VMs' state needs. A trace whose span would produce more intervals than
 * {@code maxIntervals} (an outlier timestamp far from the rest, say) is refused with the number it would
 * produce; a scenario whose VMs' state cannot fit the heap is refused with the heap it needs.
 *
 * @param maxIntervals the most output intervals a replay may produce
 * @param heapBytes the heap the JVM may use ({@link Runtime#maxMemory()})
 */
public record ReplayLimits(long maxIntervals, long heapBytes) {

  /** 100,000 intervals: 69 days at the default 60 s interval, more than a day at 1 s. */
  public static final long DEFAULT_MAX_INTERVALS = 100_000;

  /**
   * The engine's heap per VM and policy before the VM touches a page: its page, working-set, content and
   * translation tables start with room to grow. Measured with bench's ScaleRun (live heap once the trace is
   * read) on a 2-VM trace replayed with 250, 1,000 and 4,000 VMs in its scenario: about 90 KB each; update
   * it when the engine's state changes.
   */
  static final long BYTES_PER_VM = 96L << 10;
  /**
   * What a VM that touches more than {@link #BUSY_VM_PAGES} pages adds: its miss-ratio curve's sample, its
   * vCPUs' TLBs and its page-table caches; about 0.7 MB on the generated 128 x 256 MB host (bench's ScaleRun
   * and a heap dump, docs/architecture.md).
   */
  static final long BYTES_PER_BUSY_VM = 700L << 10;
  /** The pages of a miss-ratio sample: a VM touching more fills it. */
  static final long BUSY_VM_PAGES = MrcSampling.DEFAULT_AUTO_PAGES;
  /**
   * The engine's heap per tracked 4 KB guest page and policy, with every mechanism on: 30.6 bytes measured
   * with bench's ScaleRun on the generated 16 x 16 GB host under esxi-default (docs/architecture.md), and a
   * little room.
   */
  static final long BYTES_PER_PAGE = 32;
  /** The JVM, the decoder's batches and the output writers, whatever the scenario (measured, as above). */
  static final long BASE_BYTES = 32L << 20;
  /**
   * The share of the heap the state may fill: beyond it the collector runs nearly all the time (4,000 idle
   * VMs in a heap they nearly fill made a 15 s replay take minutes).
   */
  static final double USABLE_HEAP = 0.75;

  public ReplayLimits {
    if (maxIntervals < 1) {
      throw new IllegalArgumentException("the most intervals a replay may produce must be at least 1, is " + maxIntervals);
    }
  }

  /** Limits with {@code maxIntervals} and this JVM's heap. */
  public static ReplayLimits of(long maxIntervals) {
    return new ReplayLimits(maxIntervals, Runtime.getRuntime().maxMemory());
  }

  /** The output intervals a replay from {@code startNs} to {@code endNs} writes: every one they touch. */
  public static long intervals(long startNs, long endNs, long intervalNs) {
    try {
      return Math.addExact(Math.subtractExact(Math.floorDiv(endNs, intervalNs), Math.floorDiv(startNs, intervalNs)), 1);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** The latest event time a trace from {@code startNs} may have within the limit: for streams without a known end. */
  public long lastNs(long startNs, long intervalNs) {
    long firstInterval = Math.floorDiv(startNs, intervalNs);
    try {
      return Math.subtractExact(Math.multiplyExact(Math.addExact(firstInterval, maxIntervals), intervalNs), 1);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Refuses a replay that would produce more than {@link #maxIntervals} intervals, or whose VMs' state alone
   * cannot fit the heap.
   *
   * @param endKnown whether {@code trace.endNs()} is the trace's end; a live stream may not know it yet
   */
  public void check(TraceInfo trace, boolean endKnown, Scenario scenario, int policies, ReplayOptions options)
      throws ReplayRefusedException {
    long intervalNs = options.intervalNs();
    if (endKnown) {
      long intervals = intervals(trace.startNs(), trace.endNs(), intervalNs);
      if (intervals > maxIntervals) {
        throw new ReplayRefusedException(String.format(Locale.ROOT,
            "trace %s spans ts_ns %d to %d (%s): that is %s output intervals of %s, more than the %,d a replay may "
                + "produce; give a longer --interval, or raise the limit with --max-intervals if the span is real "
                + "(an outlier timestamp far from the rest suggests it is not)",
            trace.traceId(), trace.startNs(), trace.endNs(), duration(trace.endNs() - (double) trace.startNs()),
            intervals == Long.MAX_VALUE ? "more than 2^63" : String.format(Locale.ROOT, "%,d", intervals),
            duration(intervalNs), maxIntervals));
      }
    }
    long vms = scenario.vms().size();
    long fixed = BASE_BYTES + policies * vms * BYTES_PER_VM;
    if (fixed > heapBytes * USABLE_HEAP) {
      throw new ReplayRefusedException(String.format(Locale.ROOT,
          "scenario '%s' has %,d VMs: under %d %s their state alone needs about %s of heap before the first page is "
              + "touched (about %d KB per VM and policy), more than %.0f%% of the %s this JVM may use; give it more "
              + "with MEMREPLAY_JAVA_OPTS=-Xmx%s, or replay fewer VMs or policies at once",
          scenario.name(), vms, policies, policies == 1 ? "policy" : "policies", size(fixed), BYTES_PER_VM >> 10,
          USABLE_HEAP * 100, size(heapBytes), heapOption((long) (fixed / USABLE_HEAP))));
    }
  }

  /**
   * A warning when the replay may run out of heap: its VMs' state plus every page it may track (each VM's
   * configured memory, or two pages per event when the trace has fewer) exceeds the heap. Null when it fits.
   */
  public String heapWarning(TraceInfo trace, Scenario scenario, int policies) {
    long pages = pageBound(trace, scenario);
    long vmBytes = 0;
    for (VmSpec vm : scenario.vms()) {
      boolean busy = Math.min(vm.configuredPages(), pagesEventsTouch(trace)) > BUSY_VM_PAGES;
      vmBytes += BYTES_PER_VM + (busy ? BYTES_PER_BUSY_VM : 0);
    }
    long need = BASE_BYTES + policies * (vmBytes + pages * BYTES_PER_PAGE);
    if (need <= heapBytes * USABLE_HEAP) {
      return null;
    }
    return String.format(Locale.ROOT,
        "this replay may need up to %s of heap (up to %,d guest pages of 4 KB tracked under %d %s, at about %d bytes "
            + "each, and %,d VMs at up to %d KB each) and this JVM may use %s; if it runs out of memory, give it more "
            + "with MEMREPLAY_JAVA_OPTS=-Xmx%s",
        size(need), pages, policies, policies == 1 ? "policy" : "policies", BYTES_PER_PAGE, scenario.vms().size(),
        (BYTES_PER_VM + BYTES_PER_BUSY_VM) >> 10, size(heapBytes), heapOption((long) (need / USABLE_HEAP)));
  }

  /** The most guest pages a replay of {@code trace} may track: each VM's configured memory, or two per event. */
  public static long pageBound(TraceInfo trace, Scenario scenario) {
    long configured = 0;
    for (VmSpec vm : scenario.vms()) {
      configured += vm.configuredPages();
    }
    return Math.min(configured, pagesEventsTouch(trace));
  }

  /** The most pages the trace's events may touch: two each (an access may cross into the next page). */
  private static long pagesEventsTouch(TraceInfo trace) {
    return trace.events() < 0 ? Long.MAX_VALUE : 2 * trace.events();
  }

  /** The -Xmx value, in whole GB (or MB up to 1 GB), of at least {@code bytes}. */
  public static String heapOption(long bytes) {
    long gb = (bytes + (1L << 30) - 1) >> 30;
    return gb > 1 ? gb + "g" : ((bytes + (1L << 20) - 1) >> 20) + "m";
  }

  /** Bytes in GB or MB, for messages. */
  public static String size(long bytes) {
    return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
        : String.format(Locale.ROOT, "%,d MB", bytes >> 20);
  }

  private static String duration(double ns) {
    double seconds = ns / 1e9;
    if (seconds >= 2 * 86_400) {
      return String.format(Locale.ROOT, "%,.1f days", seconds / 86_400);
    }
    if (seconds >= 2 * 3_600) {
      return String.format(Locale.ROOT, "%,.1f hours", seconds / 3_600);
    }
    if (seconds < 1) {
      return String.format(Locale.ROOT, "%,.0f ns", ns);
    }
    return String.format(Locale.ROOT, "%,.3f s", seconds).replaceAll("\\.?0+ s$", " s");
  }
}
