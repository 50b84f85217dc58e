package io.memreplay.engine.workingset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * 16-bit steps read as the steps themselves as far back as readers reach, across many moves of their base;
 * further back they read as some step before that, never as "never"; a step a reader asks to keep stays exact
 * however far back it falls.
 */
class LastStepsTest {

  private static final int PAGES = 3_000;
  private static final int KEPT = 1 << 15;

  @Test
  void sixteenBitStepsReadExactlyWithinTheLastKeptStepsAcrossRebases() {
    LastSteps steps = steps(LastSteps.NARROW_REACH);
    int[] truth = new int[PAGES];
    Arrays.fill(truth, WorkingSetTracker.NEVER);
    SplittableRandom random = new SplittableRandom(3);
    int step = 0;
    // about 300,000 steps: nine moves of the base
    while (step < 300_000) {
      step += random.nextInt(0, 200);
      for (int touches = random.nextInt(1, 8); touches > 0; touches--) {
        // a few pages stay hot, the rest are touched rarely
        int page = random.nextInt(10) == 0 ? random.nextInt(PAGES) : random.nextInt(20);
        steps.set(page, step);
        truth[page] = step;
      }
      if (random.nextInt(50) == 0) {
        assertReadsExactlyWithin(steps, truth, step);
      }
    }
    assertReadsExactlyWithin(steps, truth, step);
  }

  @Test
  void aStepAReaderKeepsStaysExactHoweverFarBackItFalls() {
    LastSteps steps = steps(LastSteps.NARROW_REACH);
    steps.set(1, 100);
    steps.set(2, 99);
    steps.keepFrom(100);
    int step = 100;
    for (; step < 200_000; step += 500) {
      steps.set(3, step);
    }
    assertEquals(100, steps.get(1), "the kept step reads exactly");
    assertTrue(steps.get(2) < 100, "a step before the kept one reads as before it");
    assertEquals(WorkingSetTracker.NEVER, steps.get(4));
    steps.keepFrom(LastTouch.USUAL_REACH);
    steps.set(5, step + 1);
    assertEquals(step + 1, steps.get(5));
    assertEquals(100, steps.get(1), "32-bit slots, once taken, stay exact");
  }

  @Test
  void readersReachingFurtherThanSixteenBitsHoldGetExactStepsThroughout() {
    LastSteps steps = steps(LastSteps.NARROW_REACH + 1);
    steps.set(7, 5);
    steps.set(8, 1_000_000);
    assertEquals(5, steps.get(7));
    assertEquals(1_000_000, steps.get(8));
  }

  @Test
  void aReaderReachingFurtherLaterWidensTheSlotsKeepingTheirSteps() {
    LastSteps steps = steps(LastSteps.NARROW_REACH);
    steps.set(7, 5);
    steps.set(8, 20_000);
    steps.reach(LastSteps.NARROW_REACH);
    steps.set(9, 40_000);
    assertEquals(5, steps.get(7), "a reach within 16 bits leaves the slots as they are");
    steps.reach(LastSteps.NARROW_REACH + 1);
    steps.set(10, 1_000_000);
    assertEquals(20_000, steps.get(8));
    assertEquals(40_000, steps.get(9));
    assertEquals(1_000_000, steps.get(10));
    assertEquals(WorkingSetTracker.NEVER, steps.get(11));
  }

  @Test
  void aKeptStepBeforeTheBaseLeavesRecentStepsExact() {
    LastSteps steps = steps(LastSteps.NARROW_REACH);
    int step = 0;
    for (; step < 100_000; step += 1_000) {
      steps.set(1, step);
    }
    steps.keepFrom(10);
    steps.set(2, step);
    for (; step < 300_000; step += 1_000) {
      steps.set(3, step);
    }
    assertEquals(step - 1_000, steps.get(3));
    assertTrue(steps.get(1) < step - KEPT && steps.get(1) != WorkingSetTracker.NEVER);
  }

  /** Slots for {@link #PAGES} pages, for readers reaching {@code reachSteps} back. */
  private static LastSteps steps(long reachSteps) {
    LastSteps steps = new LastSteps(reachSteps);
    steps.ensure(PAGES);
    return steps;
  }

  private static void assertReadsExactlyWithin(LastSteps steps, int[] truth, int latest) {
    for (int page = 0; page < PAGES; page++) {
      int read = steps.get(page);
      if (truth[page] == WorkingSetTracker.NEVER) {
        assertEquals(WorkingSetTracker.NEVER, read, "page " + page + " never touched");
      } else if (truth[page] >= latest - KEPT) {
        assertEquals(truth[page], read, "page " + page + " at step " + latest);
      } else {
        assertTrue(read != WorkingSetTracker.NEVER && read < latest - KEPT,
            "page " + page + " touched at " + truth[page] + " reads " + read + " at step " + latest);
      }
    }
  }
}
