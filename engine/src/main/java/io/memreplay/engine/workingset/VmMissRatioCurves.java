package io.memreplay.engine.workingset;

import java.io.IOException;

/**
 * The LRU miss-ratio curves of one VM in one run: fed every reference's dense page index, it gives one
 * {@link CurvePoint} per memory size of the grid at the end of each window. Windows follow each other from
 * the run's first output interval; a window in which the VM made no reference has no rows.
 */
public final class VmMissRatioCurves {

  private final MissRatioTracker tracker;
  private final MemoryGrid grid;
  private final long windowNs;
  private long windowStartNs;

  private VmMissRatioCurves(MissRatioTracker tracker, MemoryGrid grid, long windowNs, long startNs) {
    this.tracker = tracker;
    this.grid = grid;
    this.windowNs = windowNs;
    this.windowStartNs = startNs;
  }

  /**
   * The curves of VM {@code vm}, or null when {@code options} turn them off.
   *
   * @param startNs the start of the run's first output interval, where the first window starts
   * @param seed chooses the pages SHARDS samples
   */
  public static VmMissRatioCurves create(MrcOptions options, long intervalNs, long startNs, long seed) {
    if (!options.enabled()) {
      return null;
    }
    return new VmMissRatioCurves(options.sampling().newTracker(seed), options.grid(), options.windowNs(intervalNs),
        startNs);
  }

  /** A reference to the VM's page {@code page}. */
  public void touch(int page) {
    tracker.touch(page);
  }

  /** An output interval ended at {@code endNs}: writes the window's curve if the window ends there too. */
  public void intervalClosed(long endNs, MrcOutput output) throws IOException {
    if (endNs - windowStartNs >= windowNs) {
      closeWindow(endNs, output);
    }
  }

  /** The run ended at {@code endNs}, the end of its last interval: writes the curve of the unfinished window. */
  public void finish(long endNs, MrcOutput output) throws IOException {
    if (endNs > windowStartNs) {
      closeWindow(endNs, output);
    }
  }

  private void closeWindow(long endNs, MrcOutput output) throws IOException {
    long references = tracker.references;
    if (references > 0) {
      long[] sizes = grid.sizes(tracker.workingSetPages(), tracker.reachPages());
      double[] missRatios = new double[sizes.length];
      tracker.missRatios(sizes, missRatios);
      for (int i = 0; i < sizes.length; i++) {
        output.point(new CurvePoint(windowStartNs, endNs, tracker.method(), tracker.samplingRate(), references, sizes[i],
            missRatios[i]));
      }
    }
    tracker.startWindow();
    windowStartNs = endNs;
  }
}
