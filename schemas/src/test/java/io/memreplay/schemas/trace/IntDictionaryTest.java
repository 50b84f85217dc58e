package io.memreplay.schemas.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IntDictionaryTest {

  @Test
  void valuesAreNumberedInOrderOfFirstAppearanceWhateverTheirSize() {
    IntDictionary dictionary = new IntDictionary();
    Map<Integer, Integer> expected = new LinkedHashMap<>();
    SplittableRandom random = new SplittableRandom(23);
    int[] edges = {0, 1, 1023, 1024, -1, Integer.MIN_VALUE, Integer.MAX_VALUE};
    for (int i = 0; i < 300_000; i++) {
      // small values, edge values, and enough distinct large ones to grow the hash table many times
      int value = switch (i % 3) {
        case 0 -> random.nextInt(2000);
        case 1 -> edges[random.nextInt(edges.length)];
        default -> random.nextInt();
      };
      int id = expected.computeIfAbsent(value, v -> expected.size());
      assertEquals(id, dictionary.idOf(value), "value " + value);
    }
    assertEquals(expected.size(), dictionary.size());
    expected.forEach((value, id) -> assertEquals(value, dictionary.value(id), "id " + id));
  }
}
