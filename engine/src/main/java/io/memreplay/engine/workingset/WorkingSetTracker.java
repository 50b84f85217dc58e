package io.memreplay.engine.workingset;

import io.memreplay.engine.primitives.IntArrays;

/**
 * Exact working sets of one VM: the distinct pages touched in the current output interval, and
 * Denning's working set
 *
 * <pre>  W(t, tau) = number of distinct pages referenced in [t - tau, t)</pre>
 *
 * for several windows tau, in 4 KB pages and 2 MB regions.
 *
 * <p>Time is cut into steps that divide the interval and every window, so every interval end and window
 * start is a step boundary. Each page remembers the step of its last reference, and a ring counts, for
 * each of the last steps, the pages whose last reference fell in it. W(t, tau) is then the sum of the
 * last tau / step counts. A reference costs two comparisons when its page and region were already
 * referenced in the current step (hot pages almost always are) and a few array updates otherwise; nothing
 * at interval ends depends on the number of pages.
 */
public final class WorkingSetTracker implements LastTouch {

  /** The last step of a page never referenced. */
  public static final int NEVER = Integer.MIN_VALUE;

  private final long stepNs;
  private final long firstStepStartNs;
  private final StepRing pageSteps;
  private final StepRing regionSteps;
  /** Steps are counted from the first interval's start, in an int: 68 years of 1-second steps. */
  private final LastSteps pageLastStep;
  private int[] regionLastStep = IntArrays.filled(1 << 6, NEVER);

  /** The step of "now": the latest step any reference or interval end has reached. */
  private int step;
  private long stepEndNs;
  private int intervalFirstStep;
  private int intervalPages;

  /**
   * @param startNs the start of the first output interval; steps are counted from there
   * @param stepNs see {@link io.memreplay.engine.replay.ReplayOptions#stepNs()}
   * @param longestNs the longest window or interval: how far back the step counts must reach
   */
  public WorkingSetTracker(long startNs, long stepNs, long longestNs) {
    this.stepNs = stepNs;
    this.firstStepStartNs = startNs;
    // the step of "now" and the longest window's steps before it must all have a slot
    int ringSteps = (int) (longestNs / stepNs) + 1;
    this.pageSteps = new StepRing(ringSteps);
    this.regionSteps = new StepRing(ringSteps);
    this.pageLastStep = new LastSteps(pageSteps.size());
    this.stepEndNs = startNs + stepNs;
  }

  /**
   * Records a reference at {@code tsNs} to page {@code page} through 2 MB region {@code region}; times never
   * go backwards. A page may lie in several regions (a guest page mapped in two address spaces is in a
   * region of each one's addresses): each counts.
   */
  public void touch(int page, int region, long tsNs) {
    touchPage(page, tsNs);
    if (region >= regionLastStep.length) {
      regionLastStep = IntArrays.grownToHold(regionLastStep, region, NEVER);
    }
    int regionLast = regionLastStep[region];
    if (regionLast != step) {
      regionSteps.move(regionLast, step);
      regionLastStep[region] = step;
    }
  }

  /**
   * Records a reference at {@code tsNs} to page {@code page} and leaves regions uncounted: for a tracker whose
   * region counts nobody reads; times never go backwards.
   */
  public void touchPage(int page, long tsNs) {
    if (tsNs >= stepEndNs) {
      advanceTo(tsNs);
    }
    if (page >= pageLastStep.capacity()) {
      pageLastStep.ensure(page + 1);
    }
    int last = pageLastStep.get(page);
    if (last == step) {
      return;
    }
    if (last < intervalFirstStep) {
      intervalPages++;
    }
    pageSteps.move(last, step);
    pageLastStep.set(page, step);
  }

  /** Whether a reference at {@code tsNs}, no earlier than the last one, falls in the step of the last one. */
  public boolean inStep(long tsNs) {
    return tsNs < stepEndNs;
  }

  /** Distinct pages touched since the current interval started. */
  public int intervalPages() {
    return intervalPages;
  }

  /** Ends the current interval at {@code endNs}: the next reference of any page counts again. */
  public void closeInterval(long endNs) {
    advanceTo(endNs);
    intervalFirstStep = step;
    intervalPages = 0;
  }

  /**
   * W(t, tau) for each tau of {@code windowsNs}, at {@code tNs} (a step boundary no earlier than the last
   * reference): {@code pagesOut[i]} distinct 4 KB pages and {@code regionsOut[i]} distinct 2 MB regions
   * referenced in [t - tau_i, t).
   */
  public void windows(long tNs, long[] windowsNs, long[] pagesOut, long[] regionsOut) {
    windows(tNs, windowsNs, pagesOut);
    for (int w = 0; w < windowsNs.length; w++) {
      regionsOut[w] = regionSteps.sumBefore(step, (int) (windowsNs[w] / stepNs));
    }
  }

  /** W(t, tau) in 4 KB pages alone, as {@link #windows(long, long[], long[], long[])} gives them. */
  public void windows(long tNs, long[] windowsNs, long[] pagesOut) {
    advanceTo(tNs);
    for (int w = 0; w < windowsNs.length; w++) {
      pagesOut[w] = pageSteps.sumBefore(step, (int) (windowsNs[w] / stepNs));
    }
  }

  /**
   * The last step page {@code page} was referenced in, exact as far back as the windows and the readers'
   * reach ({@link #reachBack}, {@link #keepFrom}) need (further back, some step before that); read ahead of
   * {@link #touch} to warm its cache line.
   */
  @Override
  public int stepOf(int page) {
    return page < pageLastStep.capacity() ? pageLastStep.get(page) : NEVER;
  }

  @Override
  public void reachBack(long steps) {
    pageLastStep.reach(steps);
  }

  @Override
  public void keepFrom(int step) {
    pageLastStep.keepFrom(step);
  }

  /** The step holding time {@code tsNs}: comparable with {@link #stepOf}. */
  public int stepAt(long tsNs) {
    return (int) Math.floorDiv(tsNs - firstStepStartNs, stepNs);
  }

  /** Moves "now" to the step holding {@code tsNs}, forgetting counts that fall out of the ring. */
  private void advanceTo(long tsNs) {
    long steps = (tsNs - firstStepStartNs) / stepNs;
    if (steps >= Integer.MAX_VALUE) {
      throw new IllegalStateException("the trace spans more than 2^31 working-set steps of " + stepNs
          + " ns; use a longer interval or coarser windows");
    }
    int target = (int) steps;
    if (target > step) {
      pageSteps.clearAfter(step, target);
      regionSteps.clearAfter(step, target);
      step = target;
      stepEndNs = firstStepStartNs + (target + 1) * stepNs;
    }
  }

  /**
   * For each of the last steps, how many pages (or regions) were last referenced in it: at least {@code size}
   * steps, a power of two of them, so that a step's slot is a mask away.
   */
  private static final class StepRing {
    private final int[] counts;
    private final int mask;

    StepRing(int size) {
      counts = new int[Integer.highestOneBit(Math.max(1, size - 1)) << 1];
      mask = counts.length - 1;
    }

    /** Steps the ring holds: a page's step further back than this is forgotten. */
    int size() {
      return counts.length;
    }

    /** One page's last reference moves from step {@code from} (maybe never, maybe forgotten) to step {@code to}. */
    void move(int from, int to) {
      if (from > to - counts.length) {
        counts[slot(from)]--;
      }
      counts[slot(to)]++;
    }

    /** Empties the slots of steps after {@code now} up to {@code target}, which they are about to hold. */
    void clearAfter(int now, int target) {
      int from = Math.max(now + 1, target - counts.length + 1);
      for (int s = from; s <= target; s++) {
        counts[slot(s)] = 0;
      }
    }

    /** Pages last referenced in the {@code steps} steps before step {@code now}. */
    long sumBefore(int now, int steps) {
      long sum = 0;
      for (int s = now - steps; s < now; s++) {
        if (s >= 0) {
          sum += counts[slot(s)];
        }
      }
      return sum;
    }

    private int slot(int step) {
      return step & mask;
    }
  }
}
