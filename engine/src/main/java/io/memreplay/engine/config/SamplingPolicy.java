package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * ESX's active-memory estimate (docs/model.md "Host memory", after W02 §5.3): each period, n of the VM's pages are
 * chosen at random and watched for a touch; the touched fraction feeds a slow and a fast moving average,
 * and the estimate is the largest of those and of the current period's running fraction.
 *
 * @param pages n, pages sampled per period: 100
 * @param periodS {@code Mem.SamplePeriod}: 60 s (30 s before 4.0)
 * @param slowGainPer30s gain of the slow average per 30 s: W02 does not publish it; 0.26, read off its Fig. 6 [D]
 * @param fastGainPer30s gain of the fast average per 30 s: 0.7, read off Fig. 6 [D]
 * @param minActivePct {@code Mem.SampleActivePctMin}: the estimate's floor, percent of configured memory: 1 (6.7U3+)
 */
public record SamplingPolicy(int pages, double periodS, @JsonProperty("slow_gain_per_30s") double slowGainPer30s,
    @JsonProperty("fast_gain_per_30s") double fastGainPer30s, double minActivePct) {

  public static final SamplingPolicy ESXI_DEFAULT = new SamplingPolicy(100, 60, 0.26, 0.7, 1);

  @JsonCreator
  public SamplingPolicy(
      @JsonProperty("pages") Integer pages,
      @JsonProperty("period_s") Double periodS,
      @JsonProperty("slow_gain_per_30s") Double slowGainPer30s,
      @JsonProperty("fast_gain_per_30s") Double fastGainPer30s,
      @JsonProperty("min_active_pct") Double minActivePct) {
    this(Settings.or(pages, ESXI_DEFAULT.pages), Settings.or(periodS, ESXI_DEFAULT.periodS),
        Settings.or(slowGainPer30s, ESXI_DEFAULT.slowGainPer30s), Settings.or(fastGainPer30s, ESXI_DEFAULT.fastGainPer30s),
        Settings.or(minActivePct, ESXI_DEFAULT.minActivePct));
  }

  public SamplingPolicy {
    Settings.requirePositive(pages, "sampling.pages");
    Settings.requirePositive(periodS, "sampling.period_s");
    Settings.require(slowGainPer30s > 0 && slowGainPer30s <= 1, "sampling.slow_gain_per_30s must be within (0, 1]");
    Settings.require(fastGainPer30s > 0 && fastGainPer30s <= 1, "sampling.fast_gain_per_30s must be within (0, 1]");
    Settings.requirePct(minActivePct, 100, "sampling.min_active_pct");
  }

  /** A gain given per 30 s, for one period: the same decay over the same time, 1 − (1 − g)^(period / 30 s). */
  public static double perPeriod(double gainPer30s, double periodS) {
    return 1 - Math.pow(1 - gainPer30s, periodS / 30);
  }
}
