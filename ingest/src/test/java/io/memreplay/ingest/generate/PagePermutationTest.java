package io.memreplay.ingest.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PagePermutationTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 7, 64, 1000, 4097, 65_537})
  void mapsZeroToNOntoItselfOneToOne(long n) {
    PagePermutation permutation = new PagePermutation(n, 99);
    boolean[] hit = new boolean[(int) n];
    for (long i = 0; i < n; i++) {
      long image = permutation.apply(i);
      assertTrue(image >= 0 && image < n, "image " + image + " of " + i);
      assertFalse(hit[(int) image], "image " + image + " twice");
      hit[(int) image] = true;
    }
  }

  @Test
  void differentKeysGiveDifferentScatteredOrders() {
    long n = 10_000;
    List<Long> first = images(new PagePermutation(n, 1), 20);
    List<Long> second = images(new PagePermutation(n, 2), 20);
    assertNotEquals(first, second);
    assertEquals(first, images(new PagePermutation(n, 1), 20), "the same key gives the same order");
    long ascending = 0;
    for (int i = 1; i < first.size(); i++) {
      ascending += first.get(i) > first.get(i - 1) ? 1 : 0;
    }
    assertTrue(ascending > 3 && ascending < 16, "consecutive indices land in no particular order: " + first);
  }

  private static List<Long> images(PagePermutation permutation, int count) {
    List<Long> images = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      images.add(permutation.apply(i));
    }
    return images;
  }
}
