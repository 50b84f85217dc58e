package io.memreplay.engine.replay;

import io.memreplay.engine.workingset.MrcOptions;
import java.util.Arrays;
import java.util.Objects;

/**
 * How a replay observes the simulation, independent of policy.
 *
 * @param intervalNs output interval: one row per VM per interval. Default 60 s, ESX's active-memory
 *     sampling period ({@code Mem.SamplePeriod}), so each row's exact working set and sampled estimate
 *     describe the same window
 * @param windowsNs the tau values of the Denning working sets W(t, tau) written at each interval end.
 *     Default 1 s, 10 s, 60 s and 5 min
 * @param seed seed of every random choice the engine makes; the same seed gives the same rows
 * @param mrc how LRU miss-ratio curves are computed, and over which windows; default {@link MrcOptions#DEFAULT}
 * @param pacing whether a VM's stalls delay its later events ({@link Pacing#CLOSED_LOOP}, the default) or the
 *     trace is replayed as recorded ({@link Pacing#OPEN_LOOP})
 * @param maxHeldEvents the most events a run holds back for VMs that lag behind the others (closed loop, and
 *     demand samples being spread); past it the laggard catches up. Default 4,194,304 (about 200 MB of
 *     accesses per policy)
 */
public record ReplayOptions(long intervalNs, long[] windowsNs, long seed, MrcOptions mrc, Pacing pacing,
    long maxHeldEvents) {

  public static final long SECOND_NS = 1_000_000_000L;
  public static final int DEFAULT_INTERVAL_S = 60;
  public static final long DEFAULT_INTERVAL_NS = DEFAULT_INTERVAL_S * SECOND_NS;
  public static final long[] DEFAULT_WINDOWS_NS = {SECOND_NS, 10 * SECOND_NS, 60 * SECOND_NS, 300 * SECOND_NS};
  public static final long DEFAULT_SEED = 1;
  public static final long DEFAULT_MAX_HELD_EVENTS = 1 << 22;

  public static final ReplayOptions DEFAULT = new ReplayOptions(DEFAULT_INTERVAL_NS, DEFAULT_WINDOWS_NS, DEFAULT_SEED);

  /**
   * Working sets are counted in steps of {@link #stepNs()}; a window may span at most this many steps,
   * which bounds the per-VM step counts to a few MB.
   */
  public static final long MAX_STEPS_PER_WINDOW = 1 << 22;

  public ReplayOptions {
    Objects.requireNonNull(mrc, "mrc");
    Objects.requireNonNull(pacing, "pacing");
    if (maxHeldEvents <= 0) {
      throw new IllegalArgumentException("the most events held must be positive, is " + maxHeldEvents);
    }
    if (intervalNs <= 0) {
      throw new IllegalArgumentException("the output interval must be positive");
    }
    windowsNs = windowsNs.clone();
    Arrays.sort(windowsNs);
    long step = intervalNs;
    for (long window : windowsNs) {
      if (window <= 0) {
        throw new IllegalArgumentException("working-set windows must be positive");
      }
      step = gcd(step, window);
    }
    long longest = Math.max(intervalNs, windowsNs.length == 0 ? 0 : windowsNs[windowsNs.length - 1]);
    if (longest / step > MAX_STEPS_PER_WINDOW) {
      throw new IllegalArgumentException("the interval and the working-set windows must be whole multiples of a step of at least "
          + (longest / MAX_STEPS_PER_WINDOW) + " ns (their greatest common divisor is " + step + " ns); round them, e.g. to whole milliseconds");
    }
    long mrcWindow = mrc.windowNs();
    if (mrcWindow != MrcOptions.WINDOW_INTERVAL && mrcWindow != MrcOptions.WINDOW_RUN && mrcWindow % intervalNs != 0) {
      throw new IllegalArgumentException("the miss-ratio curve window (" + mrcWindow
          + " ns) must be a whole multiple of the output interval (" + intervalNs + " ns): curves are written at interval ends");
    }
  }

  /** Options with the default miss-ratio curves, closed-loop pacing and bound on held events. */
  public ReplayOptions(long intervalNs, long[] windowsNs, long seed) {
    this(intervalNs, windowsNs, seed, MrcOptions.DEFAULT);
  }

  /** Options with closed-loop pacing and the default bound on held events. */
  public ReplayOptions(long intervalNs, long[] windowsNs, long seed, MrcOptions mrc) {
    this(intervalNs, windowsNs, seed, mrc, Pacing.CLOSED_LOOP, DEFAULT_MAX_HELD_EVENTS);
  }

  public ReplayOptions withMrc(MrcOptions curves) {
    return new ReplayOptions(intervalNs, windowsNs, seed, curves, pacing, maxHeldEvents);
  }

  public ReplayOptions withPacing(Pacing mode, long heldEvents) {
    return new ReplayOptions(intervalNs, windowsNs, seed, mrc, mode, heldEvents);
  }

  /**
   * The largest duration that divides the interval and every window: working sets are counted in steps of
   * this length, exactly, since every interval end and every window start falls on a step boundary.
   */
  public long stepNs() {
    long step = intervalNs;
    for (long window : windowsNs) {
      step = gcd(step, window);
    }
    return step;
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  @Override
  public long[] windowsNs() {
    return windowsNs.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ReplayOptions o && o.intervalNs == intervalNs && o.seed == seed
        && Arrays.equals(o.windowsNs, windowsNs) && o.mrc.equals(mrc) && o.pacing == pacing
        && o.maxHeldEvents == maxHeldEvents;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(intervalNs) * 31 + Arrays.hashCode(windowsNs) + Long.hashCode(seed) + 17 * mrc.hashCode()
        + 7 * pacing.hashCode() + Long.hashCode(maxHeldEvents);
  }

  /** Every option, in words; part of the replay id, so that changing any option gives other run ids. */
  @Override
  public String toString() {
    return "interval " + intervalNs + " ns, windows " + Arrays.toString(windowsNs) + " ns, seed " + seed + ", " + mrc
        + ", " + pacing.spelling() + ", at most " + maxHeldEvents + " events held";
  }
}
