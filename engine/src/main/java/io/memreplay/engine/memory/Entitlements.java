package io.memreplay.engine.memory;

/**
 * ESX's allocation targets by min-funding revocation with the idle memory tax (W02 §5.1-5.2, docs/model.md
 * "Host memory"). Memory is revoked from the VM with the fewest shares per allocated page, where an idle
 * page costs k = 1 / (1 − τ) active ones: ρ = S / (P (f + k (1 − f))). Revocation stops when every VM not
 * held by its bounds has the same ρ, which with A = f P active pages gives
 *
 * <pre>  P_i = clamp((S_i / ρ + (k − 1) A_i) / k, R_i, U_i),   with ρ such that Σ P_i = T</pre>
 *
 * where R_i is the reservation and U_i = min(limit, configured, demand): the water-filling form of the
 * revocation rule. Below its active pages (S_i / ρ < A_i) every page a VM holds is active, its ratio is
 * S / P, and P_i = S_i / ρ. T is what the host can give VMs. When everything fits, each VM gets U_i.
 */
public final class Entitlements {

  private static final int BISECTIONS = 100;

  private Entitlements() {}

  /**
   * Fills {@code out} with the targets, in pages.
   *
   * @param shares S_i
   * @param reservation R_i, pages
   * @param upper U_i, pages
   * @param active A_i, pages
   * @param total T, pages
   * @param idlePageCost k
   */
  public static void compute(long[] shares, long[] reservation, long[] upper, double[] active, long total,
      double idlePageCost, long[] out) {
    int n = shares.length;
    long wanted = 0;
    long guaranteed = 0;
    for (int i = 0; i < n; i++) {
      wanted += upper[i];
      guaranteed += Math.min(reservation[i], upper[i]);
    }
    if (wanted <= total || guaranteed >= total) {
      for (int i = 0; i < n; i++) {
        out[i] = wanted <= total ? upper[i] : Math.min(reservation[i], upper[i]);
      }
      return;
    }
    // x = 1/ρ: the allocations grow with it; find x where they add up to the total
    double high = 0;
    for (int i = 0; i < n; i++) {
      if (shares[i] > 0) {
        high = Math.max(high, idlePageCost * upper[i] / shares[i]);
      }
    }
    double low = 0;
    for (int b = 0; b < BISECTIONS; b++) {
      double x = (low + high) / 2;
      if (sum(shares, reservation, upper, active, idlePageCost, x) > total) {
        high = x;
      } else {
        low = x;
      }
    }
    for (int i = 0; i < n; i++) {
      out[i] = (long) Math.floor(allocation(shares[i], reservation[i], upper[i], active[i], idlePageCost, low));
    }
  }

  private static double sum(long[] shares, long[] reservation, long[] upper, double[] active, double k, double x) {
    double sum = 0;
    for (int i = 0; i < shares.length; i++) {
      sum += allocation(shares[i], reservation[i], upper[i], active[i], k, x);
    }
    return sum;
  }

  private static double allocation(long shares, long reservation, long upper, double active, double k, double x) {
    double a = Math.min(active, upper);
    double funded = shares * x;
    double p = funded < a ? funded : (funded + (k - 1) * a) / k;
    return Math.max(Math.min(reservation, upper), Math.min(p, upper));
  }

  /** W02's revocation ratio ρ = S / (P (f + k (1 − f))) for a VM holding {@code pages}, {@code active} of them active. */
  public static double sharesPerPage(long shares, double pages, double active, double idlePageCost) {
    if (pages <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    double f = Math.min(1, active / pages);
    return shares / (pages * (f + idlePageCost * (1 - f)));
  }
}
