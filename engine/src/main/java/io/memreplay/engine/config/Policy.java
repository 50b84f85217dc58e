package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.memreplay.engine.config.AllocationPolicy;
import io.memreplay.engine.config.BalloonPolicy;
import io.memreplay.engine.config.ColdReclaimPolicy;
import io.memreplay.engine.config.CompressionPolicy;
import io.memreplay.engine.config.LargePagePolicy;
import io.memreplay.engine.config.SamplingPolicy;
import io.memreplay.engine.config.StallCosts;
import io.memreplay.engine.config.StatePolicy;
import io.memreplay.engine.config.SwapPolicy;
import io.memreplay.engine.config.TranslationPolicy;

/**
 * A named set of hypervisor choices to replay a trace under. Comparing policies is replaying one trace
 * under several of them. Sections not given take ESXi 6.0+'s defaults.
 */
public record Policy(String name, String description, SharingPolicy sharing, TranslationPolicy translation,
    LargePagePolicy largePages, AllocationPolicy allocation, StatePolicy states, BalloonPolicy balloon,
    CompressionPolicy compression, SwapPolicy swap, SamplingPolicy sampling, ColdReclaimPolicy coldReclaim,
    StallCosts costs) {

  /** The longest policy name: its folder, policy=NAME, and a temporary one beside it fit 255 bytes. */
  private static final int MAX_NAME_LENGTH = 200;

  /** A policy with ESXi's defaults in every section but sharing and translation (null for their defaults too). */
  public Policy(String name, String description, SharingPolicy sharing, TranslationPolicy translation) {
    this(name, description, sharing, translation, null, null, null, null, null, null, null, null, null);
  }

  @JsonCreator
  public Policy(
      @JsonProperty(value = "name", required = true) String name,
      @JsonProperty("description") String description,
      @JsonProperty("sharing") SharingPolicy sharing,
      @JsonProperty("translation") TranslationPolicy translation,
      @JsonProperty("large_pages") LargePagePolicy largePages,
      @JsonProperty("allocation") AllocationPolicy allocation,
      @JsonProperty("states") StatePolicy states,
      @JsonProperty("balloon") BalloonPolicy balloon,
      @JsonProperty("compression") CompressionPolicy compression,
      @JsonProperty("swap") SwapPolicy swap,
      @JsonProperty("sampling") SamplingPolicy sampling,
      @JsonProperty("cold_reclaim") ColdReclaimPolicy coldReclaim,
      @JsonProperty("costs") StallCosts costs) {
    this.name = name;
    this.description = description == null ? "" : description;
    this.sharing = sharing == null ? SharingPolicy.ESXI_DEFAULT : sharing;
    this.translation = translation == null ? TranslationPolicy.ESXI_DEFAULT : translation;
    this.largePages = largePages == null ? LargePagePolicy.ESXI_DEFAULT : largePages;
    this.allocation = allocation == null ? AllocationPolicy.ESXI_DEFAULT : allocation;
    this.states = states == null ? StatePolicy.ESXI_DEFAULT : states;
    this.balloon = balloon == null ? BalloonPolicy.ESXI_DEFAULT : balloon;
    this.compression = compression == null ? CompressionPolicy.ESXI_DEFAULT : compression;
    this.swap = swap == null ? SwapPolicy.ESXI_DEFAULT : swap;
    this.sampling = sampling == null ? SamplingPolicy.ESXI_DEFAULT : sampling;
    this.coldReclaim = coldReclaim == null ? ColdReclaimPolicy.OFF : coldReclaim;
    this.costs = costs == null ? StallCosts.DEFAULT : costs;
  }

  void check(String source) throws ConfigException {
    Scenario.require(source, name != null && name.matches("[A-Za-z0-9][A-Za-z0-9._-]*"),
        "policy name must be letters, digits, '.', '_' or '-' (it names folders), is '" + name + "'");
    // a folder name is at most 255 bytes on common file systems, and the policy's folder is policy=NAME
    if (name.length() > MAX_NAME_LENGTH) {
      throw new ConfigException(source + ": policy name must be at most " + MAX_NAME_LENGTH
          + " characters (it names folders), is " + name.length() + ": '" + name.substring(0, 40) + "...'");
    }
    sharing.check(source);
    SizeLimits.pagesPerS(source, "sharing.max_pages_per_s", sharing.maxPagesPerS());
    SizeLimits.pagesPerS(source, "sharing.pages_per_s_per_vm", sharing.pagesPerSPerVm());
    SizeLimits.pagesPerS(source, "sharing.host_pages_per_s", sharing.hostPagesPerS());
    SizeLimits.pagesPerS(source, "balloon.inflate_pages_per_s", balloon.inflatePagesPerS());
    SizeLimits.pagesPerS(source, "balloon.pressure_pages_per_s", balloon.pressurePagesPerS());
    SizeLimits.pagesPerS(source, "balloon.deflate_pages_per_s", balloon.deflatePagesPerS());
    SizeLimits.pagesPerS(source, "swap.pages_per_s", swap.pagesPerS());
    SizeLimits.mb(source, "swap.host_cache_mb", swap.hostCacheMb());
    SizeLimits.mb(source, "cold_reclaim.quota_mb_per_s", coldReclaim.quotaMbPerS());
  }
}
