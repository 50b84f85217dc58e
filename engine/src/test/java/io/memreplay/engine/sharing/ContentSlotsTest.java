package io.memreplay.engine.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.engine.primitives.Hashing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The table finds every content it holds and none it does not, through many growths and removals, with
 * contents that share their high 32 bits and differ only in the rest, and with contents whose searches all
 * start at the same few slots.
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

  @Test
  void growsRatherThanLeaveAnEntryFarFromItsHome() {
    // contents whose mixed hashes all lie in the lowest 2^-12 of the range: in a table of a few thousand
    // slots every search starts at slot 0, so more than 255 of them cannot all lie within reach of it
    List<Long> crowded = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(5);
    while (crowded.size() < 600) {
      long hash = random.nextLong();
      if (Hashing.mix(hash) >>> 52 == 0) {
        crowded.add(hash);
      }
    }
    Map<Integer, Long> hashOfPayload = new HashMap<>();
    ContentSlots slots = new ContentSlots(hashOfPayload::get);
    for (int i = 0; i < crowded.size(); i++) {
      hashOfPayload.put(i + 1, crowded.get(i));
      slots.insert(slots.find(crowded.get(i)), crowded.get(i), i + 1);
    }
    for (int i = 0; i < crowded.size(); i++) {
      int at = slots.find(crowded.get(i));
      assertTrue(at >= 0, "content " + i + " found");
      assertEquals(i + 1, slots.payloadAt(at));
    }
    for (int i = 0; i < crowded.size(); i += 2) {
      slots.remove(slots.find(crowded.get(i)));
    }
    for (int i = 0; i < crowded.size(); i++) {
      assertEquals(i % 2 == 1, slots.find(crowded.get(i)) >= 0, "content " + i + " held after removals");
    }
    assertEquals(crowded.size() / 2, slots.size());
  }
}
