package io.memreplay.engine.replay;

import java.util.Arrays;

/**
 * How a replay observes the simulation, independent of policy.
 *
 * @param intervalNs output interval: one row per VM per interval. Default 60 s, ESX's active-memory
 *     sampling period ({@code Mem.SamplePeriod}), so each row's exact working set and sampled estimate
 *     describe the same window
 * @param windowsNs the tau values of the Denning working sets W(t, tau) written at each interval end.
 *     Default 1 s, 10 s, 60 s and 5 min
 * @param seed seed of every random choice the engine makes; the same seed gives the same rows
 */
public record ReplayOptions(long intervalNs, long[] windowsNs, long seed) {

  public static final long SECOND_NS = 1_000_000_000L;
  public static final long DEFAULT_INTERVAL_NS = 60 * SECOND_NS;
  public static final long[] DEFAULT_WINDOWS_NS = {SECOND_NS, 10 * SECOND_NS, 60 * SECOND_NS, 300 * SECOND_NS};
  public static final long DEFAULT_SEED = 1;

  public static final ReplayOptions DEFAULT = new ReplayOptions(DEFAULT_INTERVAL_NS, DEFAULT_WINDOWS_NS, DEFAULT_SEED);

  public ReplayOptions {
    if (intervalNs <= 0) {
      throw new IllegalArgumentException("the output interval must be positive");
    }
    windowsNs = windowsNs.clone();
    Arrays.sort(windowsNs);
    for (long window : windowsNs) {
      if (window <= 0) {
        throw new IllegalArgumentException("working-set windows must be positive");
      }
    }
  }

  @Override
  public long[] windowsNs() {
    return windowsNs.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ReplayOptions o && o.intervalNs == intervalNs && o.seed == seed
        && Arrays.equals(o.windowsNs, windowsNs);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(intervalNs) * 31 + Arrays.hashCode(windowsNs) + Long.hashCode(seed);
  }

  @Override
  public String toString() {
    return "interval " + intervalNs + " ns, windows " + Arrays.toString(windowsNs) + " ns, seed " + seed;
  }
}
