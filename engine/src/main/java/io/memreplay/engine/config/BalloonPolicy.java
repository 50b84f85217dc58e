package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Ballooning (docs/model.md "Host memory"). The driver polls its target once a second and moves toward it
 * at limited rates; the guest gives up its free pages first, then its coldest pages, which it must page
 * out itself (double paging when the hypervisor had swapped them).
 *
 * @param enabled ballooning at all ({@code Mem.CtlMaxPercent} = 0 disables it)
 * @param maxPct {@code Mem.CtlMaxPercent}: the largest balloon, percent of configured memory; default 65
 *     (a VM's {@code max_balloon_mb}, {@code sched.mem.maxmemctl}, lowers it)
 * @param inflatePagesPerS pages a second the driver takes while the guest has free pages: 16,384 (Linux
 *     vmw_balloon's non-sleeping allocations per cycle)
 * @param pressurePagesPerS pages a second once the guest must give up pages in use: 2,048 (vmw_balloon's
 *     largest sleeping-allocation rate)
 * @param deflatePagesPerS pages a second the balloon gives back: 16,384 (vmw_balloon's largest deflate rate)
 * @param states states in which the balloon target follows the allocation target (6.0: soft); a VM above
 *     its limit balloons in every state
 * @param frozenStates states in which the balloon neither inflates nor deflates (6.0: "the balloon stops"
 *     in hard and low); in the other states it deflates toward its target
 * @param coldAgeS a page in use counts as cold, one the guest can page out, when idle this many seconds:
 *     ESX's sampling period, 60 [I]
 */
public record BalloonPolicy(boolean enabled, double maxPct, long inflatePagesPerS, long pressurePagesPerS,
    long deflatePagesPerS, List<MemoryState> states, List<MemoryState> frozenStates, double coldAgeS) {

  public static final BalloonPolicy ESXI_DEFAULT = new BalloonPolicy(true, 65, 16384, 2048, 16384,
      List.of(MemoryState.SOFT), List.of(MemoryState.HARD, MemoryState.LOW), 60);

  @JsonCreator
  public BalloonPolicy(
      @JsonProperty("enabled") Boolean enabled,
      @JsonProperty("max_pct") Double maxPct,
      @JsonProperty("inflate_pages_per_s") Long inflatePagesPerS,
      @JsonProperty("pressure_pages_per_s") Long pressurePagesPerS,
      @JsonProperty("deflate_pages_per_s") Long deflatePagesPerS,
      @JsonProperty("states") List<MemoryState> states,
      @JsonProperty("frozen_states") List<MemoryState> frozenStates,
      @JsonProperty("cold_age_s") Double coldAgeS) {
    this(Settings.or(enabled, ESXI_DEFAULT.enabled), Settings.or(maxPct, ESXI_DEFAULT.maxPct),
        Settings.or(inflatePagesPerS, ESXI_DEFAULT.inflatePagesPerS),
        Settings.or(pressurePagesPerS, ESXI_DEFAULT.pressurePagesPerS),
        Settings.or(deflatePagesPerS, ESXI_DEFAULT.deflatePagesPerS), Settings.states(states, ESXI_DEFAULT.states),
        Settings.states(frozenStates, ESXI_DEFAULT.frozenStates), Settings.or(coldAgeS, ESXI_DEFAULT.coldAgeS));
  }

  public BalloonPolicy {
    Settings.requirePct(maxPct, 99, "balloon.max_pct");
    Settings.requirePositive(inflatePagesPerS, "balloon.inflate_pages_per_s");
    Settings.requirePositive(pressurePagesPerS, "balloon.pressure_pages_per_s");
    Settings.requirePositive(deflatePagesPerS, "balloon.deflate_pages_per_s");
    Settings.require(coldAgeS >= 0, "balloon.cold_age_s must not be negative");
    states = List.copyOf(states);
    frozenStates = List.copyOf(frozenStates);
  }
}
