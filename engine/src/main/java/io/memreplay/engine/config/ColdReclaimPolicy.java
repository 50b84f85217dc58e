package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A proactive reclaimer of cold pages in the style of Linux's DAMON_RECLAIM: while the host's free memory
 * is between the low and the mid watermark (it starts below mid and stops above high or below low), pages
 * idle for at least the minimum age are paged out (compressed where they compress, else swapped), within a
 * quota per second. Defaults are DAMON_RECLAIM's ({@code mm/damon/reclaim.c}, admin-guide): min_age 120 s,
 * quota 128 MiB per 1 s, watermarks 500 / 400 / 200 per mille of free memory.
 *
 * @param enabled off unless a policy asks for it
 * @param minAgeS how long a page must have been idle
 * @param quotaMbPerS the most memory reclaimed per second
 * @param wmarkHighPermil above this free memory (per mille of host memory) the reclaimer stops
 * @param wmarkMidPermil below this it starts
 * @param wmarkLowPermil below this it stops too (the host's own reclamation takes over)
 */
public record ColdReclaimPolicy(boolean enabled, double minAgeS, long quotaMbPerS, int wmarkHighPermil,
    int wmarkMidPermil, int wmarkLowPermil) {

  public static final ColdReclaimPolicy OFF = new ColdReclaimPolicy(false, 120, 128, 500, 400, 200);

  @JsonCreator
  public ColdReclaimPolicy(
      @JsonProperty("enabled") Boolean enabled,
      @JsonProperty("min_age_s") Double minAgeS,
      @JsonProperty("quota_mb_per_s") Long quotaMbPerS,
      @JsonProperty("wmark_high_permil") Integer wmarkHighPermil,
      @JsonProperty("wmark_mid_permil") Integer wmarkMidPermil,
      @JsonProperty("wmark_low_permil") Integer wmarkLowPermil) {
    this(Settings.or(enabled, OFF.enabled), Settings.or(minAgeS, OFF.minAgeS), Settings.or(quotaMbPerS, OFF.quotaMbPerS),
        Settings.or(wmarkHighPermil, OFF.wmarkHighPermil), Settings.or(wmarkMidPermil, OFF.wmarkMidPermil),
        Settings.or(wmarkLowPermil, OFF.wmarkLowPermil));
  }

  public ColdReclaimPolicy {
    Settings.require(minAgeS >= 0, "cold_reclaim.min_age_s must not be negative");
    Settings.requirePositive(quotaMbPerS, "cold_reclaim.quota_mb_per_s");
    Settings.require(wmarkHighPermil >= wmarkMidPermil && wmarkMidPermil >= wmarkLowPermil && wmarkLowPermil >= 0
        && wmarkHighPermil <= 1000, "cold_reclaim watermarks must fall from high to low within [0, 1000]");
  }
}
