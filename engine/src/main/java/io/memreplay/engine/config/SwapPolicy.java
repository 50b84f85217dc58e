package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Hypervisor swapping (docs/model.md "Host memory"): victims are chosen at random (W02, to stay clear of the
 * guest's own LRU), each VM swaps to its own swap file of configured − reservation, and pages return on
 * demand only.
 *
 * @param enabled swapping at all
 * @param states states in which pages are swapped out toward the VMs' targets (6.0: hard and low; a VM above
 *     its limit swaps in every state when it cannot balloon)
 * @param whenBalloonCannot in states that balloon, swap the part of a VM's excess its balloon cannot take
 *     (no driver, or at its maximum): "ESX swaps instead" [R]
 * @param pagesPerS the most pages swapped out per second on the host, 0 for no limit (none is published)
 * @param hostCacheMb the host swap cache on SSD (5.0+), 0 for none: swapped pages go there first, and
 *     come back at its latency
 */
public record SwapPolicy(boolean enabled, List<MemoryState> states, boolean whenBalloonCannot, long pagesPerS,
    long hostCacheMb) {

  public static final SwapPolicy ESXI_DEFAULT =
      new SwapPolicy(true, List.of(MemoryState.HARD, MemoryState.LOW), true, 0, 0);

  @JsonCreator
  public SwapPolicy(
      @JsonProperty("enabled") Boolean enabled,
      @JsonProperty("states") List<MemoryState> states,
      @JsonProperty("when_balloon_cannot") Boolean whenBalloonCannot,
      @JsonProperty("pages_per_s") Long pagesPerS,
      @JsonProperty("host_cache_mb") Long hostCacheMb) {
    this(Settings.or(enabled, ESXI_DEFAULT.enabled), Settings.states(states, ESXI_DEFAULT.states),
        Settings.or(whenBalloonCannot, ESXI_DEFAULT.whenBalloonCannot), Settings.or(pagesPerS, ESXI_DEFAULT.pagesPerS),
        Settings.or(hostCacheMb, ESXI_DEFAULT.hostCacheMb));
  }

  public SwapPolicy {
    Settings.require(pagesPerS >= 0, "swap.pages_per_s must not be negative");
    Settings.require(hostCacheMb >= 0, "swap.host_cache_mb must not be negative");
    states = List.copyOf(states);
  }
}
