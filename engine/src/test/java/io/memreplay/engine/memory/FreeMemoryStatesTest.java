package io.memreplay.engine.memory;

import io.memreplay.engine.config.StatePolicy;
import io.memreplay.engine.config.MemoryState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FreeMemoryStatesTest {

  private static final double MB = 256;

  /** docs/model.md "Host memory", free-memory states: DEN11's sliding scale, VMB's esxtop check (M = 130,607 MB shows 1920). */
  @ParameterizedTest
  @CsvSource({
      "2048, 122.88",     // 6% of 2 GB
      "4096, 245.76",     // 6% of the first 4 GB
      "12288, 573.44",    // + 4% of the next 8 GB
      "28672, 901.12",    // + 2% of the next 16 GB: the "899 MB" of the blogs
      "65536, 1269.76",   // + 1% of the rest
      "130607, 1920.47"})
  void minFreeFollowsTheSlidingScale(long managedMb, double expectedMb) {
    assertEquals(expectedMb, FreeMemoryStates.minFreeMb(managedMb, managedMb, 0), 0.005);
  }

  @Test
  void aFixedMinFreePercentIsOfHostMemory() {
    assertEquals(491.52, FreeMemoryStates.minFreeMb(8000, 8192, 6), 1e-9);
  }

  @Test
  void esxi6ThresholdsArePercentagesOfMinFree() {
    FreeMemoryStates states = new FreeMemoryStates(StatePolicy.ESXI_DEFAULT, 28672, 28672, 0);
    long minFree = Math.round(901.12 * MB);
    assertEquals(minFree, states.minFreePages());
    assertEquals(4 * minFree, states.thresholdPages(MemoryState.HIGH));
    assertEquals(minFree, states.thresholdPages(MemoryState.CLEAR));
    assertEquals(Math.round(0.64 * minFree), states.thresholdPages(MemoryState.SOFT));
    assertEquals(Math.round(0.32 * minFree), states.thresholdPages(MemoryState.HARD));
    assertEquals(Math.round(0.16 * minFree), states.thresholdPages(MemoryState.LOW));
  }

  @Test
  void aStateIsEnteredBelowItsThresholdAndLeftOnlyPastTheHysteresis() {
    FreeMemoryStates states = new FreeMemoryStates(StatePolicy.ESXI_DEFAULT, 28672, 28672, 0);
    long soft = states.thresholdPages(MemoryState.SOFT);
    long clear = states.thresholdPages(MemoryState.CLEAR);
    assertEquals(MemoryState.HIGH, states.state());
    assertTrue(states.update(clear - 1, 1));
    assertEquals(MemoryState.CLEAR, states.state());
    assertTrue(states.update(states.thresholdPages(MemoryState.LOW) - 1, 2));
    assertEquals(MemoryState.LOW, states.state(), "falling past several thresholds enters the lowest at once");
    states.update(soft - 1, 3);
    assertEquals(MemoryState.SOFT, states.state(), "far above low's and hard's thresholds, just below soft's");
    assertFalse(states.update((long) (soft * 1.05), 4), "5% above soft's threshold is within the hysteresis");
    assertEquals(MemoryState.SOFT, states.state());
    states.update((long) (soft * 1.11), 5);
    assertEquals(MemoryState.CLEAR, states.state(), "11% above soft's threshold leaves soft, for clear");
    states.update(clear * 2, 6);
    assertEquals(MemoryState.HIGH, states.state());
  }

  @Test
  void esx2002ThresholdsArePercentagesOfHostMemoryWithoutAClearState() throws Exception {
    StatePolicy policy = HostFixture.builtIn("esx-2002").states();
    FreeMemoryStates states = new FreeMemoryStates(policy, 1024, 1024, 0);
    long host = 1024 * 256;
    assertEquals(Math.round(0.04 * host), states.thresholdPages(MemoryState.SOFT));
    states.update(Math.round(0.05 * host), 1);
    assertEquals(MemoryState.HIGH, states.state(), "between 4% and 6%: still high");
    states.update(Math.round(0.039 * host), 2);
    assertEquals(MemoryState.SOFT, states.state());
    states.update(Math.round(0.015 * host), 3);
    assertEquals(MemoryState.HARD, states.state());
    states.update(Math.round(0.009 * host), 4);
    assertEquals(MemoryState.LOW, states.state());
  }

  @Test
  void timeIsAccountedToTheStateItWasSpentIn() {
    FreeMemoryStates states = new FreeMemoryStates(StatePolicy.ESXI_DEFAULT, 28672, 28672, 0);
    states.update(0, 10);
    states.update(states.thresholdPages(MemoryState.HIGH) * 2, 25);
    long[] time = new long[MemoryState.values().length];
    states.drainTimeInStates(60, time);
    assertEquals(10 + 35, time[MemoryState.HIGH.ordinal()]);
    assertEquals(15, time[MemoryState.LOW.ordinal()]);
    states.drainTimeInStates(100, time);
    assertEquals(40, time[MemoryState.HIGH.ordinal()], "each drain counts from the last");
  }
}
