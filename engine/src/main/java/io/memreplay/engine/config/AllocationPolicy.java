package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the host divides memory among VMs (docs/model.md "Host memory"): shares, reservations and limits,
 * with ESX's idle memory tax, recomputed every balance period and on large changes.
 *
 * @param idleTaxPct {@code Mem.IdleTax}: the tax rate τ in percent, 0 to 99; default 75 (an idle page
 *     costs k = 1 / (1 − τ) = 4 times an active one)
 * @param balancePeriodS {@code Mem.BalancePeriod}: seconds between reallocations; default 15
 * @param freeTargetPct the free memory the targets leave the host, in percent of the states' basis (see
 *     {@link StatePolicy#basis}): 100 (minFree) for ESXi 6.0+; W02 pushes free memory above its high
 *     threshold, 6% of host memory
 */
public record AllocationPolicy(double idleTaxPct, double balancePeriodS, double freeTargetPct) {

  public static final AllocationPolicy ESXI_DEFAULT = new AllocationPolicy(75, 15, 100);

  @JsonCreator
  public AllocationPolicy(
      @JsonProperty("idle_tax_pct") Double idleTaxPct,
      @JsonProperty("balance_period_s") Double balancePeriodS,
      @JsonProperty("free_target_pct") Double freeTargetPct) {
    this(Settings.or(idleTaxPct, ESXI_DEFAULT.idleTaxPct), Settings.or(balancePeriodS, ESXI_DEFAULT.balancePeriodS),
        Settings.or(freeTargetPct, ESXI_DEFAULT.freeTargetPct));
  }

  public AllocationPolicy {
    Settings.require(idleTaxPct >= 0 && idleTaxPct < 100, "allocation.idle_tax_pct must be within [0, 100), is " + idleTaxPct);
    Settings.requirePositive(balancePeriodS, "allocation.balance_period_s");
    Settings.requirePct(freeTargetPct, 10_000, "allocation.free_target_pct");
  }

  /** k = 1 / (1 − τ): what an idle page costs relative to an active one in the shares-per-page ratio. */
  public double idlePageCost() {
    return 1 / (1 - idleTaxPct / 100);
  }
}
