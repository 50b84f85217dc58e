package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.memreplay.engine.config.MemoryState;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Transparent page sharing (docs/model.md, after Waldspurger, OSDI 2002, §4): which VMs may share pages, ESXi's {@code
 * Mem.ShareForceSalting} and the VMs' salts, and how fast the scanner looks for pages to share. Two pages
 * can be shared only when their contents and their salts are equal.
 *
 * @param enabled TPS at all ({@code Mem.ShareScanGHz} = 0 disables it); the sharing potential columns are
 *     computed either way
 * @param salting 0: all VMs share with each other; 1: VMs share when their salts are equal; 2 (ESXi
 *     6.0+ default): as 1, but a VM without a salt gets a salt of its own, so it shares only with itself
 * @param unsaltedVms under salting 1, whether VMs without a salt share with each other ({@code common},
 *     one reading of KB 2097593) or each get their own salt ({@code own}, the other reading)
 * @param scanMinutes {@code Mem.ShareScanTime}: minutes to scan a whole VM: 60
 * @param maxPagesPerS {@code Mem.ShareRateMax}: the most pages a second scanned per VM: 1,024
 * @param pagesPerSPerVm a fixed scan rate per VM instead of configured pages / scan time (ESX 2.x {@code
 *     ShareScanVM} = 50); null for the 3.x+ rate law
 * @param mbPerSPerGhz {@code Mem.ShareScanGHz}: the host-wide scan budget, MB a second per GHz of host CPU
 *     (host cpus × cpu_ghz; no cap when the scenario gives neither): 4
 * @param hostPagesPerS a fixed host-wide scan budget instead (ESX 2.x {@code ShareScanTotal} = 200); null for
 *     the GHz rule
 * @param boostStates states in which every VM is scanned at {@code maxPagesPerS} (6.0 "actively calls TPS" in
 *     the clear state [R]; modelled as the largest rate [I])
 */
public record SharingPolicy(boolean enabled, int salting, UnsaltedVms unsaltedVms, double scanMinutes,
    long maxPagesPerS, @JsonProperty("pages_per_s_per_vm") Long pagesPerSPerVm,
    @JsonProperty("mb_per_s_per_ghz") double mbPerSPerGhz, Long hostPagesPerS, List<MemoryState> boostStates) {

  public static final SharingPolicy ESXI_DEFAULT =
      new SharingPolicy(true, 2, UnsaltedVms.COMMON, 60, 1024, null, 4, null, List.of(MemoryState.CLEAR));

  /** How salting 1 treats VMs without a salt. */
  public enum UnsaltedVms {
    COMMON,
    OWN;

    @JsonValue
    public String yaml() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static UnsaltedVms parse(String text) {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
  }

  /** ESXi's sharing with another salting mode. */
  public SharingPolicy(Integer salting, UnsaltedVms unsaltedVms) {
    this(null, salting, unsaltedVms, null, null, null, null, null, null);
  }

  @JsonCreator
  public SharingPolicy(
      @JsonProperty("enabled") Boolean enabled,
      @JsonProperty("salting") Integer salting,
      @JsonProperty("unsalted_vms") UnsaltedVms unsaltedVms,
      @JsonProperty("scan_minutes") Double scanMinutes,
      @JsonProperty("max_pages_per_s") Long maxPagesPerS,
      @JsonProperty("pages_per_s_per_vm") Long pagesPerSPerVm,
      @JsonProperty("mb_per_s_per_ghz") Double mbPerSPerGhz,
      @JsonProperty("host_pages_per_s") Long hostPagesPerS,
      @JsonProperty("boost_states") List<MemoryState> boostStates) {
    this(enabled == null || enabled, salting == null ? 2 : salting,
        unsaltedVms == null ? UnsaltedVms.COMMON : unsaltedVms, scanMinutes == null ? 60 : scanMinutes,
        maxPagesPerS == null ? 1024 : maxPagesPerS, pagesPerSPerVm, mbPerSPerGhz == null ? 4 : mbPerSPerGhz,
        hostPagesPerS, boostStates == null ? List.of(MemoryState.CLEAR)
            : boostStates.isEmpty() ? List.of() : List.copyOf(EnumSet.copyOf(boostStates)));
  }

  void check(String source) throws ConfigException {
    Scenario.require(source, salting >= 0 && salting <= 2, "sharing.salting must be 0, 1 or 2, is " + salting);
    Scenario.require(source, scanMinutes > 0, "sharing.scan_minutes must be positive, is " + scanMinutes);
    Scenario.require(source, maxPagesPerS > 0, "sharing.max_pages_per_s must be positive, is " + maxPagesPerS);
    Scenario.require(source, pagesPerSPerVm == null || pagesPerSPerVm > 0, "sharing.pages_per_s_per_vm must be positive");
    Scenario.require(source, mbPerSPerGhz >= 0, "sharing.mb_per_s_per_ghz must not be negative");
    Scenario.require(source, hostPagesPerS == null || hostPagesPerS > 0, "sharing.host_pages_per_s must be positive");
  }
}
