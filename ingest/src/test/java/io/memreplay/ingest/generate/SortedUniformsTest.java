package io.memreplay.ingest.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SortedUniformsTest {

  @Test
  void deliversExactlyCountIncreasingPointsSpreadUniformly() {
    int count = 200_000;
    SortedUniforms points = new SortedUniforms(count, new SplittableRandom(5));
    double previous = 0;
    int[] quarters = new int[4];
    for (int i = 0; i < count; i++) {
      assertTrue(points.hasNext());
      double point = points.next();
      assertTrue(point >= previous && point < 1, "point " + i + " = " + point + " after " + previous);
      quarters[(int) (point * 4)]++;
      previous = point;
    }
    assertFalse(points.hasNext());
    for (int quarter : quarters) {
      assertEquals(0.25, quarter / (double) count, 0.005);
    }
    assertTrue(previous > 0.999, "the largest of 200k uniform points lies near 1: " + previous);
  }
}
