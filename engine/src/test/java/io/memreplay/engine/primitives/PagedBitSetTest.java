package io.memreplay.engine.primitives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PagedBitSetTest {

  @Test
  void holdsWhatASetOfLongsHoldsNearZeroAndFarAbove() {
    PagedBitSet bits = new PagedBitSet();
    Set<Long> expected = new HashSet<>();
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 20_000; i++) {
      long key = switch (i % 3) {
        case 0 -> random.nextLong(1 << 20);
        case 1 -> (1L << 24) + random.nextLong(1 << 20);
        default -> random.nextLong(Long.MAX_VALUE);
      };
      assertEquals(expected.add(key), bits.add(key));
    }
    assertEquals(expected.size(), bits.size());
    for (long key : expected) {
      assertTrue(bits.contains(key));
    }
    for (int i = 0; i < 20_000; i++) {
      long key = random.nextLong(Long.MAX_VALUE);
      assertEquals(expected.contains(key), bits.contains(key));
    }
  }

  @Test
  void negativeKeysAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new PagedBitSet().add(-1));
  }
}
