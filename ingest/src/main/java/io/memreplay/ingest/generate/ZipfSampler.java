package io.memreplay.ingest.generate;

import java.util.SplittableRandom;

/**
 * Zipf-distributed ranks 1..n, P(k) proportional to k^-s, by rejection-inversion (W. Hörmann and
 * G. Derflinger, "Rejection-inversion to generate variates from monotone discrete distributions", ACM
 * TOMACS 6(3), 1996). It inverts the integral H of the continuous hat h(x) = x^-s and accepts the rounded
 * point with a test that rarely needs more than a comparison: O(1) per sample, about one exp, with no
 * table however large n is. StrictMath makes the samples, and so the traces, the same on every machine.
 */
final class ZipfSampler {

  private final long n;
  private final double exponent;
  private final double hIntegralX1;
  private final double hIntegralN;
  /** Points this close to the rounded rank are always accepted (the paper's s). */
  private final double squeeze;

  ZipfSampler(long n, double exponent) {
    if (n < 1 || !(exponent > 0)) {
      throw new IllegalArgumentException("Zipf needs n >= 1 and exponent > 0, not n=" + n + ", s=" + exponent);
    }
    this.n = n;
    this.exponent = exponent;
    this.hIntegralX1 = hIntegral(1.5) - 1.0;
    this.hIntegralN = hIntegral(n + 0.5);
    this.squeeze = 2.0 - hIntegralInverse(hIntegral(2.5) - h(2.0));
  }

  /** A rank in [1, n]; rank 1 is the most likely. */
  long sample(SplittableRandom random) {
    while (true) {
      // u is uniform over (H(1.5) - 1, H(n + 0.5)]: the hat's area, with rank 1's bar drawn exactly
      double u = hIntegralN + random.nextDouble() * (hIntegralX1 - hIntegralN);
      double x = hIntegralInverse(u);
      long k = Math.max(1, Math.min(n, (long) (x + 0.5)));
      if (k - x <= squeeze || u >= hIntegral(k + 0.5) - h(k)) {
        return k;
      }
    }
  }

  /** h(x) = x^-s. */
  private double h(double x) {
    return StrictMath.exp(-exponent * StrictMath.log(x));
  }

  /** H(x) = (x^(1-s) - 1) / (1 - s), log x when s = 1; written to stay accurate near s = 1. */
  private double hIntegral(double x) {
    double logX = StrictMath.log(x);
    return expm1OverX((1.0 - exponent) * logX) * logX;
  }

  private double hIntegralInverse(double x) {
    // rounding can push t just below -1, where log1p is undefined
    double t = Math.max(-1.0, x * (1.0 - exponent));
    return StrictMath.exp(log1pOverX(t) * x);
  }

  /** log(1 + x) / x, and its Taylor series near 0 where the quotient loses precision. */
  private static double log1pOverX(double x) {
    return Math.abs(x) > 1e-8 ? StrictMath.log1p(x) / x : 1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x));
  }

  /** (e^x - 1) / x, and its Taylor series near 0 where the quotient loses precision. */
  private static double expm1OverX(double x) {
    return Math.abs(x) > 1e-8 ? StrictMath.expm1(x) / x : 1.0 + x * 0.5 * (1.0 + x / 3.0 * (1.0 + 0.25 * x));
  }
}
