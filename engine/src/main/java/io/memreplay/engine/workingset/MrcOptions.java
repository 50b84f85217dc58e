package io.memreplay.engine.workingset;

/**
 * How a replay computes LRU miss-ratio curves (the {@code mrc} table): per VM, one curve per window.
 *
 * @param sampling exact, SHARDS, or off; see {@link MrcSampling}. Default {@code auto}
 * @param windowNs the window length: {@link #WINDOW_INTERVAL} (the default) for the output interval,
 *     {@link #WINDOW_RUN} for one curve over the whole run, or a whole multiple of the output interval
 *     (checked by {@link io.memreplay.engine.replay.ReplayOptions})
 * @param grid the memory sizes of each curve's points. Default {@code steps:20}, evenly up to each window's reach
 */
public record MrcOptions(MrcSampling sampling, long windowNs, MemoryGrid grid) {

  public static final long WINDOW_INTERVAL = 0;
  public static final long WINDOW_RUN = Long.MAX_VALUE;

  public static final MrcOptions DEFAULT = new MrcOptions(MrcSampling.AUTO, WINDOW_INTERVAL, MemoryGrid.DEFAULT);
  public static final MrcOptions OFF = new MrcOptions(MrcSampling.OFF, WINDOW_INTERVAL, MemoryGrid.DEFAULT);

  public MrcOptions {
    if (windowNs < 0) {
      throw new IllegalArgumentException("the miss-ratio curve window must be positive");
    }
  }

  public boolean enabled() {
    return sampling.enabled();
  }

  /** The window length for output intervals of {@code intervalNs}. */
  public long windowNs(long intervalNs) {
    return windowNs == WINDOW_INTERVAL ? intervalNs : windowNs;
  }

  /** The canonical text, part of the replay's identity: every option that changes the rows is in it. */
  @Override
  public String toString() {
    if (!enabled()) {
      return "mrc off";
    }
    String window = windowNs == WINDOW_INTERVAL ? "interval" : windowNs == WINDOW_RUN ? "run" : windowNs + " ns";
    return "mrc " + sampling + ", window " + window + ", grid " + grid;
  }
}
