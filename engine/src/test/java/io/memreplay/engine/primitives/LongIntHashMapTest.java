package io.memreplay.engine.primitives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongIntHashMapTest {

  @Test
  void behavesLikeHashMapUnderRandomPutsAddsAndRemovals() {
    SplittableRandom random = new SplittableRandom(7);
    LongIntHashMap map = new LongIntHashMap(4);
    Map<Long, Integer> reference = new HashMap<>();
    // a small key space forces long probe runs, collisions and back-shifting removals
    long[] keySpace = new long[300];
    for (int i = 0; i < keySpace.length; i++) {
      keySpace[i] = i % 10 == 0 ? Long.MIN_VALUE + i / 10 : random.nextLong();
    }
    for (int step = 0; step < 200_000; step++) {
      long key = keySpace[random.nextInt(keySpace.length)];
      switch (random.nextInt(4)) {
        case 0 -> {
          int value = random.nextInt();
          map.put(key, value);
          reference.put(key, value);
        }
        case 1 -> assertEquals(reference.merge(key, 3, Integer::sum), map.addTo(key, 3));
        case 2 -> assertEquals(reference.containsKey(key) ? reference.remove(key) : -7, map.remove(key, -7));
        default -> assertEquals(reference.computeIfAbsent(key, k -> 11), map.putIfAbsent(key, 11));
      }
      assertEquals(reference.size(), map.size());
    }
    for (long key : keySpace) {
      assertEquals(reference.getOrDefault(key, -1), map.get(key, -1));
      assertEquals(reference.containsKey(key), map.containsKey(key));
    }
    Map<Long, Integer> visited = new HashMap<>();
    map.forEach(visited::put);
    assertEquals(reference, visited);
  }

  @Test
  void keepsEveryEntryAcrossGrowth() {
    LongIntHashMap map = new LongIntHashMap();
    for (int i = 0; i < 100_000; i++) {
      map.put(i * 4096L, i);
    }
    for (int i = 0; i < 100_000; i++) {
      assertEquals(i, map.get(i * 4096L, -1));
    }
    assertEquals(100_000, map.size());
  }

  @Test
  void theSentinelKeyIsAnOrdinaryKey() {
    LongIntHashMap map = new LongIntHashMap();
    assertFalse(map.containsKey(Long.MIN_VALUE));
    map.put(Long.MIN_VALUE, 5);
    assertTrue(map.containsKey(Long.MIN_VALUE));
    assertEquals(5, map.get(Long.MIN_VALUE, -1));
    assertEquals(1, map.size());
    assertEquals(5, map.remove(Long.MIN_VALUE, -1));
    assertEquals(0, map.size());
  }

  @Test
  void setCountsDistinctValues() {
    LongHashSet set = new LongHashSet();
    assertTrue(set.add(1));
    assertFalse(set.add(1));
    assertTrue(set.add(0));
    assertTrue(set.add(-1));
    assertEquals(3, set.size());
    assertTrue(set.remove(0));
    assertFalse(set.remove(0));
    assertEquals(2, set.size());
  }
}
