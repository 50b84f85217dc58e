package io.memreplay.engine.workingset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Fenwick-tree stack answers every reference and removal as a plain list kept in recency order does,
 * through many renumberings of its stamps and with keys moving in and out of its front array.
 */
class LruStackTest {

  @ParameterizedTest(name = "{0} keys from {2}, seed {1}, sparse {3}")
  @CsvSource({"3, 1, 0, false", "20, 2, 0, false", "300, 3, 0, false", "5000, 4, 0, false",
      "300, 5, 65000, true", "5000, 6, 1000000, true"})
  void distancesAndRemovalsMatchAListInRecencyOrder(int keys, long seed, int firstKey, boolean sparse) {
    SplittableRandom random = new SplittableRandom(seed);
    LruStack stack = new LruStack(sparse);
    List<Integer> recency = new ArrayList<>();
    for (int step = 0; step < 50_000; step++) {
      // mostly recent keys, as programs reference, with jumps anywhere now and then
      int key = random.nextInt(10) < 7 && !recency.isEmpty()
          ? recency.get(Math.min(recency.size() - 1, (int) Math.abs(random.nextGaussian() * 12)))
          : firstKey + random.nextInt(keys);
      if (random.nextInt(50) == 0) {
        int expected = recency.indexOf(key);
        assertEquals(expected < 0 ? LruStack.COLD : expected, stack.remove(key), "position of removed key " + key);
        recency.remove(Integer.valueOf(key));
      } else {
        int expected = recency.indexOf(key);
        assertEquals(expected < 0 ? LruStack.COLD : expected, stack.reference(key), "distance of key " + key + " at step " + step);
        recency.remove(Integer.valueOf(key));
        recency.add(0, key);
      }
      assertEquals(recency.size(), stack.size());
    }
  }

  /** A long trace over few pages: the stamps the tree keeps follow the pages, not the references made. */
  @Test
  void memoryStaysBoundedByTheKeysOverAnyNumberOfReferences() {
    LruStack stack = new LruStack(false);
    SplittableRandom random = new SplittableRandom(9);
    int keys = 5_000;
    for (int step = 0; step < 20_000_000; step++) {
      stack.reference(random.nextInt(keys));
    }
    assertEquals(keys, stack.size());
    assertTrue(stack.stampCapacity() <= 4 * keys,
        "capacity " + stack.stampCapacity() + " for " + keys + " keys after 20 M references");
  }
}
