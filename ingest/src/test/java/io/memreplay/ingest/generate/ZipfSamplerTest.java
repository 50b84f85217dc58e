package io.memreplay.ingest.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZipfSamplerTest {

  @ParameterizedTest
  @CsvSource({"10, 1.0", "10, 0.5", "25, 2.0", "3, 1.0", "1000, 1.0"})
  void rankFrequenciesMatchTheZipfProbabilities(int n, double exponent) {
    ZipfSampler zipf = new ZipfSampler(n, exponent);
    SplittableRandom random = new SplittableRandom(42);
    int samples = 400_000;
    long[] counts = new long[n + 1];
    for (int i = 0; i < samples; i++) {
      counts[(int) zipf.sample(random)]++;
    }
    double norm = 0;
    for (int k = 1; k <= n; k++) {
      norm += Math.pow(k, -exponent);
    }
    for (int k = 1; k <= Math.min(n, 20); k++) {
      double expected = Math.pow(k, -exponent) / norm;
      // five standard deviations of a binomial frequency
      double tolerance = 5 * Math.sqrt(expected * (1 - expected) / samples);
      assertEquals(expected, counts[k] / (double) samples, tolerance, "P(rank " + k + ")");
    }
  }

  @Test
  void ranksStayWithinOneToNEvenForHugeN() {
    long n = 1L << 40;
    ZipfSampler zipf = new ZipfSampler(n, 1.0);
    SplittableRandom random = new SplittableRandom(7);
    long ones = 0;
    for (int i = 0; i < 100_000; i++) {
      long rank = zipf.sample(random);
      assertTrue(rank >= 1 && rank <= n, "rank " + rank);
      ones += rank == 1 ? 1 : 0;
    }
    // P(1) = 1 / H(n) ~ 1 / (ln n + 0.577) ~ 0.035
    assertEquals(0.035, ones / 100_000.0, 0.005);
  }

  @Test
  void aSingleRankIsAlwaysDrawn() {
    ZipfSampler zipf = new ZipfSampler(1, 1.0);
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 1000; i++) {
      assertEquals(1, zipf.sample(random));
    }
  }
}
