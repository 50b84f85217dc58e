package io.memreplay.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObserverThreadTest {

  /** Numbers recorded three to a log, taken into a list the test reads once the thread is drained. */
  private static final class Numbers extends ObserverThread.Log {
    private final List<Integer> taken;
    private final int[] recorded = new int[3];

    Numbers(List<Integer> taken) {
      super(3);
      this.taken = taken;
    }

    void add(int number) {
      recorded[add()] = number;
    }

    @Override
    protected void takeSteps() {
      for (int i = 0; i < size(); i++) {
        if (recorded[i] < 0) {
          throw new IllegalArgumentException("negative: " + recorded[i]);
        }
        taken.add(recorded[i]);
      }
    }
  }

  @Test
  void theThreadTakesEveryStepInTheOrderRecordedAcrossManyLogs() {
    List<Integer> taken = new ArrayList<>();
    ObserverThread<Numbers> thread = new ObserverThread<>("numbers", () -> new Numbers(taken));
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      thread.log().add(i);
      thread.recorded();
      expected.add(i);
    }
    thread.drain();
    assertEquals(expected, taken);
    thread.log().add(1000);
    thread.recorded();
    thread.drain();
    assertEquals(1001, taken.size());
    thread.close();
  }

  @Test
  void aStepThatFailsOnTheThreadFailsTheLoopWhenItNextWaits() {
    ObserverThread<Numbers> thread = new ObserverThread<>("numbers", () -> new Numbers(new ArrayList<>()));
    thread.log().add(-1);
    thread.recorded();

    IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, thread::drain);
    assertEquals("negative: -1", failure.getMessage());
    assertSame(failure, assertThrows(IllegalArgumentException.class, thread::drain), "and every time after");
    thread.close();
  }
}
