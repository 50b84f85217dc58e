package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What reclamation costs a VM in waiting time (docs/model.md "Stall time"). No primary source gives these
 * latencies; the defaults are estimates (docs/model.md "Stall time"), all configurable.
 *
 * @param swapInUs reading a page back from the VM's swap file: 5,000 µs (a disk; SSD ≈ 100 µs)
 * @param hostCacheSwapInUs reading it back from the host swap cache on SSD: 100 µs
 * @param decompressUs decompressing a page from the compression cache: 20 µs (10-50 µs)
 * @param guestSwapInUs the guest reading back a page it paged out to give its balloon memory: 5,000 µs
 * @param swapOutUs writing a page out while the VM waits for it (blocked in the low state): 5,000 µs
 * @param balloonOverheadPerFraction slowdown per fraction of configured memory ballooned (guest structures
 *     sized for memory it no longer has): W02 Fig. 2 measured 1.4% for a 1/8 balloon and 4.4% for a 1/2
 *     balloon, about 0.1 of the ballooned fraction [D]
 */
public record StallCosts(double swapInUs, double hostCacheSwapInUs, double decompressUs, double guestSwapInUs,
    double swapOutUs, double balloonOverheadPerFraction) {

  public static final StallCosts DEFAULT = new StallCosts(5000, 100, 20, 5000, 5000, 0.1);

  @JsonCreator
  public StallCosts(
      @JsonProperty("swap_in_us") Double swapInUs,
      @JsonProperty("host_cache_swap_in_us") Double hostCacheSwapInUs,
      @JsonProperty("decompress_us") Double decompressUs,
      @JsonProperty("guest_swap_in_us") Double guestSwapInUs,
      @JsonProperty("swap_out_us") Double swapOutUs,
      @JsonProperty("balloon_overhead_per_fraction") Double balloonOverheadPerFraction) {
    this(Settings.or(swapInUs, DEFAULT.swapInUs), Settings.or(hostCacheSwapInUs, DEFAULT.hostCacheSwapInUs),
        Settings.or(decompressUs, DEFAULT.decompressUs), Settings.or(guestSwapInUs, DEFAULT.guestSwapInUs),
        Settings.or(swapOutUs, DEFAULT.swapOutUs), Settings.or(balloonOverheadPerFraction, DEFAULT.balloonOverheadPerFraction));
  }

  public StallCosts {
    for (double cost : new double[] {swapInUs, hostCacheSwapInUs, decompressUs, guestSwapInUs, swapOutUs,
        balloonOverheadPerFraction}) {
      Settings.require(cost >= 0, "stall costs must not be negative");
    }
  }
}
