package io.memreplay.engine.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HeadOrderTest {

  @Test
  void firstIsNoneUntilSomeVmHasAHead() {
    HeadOrder heads = new HeadOrder(5);
    assertEquals(HeadOrder.NONE, heads.first());
    heads.set(3, 10, 0);
    assertEquals(3, heads.first());
    heads.remove(3);
    assertEquals(HeadOrder.NONE, heads.first());
  }

  @Test
  void oneVmIsItsOwnFirst() {
    HeadOrder heads = new HeadOrder(1);
    heads.set(0, 7, 2);
    assertEquals(0, heads.first());
    assertEquals(7, heads.hostNs(0));
    assertEquals(2, heads.kind(0));
  }

  @Test
  void tiesGoByKindThenBySlot() {
    HeadOrder heads = new HeadOrder(4);
    heads.set(2, 100, 1);
    heads.set(1, 100, 1);
    heads.set(3, 100, 0);
    assertEquals(3, heads.first());
    heads.remove(3);
    assertEquals(1, heads.first());
  }

  @Test
  void firstMatchesAScanOfEveryVmThroughRandomChanges() {
    Random random = new Random(7);
    for (int vms : new int[] {1, 2, 3, 7, 8, 9, 130}) {
      HeadOrder heads = new HeadOrder(vms);
      boolean[] present = new boolean[vms];
      for (int step = 0; step < 5_000; step++) {
        int slot = random.nextInt(vms);
        if (random.nextInt(4) == 0) {
          heads.remove(slot);
          present[slot] = false;
        } else {
          heads.set(slot, random.nextInt(50), random.nextInt(4));
          present[slot] = true;
        }
        int expected = HeadOrder.NONE;
        for (int candidate = 0; candidate < vms; candidate++) {
          if (present[candidate] && (expected == HeadOrder.NONE || heads.before(candidate, expected))) {
            expected = candidate;
          }
        }
        assertEquals(expected, heads.first(), "VMs " + vms + ", step " + step);
      }
    }
  }
}
