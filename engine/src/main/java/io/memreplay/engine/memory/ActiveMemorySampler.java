package io.memreplay.engine.memory;

import io.memreplay.engine.config.SamplingPolicy;
import io.memreplay.engine.workingset.LastTouch;
import java.util.SplittableRandom;

/**
 * ESX's statistical estimate of a VM's active memory (W02 §5.3): at the start of each sampling period n of
 * the VM's configured pages are chosen at random; at its end the fraction touched during the period, f = t /
 * n, updates a slow and a fast exponentially weighted average. The estimate is the largest of the slow
 * average, the fast average and the fast average updated with the current period's fraction so far, so it
 * rises quickly and falls slowly; a floor of {@code min_active_pct} applies.
 *
 * <p>Pages are chosen among the configured page slots 0 .. configured − 1, slot k being the page the VM
 * touched k-th (dense page indices); slots past the pages touched so far stand for untouched memory. Whether
 * a sampled page was touched is read from the pages' last-touch steps when the period ends, which costs the
 * replay's hot path nothing.
 */
public final class ActiveMemorySampler {

  private int samples;
  private long configuredPages;
  private double slowGain;
  private double fastGain;
  private double floor;
  private final SplittableRandom random;
  /** The current period's n pages: a new n takes effect at the next period. */
  private int[] sampled;
  private double slow;
  private double fast;
  private int periodStartStep;
  private boolean started;

  public ActiveMemorySampler(SamplingPolicy policy, long configuredPages, long seed) {
    this.random = new SplittableRandom(seed);
    configure(policy, configuredPages);
  }

  /** New settings, or a new size, from now on; the averages so far stay, a new n counts from the next period. */
  public void configure(SamplingPolicy policy, long configured) {
    this.samples = policy.pages();
    this.configuredPages = configured;
    this.slowGain = SamplingPolicy.perPeriod(policy.slowGainPer30s(), policy.periodS());
    this.fastGain = SamplingPolicy.perPeriod(policy.fastGainPer30s(), policy.periodS());
    this.floor = policy.minActivePct() / 100;
  }

  /** Starts a sampling period at step {@code step}: chooses its n pages. */
  public void startPeriod(int step) {
    if (sampled == null || sampled.length != samples) {
      sampled = new int[samples];
    }
    for (int i = 0; i < sampled.length; i++) {
      sampled[i] = (int) random.nextLong(configuredPages);
    }
    periodStartStep = step;
    started = true;
  }

  /** Ends the current period: the touched fraction feeds the averages. */
  public void endPeriod(LastTouch lastTouch, int touchedPages) {
    if (!started) {
      return;
    }
    double f = touchedFraction(lastTouch, touchedPages);
    slow += slowGain * (f - slow);
    fast += fastGain * (f - fast);
    started = false;
  }

  /** The estimate, in pages, as of now (mid-period: with the fraction touched so far). */
  public long estimatePages(LastTouch lastTouch, int touchedPages) {
    double current = started ? fast + fastGain * (touchedFraction(lastTouch, touchedPages) - fast) : fast;
    double fraction = Math.max(floor, Math.max(slow, Math.max(fast, current)));
    return Math.round(Math.min(1, fraction) * configuredPages);
  }

  private double touchedFraction(LastTouch lastTouch, int touchedPages) {
    int touched = 0;
    for (int page : sampled) {
      if (page < touchedPages && lastTouch.stepOf(page) >= periodStartStep) {
        touched++;
      }
    }
    return (double) touched / sampled.length;
  }
}
