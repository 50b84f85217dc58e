package io.memreplay.engine.primitives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LookaheadRandomTest {

  /** Small bounds, powers of two, and large ones that reject up to half of the candidates. */
  private static int bound(Random pick, int i) {
    return switch (i % 4) {
      case 0 -> 1 + pick.nextInt(1000);
      case 1 -> 1 << pick.nextInt(31);
      case 2 -> (1 << 30) + 1 + pick.nextInt(1000);
      default -> 1 + pick.nextInt(Integer.MAX_VALUE);
    };
  }

  @Test
  void drawsTheNumbersOfSplittableRandomForEverySeedAndBound() {
    Random pick = new Random(7);
    for (int s = 0; s < 50; s++) {
      long seed = pick.nextLong();
      SplittableRandom reference = new SplittableRandom(seed);
      LookaheadRandom random = new LookaheadRandom(seed);
      for (int i = 0; i < 20_000; i++) {
        int bound = bound(pick, i);
        assertEquals(reference.nextInt(bound), random.nextInt(bound), "seed " + seed + ", draw " + i + ", bound " + bound);
      }
    }
  }

  @Test
  void aPeekSaysTheNextNumbersAndDrawsNone() {
    Random pick = new Random(11);
    LookaheadRandom random = new LookaheadRandom(42);
    SplittableRandom reference = new SplittableRandom(42);
    int[] next = new int[16];
    for (int round = 0; round < 1000; round++) {
      int bound = bound(pick, round);
      int count = 1 + pick.nextInt(next.length);
      random.peek(bound, next, count);
      int[] drawn = new int[count];
      for (int i = 0; i < count; i++) {
        drawn[i] = random.nextInt(bound);
        assertEquals(reference.nextInt(bound), drawn[i], "a peek leaves the sequence as it was");
      }
      assertArrayEquals(java.util.Arrays.copyOf(next, count), drawn, "round " + round + ", bound " + bound);
    }
  }

  @Test
  void aBoundBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new LookaheadRandom(1).nextInt(0));
  }
}
