package io.memreplay.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EntitlementsTest {

  private static final double NO_TAX = 1;
  /** k = 1 / (1 − 0.75). */
  private static final double DEFAULT_TAX = 4;

  @Test
  void withoutContentionEveryVmGetsWhatItWants() {
    long[] out = new long[2];
    Entitlements.compute(new long[] {10, 10}, new long[] {0, 0}, new long[] {300, 500}, new double[] {0, 0}, 1000,
        DEFAULT_TAX, out);
    assertEquals(300, out[0]);
    assertEquals(500, out[1]);
  }

  @Test
  void withoutTaxEqualSharesGetEqualMemoryWhateverTheirActivity() {
    long[] out = new long[2];
    Entitlements.compute(new long[] {10, 10}, new long[] {0, 0}, new long[] {1000, 1000}, new double[] {1000, 0}, 1000,
        NO_TAX, out);
    assertEquals(500, out[0], 1);
    assertEquals(500, out[1], 1);
  }

  /**
   * τ = 0.75, k = 4; the active VM touches all its 1000 pages, the idle one none. Every page the active VM
   * keeps is active, so its ratio is S / P1; the idle VM's is S / (4 P2). Equal ratios and P1 + P2 = 1000
   * give P1 = 4 P2 = 800.
   */
  @Test
  void theIdleTaxMovesMemoryFromTheIdleVmToTheActiveOne() {
    long[] out = new long[2];
    Entitlements.compute(new long[] {10, 10}, new long[] {0, 0}, new long[] {1000, 1000}, new double[] {1000, 0}, 1000,
        DEFAULT_TAX, out);
    assertEquals(800, out[0], 1);
    assertEquals(200, out[1], 1);
  }

  /**
   * Half of the active VM's 1000 pages are active: while it holds more than 500, ρ1 = S / (4 P1 − 3 × 500)
   * and ρ2 = S / (4 P2); equal, with P1 + P2 = 1000: 4 P1 − 1500 = 4 (1000 − P1), so P1 = 687.5.
   */
  @Test
  void aPartlyActiveVmKeepsItsActivePagesAndAShareOfTheRest() {
    long[] out = new long[2];
    Entitlements.compute(new long[] {10, 10}, new long[] {0, 0}, new long[] {1000, 1000}, new double[] {500, 0}, 1000,
        DEFAULT_TAX, out);
    assertEquals(687, out[0], 1);
    assertEquals(312, out[1], 1);
  }

  @Test
  void reservationsAndUpperBoundsHold() {
    long[] out = new long[3];
    Entitlements.compute(new long[] {10, 10, 40}, new long[] {400, 0, 0}, new long[] {1000, 1000, 100},
        new double[] {0, 0, 0}, 1000, DEFAULT_TAX, out);
    assertTrue(out[0] >= 400, "the reservation is a floor: " + out[0]);
    assertTrue(out[2] <= 100, "the upper bound (limit, configured, demand) is a ceiling: " + out[2]);
    assertEquals(1000, out[0] + out[1] + out[2], 3);
  }

  /**
   * Min-funding revocation by hand: from everything each VM wants, revoke one page at a time from the VM with
   * the fewest shares per (tax-weighted) page, W02's rule, until the total fits. The water-filling targets
   * land where it does, for random VMs.
   */
  @Test
  void targetsAreWhereRevokingFromTheLowestSharesPerPageRatioStops() {
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 20; trial++) {
      int n = 2 + random.nextInt(4);
      long[] shares = new long[n];
      long[] reservation = new long[n];
      long[] upper = new long[n];
      double[] activeFraction = new double[n];
      long wanted = 0;
      for (int i = 0; i < n; i++) {
        shares[i] = 1000L * (1 + random.nextInt(20));
        upper[i] = 500 + random.nextInt(3000);
        reservation[i] = random.nextInt(4) == 0 ? random.nextInt((int) upper[i] / 2) : 0;
        activeFraction[i] = random.nextDouble();
        wanted += upper[i];
      }
      long total = wanted / 2;
      double k = 1 + random.nextDouble() * 5;
      long[] revoked = upper.clone();
      for (long held = wanted; held > total; held--) {
        int lowest = -1;
        double lowestRatio = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
          if (revoked[i] > reservation[i]) {
            double ratio = Entitlements.sharesPerPage(shares[i], revoked[i], activeFraction[i] * upper[i], k);
            if (ratio < lowestRatio) {
              lowestRatio = ratio;
              lowest = i;
            }
          }
        }
        revoked[lowest]--;
      }
      double[] active = new double[n];
      for (int i = 0; i < n; i++) {
        active[i] = activeFraction[i] * upper[i];
      }
      long[] targets = new long[n];
      Entitlements.compute(shares, reservation, upper, active, total, k, targets);
      for (int i = 0; i < n; i++) {
        assertEquals(revoked[i], targets[i], 2 + 0.01 * upper[i], "trial " + trial + ", VM " + i);
      }
    }
  }
}
