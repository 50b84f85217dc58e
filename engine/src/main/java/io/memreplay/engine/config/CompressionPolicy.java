package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Memory compression (docs/model.md "Host memory"). Only pages already chosen for swap-out are compressed:
 * one that compresses to at most {@code maxPageBytes} goes to the VM's compression cache, in a quarter-page
 * slot when it fits one, else a half-page slot; any other is swapped. The cache is charged to the VM and
 * capped; when full, its least recently compressed page is decompressed and swapped out.
 *
 * @param enabled {@code Mem.MemZipEnable}; default on
 * @param maxPct {@code Mem.MemZipMaxPct}: the largest cache, percent of configured memory; default 10
 * @param maxPageBytes the largest compressed page kept: 2,048 (half a page)
 * @param quarterPageBytes compressed pages up to this size take a quarter-page slot: 1,024
 * @param unknownSizes for pages whose compressed size the trace does not give: the share of pages (percent)
 *     that compress to each size, smallest first; the rest do not compress. No published distribution
 *     exists: 25% to a quarter page, 35% to half a page [I]
 * @param states states in which the swap daemon pages out toward the VMs' targets, compressing what compresses
 *     (6.0: hard and low); pages swapped out in other states (what the balloon cannot take, memory above a
 *     limit, the last resort when free memory runs out) are compressed too
 */
public record CompressionPolicy(boolean enabled, double maxPct, int maxPageBytes, int quarterPageBytes,
    List<CompressedShare> unknownSizes, List<MemoryState> states) {

  public static final CompressionPolicy ESXI_DEFAULT = new CompressionPolicy(true, 10, 2048, 1024,
      List.of(new CompressedShare(1024, 25.0), new CompressedShare(2048, 35.0)),
      List.of(MemoryState.HARD, MemoryState.LOW));

  /** {@code pct} percent of pages of unknown content compress to {@code bytes}. */
  public record CompressedShare(int bytes, double pct) {
    @JsonCreator
    public CompressedShare(@JsonProperty(value = "bytes", required = true) Integer bytes,
        @JsonProperty(value = "pct", required = true) Double pct) {
      this(bytes.intValue(), pct.doubleValue());
    }
  }

  @JsonCreator
  public CompressionPolicy(
      @JsonProperty("enabled") Boolean enabled,
      @JsonProperty("max_pct") Double maxPct,
      @JsonProperty("max_page_bytes") Integer maxPageBytes,
      @JsonProperty("quarter_page_bytes") Integer quarterPageBytes,
      @JsonProperty("unknown_sizes") List<CompressedShare> unknownSizes,
      @JsonProperty("states") List<MemoryState> states) {
    this(Settings.or(enabled, ESXI_DEFAULT.enabled), Settings.or(maxPct, ESXI_DEFAULT.maxPct),
        Settings.or(maxPageBytes, ESXI_DEFAULT.maxPageBytes), Settings.or(quarterPageBytes, ESXI_DEFAULT.quarterPageBytes),
        Settings.or(unknownSizes, ESXI_DEFAULT.unknownSizes), Settings.states(states, ESXI_DEFAULT.states));
  }

  public CompressionPolicy {
    Settings.requirePct(maxPct, 100, "compression.max_pct");
    Settings.require(quarterPageBytes > 0 && quarterPageBytes <= maxPageBytes && maxPageBytes <= 4096,
        "compression needs 0 < quarter_page_bytes <= max_page_bytes <= 4096");
    double total = 0;
    int previous = 0;
    for (CompressedShare share : unknownSizes) {
      Settings.require(share.bytes() > previous && share.bytes() <= 4096,
          "compression.unknown_sizes must list sizes from small to large, each within (0, 4096]");
      Settings.require(share.pct() >= 0, "compression.unknown_sizes percentages must not be negative");
      previous = share.bytes();
      total += share.pct();
    }
    Settings.require(total <= 100, "compression.unknown_sizes percentages add up to more than 100: " + total);
    unknownSizes = List.copyOf(unknownSizes);
    states = List.copyOf(states);
  }
}
