package io.memreplay.engine.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecentPagesTest {

  @Test
  void anEntryGivesBackWhatItRemembersAtTheFullRangeOfEachIndex() {
    RecentPages recent = new RecentPages(2);
    int entry = RecentPages.entryOf(1, 77);
    recent.remember(entry, false, Integer.MAX_VALUE, 77, (1L << 52) - 1, Integer.MAX_VALUE, Integer.MAX_VALUE - 1,
        Integer.MAX_VALUE - 2);
    assertTrue(recent.holds(entry, false, Integer.MAX_VALUE, 77));
    assertEquals((1L << 52) - 1, recent.gpn(entry));
    assertEquals(Integer.MAX_VALUE, recent.page(entry));
    assertEquals(Integer.MAX_VALUE - 1, recent.region(entry));
    assertEquals(Integer.MAX_VALUE - 2, recent.traceRegion(entry));
  }

  /** A page is known by its guest physical number, or by its address space and virtual number: never confused. */
  @Test
  void physicalAndVirtualPagesOfEveryAddressSpaceAreApart() {
    RecentPages recent = new RecentPages(1);
    int entry = RecentPages.entryOf(0, 5);
    recent.remember(entry, false, 0, 5, 100, 1, 0, 0);
    assertTrue(recent.holds(entry, false, 0, 5));
    assertFalse(recent.holds(entry, true, 0, 5), "the guest physical page 5");
    assertFalse(recent.holds(entry, false, 1, 5));
    assertFalse(recent.holds(entry, false, 1 << 30, 5));
    assertFalse(recent.holds(entry, false, 0, 6));

    recent.remember(entry, true, 0, 5, 5, 2, 0, 0);
    assertTrue(recent.holds(entry, true, 0, 5));
    assertTrue(recent.holds(entry, true, 1 << 30, 5), "a physical page has no address space");
    assertFalse(recent.holds(entry, false, 0, 5));

    for (int space : new int[] {1, 1 << 30, (1 << 30) + 1, Integer.MAX_VALUE}) {
      recent.remember(entry, false, space, 5, 9, 3, 0, 0);
      assertTrue(recent.holds(entry, false, space, 5));
      assertFalse(recent.holds(entry, false, space ^ 1, 5), "address space " + space);
      assertFalse(recent.holds(entry, true, space, 5));
    }
  }

  @Test
  void aVmForgetsItsPagesAndOnlyItsOwn() {
    RecentPages recent = new RecentPages(2);
    int mine = RecentPages.entryOf(0, 0);
    int other = RecentPages.entryOf(1, 0);
    recent.remember(mine, true, 0, 0, 0, 0, 0, 0);
    recent.remember(other, true, 0, 0, 0, 0, 0, 0);
    recent.forget(0);
    assertFalse(recent.holds(mine, true, 0, 0));
    assertTrue(recent.holds(other, true, 0, 0));
  }
}
