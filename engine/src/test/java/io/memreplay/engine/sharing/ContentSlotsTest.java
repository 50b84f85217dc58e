package io.memreplay.engine.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The table finds every content it holds and none it does not, through many growths and removals, with
 * contents that share their high 32 bits (the bits a slot keeps) and differ only in the rest.
 */
class ContentSlotsTest {

  @Test
  void findsWhatItHoldsThroughGrowthAndRemovals() {
    Map<Integer, Long> hashOfPayload = new HashMap<>();
    ContentSlots slots = new ContentSlots(hashOfPayload::get);
    Map<Long, Integer> expected = new HashMap<>();
    SplittableRandom random = new SplittableRandom(11);
    int nextPayload = 1;
    for (int step = 0; step < 200_000; step++) {
      // high bits from a small set, so that many contents collide in them
      long hash = (long) random.nextInt(5_000) << 32 | random.nextInt(40);
      int at = slots.find(hash);
      if (expected.containsKey(hash)) {
        assertTrue(at >= 0, "held content " + hash + " found");
        assertEquals((int) expected.get(hash), slots.payloadAt(at));
        if (random.nextBoolean()) {
          slots.remove(at);
          expected.remove(hash);
        }
      } else {
        assertTrue(at < 0, "content " + hash + " not held is not found");
        int payload = nextPayload++;
        hashOfPayload.put(payload, hash);
        slots.insert(at, hash, payload);
        expected.put(hash, payload);
      }
    }
    assertEquals(expected.size(), slots.size());
    for (Map.Entry<Long, Integer> entry : expected.entrySet()) {
      int at = slots.find(entry.getKey());
      assertTrue(at >= 0);
      assertEquals((int) entry.getValue(), slots.payloadAt(at));
    }
  }
}
